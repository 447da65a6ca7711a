#include "main_window/studio_actions.h"

#include "widgets/theme/studio_icons.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>

namespace kusari::studio {
namespace {

using widgets::StudioIcon;

QAction* make(QObject* parent, const QString& text, const QKeySequence& key = {}) {
  auto* a = new QAction(text, parent);
  if (!key.isEmpty()) a->setShortcut(key);
  return a;
}

QAction* make(QObject* parent, StudioIcon icon, const QString& text, const QKeySequence& key = {}) {
  QAction* a = make(parent, text, key);
  a->setIcon(widgets::studioIcon(icon));
  a->setToolTip(key.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
  return a;
}

}  // namespace

StudioActions::StudioActions(QObject* p) {
  newNotebook = make(p, QObject::tr("&New Notebook"), QKeySequence::New);
  open = make(p, StudioIcon::Open, QObject::tr("&Open…"), QKeySequence::Open);
  save = make(p, StudioIcon::Save, QObject::tr("&Save"), QKeySequence::Save);
  saveAs = make(p, QObject::tr("Save &As…"), QKeySequence::SaveAs);
  exportPython = make(p, QObject::tr("&Export as Python…"));
  closeTab = make(p, QObject::tr("&Close Notebook"), QKeySequence::Close);
  quit = make(p, QObject::tr("&Quit"), QKeySequence::Quit);
  recentMenu = new QMenu(QObject::tr("Open &Recent"));

  // "\t" puts a key in the menu's shortcut column without making it a shortcut.
  insertAbove = make(p, QObject::tr("Insert Cell &Above\tA"));
  insertBelow = make(p, QObject::tr("Insert Cell &Below\tB"));
  deleteCells = make(p, QObject::tr("&Delete Cells\tD, D"));
  undoDelete = make(p, QObject::tr("&Undo Delete Cells\tZ"));
  splitCell = make(p, QObject::tr("&Split Cell at Cursor\tCtrl+Shift+-"));
  mergeCells = make(p, QObject::tr("&Merge Cells\tShift+M"));
  moveUp = make(p, QObject::tr("Move Cells &Up\tAlt+Up"));
  moveDown = make(p, QObject::tr("Move Cells Do&wn\tAlt+Down"));
  toCode = make(p, QObject::tr("Change to &Code\tY"));
  toMarkdown = make(p, QObject::tr("Change to Mar&kdown\tM"));

  darkTheme = make(p, QObject::tr("&Dark Theme"));
  darkTheme->setCheckable(true);
  resetLayout = make(p, QObject::tr("&Reset Layout"));

  runCell = make(p, StudioIcon::Run, QObject::tr("&Run Cell"), QKeySequence(Qt::CTRL | Qt::Key_Return));
  runAdvance = make(p, QObject::tr("Run Cell and &Advance"), QKeySequence(Qt::SHIFT | Qt::Key_Return));
  runInsert = make(p, QObject::tr("Run Cell and &Insert Below"), QKeySequence(Qt::ALT | Qt::Key_Return));
  runAll = make(p, StudioIcon::RunAll, QObject::tr("Run &All Cells"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
  runAbove = make(p, QObject::tr("Run All A&bove"));
  runBelow = make(p, QObject::tr("Run Selected and Be&low"));
  clearOutputs = make(p, QObject::tr("&Clear Cell Output"));
  clearAllOutputs = make(p, QObject::tr("Clear All &Outputs"));

  interrupt = make(p, StudioIcon::Interrupt, QObject::tr("&Interrupt Kernel\tI, I"));
  restart = make(p, StudioIcon::Restart, QObject::tr("&Restart Kernel\t0, 0"));
  interrupt->setToolTip(QObject::tr("Interrupt the kernel (I, I)"));
  restart->setToolTip(QObject::tr("Restart the kernel (0, 0)"));
  restartRunAll = make(p, QObject::tr("Restart Kernel and Run &All"));
  stopTraining = make(p, QObject::tr("S&top Training"));
  stopTraining->setToolTip(QObject::tr("Stop the running training at the end of its iteration; "
                                       "a snapshot is saved and trainer.run() resumes it"));

  debugContinue = make(p, StudioIcon::Continue, QObject::tr("&Continue"), QKeySequence(Qt::Key_F5));
  stepOver = make(p, StudioIcon::StepOver, QObject::tr("Step &Over"), QKeySequence(Qt::Key_F10));
  stepInto = make(p, StudioIcon::StepInto, QObject::tr("Step &Into"), QKeySequence(Qt::Key_F11));
  stepOut = make(p, StudioIcon::StepOut, QObject::tr("Step O&ut"), QKeySequence(Qt::SHIFT | Qt::Key_F11));
  nextOp = make(p, StudioIcon::NextOp, QObject::tr("&Next Op"), QKeySequence(Qt::Key_F6));
  pause = make(p, StudioIcon::Pause, QObject::tr("&Pause"), QKeySequence(Qt::CTRL | Qt::Key_F5));
  runToCursor = make(p, QObject::tr("Run to C&ursor"), QKeySequence(Qt::CTRL | Qt::Key_F10));
  toggleBreakpoint = make(p, QObject::tr("Toggle &Breakpoint"), QKeySequence(Qt::Key_F9));
  stopOnNonFinite = make(p, QObject::tr("Stop on First &NaN/Inf"));
  stopOnNonFinite->setCheckable(true);
  breakOnException = make(p, QObject::tr("Break on &Uncaught Exceptions"));
  breakOnException->setCheckable(true);
  breakOnException->setStatusTip(QObject::tr("Pause where an exception nothing caught was raised, before it ends the cell"));
  for (QAction* a : {debugContinue, stepOver, stepInto, stepOut, nextOp, pause, runToCursor}) {
    a->setEnabled(false);
    a->setStatusTip(QObject::tr("Available while a cell is paused in the debugger"));
  }
  pause->setStatusTip(QObject::tr("Stop the running cell at its next line"));

  shortcuts = make(p, QObject::tr("&Keyboard Shortcuts"));
  about = make(p, QObject::tr("&About Kusari Studio"));
}

}  // namespace kusari::studio
