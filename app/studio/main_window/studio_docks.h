// The studio's docks. Variables shows the kernel's namespace (a flat list) and, while the
// debugger is paused, the selected frame's tree; Tensor says how to open a tensor until one is
// opened; Graph, Call Stack, Watches and Breakpoints are fed by the notebook's debug session.
#pragma once
#include <QList>

class QDockWidget;
class QMainWindow;
class QPlainTextEdit;
class QStackedWidget;

namespace kusari::widgets {
class MetricsView;
class ParamStatsView;
class BreakpointsView;
class CallStackView;
class GraphView;
class TensorView;
class VariablesTreeView;
class VariablesView;
class WatchesView;
}

namespace kusari::studio {

struct StudioDocks {
  QDockWidget *variables, *tensor, *graph, *metrics, *callStack, *breakpoints, *kernelLog;
  widgets::VariablesView* variablesView;            // idle: the namespace
  widgets::VariablesTreeView* variablesTree;        // paused: the selected frame's locals
  QStackedWidget* variablesStack;                   // shows one of the two
  widgets::TensorView* tensorView;
  QStackedWidget* tensorStack;                      // a placeholder until a tensor is opened
  widgets::GraphView* graphView;
  widgets::CallStackView* callStackView;
  widgets::BreakpointsView* breakpointsView;
  QPlainTextEdit* kernelLogView;
  widgets::MetricsView* metricsView;
  QDockWidget* paramStats = nullptr;  // "Parameters": per-layer parameter/gradient statistics
  widgets::ParamStatsView* paramStatsView = nullptr;
  QDockWidget* watches = nullptr;  // "Watches": expressions evaluated in the selected frame
  widgets::WatchesView* watchesView = nullptr;

  QList<QDockWidget*> all() const {
    return {variables, tensor, graph, metrics, paramStats, callStack, watches, breakpoints, kernelLog};
  }
};

StudioDocks createDocks(QMainWindow* window);
// The default arrangement: Variables over Tensor on the right, the rest tabbed at the bottom.
void arrangeDocks(QMainWindow* window, const StudioDocks& docks);

}  // namespace kusari::studio
