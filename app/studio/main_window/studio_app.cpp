#include "main_window/studio_app.h"

#include "main_window/cell_runner.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/theme/theme.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QScrollBar>
#include <QTimer>

#include <memory>
#include <utility>

namespace kusari::studio {
namespace {

// The source tree's resources when run from a build; an installed layout keeps them next to
// the executable (share/kusari/resources or resources/).
QString resourcesDir() {
#ifdef KUSARI_RESOURCES_DIR
  if (QFileInfo::exists(QStringLiteral(KUSARI_RESOURCES_DIR))) return QStringLiteral(KUSARI_RESOURCES_DIR);
#endif
  const QDir app(QCoreApplication::applicationDirPath());
  for (const QString& candidate : {QStringLiteral("../share/kusari/resources"), QStringLiteral("resources")})
    if (app.exists(candidate)) return app.absoluteFilePath(candidate);
  return {};
}

QString exampleNotebook() { return resourcesDir() + QStringLiteral("/examples/fashion_mnist_mlp.ipynb"); }

// Grabs the whole window once layout and queued replots have settled; with runAll, after
// the run queue has drained and the variables refresh that follows it has arrived (the kernel
// is idle again), or after two minutes.
void scheduleScreenshot(MainWindow& window, const QString& out, bool runAll, int& exitCode) {
  auto grab = [&window, out, &exitCode, runAll] {
    // After a run: show the last cells (the results).
    if (runAll && window.currentView()) window.currentView()->verticalScrollBar()->setValue(
        window.currentView()->verticalScrollBar()->maximum());
    QTimer::singleShot(runAll ? 600 : 400, &window, [&window, out, &exitCode] {
      const QImage image = window.grab().toImage();
      exitCode = image.save(out) ? 0 : 1;
      if (exitCode) qWarning("could not write %s", qPrintable(out));
      QCoreApplication::exit(exitCode);
    });
  };
  NotebookDocument* doc = runAll ? window.currentDocument() : nullptr;
  if (!doc) {
    grab();
    return;
  }
  auto grabOnce = [grab, done = std::make_shared<bool>(false)] {
    if (!std::exchange(*done, true)) grab();
  };
  QObject::connect(doc->runner(), &CellRunner::queueFinished, &window, [&window, doc, grabOnce] {
    QObject::connect(doc->runner(), &CellRunner::variablesChanged, &window, grabOnce, Qt::SingleShotConnection);
    QTimer::singleShot(30000, &window, grabOnce);  // variables that never come do not hold the shot forever
  }, Qt::SingleShotConnection);
  QTimer::singleShot(120000, &window, grabOnce);
  window.runAllInCurrent();
}

}  // namespace

int runStudio(QApplication& app, const QStringList& arguments) {
  QCoreApplication::setOrganizationName(QStringLiteral("Kusari"));
  QCoreApplication::setApplicationName(QStringLiteral("Kusari Studio"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Kusari Studio: a notebook IDE for neural networks"));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("notebook"), QStringLiteral("The .ipynb file to open."));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Render the window to a PNG and exit."),
                                      QStringLiteral("out.png"));
  const QCommandLineOption runAll(QStringLiteral("run-all"),
                                  QStringLiteral("Run all cells of the notebook once it is open (with --screenshot: before the shot)."));
  const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("name"));
  const QCommandLineOption recover(QStringLiteral("recover"),
                                   QStringLiteral("Restore unsaved changes left by a studio that stopped, without asking."));
  const QCommandLineOption autosave(QStringLiteral("autosave-interval-ms"),
                                    QStringLiteral("Autosave unsaved changes for crash recovery every ms milliseconds "
                                                   "(default 30000; 0: off; off by default with --screenshot)."),
                                    QStringLiteral("ms"));
  parser.addOptions({screenshot, runAll, theme, recover, autosave});
  parser.process(QStringList{app.applicationFilePath()} + arguments);

  const bool shot = parser.isSet(screenshot);
  bool intervalOk = true;
  const int interval = parser.isSet(autosave) ? parser.value(autosave).toInt(&intervalOk) : (shot ? 0 : -1);
  if (!intervalOk || (parser.isSet(autosave) && interval < 0)) {
    qCritical("kusari-studio: --autosave-interval-ms wants a number of milliseconds >= 0, not '%s'",
              qPrintable(parser.value(autosave)));
    return 2;
  }
  QSettings settings;
  MainWindow window;
  window.setRecoveryPolicy(parser.isSet(recover) ? MainWindow::RecoveryPolicy::Restore
                           : shot                ? MainWindow::RecoveryPolicy::Ignore
                                                 : MainWindow::RecoveryPolicy::Ask);
  window.setAutosaveInterval(interval);
  const QString themeName = parser.isSet(theme) ? parser.value(theme) : settings.value(QStringLiteral("theme")).toString();
  if (themeName == QLatin1String("dark")) window.setDarkTheme(true);

  QStringList files = parser.positionalArguments();
  const bool firstStart = !settings.value(QStringLiteral("started")).toBool();
  if (files.isEmpty() && (firstStart || shot)) files << exampleNotebook();
  bool opened = false;
  for (const QString& f : files) opened |= window.openNotebook(f);
  if (!opened) window.newNotebook();
  if (!shot) settings.setValue(QStringLiteral("started"), true);

  if (shot) {  // the default arrangement at a fixed size, so docs screenshots are reproducible
    window.resize(1600, 1000);
    window.show();
    int exitCode = 0;
    scheduleScreenshot(window, parser.value(screenshot), parser.isSet(runAll), exitCode);
    app.exec();
    return exitCode;
  }
  window.restoreLayout();
  window.show();
  if (parser.isSet(runAll)) window.runAllInCurrent();
  return app.exec();
}

}  // namespace kusari::studio
