#include "main_window/session_runner.h"

#include "client/kernel_client.h"
#include "debug/debug_session.h"
#include "document/notebook.h"
#include "session/notebook_session.h"

#include <QMetaEnum>

namespace kusari::studio {
namespace {

KernelState fromClient(client::KernelClient::State s) {
  using S = client::KernelClient::State;
  switch (s) {
    case S::NotRunning: return KernelState::NotStarted;
    case S::Starting: return KernelState::Starting;
    case S::Idle: return KernelState::Idle;
    case S::Busy: return KernelState::Busy;
    case S::Dead: return KernelState::Dead;
  }
  return KernelState::NotStarted;
}

widgets::CellRunState runState(ExecutionStatus s) {
  if (s == ExecutionStatus::Queued) return widgets::CellRunState::Queued;
  if (s == ExecutionStatus::Running) return widgets::CellRunState::Running;
  return widgets::CellRunState::Idle;
}

widgets::VariableRecord record(const protocol::VariableInfo& v) {
  widgets::VariableRecord r;
  r.name = v.name;
  r.type = v.typeName;
  r.shape = QVector<qint64>(v.shape.begin(), v.shape.end());
  r.dtype = v.dtype;
  if (v.hasStats) {
    r.min = v.min;
    r.mean = v.mean;
    r.max = v.max;
  }
  r.value = v.repr;
  return r;
}

}  // namespace

SessionRunner::SessionRunner(Notebook* notebook, QObject* parent)
    : CellRunner(parent), notebook_(notebook), kernel_(new client::KernelClient(this)),
      session_(new NotebookSession(notebook, kernel_, this)), debug_(new DebugSession(session_, kernel_, this)) {
  connect(debug_, &DebugSession::message, this, &CellRunner::logMessage);
  connect(debug_, &DebugSession::stateChanged, this, [this](DebugSession::State s) {
    const KernelState next = s == DebugSession::State::Paused ? KernelState::Paused : fromClient(kernel_->state());
    if (next == state_) return;
    state_ = next;
    emit stateChanged(state_);
  });
  connect(session_, &NotebookSession::metricsReceived, this, [this](const QString&, const protocol::Metrics& m) { emit metricsReceived(m); });
  connect(session_, &NotebookSession::paramStatsReceived, this, [this](const QString&, const protocol::ParamStats& s) { emit paramStatsReceived(s); });
  connect(session_, &NotebookSession::kernelStateChanged, this, [this](client::KernelClient::State s) {
    state_ = debug_->state() == DebugSession::State::Paused ? KernelState::Paused : fromClient(s);
    emit stateChanged(state_);
    emit logMessage(tr("kernel %1").arg(QString::fromLatin1(QMetaEnum::fromType<client::KernelClient::State>().valueToKey(int(s))).toLower()));
  });
  connect(session_, &NotebookSession::cellStatusChanged, this, [this](const QString& id, ExecutionStatus s) {
    const int index = notebook_->indexOfId(id);
    if (index >= 0) emit cellStateChanged(index, runState(s));
  });
  connect(session_, &NotebookSession::cellFinished, this, [this](const QString& id, ExecutionStatus, qint64 ms) {
    emit cellFinished(notebook_->indexOfId(id), ms / 1000.0);
  });
  connect(session_, &NotebookSession::queueEmptied, this, &CellRunner::queueFinished);
  connect(session_, &NotebookSession::kernelDied, this, [this](int, const QString& description) {
    emit logMessage(tr("kernel died: %1").arg(description));
    emit kernelDied(description);
  });
  connect(session_, &NotebookSession::variablesChanged, this, [this](const QList<protocol::VariableInfo>& vars) {
    QVector<widgets::VariableRecord> records;
    for (const auto& v : vars) records.append(record(v));
    emit variablesChanged(records);
  });
}

SessionRunner::~SessionRunner() { session_->shutdown(); }

void SessionRunner::run(const QVector<int>& indexes) { session_->runCells(QList<int>(indexes.begin(), indexes.end())); }

void SessionRunner::interrupt() { session_->interrupt(); }

void SessionRunner::restart() {
  emit logMessage(tr("restarting the kernel"));
  session_->restart();
}

void SessionRunner::stopTraining() { session_->stopTraining(); }

}  // namespace kusari::studio
