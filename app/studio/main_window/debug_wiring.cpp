#include "main_window/debug_wiring.h"

#include "debug/debug_session.h"
#include "debug/graph_feed.h"
#include "document/notebook.h"
#include "main_window/hover_wiring.h"
#include "main_window/kernel_status.h"
#include "main_window/notebook_document.h"
#include "main_window/session_runner.h"
#include "main_window/watches_wiring.h"
#include "widgets/debug/breakpoints_view.h"
#include "widgets/debug/call_stack_view.h"
#include "widgets/debug/watches_view.h"
#include "widgets/editor/code_editor.h"
#include "widgets/editor/identifier_hover.h"
#include "widgets/graph/graph_view.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/output/tensor_summary_data.h"
#include "widgets/placeholder_pane.h"
#include "widgets/tensor/tensor_view.h"
#include "widgets/variables/variables_tree_view.h"
#include "widgets/variables/variables_view.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QMainWindow>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace kusari::studio {

using widgets::TensorView;

DebugWiring::DebugWiring(QMainWindow* window, const StudioActions& actions, const StudioDocks& docks, KernelStatus* status)
    : QObject(window), window_(window), actions_(actions), docks_(docks), status_(status),
      watches_(new WatchesWiring(docks.watchesView, this)), hover_(new HoverWiring(this)) {
  const auto onSession = [this](QAction* action, void (DebugSession::*step)()) {
    connect(action, &QAction::triggered, this, [this, step] {
      if (session_) (session_->*step)();
    });
  };
  onSession(actions.debugContinue, &DebugSession::continueRunning);
  onSession(actions.stepOver, &DebugSession::stepOver);
  onSession(actions.stepInto, &DebugSession::stepInto);
  onSession(actions.stepOut, &DebugSession::stepOut);
  onSession(actions.nextOp, &DebugSession::nextOp);
  onSession(actions.pause, &DebugSession::pause);
  connect(actions.runToCursor, &QAction::triggered, this, &DebugWiring::runToCursor);
  connect(actions.toggleBreakpoint, &QAction::triggered, this, &DebugWiring::toggleBreakpointAtCursor);
  connect(actions.stopOnNonFinite, &QAction::toggled, this, [this](bool on) {
    if (session_) session_->breakpoints()->setStopOnNonFinite(on);
  });
  connect(actions.breakOnException, &QAction::toggled, this, [this](bool on) {
    if (session_) session_->breakpoints()->setBreakOnException(on);
  });

  // Docks that talk to whichever session is current.
  connect(docks.callStackView, &widgets::CallStackView::frameSelected, this, [this](int id) {
    if (!session_) return;
    session_->selectFrame(id);
    for (const protocol::StackFrame& f : session_->stop().frames) {  // show where that frame is
      if (f.id != id) continue;
      const QString cell = DebugSession::cellIdOf(f.source);
      if (!cell.isEmpty() && doc_) doc_->view()->revealLine(cell, int(f.line));
      else if (QFileInfo(f.source).isAbsolute()) showFile(f.source, int(f.line));
    }
  });
  connect(docks.variablesTree, &widgets::VariablesTreeView::childrenRequested, this, [this](const QString& reference) {
    if (session_) session_->requestChildren(reference);
  });
  connect(docks.variablesTree, &widgets::VariablesTreeView::tensorActivated, this, &DebugWiring::openExpression);
  connect(docks.watchesView, &widgets::WatchesView::tensorActivated, this, &DebugWiring::openExpression);
  connect(docks.tensorView, &TensorView::sliceRequested, this,
          [this](int rowAxis, int colAxis, const QList<qint64>& indices, qint64 maxElements) {
            if (session_ && !expression_.isEmpty()) session_->requestSlice(expression_, rowAxis, colAxis, indices, maxElements);
          });
  connect(docks.tensorView, &TensorView::arrayRequested, this, [this](qint64 maxElements) {
    if (session_ && !expression_.isEmpty()) session_->fetchArray(expression_, docks_.tensorView->info().shape, maxElements);
  });
  connect(docks.graphView, &widgets::GraphView::nodeActivated, this, &DebugWiring::onGraphNodeActivated);
  connect(docks.graph, &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (session_) session_->setRecordGraph(visible);
  });
  updateActions();
}

