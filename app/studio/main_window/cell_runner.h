// What the main window needs from whatever runs a notebook's cells. The notebook session over
// KernelClient implements it once it lands; until then DetachedRunner says so honestly.
#pragma once
#include "widgets/notebook/cell_widget.h"
#include "widgets/variables/variable_record.h"
#include "protocol/metrics_messages.h"

#include <QObject>
#include <QVector>

namespace kusari::studio {

enum class KernelState { NotStarted, Starting, Idle, Busy, Paused, Dead };

class CellRunner : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  virtual void run(const QVector<int>& indexes) = 0;
  virtual void interrupt() = 0;
  virtual void restart() = 0;
  virtual KernelState state() const = 0;
  virtual void stopTraining() {}  // the running Trainer stops at an iteration boundary

 signals:
  void stateChanged(kusari::studio::KernelState state);
  void cellStateChanged(int index, kusari::widgets::CellRunState state);
  void cellFinished(int index, double seconds);
  void variablesChanged(const QVector<kusari::widgets::VariableRecord>& variables);
  void logMessage(const QString& line);
  void queueFinished();  // every requested cell has finished or was aborted
  void metricsReceived(const kusari::protocol::Metrics& metrics);  // live training metrics
  void kernelDied(const QString& description);  // "exited with code 3", "killed by signal 11 ..." 
};

// No kernel session in this build: run requests are logged, nothing runs.
class DetachedRunner : public CellRunner {
  Q_OBJECT
 public:
  using CellRunner::CellRunner;
  void run(const QVector<int>& indexes) override;
  void interrupt() override {}
  void restart() override {}
  KernelState state() const override { return KernelState::NotStarted; }
};

}  // namespace kusari::studio
