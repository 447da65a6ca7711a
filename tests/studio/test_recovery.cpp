// Autosave to recovery copies, their detection on reopening, and the recent-files list.
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "recovery/autosaver.h"
#include "recovery/recent_files.h"
#include "recovery/recovery_store.h"
#include "studio_test_support.h"

using namespace kusari::studio;

namespace {
void addCell(Notebook& notebook, const QString& source) {
  Cell cell;
  cell.source = source;
  notebook.insertCell(notebook.cellCount(), cell);
}
void setModifiedTime(const QString& path, const QDateTime& time) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadWrite));
  QVERIFY(file.setFileTime(time, QFileDevice::FileModificationTime));
}
}  // namespace

class TestRecovery : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString recoveryDir() const { return dir_.filePath(QStringLiteral("recovery")); }

 private slots:
  void recoveryPathIsStableAndDistinct() {
    RecoveryStore store(recoveryDir());
    const QString a = store.recoveryPathFor(dir_.filePath(QStringLiteral("a.ipynb")));
    QCOMPARE(a, store.recoveryPathFor(dir_.filePath(QStringLiteral("a.ipynb"))));
    QVERIFY(a != store.recoveryPathFor(dir_.filePath(QStringLiteral("b.ipynb"))));
    QVERIFY(a.startsWith(recoveryDir() + QLatin1Char('/')));
    QVERIFY(a.endsWith(QStringLiteral(".ipynb")));
    QVERIFY(store.recoveryPathFor(QStringLiteral("untitled:1")) != store.recoveryPathFor(QStringLiteral("untitled:2")));
  }

  void autosavesModifiedNotebookOnTimer() {
    const QString path = dir_.filePath(QStringLiteral("work.ipynb"));
    Notebook notebook;
    addCell(notebook, QStringLiteral("x = 1"));
    saveIpynbFile(path, notebook);
    notebook.setModified(false);
    setModifiedTime(path, QDateTime::currentDateTime().addSecs(-60));

    RecoveryStore store(recoveryDir());
    Autosaver autosaver(&notebook, store, path);
    autosaver.setInterval(20);
    QSignalSpy autosaved(&autosaver, &Autosaver::autosaved);
    QVERIFY(!autosaved.wait(200));  // nothing changed: nothing written
    QVERIFY(!store.pendingRecovery(path));

    notebook.setSource(0, QStringLiteral("x = 2  # unsaved"));
    QVERIFY(autosaved.wait(5000));
    QCOMPARE(autosaved[0][0].toString(), store.recoveryPathFor(path));
    const auto pending = store.pendingRecovery(path);
    QVERIFY(pending);
    Notebook recovered;
    loadIpynbFile(pending->recoveryPath, recovered);
    QCOMPARE(recovered.cell(0).source, QStringLiteral("x = 2  # unsaved"));
    QVERIFY(notebook.isModified());  // autosave is not save

    // A clean save removes the copy; later edits are autosaved again.
    saveIpynbFile(path, notebook);
    notebook.setModified(false);
    autosaver.notebookSaved();
    QVERIFY(!store.pendingRecovery(path));
    QVERIFY(!QFile::exists(store.recoveryPathFor(path)));
    addCell(notebook, QStringLiteral("y = 3"));
    QVERIFY(autosaved.wait(5000));
    QVERIFY(store.pendingRecovery(path));
    autosaver.notebookClosed();
    QVERIFY(!QFile::exists(store.recoveryPathFor(path)));
  }

  // A copy left by a studio that died belongs to nobody until the user decides: closing the
  // notebook cleanly in a later studio keeps it, unless that studio restored (adopted) it.
  void foreignCopySurvivesACleanClose() {
    const QString path = dir_.filePath(QStringLiteral("foreign.ipynb"));
    Notebook notebook;
    addCell(notebook, QStringLiteral("z = 1"));
    RecoveryStore store(recoveryDir());
    QVERIFY(store.write(path, notebook));  // the studio that died
    {
      Autosaver later(&notebook, store, path);
      later.notebookClosed();
    }
    QVERIFY(QFile::exists(store.recoveryPathFor(path)));
    {
      Autosaver restoring(&notebook, store, path);
      restoring.adoptCopy();
      restoring.notebookClosed();
    }
    QVERIFY(!QFile::exists(store.recoveryPathFor(path)));
  }

  void disabledAutosaverWritesNothing() {
    const QString path = dir_.filePath(QStringLiteral("disabled.ipynb"));
    Notebook notebook;
    addCell(notebook, QStringLiteral("a = 1"));
    notebook.setModified(false);
    RecoveryStore store(recoveryDir());
    Autosaver autosaver(&notebook, store, path);
    autosaver.setInterval(20);
    autosaver.setEnabled(false);
    QSignalSpy autosaved(&autosaver, &Autosaver::autosaved);
    notebook.setSource(0, QStringLiteral("a = 2"));
    QVERIFY(!autosaved.wait(200));
    QVERIFY(!QFile::exists(store.recoveryPathFor(path)));
    autosaver.setEnabled(true);
    QVERIFY(autosaved.wait(2000));
  }

  void staleRecoveryIsNotOffered() {
    const QString path = dir_.filePath(QStringLiteral("stale.ipynb"));
    Notebook notebook;
    addCell(notebook, QStringLiteral("1"));
    RecoveryStore store(recoveryDir());
    QVERIFY(store.write(path, notebook));
    saveIpynbFile(path, notebook);
    setModifiedTime(store.recoveryPathFor(path), QDateTime::currentDateTime().addSecs(-120));
    setModifiedTime(path, QDateTime::currentDateTime().addSecs(-60));
    QVERIFY(!store.pendingRecovery(path));  // the notebook was saved after the copy
    setModifiedTime(path, QDateTime::currentDateTime().addSecs(-180));
    QVERIFY(store.pendingRecovery(path));
    QFile::remove(path);  // a notebook deleted since: its copy is still offered
    QVERIFY(store.pendingRecovery(path));
  }

  void unwritableRecoveryDirectoryReported() {
    const QString blocker = dir_.filePath(QStringLiteral("file-not-dir"));
    QVERIFY(kusari::test_support::writeAll(blocker, "x"));
    RecoveryStore store(blocker + QStringLiteral("/recovery"));
    Notebook notebook;
    addCell(notebook, QStringLiteral("1"));
    QString error;
    QVERIFY(!store.write(dir_.filePath(QStringLiteral("n.ipynb")), notebook, &error));
    QVERIFY(!error.isEmpty());
  }

  void recentFiles() {
    QSettings settings(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    RecentFiles recent(&settings);
    QStringList paths;
    for (int i = 0; i < RecentFiles::kMaxEntries + 2; ++i) {
      paths << dir_.filePath(QStringLiteral("n%1.ipynb").arg(i));
      QVERIFY(kusari::test_support::writeAll(paths.last(), "{}"));
      recent.add(paths.last());
    }
    QCOMPARE(recent.list().size(), RecentFiles::kMaxEntries);
    QCOMPARE(recent.list().first(), paths.last());
    recent.add(paths[5]);  // reopened: moves to the front, no duplicate
    QCOMPARE(recent.list().first(), paths[5]);
    QCOMPARE(recent.list().count(paths[5]), 1);
    QFile::remove(paths[6]);
    QVERIFY(!recent.list().contains(paths[6]));
    // Persisted: a second instance over the same settings sees the same list.
    QSettings again(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QCOMPARE(RecentFiles(&again).list(), recent.list());
    recent.remove(paths[5]);
    QVERIFY(!recent.list().contains(paths[5]));
    recent.clear();
    QVERIFY(recent.list().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "test_recovery.moc"
