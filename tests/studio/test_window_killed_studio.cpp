// Crash recovery through a real killed process: kusari-studio (offscreen, its own HOME and XDG
// directories) opens a copy of a notebook, runs it (--run-all) and autosaves the changed
// notebook (--autosave-interval-ms); it is killed with SIGKILL, as a crash or a power cut would.
// A second kusari-studio on the same file restores the unsaved changes (--recover) and says
// so; a window then opened on the file shows exactly what the killed studio had.
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "document/notebook.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "recovery/recovery_store.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::test_support::readAll;
using kusari::test_support::writeNotebook;

class TestWindowKilledStudio : public QObject {
  Q_OBJECT
  QTemporaryDir root_;
  QString notebook_;

  QProcessEnvironment environment() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), root_.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root_.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), root_.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root_.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    return env;
  }
  static QString studio() { return QCoreApplication::applicationDirPath() + QStringLiteral("/kusari-studio"); }
  // Where the studio keeps recovery copies under the isolated XDG_DATA_HOME.
  QString recoveryCopy() const {
    return RecoveryStore(root_.filePath(QStringLiteral("data/Kusari/Kusari Studio/recovery"))).recoveryPathFor(notebook_);
  }
  QString listing() const {
    QStringList files;
    for (QDirIterator it(root_.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) files << it.next();
    return files.join(u'\n');
  }

 private slots:
  void initTestCase() {
    QVERIFY(root_.isValid());
    for (const char* d : {"home", "config", "data", "cache"}) QVERIFY(QDir(root_.path()).mkpath(QLatin1String(d)));
    notebook_ = root_.filePath(QStringLiteral("work/model.ipynb"));
    QVERIFY(QDir(root_.path()).mkpath(QStringLiteral("work")));
    QVERIFY(writeNotebook(notebook_, {"print('ran before the crash')", "21 * 2"}));
    QVERIFY(QFileInfo::exists(studio()));
  }

  void killedStudioIsRecovered() {
    const QByteArray original = readAll(notebook_);

    // 1. A studio that runs the notebook, autosaves, and is killed.
    QProcess first;
    first.setProcessEnvironment(environment());
    first.start(studio(), {notebook_, QStringLiteral("--run-all"), QStringLiteral("--autosave-interval-ms"), QStringLiteral("200")});
    QVERIFY2(first.waitForStarted(10000), qPrintable(first.errorString()));
    // Autosaved once both cells ran: the copy holds their outputs.
    QTRY_VERIFY2_WITH_TIMEOUT(readAll(recoveryCopy()).contains("ran before the crash") &&
                                  readAll(recoveryCopy()).contains("execute_result"),
                              qPrintable(QStringLiteral("no recovery copy with both outputs at %1; files:\n%2\nstderr:\n%3")
                                             .arg(recoveryCopy(), listing(), QString::fromUtf8(first.readAllStandardError()))),
                              60000);
    first.kill();  // SIGKILL: no clean close, no chance to tidy up
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    QCOMPARE(readAll(notebook_), original);  // autosave never writes the notebook itself
    QVERIFY(QFileInfo::exists(recoveryCopy()));

    // 2. The next start on the same file restores the changes and says so; an unattended run
    //    (--screenshot) saves nothing, so the copy stays for the next interactive open.
    QProcess second;
    second.setProcessEnvironment(environment());
    const QString shot = root_.filePath(QStringLiteral("recovered.png"));
    second.start(studio(), {notebook_, QStringLiteral("--recover"), QStringLiteral("--screenshot"), shot});
    QVERIFY(second.waitForFinished(60000));
    const QString err = QString::fromUtf8(second.readAllStandardError());
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(err.contains(QStringLiteral("recovered unsaved changes of %1").arg(notebook_)), qPrintable(err));
    QVERIFY(QFileInfo(shot).size() > 0);
    QCOMPARE(readAll(notebook_), original);
    QVERIFY(QFileInfo::exists(recoveryCopy()));

    // 3. What is restored is what the killed studio had: both outputs, numbered.
    qputenv("XDG_DATA_HOME", root_.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", root_.filePath(QStringLiteral("config")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("Kusari"));
    QCoreApplication::setApplicationName(QStringLiteral("Kusari Studio"));
    QCOMPARE(RecoveryStore::defaultDirectory(), QFileInfo(recoveryCopy()).path());
    MainWindow window;
    window.setRecoveryPolicy(MainWindow::RecoveryPolicy::Restore);
    window.setAutosaveInterval(0);
    QVERIFY(window.openNotebook(notebook_));
    const Notebook* nb = window.currentDocument()->notebook();
    QVERIFY(nb->isModified());
    QCOMPARE(nb->cell(0).outputs.size(), 1);
    QCOMPARE(nb->cell(0).outputs[0].value(QStringLiteral("text")).toString(), QStringLiteral("ran before the crash\n"));
    QCOMPARE(nb->cell(1).outputs.size(), 1);
    const QJsonObject result = nb->cell(1).outputs[0];
    QCOMPARE(result.value(QStringLiteral("output_type")).toString(), QStringLiteral("execute_result"));
    QVERIFY(nb->cell(1).executionCount);
    QCOMPARE(result.value(QStringLiteral("execution_count")).toInt(), *nb->cell(1).executionCount);
  }
};

QTEST_MAIN(TestWindowKilledStudio)
#include "test_window_killed_studio.moc"
