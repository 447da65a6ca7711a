// DebugSession: the line and op debugger of one notebook, over its KernelClient. It owns the
// BreakpointList that the notebook's margins and the Breakpoints dock share, sends it to the
// kernel whenever it changes (cells as "<cell ID>"; op, link and NaN/Inf entries through
// set_op_breakpoints_request), follows idle -> running -> paused, and while paused serves what the
// docks show: the frames, the selected frame's locals (children fetched lazily), tensor slices,
// the graph with the current node. Views are fed through signals; nothing here draws.
#pragma once
#include "client/kernel_client.h"
#include "widgets/debug/breakpoint_list.h"
#include "widgets/debug/call_stack_view.h"
#include "widgets/graph/graph_model.h"
#include "widgets/tensor/tensor_slice.h"
#include "widgets/variables/variable_record.h"

#include <QCborArray>
#include <QCborMap>
#include <QHash>
#include <QObject>

namespace kusari::studio {

class NotebookSession;

class DebugSession : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Paused };
  Q_ENUM(State)

  // Neither is owned; both outlive the session (they are its runner's).
  DebugSession(NotebookSession* session, client::KernelClient* kernel, QObject* parent = nullptr);

  widgets::BreakpointList* breakpoints() const { return breakpoints_; }
  widgets::GraphModel* graph() const { return graph_; }
  State state() const { return state_; }
  const protocol::StoppedEvent& stop() const { return stop_; }  // the last stop (while paused)
  qint64 selectedFrame() const { return frame_; }
  // "cell [3]" for "<cell ID>" of this notebook's third cell, the file name for a path.
  QString sourceName(const QString& source) const;
  // The cell id in "<cell ID>", or "" for a file.
  static QString cellIdOf(const QString& source);
  static QString cellSource(const QString& cellId) { return QStringLiteral("<cell %1>").arg(cellId); }
  QString locationText() const;  // "cell [3]:12" while paused, else ""

  // Stepping (ignored unless paused; pause() only while running).
  void continueRunning();
  void stepOver();
  void stepInto();
  void stepOut();
  void nextOp();
  void pause();
  void runTo(const QString& cellId, int line);

  void selectFrame(qint64 frameId);  // frameSelected; its locals arrive through localsChanged
  // Evaluates an expression in the selected frame (watches): evaluated(...) answers, unless the
  // kernel continued or another frame was selected meanwhile. Ignored unless paused.
  void evaluate(const QString& expression);
  void requestChildren(const QString& reference);
  // A tensor by expression in the selected frame: tensorOpened(info), then slices on request.
  void openTensor(const QString& expression);
  void requestSlice(const QString& expression, int rowAxis, int colAxis, const QList<qint64>& indices, qint64 maxElements);
  // The whole tensor (for the image grid), gathered slice by slice over its last two axes:
  // arrayArrived, or tensorFailed when it has more than maxElements elements.
  void fetchArray(const QString& expression, const QList<qint64>& shape, qint64 maxElements);

  // The kernel records the graph of forward passes (also on while op breakpoints exist).
  void setRecordGraph(bool on);
  // What set_op_breakpoints_request said last ({ops, links, nan_watch, record_graph}).
  const QCborMap& sentOpBreakpoints() const { return sent_op_breakpoints_; }
  // Graph events as QCbor maps ({event: node|backward|reset, ...}, see graph_feed.h).
  void applyGraphEvents(const QCborArray& events);

 signals:
  void stateChanged(kusari::studio::DebugSession::State state);
  void paused(const QString& source, int line);  // source as the kernel names it
  void resumed();
  void framesChanged(const QVector<kusari::widgets::StackFrame>& frames, int currentId);
  void localsChanged(const QVector<kusari::widgets::VariableRecord>& locals);
  void frameSelected(qint64 frameId);  // at every stop (its first frame) and when one is picked
  void evaluated(const QString& expression, const kusari::widgets::VariableRecord& value, const QString& error);
  void childrenArrived(const QString& reference, const QVector<kusari::widgets::VariableRecord>& children);
  void tensorOpened(const kusari::widgets::TensorInfo& info);
  void sliceArrived(const QString& expression, const kusari::widgets::TensorSlice& slice);
  void arrayArrived(const QString& expression, const kusari::widgets::TensorArray& array);
  void tensorFailed(const QString& expression, const QString& message);
  void message(const QString& line);  // for the kernel log

 private:
  void sendBreakpoints();
  void sendOpBreakpoints();
  void onStopped(const QString& requestId, const protocol::StoppedEvent& event);
  void onContinued();
  void onKernelState(client::KernelClient::State state);
  void control(const QString& action, const QString& source = {}, qint64 line = 0);
  void setState(State state);
  QVector<widgets::VariableRecord> records(const QList<protocol::DebugVariable>& variables, const QString& parentExpression);

  NotebookSession* session_;
  client::KernelClient* kernel_;
  widgets::BreakpointList* breakpoints_;
  widgets::GraphModel* graph_;
  State state_ = State::Idle;
  protocol::StoppedEvent stop_;
  qint64 frame_ = 0;
  QString scopes_request_;
  QHash<QString, QString> children_requests_;  // request id -> reference ("" = the locals)
  QHash<QString, QString> expressions_;        // reference -> expression of its children's parent
  struct TensorRequest {
    QString expression;
    bool open = false;  // true: the first request, answered with tensorOpened
    int rowAxis = -1, colAxis = -1;
    QList<qint64> indices;
  };
  QHash<QString, TensorRequest> tensor_requests_;
  QHash<QString, QPair<QString, qint64>> evaluations_;  // request id -> expression, frame
  struct ArrayFetch {
    QString expression;
    QList<qint64> shape;
    QVector<float> data;
    QHash<QString, qint64> offsets;  // request id -> where its slice goes in data
    widgets::TensorInfo info;
  };
  ArrayFetch fetch_;
  bool onArraySlice(const QString& id, const protocol::TensorDataReply& reply);
  bool record_graph_ = false;
  bool kernel_up_ = false;
  QString last_op_breakpoints_;
  QCborMap sent_op_breakpoints_;  // what set_op_breakpoints_request said last (not re-sent unchanged)
};

}  // namespace kusari::studio
