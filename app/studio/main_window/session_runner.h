// CellRunner over the studio core's NotebookSession: one kernel per notebook. Translates the
// session's per-cell-id statuses and variables into what the views show.
#pragma once
#include "main_window/cell_runner.h"

namespace kusari::client {
class KernelClient;
}

namespace kusari::studio {

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

 private:
  Notebook* notebook_;
  client::KernelClient* kernel_;
  NotebookSession* session_;
  KernelState state_ = KernelState::NotStarted;
};

}  // namespace kusari::studio
