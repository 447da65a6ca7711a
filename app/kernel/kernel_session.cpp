#include "kernel_session.h"

#include "cbor_python.h"
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

KernelSession* g_current = nullptr;

bool isDebugRequest(const Message& request) {
  return request.is<SetBreakpointsRequest>() || request.is<DebugControlRequest>() || request.is<StackRequest>() ||
         request.is<ScopesRequest>() || request.is<ChildrenRequest>() || request.is<EvaluateRequest>() ||
         request.is<SetVariableRequest>() || request.is<TensorDataRequest>() || request.is<SetOpBreakpointsRequest>();
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

KernelSession* KernelSession::current() { return g_current; }

void KernelSession::interrupt() {
  // A real SIGINT to the Python thread, exactly what the client's kill() does: Python's handler
  // raises KeyboardInterrupt, and a blocking call (time.sleep, a read) is woken up by it.
  // A debugger paused in nextDebugRequest() waits on the queue instead: it is woken too.
  if (!executing_) return;
  wait_interrupted_ = true;
  requests_.wake();
  pthread_kill(python_thread_, SIGINT);
}

bool KernelSession::takeUrgent(const Message& request) {
  const bool pause = request.is<DebugControlRequest>() &&
                     request.body<DebugControlRequest>().action == QLatin1StringView("pause");
  const bool breakpoints = request.is<SetBreakpointsRequest>() || request.is<SetOpBreakpointsRequest>();
  if (!(pause || breakpoints) || !executing_ || paused_) return false;
  {
    std::lock_guard lock(urgent_mutex_);
    urgent_.push_back(request);
  }
  // A real signal to the Python thread: Py_AddPendingCall() or PyErr_SetInterruptEx() from this
  // thread would not wake Python 3.11's eval loop (it only checks for them on the main thread).
  // Its Python handler (debugger.py) calls serveUrgent() between two bytecodes.
  pthread_kill(python_thread_, urgentSignal());
  return true;
}

int KernelSession::urgentSignal() { return SIGRTMAX - 3; }

void KernelSession::serveUrgent() {
  for (;;) {
    std::optional<Message> request;
    {
      std::lock_guard lock(urgent_mutex_);
      if (urgent_.empty()) return;
      request = std::move(urgent_.front());
      urgent_.pop_front();
    }
    debug(*request);
  }
}

void KernelSession::setPaused(bool paused) {
  if (paused) wait_interrupted_ = false;  // a SIGINT already delivered is seen by PyErr_CheckSignals
  paused_ = paused;
}

RequestQueue::Wait KernelSession::nextDebugRequest(std::chrono::milliseconds timeout, std::optional<Message>* request) {
  for (;;) {
    const RequestQueue::Wait outcome = requests_.pop(wait_interrupted_, timeout, request);
    if (outcome != RequestQueue::Wait::Request || isDebugRequest(**request)) return outcome;
    if ((*request)->is<ShutdownRequest>()) {  // end the paused cell; the main loop then shuts down
      requests_.pushFront(std::move(**request));
      request->reset();
      return RequestQueue::Wait::Interrupted;
    }
    py::gil_scoped_acquire gil;
    serveWhilePaused(**request);
    request->reset();
  }
}

// No status messages: the kernel stays busy with the paused cell.
void KernelSession::serveWhilePaused(const Message& request) {
  try {
    if (request.is<ExecuteRequest>()) {
      outbox_.post(request.id, Error{QStringLiteral("DebuggerPaused"),
                                     QStringLiteral("the kernel is paused in the debugger: continue or interrupt it first"),
                                     {}, request.body<ExecuteRequest>().cellId, -1});
      outbox_.post(request.id, ExecuteReply{QStringLiteral("error"), execution_count_});
    } else if (request.is<CompleteRequest>()) complete(request);
    else if (request.is<InspectRequest>()) inspect(request);
    else if (request.is<VariablesRequest>()) variables(request);
    else if (request.is<KernelInfoRequest>()) kernelInfo(request);
    else std::fprintf(stderr, "kusari-kernel: ignoring unknown request type %s\n", qPrintable(request.type));
  } catch (const py::error_already_set& e) {
    std::fprintf(stderr, "kusari-kernel: %s request failed while paused: %s\n", qPrintable(request.type), e.what());
  }
}

void KernelSession::debug(const Message& request) {
  try {
    python_->module("_kusari_kernel_debugger")
        .attr("serve")(toPython(request.type), toPython(request.id), cborToPython(request.content));
  } catch (const py::error_already_set& e) {
    std::fprintf(stderr, "kusari-kernel: %s request failed: %s\n", qPrintable(request.type), e.what());
  }
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
  g_current = this;
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
  g_current = nullptr;
}

void KernelSession::serve(const Message& request) {
  serveUrgent();  // taken while the last cell ended, before its pending call ran
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
    else if (isDebugRequest(request)) debug(request);
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
                 .attr("run_cell")(toPython(cell.code), toPython(cell.cellId), cell.silent, python_->mainNamespace(),
                                   py::arg("execution_count") = execution_count_);
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
