#include "main_window/studio_menus.h"

#include "main_window/studio_actions.h"
#include "main_window/studio_docks.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QThread>
#include <QToolBar>

namespace kusari::studio {

void buildMenus(QMainWindow* w, const StudioActions& a, const StudioDocks& docks) {
  QMenuBar* bar = w->menuBar();
  QMenu* file = bar->addMenu(QObject::tr("&File"));
  file->addActions({a.newNotebook, a.open});
  file->addMenu(a.recentMenu);
  file->addSeparator();
  file->addActions({a.save, a.saveAs, a.exportPython});
  file->addSeparator();
  file->addActions({a.closeTab, a.quit});

  QMenu* edit = bar->addMenu(QObject::tr("&Edit"));
  edit->addActions({a.insertAbove, a.insertBelow, a.deleteCells, a.undoDelete});
  edit->addSeparator();
  edit->addActions({a.splitCell, a.mergeCells, a.moveUp, a.moveDown});
  edit->addSeparator();
  edit->addActions({a.toCode, a.toMarkdown});

  QMenu* view = bar->addMenu(QObject::tr("&View"));
  for (QDockWidget* dock : docks.all()) view->addAction(dock->toggleViewAction());
  view->addSeparator();
  view->addActions({a.darkTheme, a.resetLayout});

  QMenu* run = bar->addMenu(QObject::tr("&Run"));
  run->addActions({a.runCell, a.runAdvance, a.runInsert, a.runAll, a.runAbove, a.runBelow});
  run->addSeparator();
  run->addActions({a.clearOutputs, a.clearAllOutputs});

  QMenu* debug = bar->addMenu(QObject::tr("&Debug"));
  debug->addActions({a.debugContinue, a.pause, a.stepOver, a.stepInto, a.stepOut, a.nextOp, a.runToCursor});
  debug->addSeparator();
  debug->addActions({a.toggleBreakpoint, a.stopOnNonFinite, a.breakOnException});

  QMenu* kernel = bar->addMenu(QObject::tr("&Kernel"));
  kernel->addActions({a.interrupt, a.restart, a.restartRunAll});
  kernel->addSeparator();
  kernel->addAction(a.stopTraining);

  QMenu* help = bar->addMenu(QObject::tr("&Help"));
  help->addActions({a.shortcuts, a.about});
}

QComboBox* buildToolBar(QMainWindow* w, const StudioActions& a) {
  QToolBar* tb = w->addToolBar(QObject::tr("Main"));
  tb->setObjectName(QStringLiteral("mainToolBar"));
  tb->setMovable(false);
  tb->setIconSize(QSize(16, 16));
  tb->addActions({a.runCell, a.runAll, a.interrupt, a.restart, a.stopTraining});
  tb->addSeparator();
  tb->addActions({a.debugContinue, a.pause, a.stepOver, a.stepInto, a.stepOut, a.nextOp});
  tb->addSeparator();
  auto* holder = new QWidget(tb);
  auto* row = new QHBoxLayout(holder);
  row->setContentsMargins(6, 0, 6, 0);
  row->setSpacing(6);
  row->addWidget(new QLabel(QObject::tr("Device:"), holder));
  auto* device = new QComboBox(holder);
  device->addItem(QObject::tr("CPU (%1 threads)").arg(QThread::idealThreadCount()), QStringLiteral("cpu"));
  device->setToolTip(QObject::tr("Where new tensors are placed; GPUs appear here when the CUDA backend is built"));
  row->addWidget(device);
  tb->addWidget(holder);
  return device;
}

}  // namespace kusari::studio