DebugSession* DebugWiring::session() const { return session_; }

void DebugWiring::setDocument(NotebookDocument* doc) {
  if (doc == doc_) return;
  for (const QMetaObject::Connection& c : connections_) disconnect(c);
  connections_.clear();
  if (session_ && session_->state() == DebugSession::State::Paused) onResumed();  // the marks belong to the other notebook
  doc_ = doc;
  auto* runner = doc ? qobject_cast<SessionRunner*>(doc->runner()) : nullptr;
  session_ = runner ? runner->debug() : nullptr;
  connectSession();
  updateActions();
}

void DebugWiring::connectSession() {
  docks_.breakpointsView->setList(session_ ? session_->breakpoints() : nullptr);
  docks_.graphView->setModel(session_ ? session_->graph() : nullptr);
  watches_->setSession(session_);
  hover_->setSession(session_, doc_ ? doc_->view() : nullptr);
  if (!session_) return;
  {
    const QSignalBlocker block(actions_.stopOnNonFinite);
    actions_.stopOnNonFinite->setChecked(session_->breakpoints()->stopOnNonFinite());
    const QSignalBlocker blockExceptions(actions_.breakOnException);
    actions_.breakOnException->setChecked(session_->breakpoints()->breakOnException());
  }
  session_->setRecordGraph(docks_.graph->isVisible());
  DebugSession* s = session_;
  connections_ << connect(s->breakpoints(), &widgets::BreakpointList::stopOnNonFiniteChanged, actions_.stopOnNonFinite,
                          [this](bool on) {
                            const QSignalBlocker block(actions_.stopOnNonFinite);
                            actions_.stopOnNonFinite->setChecked(on);
                          });
  connections_ << connect(s->breakpoints(), &widgets::BreakpointList::breakOnExceptionChanged, actions_.breakOnException,
                          [this](bool on) {
                            const QSignalBlocker block(actions_.breakOnException);
                            actions_.breakOnException->setChecked(on);
                          });
  connections_ << connect(s, &DebugSession::stateChanged, this, &DebugWiring::updateActions);
  connections_ << connect(s, &DebugSession::paused, this, &DebugWiring::onPaused);
  connections_ << connect(s, &DebugSession::resumed, this, &DebugWiring::onResumed);
  connections_ << connect(s, &DebugSession::framesChanged, docks_.callStackView, &widgets::CallStackView::setFrames);
  connections_ << connect(s, &DebugSession::localsChanged, this, [this](const QVector<widgets::VariableRecord>& locals) {
    docks_.variablesTree->setVariables(locals);
    docks_.variablesStack->setCurrentWidget(docks_.variablesTree);
  });
  connections_ << connect(s, &DebugSession::childrenArrived, docks_.variablesTree, &widgets::VariablesTreeView::setChildren);
  connections_ << connect(s, &DebugSession::tensorOpened, this, [this](widgets::TensorInfo info) {
    if (info.name != expression_) return;
    if (!title_.isEmpty()) info.name = title_;  // "relu output (graph var 14)", not "<graph var 14>"
    const widgets::TensorSlice previous = docks_.tensorView->slice();
    const bool again = reopening_ && docks_.tensorView->info().name == info.name;
    reopening_ = false;
    docks_.tensorView->setTensor(info);  // asks for its slice
    if (again && previous.isValid()) docks_.tensorView->setPrevious(previous);  // Δ vs previous stop
    docks_.tensorStack->setCurrentWidget(docks_.tensorView);
  });
  connections_ << connect(s, &DebugSession::sliceArrived, this, [this](const QString& expression, const widgets::TensorSlice& slice) {
    if (expression == expression_) docks_.tensorView->setSlice(slice);
  });
  connections_ << connect(s, &DebugSession::arrayArrived, this, [this](const QString& expression, const widgets::TensorArray& array) {
    if (expression == expression_ && array.info.shape == docks_.tensorView->info().shape) docks_.tensorView->setArray(array);
  });
  connections_ << connect(s, &DebugSession::tensorFailed, this, [this](const QString& expression, const QString& why) {
    window_->statusBar()->showMessage(tr("Cannot show %1: %2").arg(expression, why), 8000);
  });
  if (s->state() == DebugSession::State::Paused) onPaused(s->stop().source, int(s->stop().line));
}

