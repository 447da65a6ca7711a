#include "debug/debug_session.h"

#include "debug/graph_feed.h"
#include "document/notebook.h"
#include "session/notebook_session.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>

namespace kusari::studio {

using widgets::Breakpoint;

namespace {

widgets::TensorInfo tensorInfo(const QString& name, const protocol::TensorStats& s) {
  widgets::TensorInfo info;
  info.name = name;
  info.shape = s.shape;
  info.dtype = s.dtype;
  info.device = s.device;
  info.stats = {s.min, s.max, s.mean, s.std, s.nanCount, s.infCount};
  return info;
}

bool isIdentifier(const QString& name) {
  static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
  return re.match(name).hasMatch();
}

}  // namespace

DebugSession::DebugSession(NotebookSession* session, client::KernelClient* kernel, QObject* parent)
    : QObject(parent), session_(session), kernel_(kernel), breakpoints_(new widgets::BreakpointList(this)),
      graph_(new widgets::GraphModel(this)) {
  breakpoints_->setSourceNamer([this](const QString& source) {
    return QFileInfo(source).isAbsolute() ? QFileInfo(source).fileName() : sourceName(cellSource(source));
  });
  connect(breakpoints_, &widgets::BreakpointList::changed, this, [this] {
    sendBreakpoints();
    sendOpBreakpoints();
  });
  connect(breakpoints_, &widgets::BreakpointList::stopOnNonFiniteChanged, this, &DebugSession::sendOpBreakpoints);
  connect(breakpoints_, &widgets::BreakpointList::breakOnExceptionChanged, this, &DebugSession::sendBreakpoints);
  connect(kernel_, &client::KernelClient::debugStopped, this, &DebugSession::onStopped);
  connect(kernel_, &client::KernelClient::debugContinued, this, &DebugSession::onContinued);
  connect(kernel_, &client::KernelClient::statusChanged, this, &DebugSession::onKernelState);
  connect(kernel_, &client::KernelClient::graphEvents, this, [this](const QString&, const protocol::GraphEvents& g) {
    QCborArray events;
    for (const QCborMap& e : g.events) events.append(e);
    applyGraphEvents(events);
  });
  connect(kernel_, &client::KernelClient::setOpBreakpointsReply, this,
          [this](const QString&, const protocol::SetOpBreakpointsReply& reply) {
            if (!reply.error.isEmpty()) emit message(tr("op breakpoints not set: %1").arg(reply.error));
          });
  connect(kernel_, &client::KernelClient::setBreakpointsReply, this, [this](const QString&, const protocol::SetBreakpointsReply& r) {
    if (!r.error.isEmpty()) emit message(tr("breakpoints not set: %1").arg(r.error));
    for (const protocol::BreakpointStatus& s : r.breakpoints)
      if (!s.verified) emit message(tr("breakpoint not verified: %1").arg(s.message));
  });
  connect(kernel_, &client::KernelClient::debugControlReply, this, [this](const QString&, const protocol::DebugControlReply& r) {
    if (!r.error.isEmpty()) emit message(tr("debugger: %1").arg(r.error));
  });
  connect(kernel_, &client::KernelClient::scopesReply, this, [this](const QString& id, const protocol::ScopesReply& r) {
    if (id != scopes_request_) return;
    scopes_request_.clear();
    if (!r.error.isEmpty()) return emit message(tr("scopes: %1").arg(r.error));
    children_requests_.insert(kernel_->requestChildren(r.localsReference), QString());
  });
  connect(kernel_, &client::KernelClient::childrenReply, this, [this](const QString& id, const protocol::ChildrenReply& r) {
    if (!children_requests_.contains(id)) return;
    const QString reference = children_requests_.take(id);
    if (!r.error.isEmpty()) emit message(tr("variables: %1").arg(r.error));
    const QVector<widgets::VariableRecord> list = records(r.variables, expressions_.value(reference));
    if (reference.isEmpty()) emit localsChanged(list);
    else emit childrenArrived(reference, list);
  });
  connect(kernel_, &client::KernelClient::tensorDataReply, this, [this](const QString& id, const protocol::TensorDataReply& r) {
    if (onArraySlice(id, r) || !tensor_requests_.contains(id)) return;
    const TensorRequest request = tensor_requests_.take(id);
    if (!r.error.isEmpty()) return emit tensorFailed(request.expression, r.error);
    if (request.open) return emit tensorOpened(tensorInfo(request.expression, r.stats));
    widgets::TensorSlice slice;
    slice.rows = r.sliceShape.value(0);
    slice.cols = r.sliceShape.value(1);
    slice.rowStride = std::max<qint64>(1, r.strides.value(0, 1));
    slice.colStride = std::max<qint64>(1, r.strides.value(1, 1));
    slice.data.resize(r.data.size() / qsizetype(sizeof(float)));
    std::memcpy(slice.data.data(), r.data.constData(), size_t(slice.data.size()) * sizeof(float));
    slice.rowAxis = request.rowAxis;  // the geometry asked for goes with the slice
    slice.colAxis = request.colAxis;
    slice.indices = request.indices;
    slice.indices.resize(r.stats.shape.size());
    for (int axis : {slice.rowAxis, slice.colAxis})
      if (axis >= 0 && axis < slice.indices.size()) slice.indices[axis] = 0;
    emit sliceArrived(request.expression, slice);
  });
  connect(kernel_, &client::KernelClient::evaluateReply, this, [this](const QString& id, const protocol::EvaluateReply& r) {
    if (!evaluations_.contains(id)) return;
    const auto [expression, frame] = evaluations_.take(id);
    if (frame != frame_ || state_ != State::Paused) return;  // asked about another frame or stop
    emit evaluated(expression, records({r.result}, {}).value(0), r.error);
  });
  connect(kernel_, &client::KernelClient::requestFailed, this, [this](const QString& id, const QString& reason) {
    if (evaluations_.contains(id)) emit evaluated(evaluations_.take(id).first, {}, reason);
    if (tensor_requests_.contains(id)) emit tensorFailed(tensor_requests_.take(id).expression, reason);
    if (fetch_.offsets.contains(id)) {
      emit tensorFailed(fetch_.expression, reason);
      fetch_ = {};
    }
    children_requests_.remove(id);
  });
}

QString DebugSession::cellIdOf(const QString& source) {
  if (source.startsWith(QLatin1String("<cell ")) && source.endsWith(QLatin1Char('>'))) return source.mid(6, source.size() - 7);
  return {};
}

QString DebugSession::sourceName(const QString& source) const {
  const QString id = cellIdOf(source);
  if (id.isEmpty()) return QFileInfo(source).fileName();
  const int index = session_->notebook() ? session_->notebook()->indexOfId(id) : -1;
  return index >= 0 ? tr("cell [%1]").arg(index + 1) : source;
}

QString DebugSession::locationText() const {
  if (state_ != State::Paused) return {};
  return QStringLiteral("%1:%2").arg(sourceName(stop_.source)).arg(stop_.line);
}

// ---- breakpoints --------------------------------------------------------------------------

void DebugSession::sendBreakpoints() {
  QList<protocol::SourceBreakpoint> list;
  for (const Breakpoint& b : breakpoints_->breakpoints()) {
    if (b.kind != Breakpoint::Kind::Line) continue;
    const QString source = QFileInfo(b.source).isAbsolute() ? b.source : cellSource(b.source);
    list.append({source, b.line, b.condition, b.hitCondition, b.logMessage, b.enabled});
  }
  if (kernel_->state() == client::KernelClient::State::Idle || kernel_->state() == client::KernelClient::State::Busy)
    kernel_->setBreakpoints(list, breakpoints_->breakOnException());
}

void DebugSession::sendOpBreakpoints() {
  QStringList ops, links;
  for (const Breakpoint& b : breakpoints_->breakpoints()) {
    if (!b.enabled) continue;
    if (b.kind == Breakpoint::Kind::Op) ops.append(b.target);
    if (b.kind == Breakpoint::Kind::Link) links.append(b.target);
  }
  const bool nan = breakpoints_->stopOnNonFinite();
  const bool record = !ops.isEmpty() || !links.isEmpty() || nan || record_graph_;
  const QCborMap content = opBreakpointsContent(ops, links, nan, record);
  const QString text = QCborValue(content).toDiagnosticNotation();
  if (text == last_op_breakpoints_) return;
  if (kernel_->state() != client::KernelClient::State::Idle && kernel_->state() != client::KernelClient::State::Busy) return;
  last_op_breakpoints_ = text;
  sent_op_breakpoints_ = content;
  kernel_->setOpBreakpoints(ops, links, nan, record);
}

void DebugSession::setRecordGraph(bool on) {
  record_graph_ = on;
  sendOpBreakpoints();
}

void DebugSession::onKernelState(client::KernelClient::State s) {
  using S = client::KernelClient::State;
  if (s == S::Starting || s == S::Dead || s == S::NotRunning) {
    last_op_breakpoints_.clear();  // a fresh kernel knows nothing: tell it again once it is up
    if (state_ == State::Paused) onContinued();
    setState(State::Idle);
    kernel_up_ = false;
    return;
  }
  if (!kernel_up_) {
    kernel_up_ = true;
    if (breakpoints_->count() > 0 || breakpoints_->breakOnException()) sendBreakpoints();
    sendOpBreakpoints();
  }
  if (state_ != State::Paused) setState(s == S::Busy ? State::Running : State::Idle);
}

void DebugSession::applyGraphEvents(const QCborArray& events) {
  for (const QString& problem : studio::applyGraphEvents(graph_, events)) emit message(problem);
}

// ---- stopping and stepping ----------------------------------------------------------------

void DebugSession::onStopped(const QString&, const protocol::StoppedEvent& event) {
  stop_ = event;
  expressions_.clear();
  children_requests_.clear();
  setState(State::Paused);
  const QString node = event.extra.value(QStringLiteral("node_id")).isUndefined()
                           ? QString()
                           : graphOpNodeId(event.extra.value(QStringLiteral("node_id")));
  graph_->setCurrent(node);
  QVector<widgets::StackFrame> frames;
  for (const protocol::StackFrame& f : event.frames) frames.append({int(f.id), sourceName(f.source), int(f.line), f.function});
  const qint64 current = event.frames.isEmpty() ? 1 : event.frames.first().id;
  emit framesChanged(frames, int(current));
  QString what = event.reason;
  if (!event.description.isEmpty()) what += QStringLiteral(": ") + event.description;
  emit message(tr("paused at %1:%2 (%3)").arg(sourceName(event.source)).arg(event.line).arg(what));
  emit paused(event.source, int(event.line));
  selectFrame(current);
}

void DebugSession::onContinued() {
  if (state_ != State::Paused) return;
  stop_ = {};
  frame_ = 0;
  scopes_request_.clear();
  children_requests_.clear();
  tensor_requests_.clear();
  evaluations_.clear();
  fetch_ = {};
  graph_->setCurrent({});
  setState(kernel_->state() == client::KernelClient::State::Busy ? State::Running : State::Idle);
  emit resumed();
}

void DebugSession::setState(State state) {
  if (state_ == state) return;
  state_ = state;
  emit stateChanged(state);
}

void DebugSession::control(const QString& action, const QString& source, qint64 line) {
  if (state_ != State::Paused) return;
  kernel_->debugControl(action, source, line);
}

void DebugSession::continueRunning() { control(QStringLiteral("continue")); }
void DebugSession::stepOver() { control(QStringLiteral("next")); }
void DebugSession::stepInto() { control(QStringLiteral("step")); }
void DebugSession::stepOut() { control(QStringLiteral("return")); }
void DebugSession::nextOp() { control(QStringLiteral("next_op")); }
void DebugSession::runTo(const QString& cellId, int line) { control(QStringLiteral("run_to"), cellSource(cellId), line); }

void DebugSession::pause() {
  if (state_ == State::Running) kernel_->debugControl(QStringLiteral("pause"));
}

// ---- inspection ---------------------------------------------------------------------------

void DebugSession::selectFrame(qint64 frameId) {
  if (state_ != State::Paused) return;
  frame_ = frameId;
  expressions_.clear();
  children_requests_.clear();
  scopes_request_ = kernel_->requestScopes(frameId);
  emit frameSelected(frameId);
}

void DebugSession::evaluate(const QString& expression) {
  if (state_ != State::Paused || expression.trimmed().isEmpty()) return;
  const qint64 frame = frame_ > 0 ? frame_ : 1;
  evaluations_.insert(kernel_->evaluate(expression, frame), {expression, frame_});
}

void DebugSession::requestChildren(const QString& reference) {
  if (state_ != State::Paused || reference.isEmpty()) return;
  children_requests_.insert(kernel_->requestChildren(reference.toLongLong()), reference);
}

QVector<widgets::VariableRecord> DebugSession::records(const QList<protocol::DebugVariable>& variables, const QString& parent) {
  QVector<widgets::VariableRecord> out;
  for (const protocol::DebugVariable& v : variables) {
    widgets::VariableRecord r;
    r.name = v.name;
    r.type = v.typeName;
    r.value = v.value;
    if (parent.isEmpty()) r.expression = v.name;
    else if (isIdentifier(v.name)) r.expression = parent + QLatin1Char('.') + v.name;
    else r.expression = QStringLiteral("%1[%2]").arg(parent, v.name);
    if (v.tensor) {
      r.shape = QVector<qint64>(v.tensor->shape.begin(), v.tensor->shape.end());
      r.dtype = v.tensor->dtype;
      r.min = v.tensor->min;
      r.mean = v.tensor->mean;
      r.max = v.tensor->max;
    }
    if (v.reference > 0) {
      r.reference = QString::number(v.reference);
      expressions_.insert(r.reference, r.expression);
    }
    out.append(r);
  }
  return out;
}

void DebugSession::openTensor(const QString& expression) {
  if (state_ != State::Paused) return emit tensorFailed(expression, tr("the kernel is not paused"));
  protocol::TensorDataRequest request;
  request.expression = expression;
  request.frameId = frame_ > 0 ? frame_ : 1;
  request.rowAxis = -1;
  request.colAxis = -1;
  request.maxElements = 1;  // the statistics and the shape are what is wanted
  tensor_requests_.insert(kernel_->requestTensorData(request), {expression, true});
}

void DebugSession::requestSlice(const QString& expression, int rowAxis, int colAxis, const QList<qint64>& indices,
                                qint64 maxElements) {
  if (state_ != State::Paused) return emit tensorFailed(expression, tr("the kernel is not paused"));
  protocol::TensorDataRequest request;
  request.expression = expression;
  request.frameId = frame_ > 0 ? frame_ : 1;
  request.rowAxis = rowAxis;
  request.colAxis = colAxis;
  request.indices = indices;
  request.maxElements = maxElements;
  TensorRequest pending{expression, false};
  pending.rowAxis = rowAxis;
  pending.colAxis = colAxis;
  pending.indices = indices;
  tensor_requests_.insert(kernel_->requestTensorData(request), pending);
}

void DebugSession::fetchArray(const QString& expression, const QList<qint64>& shape, qint64 maxElements) {
  if (state_ != State::Paused) return emit tensorFailed(expression, tr("the kernel is not paused"));
  const int rank = int(shape.size());
  qint64 total = 1;
  for (qint64 d : shape) total *= d;
  if (total > maxElements)
    return emit tensorFailed(expression, tr("%L1 elements are more than the %L2 the image grid takes").arg(total).arg(maxElements));
  fetch_ = {};
  fetch_.expression = expression;
  fetch_.shape = shape;
  fetch_.data.resize(total);
  const qint64 rows = rank >= 2 ? shape[rank - 2] : 1, cols = rank >= 1 ? shape[rank - 1] : 1;
  const qint64 count = rows * cols > 0 ? total / (rows * cols) : 0;
  for (qint64 n = 0; n < count; ++n) {  // the leading axes' indices of slice n, row-major
    protocol::TensorDataRequest request;
    request.expression = expression;
    request.frameId = frame_ > 0 ? frame_ : 1;
    request.rowAxis = rank >= 2 ? rank - 2 : -1;
    request.colAxis = rank >= 1 ? rank - 1 : -1;
    request.indices = QList<qint64>(rank, 0);
    for (qint64 k = rank - 3, rest = n; k >= 0; --k) {
      request.indices[k] = rest % shape[k];
      rest /= shape[k];
    }
    request.maxElements = std::max<qint64>(1, rows * cols);
    fetch_.offsets.insert(kernel_->requestTensorData(request), n * rows * cols);
  }
  if (fetch_.offsets.isEmpty()) emit arrayArrived(expression, widgets::TensorArray::make(expression, shape, {}));
}

bool DebugSession::onArraySlice(const QString& id, const protocol::TensorDataReply& r) {
  if (!fetch_.offsets.contains(id)) return false;
  const qint64 offset = fetch_.offsets.take(id);
  const qsizetype n = r.data.size() / qsizetype(sizeof(float));
  if (!r.error.isEmpty() || offset + n > fetch_.data.size()) {
    emit tensorFailed(fetch_.expression, r.error.isEmpty() ? tr("a slice of an unexpected size") : r.error);
    fetch_ = {};
    return true;
  }
  std::memcpy(fetch_.data.data() + offset, r.data.constData(), size_t(n) * sizeof(float));
  if (fetch_.offsets.isEmpty()) {
    widgets::TensorArray array = widgets::TensorArray::make(fetch_.expression, fetch_.shape, fetch_.data, r.stats.dtype,
                                                            r.stats.device.isEmpty() ? QStringLiteral("cpu") : r.stats.device);
    fetch_ = {};
    emit arrayArrived(array.info.name, array);
  }
  return true;
}

}  // namespace kusari::studio
