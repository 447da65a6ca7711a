// _kusari_kernel_debug: what the debugger (python/debugger.py) needs from the C++ side.
//   next_request()                -> (type, id, content) of the next debug request, the GIL
//                                    released while waiting; other requests are served (or
//                                    refused) meanwhile. Raises KeyboardInterrupt on an interrupt
//                                    or shutdown; None once the client is gone.
//   reply(type, parent, content)  -> posts a reply to request `parent`
//   event(type, content)          -> posts an event belonging to the request being served
//   set_paused(flag)              -> requests go to next_request() rather than to the running
//                                    cell's pending calls while paused
//   locals_to_fast(frame)         -> writes frame.f_locals back into the frame's variables
//   serve_urgent()                -> serves set_breakpoints / pause that came while a cell ran
//   URGENT_SIGNAL                 -> the signal number whose handler must call serve_urgent()
#include "cbor_python.h"
#include "kernel_session.h"
#include "output_route.h"
#include "python_text.h"

#include <pybind11/embed.h>

#include <frameobject.h>

#include <chrono>

namespace py = pybind11;
using namespace kusari::kernel;

namespace {

void post(const QString& type, const QString& parent, const py::handle& content) {
  OutputRoute& route = outputRoute();
  if (!route.outbox) return;
  const QCborValue map = pythonToCbor(content);
  if (!map.isMap()) throw py::type_error("message content must be a dict");
  route.outbox->post(parent, kusari::protocol::Message{kusari::protocol::kProtocolVersion, type, QString(), parent, map.toMap()});
}

}  // namespace

PYBIND11_EMBEDDED_MODULE(_kusari_kernel_debug, m) {
  m.def("next_request", []() -> py::object {
    KernelSession* session = KernelSession::current();
    if (!session) return py::none();
    for (;;) {
      session->serveUrgent();
      // A SIGINT (the client's kill(), or interrupt_request) ends the pause as KeyboardInterrupt.
      // The signal does not wake the wait below, hence its short timeout.
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      std::optional<kusari::protocol::Message> request;
      RequestQueue::Wait outcome;
      {
        py::gil_scoped_release wait;
        outcome = session->nextDebugRequest(std::chrono::milliseconds(50), &request);
      }
      switch (outcome) {
        case RequestQueue::Wait::Request:
          return py::make_tuple(toPython(request->type), toPython(request->id), cborToPython(request->content));
        case RequestQueue::Wait::Closed: return py::none();
        case RequestQueue::Wait::Interrupted:
          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
          PyErr_SetNone(PyExc_KeyboardInterrupt);
          throw py::error_already_set();
        case RequestQueue::Wait::TimedOut: break;
      }
    }
  });
  m.def("reply", [](const py::str& type, const py::str& parent, const py::dict& content) {
    post(toQString(type), toQString(parent), content);
  });
  m.def("event", [](const py::str& type, const py::dict& content) {
    post(toQString(type), outputRoute().parent, content);
  });
  m.def("serve_urgent", [] {
    if (KernelSession* session = KernelSession::current()) session->serveUrgent();
  });
  m.attr("URGENT_SIGNAL") = KernelSession::urgentSignal();
  m.def("set_paused", [](bool paused) {
    if (KernelSession* session = KernelSession::current()) session->setPaused(paused);
  });
  m.def("locals_to_fast", [](const py::handle& frame) {
    if (!PyFrame_Check(frame.ptr())) throw py::type_error("locals_to_fast needs a frame");
    PyFrame_LocalsToFast(reinterpret_cast<PyFrameObject*>(frame.ptr()), 0);
  });
}