void DebugWiring::updateActions() {
  const auto state = session_ ? session_->state() : DebugSession::State::Idle;
  const bool paused = state == DebugSession::State::Paused;
  // Stopped on an uncaught exception the cell's frames have finished: only continue resumes.
  const bool postMortem = paused && session_->stop().reason == QLatin1String("exception");
  actions_.debugContinue->setEnabled(paused);
  for (QAction* a : {actions_.stepOver, actions_.stepInto, actions_.stepOut, actions_.nextOp, actions_.runToCursor})
    a->setEnabled(paused && !postMortem);
  actions_.pause->setEnabled(state == DebugSession::State::Running);
  actions_.toggleBreakpoint->setEnabled(session_ != nullptr);
  actions_.stopOnNonFinite->setEnabled(session_ != nullptr);
  actions_.breakOnException->setEnabled(session_ != nullptr);
}

void DebugWiring::onPaused(const QString& source, int line) {
  const protocol::StoppedEvent& stop = session_->stop();
  const bool exception = stop.reason == QLatin1String("exception");
  status_->setPausedAt(exception ? tr("%1 (%2)").arg(session_->locationText(), stop.description) : session_->locationText());
  const QString cell = DebugSession::cellIdOf(source);
  if (!cell.isEmpty() && doc_) doc_->view()->setPausedLine(cell, line);
  else if (doc_) doc_->view()->setPausedLine({}, 0);
  if (cell.isEmpty() && QFileInfo(source).isAbsolute()) showFile(source, line);
  else if (source_view_) source_view_->setPausedLine(0);
  docks_.variablesStack->setCurrentWidget(docks_.variablesTree);  // the frame's locals follow
  docks_.callStack->raise();
  if (!session_->graph()->currentId().isEmpty()) docks_.graph->raise();  // an op stop: its node outlined
  if (!expression_.isEmpty()) {  // the tensor shown at the last stop, now
    reopening_ = true;
    session_->openTensor(expression_);
  }
}

void DebugWiring::onResumed() {
  status_->setPausedAt({});
  if (doc_) doc_->view()->setPausedLine({}, 0);
  if (source_view_) source_view_->setPausedLine(0);
  docks_.callStackView->clear();
  docks_.variablesTree->setVariables({});
  docks_.variablesStack->setCurrentWidget(docks_.variablesView);
}

void DebugWiring::openExpression(const QString& expression) { openTensor(expression, {}); }

void DebugWiring::openTensor(const QString& expression, const QString& title) {
  if (!session_ || session_->state() != DebugSession::State::Paused) return;
  expression_ = expression;
  title_ = title;
  reopening_ = false;
  session_->openTensor(expression);
  docks_.tensor->raise();
}

void DebugWiring::openCard(const QJsonObject& summary) {
  const widgets::TensorSummaryData d = widgets::TensorSummaryData::fromJson(summary);
  if (d.previewRows <= 0 || d.previewCols <= 0 || d.preview.size() != qsizetype(d.previewRows) * d.previewCols) return;
  expression_.clear();  // a card is shown as it is: its preview, not the kernel's array
  title_.clear();
  const QString name = summary.value(QStringLiteral("name")).toString();
  const QString title = tr("%1 %2 — preview (%3 × %4)")
                            .arg(name.isEmpty() ? tr("output") : name, d.shapeText())
                            .arg(d.previewRows)
                            .arg(d.previewCols);
  docks_.tensorView->setArray(widgets::TensorArray::make(title, {d.previewRows, d.previewCols}, d.preview, d.dtype,
                                                         d.device.isEmpty() ? QStringLiteral("cpu") : d.device));
  docks_.tensorStack->setCurrentWidget(docks_.tensorView);
  docks_.tensor->raise();
}

