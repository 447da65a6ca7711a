#include "cbor_python.h"

#include "python_text.h"

#include <QCborArray>
#include <QCborMap>

namespace py = pybind11;

namespace kusari::kernel {

py::object cborToPython(const QCborValue& value) {
  switch (value.type()) {
    case QCborValue::Integer: return py::int_(value.toInteger());
    case QCborValue::Double: return py::float_(value.toDouble());
    case QCborValue::True: return py::bool_(true);
    case QCborValue::False: return py::bool_(false);
    case QCborValue::String: return toPython(value.toString());
    case QCborValue::ByteArray: {
      const QByteArray bytes = value.toByteArray();
      return py::bytes(bytes.constData(), size_t(bytes.size()));
    }
    case QCborValue::Array: {
      py::list list;
      for (const QCborValue& item : value.toArray()) list.append(cborToPython(item));
      return list;
    }
    case QCborValue::Map: {
      py::dict dict;
      const QCborMap map = value.toMap();
      for (auto it = map.begin(); it != map.end(); ++it) dict[cborToPython(it.key())] = cborToPython(it.value());
      return dict;
    }
    default: return py::none();
  }
}

QCborValue pythonToCbor(py::handle object) {
  if (object.is_none()) return QCborValue(nullptr);
  if (py::isinstance<py::bool_>(object)) return QCborValue(object.cast<bool>());
  if (py::isinstance<py::int_>(object)) return QCborValue(object.cast<qint64>());
  if (py::isinstance<py::float_>(object)) return QCborValue(object.cast<double>());
  if (py::isinstance<py::str>(object)) return QCborValue(toQString(object));
  if (py::isinstance<py::bytes>(object)) {
    const std::string bytes = object.cast<std::string>();
    return QCborValue(QByteArray(bytes.data(), qsizetype(bytes.size())));
  }
  if (py::isinstance<py::dict>(object)) {
    QCborMap map;
    for (auto [key, item] : py::reinterpret_borrow<py::dict>(object)) map.insert(pythonToCbor(key), pythonToCbor(item));
    return map;
  }
  if (py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object)) {
    QCborArray array;
    for (py::handle item : object) array.append(pythonToCbor(item));
    return array;
  }
  throw py::type_error("cannot send a " + py::str(py::type::of(object).attr("__name__")).cast<std::string>() +
                       " in a kernel message: " + py::repr(object).cast<std::string>());
}

}  // namespace kusari::kernel
