#include "notebook_session.h"

#include "session/output_conversion.h"

namespace kusari::studio {

using client::KernelClient;

NotebookSession::NotebookSession(Notebook* notebook, KernelClient* kernel, QObject* parent)
    : QObject(parent), notebook_(notebook), kernel_(kernel) {
  connect(kernel_, &KernelClient::stream, this, &NotebookSession::onStream);
  connect(kernel_, &KernelClient::displayData, this, &NotebookSession::onDisplayData);
  connect(kernel_, &KernelClient::executeResult, this, &NotebookSession::onExecuteResult);
  connect(kernel_, &KernelClient::updateDisplayData, this, &NotebookSession::onUpdateDisplayData);
  connect(kernel_, &KernelClient::error, this, &NotebookSession::onError);
  connect(kernel_, &KernelClient::executeReply, this, &NotebookSession::onExecuteReply);
  connect(kernel_, &KernelClient::requestFailed, this, &NotebookSession::onRequestFailed);
  connect(kernel_, &KernelClient::statusChanged, this, &NotebookSession::kernelStateChanged);
  connect(kernel_, &KernelClient::died, this, &NotebookSession::kernelDied);
  connect(kernel_, &KernelClient::metrics, this, [this](const QString& id, const protocol::Metrics& metrics) {
    if (id == running_.requestId && !running_.cellId.isEmpty()) emit metricsReceived(running_.cellId, metrics);
  });
  connect(kernel_, &KernelClient::paramStats, this, [this](const QString& id, const protocol::ParamStats& stats) {
    if (id == running_.requestId && !running_.cellId.isEmpty()) emit paramStatsReceived(running_.cellId, stats);
  });
  connect(kernel_, &KernelClient::variablesReply, this, [this](const QString& id, const protocol::VariablesReply& reply) {
    if (id != variables_request_) return;
    variables_ = reply.variables;
    emit variablesChanged(variables_);
  });
  connect(kernel_, &KernelClient::completeReply, this, [this](const QString& id, const protocol::CompleteReply& reply) {
    if (CompleteCallback callback = complete_callbacks_.take(id)) callback(reply);
    emit completeReplied(reply);
  });
  connect(kernel_, &KernelClient::inspectReply, this, [this](const QString& id, const protocol::InspectReply& reply) {
    if (InspectCallback callback = inspect_callbacks_.take(id)) callback(reply);
    emit inspectReplied(reply);
  });
}

void NotebookSession::startKernel() { kernel_->start(); }

void NotebookSession::runCell(int index) {
  enqueue(index);
  pump();
}

void NotebookSession::runCellById(const QString& cellId) { runCell(notebook_->indexOfId(cellId)); }

void NotebookSession::runCells(const QList<int>& indexes) {
  for (int index : indexes) enqueue(index);
  pump();
}

void NotebookSession::runAll() { runBelow(0); }

void NotebookSession::runAbove(int index) {
  QList<int> indexes;
  for (int i = 0; i < std::min(index, notebook_->cellCount()); ++i) indexes << i;
  runCells(indexes);
}

void NotebookSession::runBelow(int index) {
  QList<int> indexes;
  for (int i = std::max(index, 0); i < notebook_->cellCount(); ++i) indexes << i;
  runCells(indexes);
}

void NotebookSession::enqueue(int index) {
  if (!notebook_ || index < 0 || index >= notebook_->cellCount()) return;
  const Cell& cell = notebook_->cell(index);
  if (cell.type != CellType::Code) return;
  queue_.append({cell.id, cell.source, {}, {}});
  setStatus(cell.id, ExecutionStatus::Queued);
}

void NotebookSession::pump() {
  if (!running_.cellId.isEmpty()) return;
  if (kernel_->state() == KernelState::Dead) {  // nothing runs until the user restarts
    abortQueue();
    return;
  }
  if (kernel_->state() == KernelState::NotRunning && !queue_.isEmpty()) kernel_->start();
  while (!queue_.isEmpty()) {
    running_ = queue_.takeFirst();
    const int index = runningIndex();
    if (index < 0) {  // deleted while queued
      statuses_.remove(running_.cellId);
      running_ = {};
      continue;
    }
    notebook_->clearOutputs(index);
    setStatus(running_.cellId, ExecutionStatus::Running);
    timer_.start();
    running_.requestId = kernel_->execute(running_.code, running_.cellId);
    return;
  }
  emit queueEmptied();
  refreshVariables();
}

int NotebookSession::runningIndex() const {
  return notebook_ && !running_.cellId.isEmpty() ? notebook_->indexOfId(running_.cellId) : -1;
}

void NotebookSession::finishRunning(ExecutionStatus status) {
  const Execution finished = running_;
  running_ = {};
  last_execution_ms_ = timer_.elapsed();
  setStatus(finished.cellId, status);
  if (status != ExecutionStatus::Done) abortQueue();
  emit cellFinished(finished.cellId, status, last_execution_ms_);
}

void NotebookSession::abortQueue() {
  const QList<Execution> aborted = std::exchange(queue_, {});
  for (const Execution& e : aborted) setStatus(e.cellId, ExecutionStatus::Aborted);
}

void NotebookSession::setStatus(const QString& cellId, ExecutionStatus status) {
  statuses_.insert(cellId, status);
  emit cellStatusChanged(cellId, status);
}

void NotebookSession::onStream(const QString& requestId, const QString& name, const QString& text) {
  const int index = runningIndex();
  if (requestId != running_.requestId || index < 0) return;
  const Cell& cell = notebook_->cell(index);
  if (!cell.outputs.isEmpty()) {
    QJsonObject last = cell.outputs.last();
    if (mergeStreamText(last, name, text)) {
      notebook_->setOutput(index, static_cast<int>(cell.outputs.size()) - 1, last);
      return;
    }
  }
  notebook_->appendOutput(index, streamOutput(name, text));
}

void NotebookSession::onDisplayData(const QString& requestId, const protocol::DisplayData& data) {
  const int index = runningIndex();
  if (requestId != running_.requestId || index < 0) return;
  const QJsonObject output = displayOutput(data);
  notebook_->appendOutput(index, output);
  if (!data.displayId.isEmpty())
    displays_[data.displayId].append({running_.cellId, static_cast<int>(notebook_->cell(index).outputs.size()) - 1, output});
}

void NotebookSession::onUpdateDisplayData(const QString&, const protocol::UpdateDisplayData& data) {
  auto places = displays_.find(data.displayId);
  if (places == displays_.end() || !notebook_) return;
  const QJsonObject output = displayOutput(data);
  for (auto place = places->begin(); place != places->end();) {
    const int index = notebook_->indexOfId(place->cellId);
    const bool there = index >= 0 && place->outputIndex < notebook_->cell(index).outputs.size() &&
                       notebook_->cell(index).outputs[place->outputIndex] == place->shown;
    if (!there) {
      place = places->erase(place);
      continue;
    }
    notebook_->setOutput(index, place->outputIndex, output);
    place->shown = output;
    ++place;
  }
  if (places->isEmpty()) displays_.erase(places);
}

void NotebookSession::onExecuteResult(const QString& requestId, const protocol::ExecuteResult& result) {
  const int index = runningIndex();
  if (requestId == running_.requestId && index >= 0) notebook_->appendOutput(index, executeResultOutput(result));
}

void NotebookSession::onError(const QString& requestId, const protocol::Error& error) {
  if (requestId != running_.requestId) return;
  running_.ename = error.ename;
  const int index = runningIndex();
  if (index >= 0) notebook_->appendOutput(index, errorOutput(error));
  emit cellError(running_.cellId, error);
}

void NotebookSession::onExecuteReply(const QString& requestId, const protocol::ExecuteReply& reply) {
  if (requestId != running_.requestId) return;
  const int index = runningIndex();
  if (index >= 0 && reply.status != QLatin1StringView("aborted"))
    notebook_->setExecutionCount(index, static_cast<int>(reply.executionCount));
  ExecutionStatus status = ExecutionStatus::Done;
  if (reply.status == QLatin1StringView("aborted")) status = ExecutionStatus::Aborted;
  else if (reply.status != QLatin1StringView("ok"))
    status = running_.ename == QLatin1StringView("KeyboardInterrupt") ? ExecutionStatus::Interrupted : ExecutionStatus::Error;
  finishRunning(status);
  pump();
}

// The kernel died, restarted or shut down under a request.
void NotebookSession::onRequestFailed(const QString& requestId, const QString& reason) {
  if (CompleteCallback callback = complete_callbacks_.take(requestId)) callback({});
  if (InspectCallback callback = inspect_callbacks_.take(requestId)) callback({});
  if (requestId != running_.requestId || running_.cellId.isEmpty()) return;
  finishRunning(restarting_ ? ExecutionStatus::Interrupted : ExecutionStatus::Error);
  emit queueEmptied();
}

void NotebookSession::interrupt() {
  abortQueue();
  if (!running_.cellId.isEmpty()) kernel_->interrupt();
}

void NotebookSession::stopTraining() {
  if (!running_.cellId.isEmpty()) kernel_->stopTraining();
}

void NotebookSession::restart() {
  abortQueue();
  restarting_ = true;
  kernel_->restart();  // fails the running request synchronously
  restarting_ = false;
  displays_.clear();
  variables_.clear();
  emit variablesChanged(variables_);
}

void NotebookSession::restartAndRunAll() {
  restart();
  runAll();
}

void NotebookSession::shutdown() {
  abortQueue();
  kernel_->shutdown();
}

void NotebookSession::clearOutputs(int index) {
  if (notebook_ && index >= 0 && index < notebook_->cellCount()) notebook_->clearOutputs(index);
}

void NotebookSession::clearAllOutputs() {
  for (int i = 0; notebook_ && i < notebook_->cellCount(); ++i) notebook_->clearOutputs(i);
}

void NotebookSession::complete(const QString& code, qint64 cursorPos, CompleteCallback callback) {
  complete_callbacks_.insert(kernel_->complete(code, cursorPos), std::move(callback));
}

void NotebookSession::inspect(const QString& code, qint64 cursorPos, InspectCallback callback) {
  inspect_callbacks_.insert(kernel_->inspect(code, cursorPos), std::move(callback));
}

void NotebookSession::refreshVariables() {
  const KernelState state = kernel_->state();
  if (state == KernelState::Dead || state == KernelState::NotRunning) return;
  variables_request_ = kernel_->requestVariables();
}

}  // namespace kusari::studio
