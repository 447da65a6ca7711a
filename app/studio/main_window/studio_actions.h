// Every action of the studio, created once; menus, toolbar and the main window share them.
// Cell keys that are single letters (A, B, D D, M, Y) belong to the notebook view in command
// mode: their actions only show the key in the menu, they never take it from an editor.
#pragma once
#include <QObject>

class QAction;
class QActionGroup;
class QComboBox;
class QMenu;

namespace kusari::studio {

struct StudioActions {
  explicit StudioActions(QObject* parent);

  // File
  QAction *newNotebook, *open, *save, *saveAs, *exportPython, *closeTab, *quit;
  QMenu* recentMenu;
  // Edit
  QAction *insertAbove, *insertBelow, *deleteCells, *undoDelete, *splitCell, *mergeCells, *moveUp, *moveDown,
      *toCode, *toMarkdown;
  // View
  QAction *darkTheme, *resetLayout;
  // Run
  QAction *runCell, *runAdvance, *runInsert, *runAll, *runAbove, *runBelow, *clearOutputs, *clearAllOutputs;
  QAction* restartRunAll;
  // Kernel
  QAction *interrupt, *restart;
  QAction* stopTraining;  // stop_training_request: the running Trainer stops, the cell goes on
  // Debug: enabled as the current notebook's debug session allows (see debug_wiring.h)
  QAction *debugContinue, *stepOver, *stepInto, *stepOut, *nextOp, *pause, *runToCursor, *toggleBreakpoint;
  QAction* stopOnNonFinite;  // checkable: stop at the first op producing NaN/Inf
  QAction* breakOnException;  // checkable: pause where an uncaught exception was raised
  // Help
  QAction *shortcuts, *about;
};

}  // namespace kusari::studio