void DebugWiring::onGraphNodeActivated(const QString& id) {
  const widgets::GraphModel* model = docks_.graphView->model();
  if (!model) return;
  // Its source line: an op's own; a variable's, the op that made it.
  if (const widgets::GraphNode* op = model->node(graphCreatorNode(*model, id)); op && op->sourceLine > 0 && doc_) {
    const QString cell = DebugSession::cellIdOf(op->sourceFile);
    if (!cell.isEmpty()) doc_->view()->revealLine(cell, op->sourceLine);
    else if (QFileInfo(op->sourceFile).isAbsolute()) showFile(op->sourceFile, op->sourceLine);
  }
  // Its tensor: fetched from the paused kernel, or a note that it can be while paused.
  QString title;
  const QString expression = graphTensorExpression(*model, id, &title);
  if (expression.isEmpty()) return;
  if (session_ && session_->state() == DebugSession::State::Paused) return openTensor(expression, title);
  delete graph_note_;
  graph_note_ = new widgets::PlaceholderPane(
      tr("%1: available while paused").arg(title),
      tr("The graph's tensors are read from the paused kernel. Set a breakpoint (or an op breakpoint) "
         "and click the node again while the debugger is paused."));
  docks_.tensorStack->addWidget(graph_note_);
  docks_.tensorStack->setCurrentWidget(graph_note_);
  docks_.tensor->raise();
}

void DebugWiring::showFile(const QString& path, int line) {
  if (!source_dock_) {
    source_view_ = new widgets::CodeEditor(widgets::CodeEditor::Language::Python);
    source_view_->setReadOnly(true);
    new widgets::IdentifierHover(source_view_);
    hover_->watchEditor(source_view_);
    source_scroll_ = new QScrollArea;  // the editor is as tall as its text; this scrolls it
    source_scroll_->setWidgetResizable(true);
    source_scroll_->setFrameShape(QFrame::NoFrame);
    source_scroll_->setWidget(source_view_);
    source_dock_ = new QDockWidget(window_);
    source_dock_->setObjectName(QStringLiteral("sourceDock"));
    source_dock_->setWidget(source_scroll_);
    window_->addDockWidget(Qt::RightDockWidgetArea, source_dock_);
    window_->tabifyDockWidget(docks_.tensor, source_dock_);
  }
  if (source_dock_->property("path").toString() != path) {
    QFile file(path);
    source_view_->setText(file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                         : tr("# cannot read %1: %2").arg(path, file.errorString()));
    source_dock_->setProperty("path", path);
    source_dock_->setWindowTitle(tr("Source: %1").arg(QFileInfo(path).fileName()));
    source_dock_->setToolTip(path);
  }
  source_view_->setPausedLine(line);
  source_view_->goToLine(line);
  source_dock_->show();
  source_dock_->raise();
  const int lineHeight = int(source_view_->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, 0));
  source_scroll_->ensureVisible(0, std::max(0, line - 1) * lineHeight, 0, source_scroll_->height() / 3);
}

void DebugWiring::toggleBreakpointAtCursor() {
  if (!session_ || !doc_) return;
  widgets::NotebookView* view = doc_->view();
  widgets::CellWidget* cell = view->cellWidget(view->currentIndex());
  if (!cell || cell->type() != CellType::Code || !cell->editor()) return;
  int line = 0, index = 0;
  cell->editor()->getCursorPosition(&line, &index);
  session_->breakpoints()->toggleLine(cell->cellId(), line + 1);
}

void DebugWiring::runToCursor() {
  if (!session_ || !doc_) return;
  widgets::NotebookView* view = doc_->view();
  widgets::CellWidget* cell = view->cellWidget(view->currentIndex());
  if (!cell || !cell->editor()) return;
  int line = 0, index = 0;
  cell->editor()->getCursorPosition(&line, &index);
  session_->runTo(cell->cellId(), line + 1);
}

}  // namespace kusari::studio
