// CellRunner over the studio core's NotebookSession: one kernel per notebook. Translates the
// session's per-cell-id statuses and variables into what the views show; the state is Paused
// while its DebugSession is.
#pragma once
#include "main_window/cell_runner.h"

namespace kusari::client {
class KernelClient;
}

namespace kusari::studio {

class DebugSession;
class Notebook;
class NotebookSession;

class SessionRunner : public CellRunner {
  Q_OBJECT
 public:
  explicit SessionRunner(Notebook* notebook, QObject* parent = nullptr);
  ~SessionRunner() override;

  void run(const QVector<int>& indexes) override;
  void interrupt() override;
  void restart() override;
  void stopTraining() override;
  KernelState state() const override { return state_; }
  NotebookSession* session() const { return session_; }
  client::KernelClient* kernel() const { return kernel_; }
  DebugSession* debug() const { return debug_; }

 private:
  Notebook* notebook_;
  client::KernelClient* kernel_;
  NotebookSession* session_;
  DebugSession* debug_;
  KernelState state_ = KernelState::NotStarted;
};

}  // namespace kusari::studio
