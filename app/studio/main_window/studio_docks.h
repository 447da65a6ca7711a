// The studio's docks. Variables and the Kernel log are live now; the others say what will
// appear there until the debugger, tensor and metrics features fill them.
#pragma once
#include <QList>

class QDockWidget;
class QMainWindow;
class QPlainTextEdit;

namespace kusari::widgets {
class MetricsView;
class ParamStatsView;
class VariablesView;
}

namespace kusari::studio {

struct StudioDocks {
  QDockWidget *variables, *tensor, *graph, *metrics, *callStack, *breakpoints, *kernelLog;
  widgets::VariablesView* variablesView;
  QPlainTextEdit* kernelLogView;
  widgets::MetricsView* metricsView;
  QDockWidget* paramStats = nullptr;  // "Parameters": per-layer parameter/gradient statistics
  widgets::ParamStatsView* paramStatsView = nullptr;

  QList<QDockWidget*> all() const { return {variables, tensor, graph, metrics, paramStats, callStack, breakpoints, kernelLog}; }
};

StudioDocks createDocks(QMainWindow* window);
// The default arrangement: Variables over Tensor on the right, the rest tabbed at the bottom.
void arrangeDocks(QMainWindow* window, const StudioDocks& docks);

}  // namespace kusari::studio
