// Serves requests on the main thread, where Python runs: cells, completion, inspection.
// Interrupts come from other threads (the socket thread, or SIGINT's handler) and reach the
// running cell as KeyboardInterrupt.
#pragma once

#include "outbox.h"
#include "python_runtime.h"
#include "request_queue.h"

#include <pthread.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>

namespace kusari::kernel {

class KernelSession {
 public:
  KernelSession(RequestQueue& requests, Outbox& outbox) : requests_(requests), outbox_(outbox) {}

  // Serves requests until a shutdown_request was answered or the client left.
  void run(PythonRuntime& python);

  // Any thread, no GIL needed.
  void interrupt();
  void requestShutdown();
  void requestStopTraining();  // the running Trainer stops at its next iteration boundary
  bool executing() const { return executing_; }

  // The debugger (see README.md, "Debugger").
  // Socket thread: takes a request that must reach a running cell at once (set_breakpoints, a
  // debug pause) and sends the Python thread urgentSignal(), whose Python handler (installed
  // by debugger.py) serves it between two bytecodes through serveUrgent().
  // False: not urgent now (no cell runs, or it is paused); queue it as usual.
  bool takeUrgent(const protocol::Message& request);
  // Python thread, GIL held: serves the urgent requests taken so far.
  void serveUrgent();
  static int urgentSignal();
  // Python thread, GIL released: waits (at most `timeout`) for the paused debugger's next debug
  // request. Other requests that arrive meanwhile are served here (execute_request is refused);
  // Interrupted: an interrupt_request or a shutdown_request came.
  RequestQueue::Wait nextDebugRequest(std::chrono::milliseconds timeout, std::optional<protocol::Message>* request);
  void setPaused(bool paused);
  // The session running on this process's Python thread (for the built-in modules).
  static KernelSession* current();

 private:
  void serve(const protocol::Message& request);
  void execute(const protocol::Message& request);
  void complete(const protocol::Message& request);
  void inspect(const protocol::Message& request);
  void variables(const protocol::Message& request);
  void kernelInfo(const protocol::Message& request);
  void debug(const protocol::Message& request);
  void serveWhilePaused(const protocol::Message& request);

  RequestQueue& requests_;
  Outbox& outbox_;
  PythonRuntime* python_ = nullptr;
  std::atomic<bool> executing_{false};
  std::atomic<bool> shutdown_requested_{false};
  qint64 execution_count_ = 0;
  pthread_t python_thread_ = pthread_self();
  std::atomic<bool> paused_{false};
  std::atomic<bool> wait_interrupted_{false};  // wakes the paused loop for an interrupt
  std::mutex urgent_mutex_;
  std::deque<protocol::Message> urgent_;
};

}  // namespace kusari::kernel
