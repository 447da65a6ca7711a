#include "main_window/main_window.h"

#include "document/notebook.h"
#include "main_window/debug_wiring.h"
#include "main_window/kernel_status.h"
#include "main_window/notebook_document.h"
#include "main_window/param_stats_feed.h"
#include "main_window/studio_menus.h"
#include "widgets/metrics/metrics_view.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/param_stats/param_stats_view.h"
#include "widgets/theme/theme.h"
#include "widgets/variables/variables_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace kusari::studio {

using widgets::NotebookView;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), actions_(this), docks_(createDocks(this)), tabs_(new QTabWidget(this)),
      status_(new KernelStatus(this)), io_(makeNotebookFileIO()), system_palette_(QApplication::palette()) {
  setWindowTitle(tr("Kusari Studio"));
  setObjectName(QStringLiteral("kusariStudioWindow"));
  setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
  tabs_->setDocumentMode(true);
  tabs_->setTabsClosable(true);
  tabs_->setMovable(true);
  setCentralWidget(tabs_);
  buildMenus(this, actions_, docks_);
  device_ = buildToolBar(this, actions_);
  statusBar()->addPermanentWidget(status_);
  statusBar()->setSizeGripEnabled(false);
  status_->setDevice(device_->currentText());
  arrangeDocks(this, docks_);
  default_state_ = saveState();
  debug_ = new DebugWiring(this, actions_, docks_, status_);
  wireActions();
  rebuildRecentMenu();
  updateActions();
}

MainWindow::~MainWindow() {
  // The children go in creation order: the actions before the tabs, whose last removal would
  // otherwise call updateActions() on deleted actions.
  tabs_->disconnect(this);
}

NotebookDocument* MainWindow::currentDocument() const {
  QWidget* w = tabs_->currentWidget();
  return w ? w->property("document").value<NotebookDocument*>() : nullptr;
}

int MainWindow::documentCount() const { return tabs_->count(); }

NotebookDocument* MainWindow::document(int tab) const {
  QWidget* w = tabs_->widget(tab);
  return w ? w->property("document").value<NotebookDocument*>() : nullptr;
}

NotebookView* MainWindow::currentView() const {
  NotebookDocument* doc = currentDocument();
  return doc ? doc->view() : nullptr;
}

