// Serves requests on the main thread, where Python runs: cells, completion, inspection.
// Interrupts come from other threads (the socket thread, or SIGINT's handler) and reach the
// running cell as KeyboardInterrupt.
#pragma once

#include "outbox.h"
#include "python_runtime.h"
#include "request_queue.h"

#include <pthread.h>

#include <atomic>

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

 private:
  void serve(const protocol::Message& request);
  void execute(const protocol::Message& request);
  void complete(const protocol::Message& request);
  void inspect(const protocol::Message& request);
  void variables(const protocol::Message& request);
  void kernelInfo(const protocol::Message& request);

  RequestQueue& requests_;
  Outbox& outbox_;
  PythonRuntime* python_ = nullptr;
  std::atomic<bool> executing_{false};
  std::atomic<bool> shutdown_requested_{false};
  qint64 execution_count_ = 0;
  pthread_t python_thread_ = pthread_self();
};

}  // namespace kusari::kernel
