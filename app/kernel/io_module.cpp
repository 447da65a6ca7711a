// _kusari_kernel_io: the built-in module through which the Python side publishes output.
//   write(stream_name, text)  -> coalesced `stream` messages
//   display(bundle, display_id="") -> a `display_data` message (bundle as built by display.py)
//   update_display(bundle, display_id) -> an `update_display_data` message
//   metrics(runs, points)     -> a `metrics` message; runs [(run, label, cell_id)],
//                                points [(run, name, iteration, epoch, value)] (metrics.py)
//   param_stats(run, iteration, epoch, layers)
//                             -> a `param_stats` message; layers [dict] (param_stats.py)
//   take_stop_request()       -> True once after a stop_training_request (clears it)
//   execute_result(bundle, n) -> an `execute_result` message with execution_count n
#include "output_route.h"
#include "protocol/display_data.h"
#include "protocol/metrics_messages.h"
#include "protocol/param_stats_messages.h"
#include "python_text.h"
#include "training_control.h"

#include <pybind11/embed.h>

namespace py = pybind11;

namespace kusari::kernel {

OutputRoute& outputRoute() {
  static OutputRoute route;
  return route;
}

namespace {

QList<qint64> toIntegers(py::handle sequence) {
  QList<qint64> integers;
  for (py::handle item : sequence) integers.append(item.cast<qint64>());
  return integers;
}

QByteArray toBytes(py::handle object) {
  const std::string bytes = py::bytes(py::reinterpret_borrow<py::object>(object));
  return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

protocol::TensorSummary tensorFromPython(const py::dict& t) {
  protocol::TensorSummary summary;
  summary.shape = toIntegers(t["shape"]);
  summary.dtype = toQString(t["dtype"]);
  summary.device = toQString(t["device"]);
  summary.min = t["min"].cast<double>();
  summary.max = t["max"].cast<double>();
  summary.mean = t["mean"].cast<double>();
  summary.std = t["std"].cast<double>();
  summary.nanCount = t["nan_count"].cast<qint64>();
  summary.infCount = t["inf_count"].cast<qint64>();
  summary.previewShape = toIntegers(t["preview_shape"]);
  summary.preview = toBytes(t["preview"]);
  return summary;
}

protocol::DisplayData displayFromPython(const py::dict& bundle) {
  protocol::DisplayData data;
  data.text = toQString(bundle[protocol::kMimeText]);
  if (bundle.contains(protocol::kMimePng)) data.png = toBytes(bundle[protocol::kMimePng]);
  if (bundle.contains(protocol::kMimeTensor)) data.tensor = tensorFromPython(bundle[protocol::kMimeTensor]);
  return data;
}

protocol::Metrics metricsFromPython(const py::list& runs, const py::list& points) {
  protocol::Metrics metrics;
  metrics.runs.reserve(runs.size());
  for (py::handle item : runs) {
    py::tuple r = py::reinterpret_borrow<py::tuple>(item);
    metrics.runs.append({toQString(r[0]), toQString(r[1]), toQString(r[2])});
  }
  metrics.points.reserve(points.size());
  for (py::handle item : points) {
    py::tuple p = py::reinterpret_borrow<py::tuple>(item);
    metrics.points.append({toQString(p[0]), toQString(p[1]), p[2].cast<qint64>(), p[3].cast<double>(), p[4].cast<double>()});
  }
  return metrics;
}

protocol::ParamHistogram histogramFromPython(py::handle h) {
  py::tuple t = py::reinterpret_borrow<py::tuple>(h);  // (lo, hi, [counts])
  return {t[0].cast<double>(), t[1].cast<double>(), toIntegers(t[2])};
}

protocol::ParamStats paramStatsFromPython(const py::str& run, qint64 iteration, double epoch, const py::list& layers) {
  protocol::ParamStats stats{toQString(run), iteration, epoch, {}};
  stats.layers.reserve(layers.size());
  for (py::handle item : layers) {
    py::dict d = py::reinterpret_borrow<py::dict>(item);
    protocol::ParamLayerStats l;
    l.path = toQString(d["path"]);
    l.shape = toIntegers(d["shape"]);
    l.size = d["size"].cast<qint64>();
    l.dataNorm = d["data_norm"].cast<double>();
    l.gradNorm = d["grad_norm"].cast<double>();
    l.dataMean = d["data_mean"].cast<double>();
    l.dataStd = d["data_std"].cast<double>();
    l.gradMean = d["grad_mean"].cast<double>();
    l.gradStd = d["grad_std"].cast<double>();
    if (d.contains("update_ratio") && !d["update_ratio"].is_none()) l.updateRatio = d["update_ratio"].cast<double>();
    l.hasGrad = d["has_grad"].cast<bool>();
    l.nanCount = d["nan_count"].cast<qint64>();
    l.infCount = d["inf_count"].cast<qint64>();
    l.gradHistogram = histogramFromPython(d["grad_histogram"]);
    l.dataHistogram = histogramFromPython(d["data_histogram"]);
    stats.layers.append(std::move(l));
  }
  return stats;
}

}  // namespace
}  // namespace kusari::kernel

PYBIND11_EMBEDDED_MODULE(_kusari_kernel_io, m) {
  using namespace kusari::kernel;
  m.def("write", [](const py::str& name, const py::str& text) {
    OutputRoute& route = outputRoute();
    if (route.outbox) route.outbox->writeStream(route.parent, toQString(name), toQString(text));
  });
  m.def("display", [](const py::dict& bundle, const py::str& displayId) {
    OutputRoute& route = outputRoute();
    kusari::protocol::DisplayData data = displayFromPython(bundle);
    data.displayId = toQString(displayId);
    if (route.outbox) route.outbox->post(route.parent, data);
  }, py::arg("bundle"), py::arg("display_id") = py::str(""));
  m.def("update_display", [](const py::dict& bundle, const py::str& displayId) {
    OutputRoute& route = outputRoute();
    kusari::protocol::UpdateDisplayData data;
    static_cast<kusari::protocol::DisplayData&>(data) = displayFromPython(bundle);
    data.displayId = toQString(displayId);
    if (route.outbox) route.outbox->post(route.parent, data);
  });
  m.def("metrics", [](const py::list& runs, const py::list& points) {
    OutputRoute& route = outputRoute();
    if (route.outbox) route.outbox->post(route.parent, metricsFromPython(runs, points));
  });
  m.def("param_stats", [](const py::str& run, qint64 iteration, double epoch, const py::list& layers) {
    OutputRoute& route = outputRoute();
    if (route.outbox) route.outbox->post(route.parent, paramStatsFromPython(run, iteration, epoch, layers));
  });
  m.def("take_stop_request", [] { return stopTrainingFlag().exchange(false); });
  m.def("execute_result", [](const py::dict& bundle, qint64 executionCount) {
    OutputRoute& route = outputRoute();
    if (route.outbox) route.outbox->post(route.parent, kusari::protocol::ExecuteResult{executionCount, displayFromPython(bundle)});
  });
}