void MainWindow::wireActions() {
  const StudioActions& a = actions_;
  // Actions that act on the current notebook view.
  const auto onView = [this](QAction* action, auto&& command) {
    connect(action, &QAction::triggered, this, [this, command] {
      if (NotebookView* v = currentView()) command(v);
    });
  };
  onView(a.runCell, [](NotebookView* v) { v->runSelected(); });
  onView(a.runAdvance, [](NotebookView* v) { v->runSelectedAndAdvance(); });
  onView(a.runInsert, [](NotebookView* v) { v->runSelectedAndInsert(); });
  onView(a.runAll, [](NotebookView* v) { v->runAll(); });
  // Run above/below and clearing go straight to the document's runner and notebook.
  const auto onDocument = [this](QAction* action, auto&& command) {
    connect(action, &QAction::triggered, this, [this, command] {
      if (NotebookDocument* d = currentDocument()) command(d, d->view()->currentIndex());
    });
  };
  const auto range = [](int from, int to) {
    QVector<int> r;
    for (int i = from; i < to; ++i) r << i;
    return r;
  };
  onDocument(a.stopTraining, [](NotebookDocument* d, int) { d->runner()->stopTraining(); });
  onDocument(a.runAbove, [range](NotebookDocument* d, int i) { d->runner()->run(range(0, i)); });
  onDocument(a.runBelow, [range](NotebookDocument* d, int i) { d->runner()->run(range(i, d->notebook()->cellCount())); });
  onDocument(a.clearOutputs, [](NotebookDocument* d, int i) { if (i >= 0) d->notebook()->clearOutputs(i); });
  onDocument(a.clearAllOutputs, [](NotebookDocument* d, int) {
    for (int i = 0; i < d->notebook()->cellCount(); ++i) d->notebook()->clearOutputs(i);
  });
  onDocument(a.restartRunAll, [range](NotebookDocument* d, int) {
    d->runner()->restart();
    d->runner()->run(range(0, d->notebook()->cellCount()));
  });
  onView(a.insertAbove, [](NotebookView* v) { v->insertCell(false); });
  onView(a.insertBelow, [](NotebookView* v) { v->insertCell(true); });
  onView(a.deleteCells, [](NotebookView* v) { v->deleteSelected(); });
  onView(a.undoDelete, [](NotebookView* v) { v->undoDelete(); });
  onView(a.splitCell, [](NotebookView* v) { v->splitAtCursor(); });
  onView(a.mergeCells, [](NotebookView* v) { v->mergeSelected(); });
  onView(a.moveUp, [](NotebookView* v) { v->moveSelected(-1); });
  onView(a.moveDown, [](NotebookView* v) { v->moveSelected(1); });
  onView(a.toCode, [](NotebookView* v) { v->setSelectedType(CellType::Code); });
  onView(a.toMarkdown, [](NotebookView* v) { v->setSelectedType(CellType::Markdown); });
  onView(a.interrupt, [](NotebookView* v) { emit v->interruptRequested(); });
  onView(a.restart, [](NotebookView* v) { emit v->restartRequested(); });

  connect(a.newNotebook, &QAction::triggered, this, &MainWindow::newNotebook);
  connect(a.open, &QAction::triggered, this, [this] {
    const QString path = dialogs_.openPath(this, tr("Open Notebook"), tr("Notebooks (*.ipynb)"));
    if (!path.isEmpty()) openNotebook(path);
  });
  connect(a.save, &QAction::triggered, this, [this] { save(currentDocument()); });
  connect(a.saveAs, &QAction::triggered, this, [this] { saveAs(currentDocument()); });
  connect(a.exportPython, &QAction::triggered, this, [this] { exportPython(currentDocument()); });
  connect(a.closeTab, &QAction::triggered, this, [this] { closeDocument(tabs_->currentIndex()); });
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeDocument);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
  connect(a.darkTheme, &QAction::toggled, this, &MainWindow::setDarkTheme);
  connect(a.resetLayout, &QAction::triggered, this, [this] {
    arrangeDocks(this, docks_);
    restoreState(default_state_);
  });
  connect(device_, &QComboBox::currentTextChanged, status_, &KernelStatus::setDevice);
  connect(a.shortcuts, &QAction::triggered, this, [this] {
    QMessageBox::information(this, tr("Keyboard Shortcuts"),
                             tr("<b>Command mode</b> (Esc): Enter edit · A/B insert above/below · D, D delete · "
                                "Z undo delete · M/Y markdown/code · Shift+M merge · Alt+Up/Down move · "
                                "Shift+Up/Down extend selection · I, I interrupt · 0, 0 restart<br><br>"
                                "<b>Both modes</b>: Shift+Enter run and advance · Ctrl+Enter run · "
                                "Alt+Enter run and insert below<br><br><b>Edit mode</b>: Ctrl+Shift+- split · "
                                "F9 toggle breakpoint · Tab complete<br><br><b>Debugger</b>: F5 continue · Ctrl+F5 pause · "
                                "F10 step over · F11 step into · Shift+F11 step out · F6 next op · "
                                "Ctrl+F10 run to cursor"));
  });
  connect(a.about, &QAction::triggered, this, [this] {
    QMessageBox::about(this, tr("About Kusari Studio"),
                       tr("<b>Kusari Studio</b><br>A notebook IDE for neural networks on the Kusari engine."));
  });
}

