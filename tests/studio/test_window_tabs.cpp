// The main window's notebook tabs: one kernel per notebook, closing a tab shuts its kernel,
// the unsaved-changes marker and the question before closing, the recent-files menu and
// "Export as Python", all through the window's actions.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cerrno>

#include "client/kernel_client.h"
#include "document/notebook.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "main_window/session_runner.h"
#include "main_window/studio_actions.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::test_support::readAll;
using kusari::test_support::ScriptedDialogs;
using kusari::test_support::writeNotebook;

namespace {

bool processGone(qint64 pid) { return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH; }
qint64 kernelPid(NotebookDocument* doc) { return qobject_cast<SessionRunner*>(doc->runner())->kernel()->processId(); }

bool runAll(MainWindow& window, NotebookDocument* doc) {
  QSignalSpy finished(doc->runner(), &CellRunner::queueFinished);
  window.actions().runAll->trigger();
  return finished.wait(30000);
}

}  // namespace

class TestWindowTabs : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  QString notebook(const QString& name, const QStringList& sources) {
    const QString path = dir_.filePath(name);
    return writeNotebook(path, sources) ? path : QString();
  }
  static QTabWidget* tabs(MainWindow& w) { return w.findChild<QTabWidget*>(); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KusariTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_window_tabs"));
    QVERIFY(dir_.isValid());
  }
  void init() { QSettings().remove(QStringLiteral("recentFiles")); }

  void eachNotebookHasItsOwnKernel() {
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    QVERIFY(window.openNotebook(notebook(QStringLiteral("a.ipynb"), {"name = 'a'"})));
    QVERIFY(window.openNotebook(notebook(QStringLiteral("b.ipynb"), {"name"})));
    QCOMPARE(window.documentCount(), 2);
    QCOMPARE(tabs(window)->tabText(0), QStringLiteral("a.ipynb"));
    QCOMPARE(tabs(window)->tabText(1), QStringLiteral("b.ipynb"));
    NotebookDocument* a = window.document(0);
    NotebookDocument* b = window.document(1);
    QCOMPARE(window.currentDocument(), b);
    tabs(window)->setCurrentIndex(0);
    QCOMPARE(window.currentDocument(), a);
    QVERIFY(runAll(window, a));
    tabs(window)->setCurrentIndex(1);
    QVERIFY(runAll(window, b));
    // b's kernel never saw a's `name`.
    QCOMPARE(b->notebook()->cell(0).outputs[0].value(QStringLiteral("ename")).toString(), QStringLiteral("NameError"));
    const qint64 pidA = kernelPid(a), pidB = kernelPid(b);
    QVERIFY(pidA > 0 && pidB > 0 && pidA != pidB);
    // Opening a file already open shows its tab instead of a second copy.
    tabs(window)->setCurrentIndex(0);
    QVERIFY(window.openNotebook(b->path()));
    QCOMPARE(window.documentCount(), 2);
    QCOMPARE(window.currentDocument(), b);

    // Closing b (changed by its run: asked, discarded) ends b's kernel and only b's.
    dialogs.answers = {QMessageBox::Discard};
    window.actions().closeTab->trigger();
    QCOMPARE(dialogs.asked.size(), 1);
    QCOMPARE(window.documentCount(), 1);
    QCOMPARE(window.currentDocument(), a);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pidB), 10000);
    QVERIFY(!processGone(pidA));
  }

  void untitledNotebooksAreNumbered() {
    // As in Jupyter: Untitled.ipynb, Untitled1.ipynb, ...; a closed one's name is free again; the
    // save and export dialogs propose the tab's name.
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    for (int i = 0; i < 3; ++i) window.newNotebook();
    QCOMPARE(tabs(window)->count(), 3);
    QCOMPARE(tabs(window)->tabText(0), QStringLiteral("Untitled.ipynb"));
    QCOMPARE(tabs(window)->tabText(1), QStringLiteral("Untitled1.ipynb"));
    QCOMPARE(tabs(window)->tabText(2), QStringLiteral("Untitled2.ipynb"));
    tabs(window)->setCurrentIndex(1);
    window.actions().closeTab->trigger();
    QCOMPARE(tabs(window)->count(), 2);
    QVERIFY(dialogs.asked.isEmpty());  // nothing typed: closed without asking
    QCOMPARE(window.newNotebook()->displayName(), QStringLiteral("Untitled1.ipynb"));
    tabs(window)->setCurrentIndex(1);  // Untitled2.ipynb
    QCOMPARE(window.currentDocument()->displayName(), QStringLiteral("Untitled2.ipynb"));
    dialogs.savePath = dir_.filePath(QStringLiteral("chosen.ipynb"));
    window.actions().saveAs->trigger();
    QCOMPARE(dialogs.suggested, QStringLiteral("Untitled2.ipynb"));
    QCOMPARE(tabs(window)->tabText(1), QStringLiteral("chosen.ipynb"));
    tabs(window)->setCurrentIndex(0);
    dialogs.savePath.clear();  // cancelled
    window.actions().exportPython->trigger();
    QCOMPARE(dialogs.suggested, QStringLiteral("Untitled.py"));
  }

  void unsavedMarkerAndSave() {
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    const QString path = notebook(QStringLiteral("marker.ipynb"), {"x = 1"});
    QVERIFY(window.openNotebook(path));
    QCOMPARE(tabs(window)->tabText(0), QStringLiteral("marker.ipynb"));
    window.currentDocument()->notebook()->setSource(0, QStringLiteral("x = 'edited'"));
    QCOMPARE(tabs(window)->tabText(0), QStringLiteral("marker.ipynb ●"));
    QVERIFY(!readAll(path).contains("edited"));
    window.actions().save->trigger();
    QCOMPARE(tabs(window)->tabText(0), QStringLiteral("marker.ipynb"));
    QVERIFY(readAll(path).contains("x = 'edited'"));
    QVERIFY(dialogs.asked.isEmpty());
  }

  void closingAChangedNotebookAsks() {
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    const QString path = notebook(QStringLiteral("ask.ipynb"), {"y = 1"});
    QVERIFY(window.openNotebook(path));
    Notebook* nb = window.currentDocument()->notebook();

    // Unchanged: closes without a question.
    window.actions().closeTab->trigger();
    QCOMPARE(window.documentCount(), 0);
    QVERIFY(dialogs.asked.isEmpty());

    QVERIFY(window.openNotebook(path));
    nb = window.currentDocument()->notebook();
    nb->setSource(0, QStringLiteral("y = 2"));
    dialogs.answers = {QMessageBox::Cancel};
    window.actions().closeTab->trigger();
    QCOMPARE(dialogs.asked.size(), 1);
    QVERIFY2(dialogs.asked[0].contains(QStringLiteral("ask.ipynb")), qPrintable(dialogs.asked[0]));
    QCOMPARE(window.documentCount(), 1);  // cancelled: still open, still changed
    QVERIFY(nb->isModified());

    // Closing the window asks too; Cancel keeps it open.
    window.show();
    dialogs.answers = {QMessageBox::Cancel};
    QVERIFY(!window.close());
    QCOMPARE(dialogs.asked.size(), 2);
    QVERIFY(window.isVisible());

    dialogs.answers = {QMessageBox::Save};
    window.actions().closeTab->trigger();
    QCOMPARE(window.documentCount(), 0);
    QVERIFY(readAll(path).contains("y = 2"));

    QVERIFY(window.openNotebook(path));
    window.currentDocument()->notebook()->setSource(0, QStringLiteral("y = 'thrown away'"));
    dialogs.answers = {QMessageBox::Discard};
    QVERIFY(window.close());
    QCOMPARE(dialogs.asked.size(), 4);
    QVERIFY(!readAll(path).contains("thrown away"));
  }

  void recentFilesMenu() {
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    const QString first = notebook(QStringLiteral("first.ipynb"), {"1"});
    const QString second = notebook(QStringLiteral("second.ipynb"), {"2"});
    QMenu* recent = window.actions().recentMenu;
    QVERIFY(!recent->isEnabled());  // nothing opened yet
    QVERIFY(window.openNotebook(first));
    QVERIFY(window.openNotebook(second));
    QVERIFY(recent->isEnabled());
    QCOMPARE(recent->actions().size(), 2);
    QCOMPARE(recent->actions()[0]->text(), QStringLiteral("second.ipynb"));  // most recent first
    QCOMPARE(recent->actions()[1]->text(), QStringLiteral("first.ipynb"));
    QCOMPARE(recent->actions()[1]->toolTip(), first);

    window.actions().closeTab->trigger();
    window.actions().closeTab->trigger();
    QCOMPARE(window.documentCount(), 0);
    recent->actions()[1]->trigger();  // reopens first.ipynb, which moves to the top
    QCOMPARE(window.documentCount(), 1);
    QCOMPARE(window.currentDocument()->path(), first);
    QCOMPARE(recent->actions()[0]->text(), QStringLiteral("first.ipynb"));

    // A later start lists them too, without the files deleted since.
    QVERIFY(QFile::remove(second));
    MainWindow later;
    QCOMPARE(later.actions().recentMenu->actions().size(), 1);
    QCOMPARE(later.actions().recentMenu->actions()[0]->toolTip(), first);
  }

  void exportAsPython() {
    ScriptedDialogs dialogs;
    MainWindow window;
    window.setDialogs(dialogs.dialogs());
    window.setAutosaveInterval(0);
    QVERIFY(window.openNotebook(notebook(QStringLiteral("export.ipynb"), {"import math", "print(math.pi)"})));
    dialogs.savePath = dir_.filePath(QStringLiteral("exported.py"));
    window.actions().exportPython->trigger();
    const QString script = QString::fromUtf8(readAll(dialogs.savePath));
    QVERIFY2(script.contains(QStringLiteral("# %%\nimport math")), qPrintable(script));
    QVERIFY2(script.contains(QStringLiteral("# %%\nprint(math.pi)")), qPrintable(script));
    // The script runs as it is.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {dialogs.savePath});
    QVERIFY(python.waitForFinished(20000));
    QCOMPARE(python.exitCode(), 0);
    QVERIFY(python.readAllStandardOutput().startsWith("3.14159"));
    // Cancelling the file chooser writes nothing.
    QFile::remove(dialogs.savePath);
    const QString chosen = dialogs.savePath;
    dialogs.savePath.clear();
    window.actions().exportPython->trigger();
    QVERIFY(!QFile::exists(chosen));
  }
};

QTEST_MAIN(TestWindowTabs)
#include "test_window_tabs.moc"
