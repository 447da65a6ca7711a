// The studio's docks. Variables and the Kernel log are live now; the others say what will
// appear there until the debugger, tensor and metrics features fill them.
#pragma once
#include <QList>

class QDockWidget;
class QMainWindow;
class QPlainTextEdit;

namespace kusari::widgets {
class MetricsView;
class VariablesView;
}

namespace kusari::studio {

struct StudioDocks {
  QDockWidget *variables, *tensor, *graph, *metrics, *callStack, *breakpoints, *kernelLog;
  widgets::VariablesView* variablesView;
  QPlainTextEdit* kernelLogView;
  widgets::MetricsView* metricsView;

  QList<QDockWidget*> all() const { return {variables, tensor, graph, metrics, callStack, breakpoints, kernelLog}; }
};

StudioDocks createDocks(QMainWindow* window);
// The default arrangement: Variables over Tensor on the right, the rest tabbed at the bottom.
void arrangeDocks(QMainWindow* window, const StudioDocks& docks);

}  // namespace kusari::studio
