// Text between Python objects and Qt strings (UTF-8 both ways; lone surrogates replaced).
#pragma once

#include <pybind11/pybind11.h>

#include <QString>
#include <QStringList>

namespace kusari::kernel {

inline QString toQString(pybind11::handle object) {
  PyObject* text = PyObject_Str(object.ptr());
  if (!text) throw pybind11::error_already_set();
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(text, &size);
  QString result;
  if (utf8) {
    result = QString::fromUtf8(utf8, size);
  } else {
    PyErr_Clear();
    PyObject* bytes = PyUnicode_AsEncodedString(text, "utf-8", "replace");
    if (bytes) result = QString::fromUtf8(PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
    Py_XDECREF(bytes);
  }
  Py_DECREF(text);
  return result;
}

inline QStringList toQStringList(pybind11::handle sequence) {
  QStringList strings;
  for (pybind11::handle item : sequence) strings.append(toQString(item));
  return strings;
}

inline pybind11::str toPython(const QString& text) {
  const QByteArray utf8 = text.toUtf8();
  return pybind11::str(utf8.constData(), size_t(utf8.size()));
}

}  // namespace kusari::kernel