void MainWindow::addDocument(NotebookDocument* doc) {
  doc->setParent(this);
  doc->view()->setProperty("document", QVariant::fromValue(doc));
  const int tab = tabs_->addTab(doc->view(), doc->tabTitle());
  tabs_->setTabToolTip(tab, doc->path());
  applyAutosaveInterval(doc);
  connect(doc, &NotebookDocument::titleChanged, this, [this, doc] {
    applyAutosaveInterval(doc);  // "Save As" gives a new notebook its autosaver
    const int i = tabs_->indexOf(doc->view());
    if (i >= 0) tabs_->setTabText(i, doc->tabTitle());
    if (i >= 0) tabs_->setTabToolTip(i, doc->path());
  });
  connect(doc->runner(), &CellRunner::stateChanged, this, [this, doc](KernelState s) {
    if (doc == currentDocument()) status_->setKernelState(s);
  });
  connect(doc->runner(), &CellRunner::cellFinished, status_, [this](int, double s) { status_->setLastCellTime(s); });
  connect(doc->runner(), &CellRunner::variablesChanged, docks_.variablesView, &widgets::VariablesView::setVariables);
  connect(doc->runner(), &CellRunner::logMessage, this, &MainWindow::log);
  connect(doc->view(), &NotebookView::tensorOpenRequested, debug_, &DebugWiring::openCard);
  connect(doc->runner(), &CellRunner::metricsReceived, docks_.metricsView, [this, doc](const protocol::Metrics& m) {
    widgets::MetricsView* view = docks_.metricsView;
    bool newRun = false;
    for (const protocol::MetricsRun& run : m.runs) {
      const bool added = view->store().runIndex(run.run) < 0;
      newRun = newRun || added;
      // One Metrics dock for every open notebook: a run is labelled with the notebook it came from.
      if (added) view->addRun(run.run, doc->shortName() + QStringLiteral(" · ") + run.label);
    }
    for (const protocol::MetricPoint& p : m.points) view->appendPoint(p.run, p.name, double(p.iteration), p.epoch, p.value);
    if (newRun) docks_.metrics->raise();  // a training started: bring its curves forward, once
  });
  connect(doc->runner(), &CellRunner::paramStatsReceived, docks_.paramStatsView, [this, doc](const protocol::ParamStats& s) {
    docks_.paramStatsView->setSourceName(doc->shortName());  // the latest run, of any notebook
    docks_.paramStatsView->addSample(toParamStatsSample(s));
  });
  tabs_->setCurrentIndex(tab);
  doc->view()->setFocus();
  updateActions();
}

void MainWindow::updateActions() {
  NotebookDocument* doc = currentDocument();
  for (QAction* a : {actions_.save, actions_.saveAs, actions_.exportPython, actions_.closeTab, actions_.runCell,
                     actions_.runAll, actions_.interrupt, actions_.restart, actions_.stopTraining})
    a->setEnabled(doc != nullptr);
  if (doc) status_->setKernelState(doc->runner()->state());
  debug_->setDocument(doc);
}

void MainWindow::runAllInCurrent() {
  if (NotebookView* v = currentView()) v->runAll();
}

void MainWindow::log(const QString& line) {
  docks_.kernelLogView->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

void MainWindow::setDarkTheme(bool dark) {
  const widgets::Theme theme = dark ? widgets::Theme::dark() : widgets::Theme::light(system_palette_);
  QApplication::setPalette(theme.palette());
  widgets::Theme::setCurrent(theme);
  const QSignalBlocker block(actions_.darkTheme);
  actions_.darkTheme->setChecked(dark);
  QSettings().setValue(QStringLiteral("theme"), dark ? QStringLiteral("dark") : QStringLiteral("light"));
}

void MainWindow::restoreLayout() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) restoreState(default_state_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  for (int i = 0; i < tabs_->count(); ++i) {
    if (!confirmDiscard(document(i))) {
      event->ignore();
      return;
    }
  }
  for (int i = 0; i < tabs_->count(); ++i) discardDocument(document(i));
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

}  // namespace kusari::studio
