// NotebookSession binds one Notebook to one KernelClient (Cantor's Session): it runs cells
// through a queue with Jupyter's semantics, writes what the kernel says into the cells as
// nbformat outputs, and reports the kernel's state. Cells run one at a time in queue order,
// each queued -> running -> done | error | interrupted; an error or an interrupt aborts the
// cells still queued. A cell's code is taken when it is queued; its old outputs are cleared
// when it starts. A dead kernel leaves the notebook and its outputs as they were; restart()
// gives a fresh one. After a run, once the queue is empty, the variables are refreshed.
// An output displayed with an id is replaced in place by each update_display_data for that id
// (in whichever cell it is), as long as it is still there unchanged.
#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

#include "client/kernel_client.h"
#include "document/notebook.h"
#include "session/execution_status.h"

namespace kusari::studio {

class NotebookSession : public QObject {
  Q_OBJECT
 public:
  using KernelState = client::KernelClient::State;
  using CompleteCallback = std::function<void(const protocol::CompleteReply&)>;
  using InspectCallback = std::function<void(const protocol::InspectReply&)>;

  // Neither is owned; both must outlive the session.
  NotebookSession(Notebook* notebook, client::KernelClient* kernel, QObject* parent = nullptr);

  void startKernel();  // also done by the first run when no kernel is running
  // Running: non-code cells are skipped; out-of-range indexes ignored.
  void runCell(int index);
  void runCellById(const QString& cellId);
  void runCells(const QList<int>& indexes);
  void runAll();
  void runAbove(int index);  // the cells before `index`
  void runBelow(int index);  // `index` and every cell after it
  void interrupt();          // the running cell gets KeyboardInterrupt, the queue is aborted
  void stopTraining();       // the running Trainer stops at an iteration boundary; the cell goes on
  void restart();            // a fresh kernel; the running cell is interrupted, the queue aborted
  void restartAndRunAll();
  void shutdown();
  void clearOutputs(int index);
  void clearAllOutputs();

  void complete(const QString& code, qint64 cursorPos, CompleteCallback callback);
  void inspect(const QString& code, qint64 cursorPos, InspectCallback callback);
  void refreshVariables();

  ExecutionStatus status(const QString& cellId) const { return statuses_.value(cellId, ExecutionStatus::Idle); }
  QString runningCellId() const { return running_.cellId; }
  int queuedCount() const { return static_cast<int>(queue_.size()); }
  bool isRunning() const { return !running_.cellId.isEmpty() || !queue_.isEmpty(); }
  KernelState kernelState() const { return kernel_->state(); }
  qint64 lastExecutionMs() const { return last_execution_ms_; }
  const QList<protocol::VariableInfo>& variables() const { return variables_; }
  Notebook* notebook() const { return notebook_; }

 signals:
  void cellStatusChanged(const QString& cellId, kusari::studio::ExecutionStatus status);
  void cellFinished(const QString& cellId, kusari::studio::ExecutionStatus status, qint64 elapsedMs);
  void cellError(const QString& cellId, const kusari::protocol::Error& error);
  void queueEmptied();  // every queued cell has finished (or was aborted)
  void kernelStateChanged(kusari::client::KernelClient::State state);
  void kernelDied(int exitCode, const QString& description);
  void variablesChanged(const QList<kusari::protocol::VariableInfo>& variables);
  void completeReplied(const kusari::protocol::CompleteReply& reply);
  void inspectReplied(const kusari::protocol::InspectReply& reply);
  // Live training metrics of the running cell (batched by the kernel, ~10 per second at most).
  void metricsReceived(const QString& cellId, const kusari::protocol::Metrics& metrics);
  // Per-layer parameter statistics of a Trainer in the running cell (sampled by the kernel).
  void paramStatsReceived(const QString& cellId, const kusari::protocol::ParamStats& stats);

 private:
  struct Execution {
    QString cellId;
    QString code;
    QString requestId;
    QString ename;  // of the error the cell raised, if any
  };

  void enqueue(int index);
  void pump();
  void finishRunning(ExecutionStatus status);
  void abortQueue();
  void setStatus(const QString& cellId, ExecutionStatus status);
  int runningIndex() const;  // -1 when the running cell was deleted meanwhile

  void onStream(const QString& requestId, const QString& name, const QString& text);
  void onDisplayData(const QString& requestId, const protocol::DisplayData& data);
  void onExecuteResult(const QString& requestId, const protocol::ExecuteResult& result);
  void onUpdateDisplayData(const QString& requestId, const protocol::UpdateDisplayData& data);
  void onError(const QString& requestId, const protocol::Error& error);
  void onExecuteReply(const QString& requestId, const protocol::ExecuteReply& reply);
  void onRequestFailed(const QString& requestId, const QString& reason);

  QPointer<Notebook> notebook_;
  client::KernelClient* kernel_;
  QList<Execution> queue_;
  Execution running_;
  QElapsedTimer timer_;
  qint64 last_execution_ms_ = -1;
  bool restarting_ = false;
  QHash<QString, ExecutionStatus> statuses_;
  QHash<QString, CompleteCallback> complete_callbacks_;
  QHash<QString, InspectCallback> inspect_callbacks_;
  QString variables_request_;
  QList<protocol::VariableInfo> variables_;
  struct DisplayPlace {
    QString cellId;
    int outputIndex;
    QJsonObject shown;  // what is there now; a cleared or re-run cell no longer has it
  };
  QHash<QString, QList<DisplayPlace>> displays_;  // display id -> its outputs
};

}  // namespace kusari::studio
