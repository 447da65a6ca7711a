// Connects the current notebook's DebugSession to the window: the Debug actions (enabled by
// the session's state), the Breakpoints, Call Stack, Watches, Variables, Tensor and Graph docks, the
// paused line in the notebook (or in a read-only Source dock for an imported file) and
// "paused at cell [3]:12" in the status bar. Tensor cards in outputs open in the Tensor dock
// too. MainWindow creates one and tells it which notebook is current.
#pragma once
#include "main_window/studio_actions.h"
#include "main_window/studio_docks.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;
class QScrollArea;

namespace kusari::widgets {
class CodeEditor;
class PlaceholderPane;
}

namespace kusari::studio {

class DebugSession;
class HoverWiring;
class KernelStatus;
class NotebookDocument;
class WatchesWiring;

class DebugWiring : public QObject {
  Q_OBJECT
 public:
  DebugWiring(QMainWindow* window, const StudioActions& actions, const StudioDocks& docks, KernelStatus* status);

  void setDocument(NotebookDocument* doc);  // the current notebook; null: none
  DebugSession* session() const;
  // Opens a tensor in the Tensor dock: while paused through the kernel (tensor_data_request in
  // the selected frame), otherwise an output card's preview as it is.
  void openExpression(const QString& expression);
  // A graph node (GraphView::nodeActivated): its source line in the editor and, while paused,
  // its tensor ("<graph var N>": a variable node's, an op node's first output) in the Tensor
  // dock; not paused, the Tensor dock says it is available while paused (graphNote()).
  void onGraphNodeActivated(const QString& nodeId);
  widgets::PlaceholderPane* graphNote() const { return graph_note_; }
  void openCard(const QJsonObject& summary);
  QString shownExpression() const { return expression_; }  // "" unless a paused kernel's tensor
  QDockWidget* sourceDock() const { return source_dock_; }
  widgets::CodeEditor* sourceView() const { return source_view_; }
  HoverWiring* hover() const { return hover_; }  // hover to inspect while paused

 private:
  void connectSession();
  void updateActions();
  void onPaused(const QString& source, int line);
  void onResumed();
  void openTensor(const QString& expression, const QString& title);
  void showFile(const QString& path, int line);
  void toggleBreakpointAtCursor();
  void runToCursor();

  QMainWindow* window_;
  const StudioActions& actions_;
  StudioDocks docks_;
  KernelStatus* status_;
  QPointer<NotebookDocument> doc_;
  QPointer<DebugSession> session_;
  QList<QMetaObject::Connection> connections_;
  WatchesWiring* watches_;
  HoverWiring* hover_;
  QString expression_;  // the tensor the Tensor dock shows from the paused kernel
  QString title_;       // what the Tensor dock calls it ("" = the expression)
  widgets::PlaceholderPane* graph_note_ = nullptr;  // in the Tensor dock's stack
  bool reopening_ = false;
  QDockWidget* source_dock_ = nullptr;
  widgets::CodeEditor* source_view_ = nullptr;
  QScrollArea* source_scroll_ = nullptr;
};

}  // namespace kusari::studio
