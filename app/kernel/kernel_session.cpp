#include "kernel_session.h"

#include "output_route.h"
#include "protocol/messages.h"
#include "python_text.h"
#include "training_control.h"

#include <csignal>
#include <cstdio>

namespace py = pybind11;
using namespace kusari::protocol;

namespace kusari::kernel {

namespace {

// An interrupt that came while no cell ran must not hit the next one.
void dropStaleInterrupt() {
  if (PyErr_CheckSignals() != 0) PyErr_Clear();
}

Error errorFromPython(const py::dict& report) {
  Error e;
  e.ename = toQString(report["ename"]);
  e.evalue = toQString(report["evalue"]);
  e.traceback = toQStringList(report["traceback"]);
  e.cellId = toQString(report["cell_id"]);
  e.line = report["line"].cast<qint64>();
  return e;
}

}  // namespace

void KernelSession::interrupt() {
  // A real SIGINT to the Python thread, exactly what the client's kill() does: Python's handler
  // raises KeyboardInterrupt, and a blocking call (time.sleep, a read) is woken up by it.
  if (executing_) pthread_kill(python_thread_, SIGINT);
}

void KernelSession::requestShutdown() {
  shutdown_requested_ = true;
  interrupt();
}

void KernelSession::requestStopTraining() {
  if (executing_) stopTrainingFlag() = true;
}

void KernelSession::run(PythonRuntime& python) {
  python_ = &python;
  python_thread_ = pthread_self();
  outputRoute().outbox = &outbox_;
  outbox_.post(QString(), Status{QStringLiteral("idle")});
  for (;;) {
    std::optional<Message> request;
    {
      py::gil_scoped_release idle;  // Python threads started by cells keep running meanwhile
      request = requests_.pop();
    }
    if (!request) break;
    serve(*request);
    if (request->is<ShutdownRequest>()) break;
  }
  outputRoute().outbox = nullptr;
}

void KernelSession::serve(const Message& request) {
  dropStaleInterrupt();
  // From here on an interrupt targets this request, so one sent on seeing "busy" is never lost.
  if (request.is<ExecuteRequest>()) {
    stopTrainingFlag() = false;  // a stop meant for an earlier cell
    executing_ = true;
  }
  outbox_.post(request.id, Status{QStringLiteral("busy")});
  outputRoute().parent = request.id;
  try {
    if (request.is<ExecuteRequest>()) execute(request);
    else if (request.is<CompleteRequest>()) complete(request);
    else if (request.is<InspectRequest>()) inspect(request);
    else if (request.is<VariablesRequest>()) variables(request);
    else if (request.is<KernelInfoRequest>()) kernelInfo(request);
    else if (request.is<ShutdownRequest>()) outbox_.post(request.id, ShutdownReply{request.body<ShutdownRequest>().restart});
    else std::fprintf(stderr, "kusari-kernel: ignoring unknown request type %s\n", qPrintable(request.type));
  } catch (const py::error_already_set& e) {
    // A late KeyboardInterrupt or a failure inside the kernel's own Python code.
    std::fprintf(stderr, "kusari-kernel: %s request failed: %s\n", qPrintable(request.type), e.what());
  }
  executing_ = false;
  outbox_.post(request.id, Status{QStringLiteral("idle")});
}

void KernelSession::execute(const Message& request) {
  const ExecuteRequest cell = request.body<ExecuteRequest>();
  if (shutdown_requested_) {
    outbox_.post(request.id, ExecuteReply{QStringLiteral("aborted"), execution_count_});
    return;
  }
  if (!cell.silent) ++execution_count_;
  py::object report;
  try {
    report = python_->module("_kusari_kernel_execute")
                 .attr("run_cell")(toPython(cell.code), toPython(cell.cellId), cell.silent, python_->mainNamespace());
  } catch (const py::error_already_set& e) {  // an interrupt landing in the kernel's own frames
    report = py::dict(py::arg("ename") = e.type().attr("__name__"), py::arg("evalue") = py::str(e.value()),
                      py::arg("traceback") = py::list(), py::arg("cell_id") = toPython(cell.cellId),
                      py::arg("line") = -1);
  }
  executing_ = false;
  if (report.is_none()) {
    outbox_.post(request.id, ExecuteReply{QStringLiteral("ok"), execution_count_});
    return;
  }
  outbox_.post(request.id, errorFromPython(report));
  outbox_.post(request.id, ExecuteReply{QStringLiteral("error"), execution_count_});
}

void KernelSession::complete(const Message& request) {
  const CompleteRequest query = request.body<CompleteRequest>();
  CompleteReply reply{{}, query.cursorPos, query.cursorPos};
  try {
    py::tuple result = python_->module("_kusari_kernel_introspect")
                           .attr("complete")(toPython(query.code), query.cursorPos, python_->mainNamespace());
    reply = {toQStringList(result[0]), result[1].cast<qint64>(), result[2].cast<qint64>()};
  } catch (const py::error_already_set& e) {
    std::fprintf(stderr, "kusari-kernel: completion failed: %s\n", e.what());
  }
  outbox_.post(request.id, reply);
}

void KernelSession::inspect(const Message& request) {
  const InspectRequest query = request.body<InspectRequest>();
  InspectReply reply;
  try {
    py::dict result = python_->module("_kusari_kernel_introspect")
                          .attr("inspect_at")(toPython(query.code), query.cursorPos, python_->mainNamespace());
    reply = {result["found"].cast<bool>(), toQString(result["name"]), toQString(result["type_name"]),
             toQString(result["signature"]), toQString(result["docstring"])};
  } catch (const py::error_already_set& e) {
    std::fprintf(stderr, "kusari-kernel: inspection failed: %s\n", e.what());
  }
  outbox_.post(request.id, reply);
}

void KernelSession::variables(const Message& request) {
  VariablesReply reply;
  try {
    py::list entries = python_->module("_kusari_kernel_variables").attr("list_variables")(python_->mainNamespace());
    for (py::handle item : entries) {
      py::dict entry = py::reinterpret_borrow<py::dict>(item);
      VariableInfo v;
      v.name = toQString(entry["name"]);
      v.typeName = toQString(entry["type_name"]);
      for (py::handle n : entry["shape"]) v.shape.append(n.cast<qint64>());
      v.dtype = toQString(entry["dtype"]);
      v.repr = toQString(entry["repr"]);
      v.hasStats = entry.contains("min");
      if (v.hasStats) {
        v.min = entry["min"].cast<double>();
        v.mean = entry["mean"].cast<double>();
        v.max = entry["max"].cast<double>();
      }
      reply.variables.append(v);
    }
  } catch (const py::error_already_set& e) {
    std::fprintf(stderr, "kusari-kernel: listing variables failed: %s\n", e.what());
  }
  outbox_.post(request.id, reply);
}

void KernelSession::kernelInfo(const Message& request) {
  outbox_.post(request.id, KernelInfoReply{kProtocolVersion, QStringLiteral("kusari-kernel"),
                                           QStringLiteral(KUSARI_VERSION), python_->pythonVersion(),
                                           python_->canImport("kusari")});
}

}  // namespace kusari::kernel
