#include "main_window/studio_docks.h"

#include "widgets/metrics/metrics_view.h"
#include "widgets/placeholder_pane.h"
#include "widgets/variables/variables_view.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QMainWindow>
#include <QPlainTextEdit>

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

  d.variables = dock(w, QObject::tr("Variables"), QStringLiteral("variablesDock"), d.variablesView);
  d.tensor = dock(w, QObject::tr("Tensor"), QStringLiteral("tensorDock"),
                  placeholder(QObject::tr("No tensor selected"),
                              QObject::tr("Click a tensor card in an output or a row in Variables to see it here "
                                          "as a heatmap, image grid, histogram or table, with axis and index pickers.")));
  d.graph = dock(w, QObject::tr("Graph"), QStringLiteral("graphDock"),
                 placeholder(QObject::tr("Computational graph"),
                             QObject::tr("The graph of the last forward pass grows here while it runs: variables "
                                         "with their shapes, ops, and links grouped by layer.")));
  d.metricsView = new widgets::MetricsView;
  d.metrics = dock(w, QObject::tr("Metrics"), QStringLiteral("metricsDock"), d.metricsView);
  d.callStack = dock(w, QObject::tr("Call Stack"), QStringLiteral("callStackDock"),
                     placeholder(QObject::tr("Not paused"),
                                 QObject::tr("When a breakpoint hits, the frames from the cell down to the "
                                             "current line are listed here.")));
  d.breakpoints = dock(w, QObject::tr("Breakpoints"), QStringLiteral("breakpointsDock"),
                       placeholder(QObject::tr("Breakpoints"),
                                   QObject::tr("Line breakpoints (click a cell's margin or press F9) and op "
                                               "breakpoints — an op type, a layer, or the first NaN/Inf — are "
                                               "listed here.")));
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
  for (QDockWidget* dock : {d.metrics, d.callStack, d.breakpoints, d.kernelLog}) {
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
