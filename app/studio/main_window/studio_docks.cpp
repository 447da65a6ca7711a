#include "main_window/studio_docks.h"

#include "widgets/debug/breakpoints_view.h"
#include "widgets/debug/call_stack_view.h"
#include "widgets/debug/watches_view.h"
#include "widgets/graph/graph_view.h"
#include "widgets/metrics/metrics_view.h"
#include "widgets/tensor/tensor_view.h"
#include "widgets/variables/variables_tree_view.h"
#include "widgets/param_stats/param_stats_view.h"
#include "widgets/placeholder_pane.h"
#include "widgets/variables/variables_view.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QStackedWidget>

namespace kusari::studio {
namespace {

QDockWidget* dock(QMainWindow* w, const QString& title, const QString& name, QWidget* content) {
  auto* d = new QDockWidget(title, w);
  d->setObjectName(name);  // saveState/restoreState key
  d->setWidget(content);
  d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
  return d;
}

QWidget* placeholder(const QString& title, const QString& text) { return new widgets::PlaceholderPane(title, text); }

}  // namespace

StudioDocks createDocks(QMainWindow* w) {
  StudioDocks d{};
  d.variablesView = new widgets::VariablesView;
  d.kernelLogView = new QPlainTextEdit;
  d.kernelLogView->setReadOnly(true);
  d.kernelLogView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  d.kernelLogView->setPlaceholderText(QObject::tr("Kernel start, restarts, crashes and messages appear here."));
  d.kernelLogView->setMaximumBlockCount(5000);
  d.kernelLogView->setFrameShape(QFrame::NoFrame);

  d.variablesTree = new widgets::VariablesTreeView;
  d.variablesStack = new QStackedWidget;
  d.variablesStack->addWidget(d.variablesView);
  d.variablesStack->addWidget(d.variablesTree);
  d.variables = dock(w, QObject::tr("Variables"), QStringLiteral("variablesDock"), d.variablesStack);
  d.tensorView = new widgets::TensorView;
  d.tensorStack = new QStackedWidget;
  d.tensorStack->addWidget(placeholder(QObject::tr("No tensor selected"),
                                       QObject::tr("Click a tensor card in an output or double-click a tensor in "
                                                   "Variables (or a node in Graph) to see it here as a heatmap, "
                                                   "image grid, histogram or table.")));
  d.tensorStack->addWidget(d.tensorView);
  d.tensor = dock(w, QObject::tr("Tensor"), QStringLiteral("tensorDock"), d.tensorStack);
  d.graphView = new widgets::GraphView;
  d.graph = dock(w, QObject::tr("Graph"), QStringLiteral("graphDock"), d.graphView);
  d.metricsView = new widgets::MetricsView;
  d.metrics = dock(w, QObject::tr("Metrics"), QStringLiteral("metricsDock"), d.metricsView);
  d.paramStatsView = new widgets::ParamStatsView;
  d.paramStats = dock(w, QObject::tr("Parameters"), QStringLiteral("paramStatsDock"), d.paramStatsView);
  d.callStackView = new widgets::CallStackView;
  d.callStack = dock(w, QObject::tr("Call Stack"), QStringLiteral("callStackDock"), d.callStackView);
  d.watchesView = new widgets::WatchesView;
  d.watches = dock(w, QObject::tr("Watches"), QStringLiteral("watchesDock"), d.watchesView);
  d.breakpointsView = new widgets::BreakpointsView;
  d.breakpoints = dock(w, QObject::tr("Breakpoints"), QStringLiteral("breakpointsDock"), d.breakpointsView);
  d.kernelLog = dock(w, QObject::tr("Kernel Log"), QStringLiteral("kernelLogDock"), d.kernelLogView);
  return d;
}

void arrangeDocks(QMainWindow* w, const StudioDocks& d) {
  for (QDockWidget* dock : d.all()) {
    dock->setFloating(false);
    dock->show();
  }
  w->addDockWidget(Qt::RightDockWidgetArea, d.variables);
  w->addDockWidget(Qt::RightDockWidgetArea, d.tensor);
  w->splitDockWidget(d.variables, d.tensor, Qt::Vertical);
  w->addDockWidget(Qt::BottomDockWidgetArea, d.graph);
  for (QDockWidget* dock : {d.metrics, d.paramStats, d.callStack, d.watches, d.breakpoints, d.kernelLog}) {
    w->addDockWidget(Qt::BottomDockWidgetArea, dock);
    w->tabifyDockWidget(d.graph, dock);
  }
  d.graph->raise();
  w->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
  w->resizeDocks({d.variables}, {460}, Qt::Horizontal);
  w->resizeDocks({d.variables, d.tensor}, {380, 320}, Qt::Vertical);
  w->resizeDocks({d.graph}, {220}, Qt::Vertical);
}

}  // namespace kusari::studio
