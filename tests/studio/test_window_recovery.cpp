// The main window's crash recovery, end to end: an edit autosaved by one window that never
// closes (a studio killed mid-edit) is offered, and restored unsaved, when another opens the file.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "document/notebook.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "recovery/autosaver.h"
#include "recovery/recovery_store.h"

using namespace kusari::studio;

namespace {

const char* kNotebook = R"({
 "cells": [
  {"cell_type": "code", "execution_count": null, "id": "c0ffee01", "metadata": {}, "outputs": [],
   "source": ["x = 1"]}
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
)";

// Answers the next recovery question with `button` as soon as it appears.
void answerRecoveryQuestion(QMessageBox::StandardButton button, bool* asked) {
  auto* poll = new QTimer;
  QObject::connect(poll, &QTimer::timeout, poll, [poll, button, asked] {
    for (QWidget* w : QApplication::topLevelWidgets())
      if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
        *asked = true;
        box->button(button)->click();
        poll->deleteLater();
        return;
      }
  });
  poll->start(20);
}

}  // namespace

class TestWindowRecovery : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path_;

 private:
  // A window that edits, autosaves and is never deleted or closed: the studio that died.
  void editAndDie(const QString& source) {
    auto* killed = new MainWindow;
    killed->setOfferRecovery(false);
    QVERIFY(killed->openNotebook(path_));
    NotebookDocument* doc = killed->currentDocument();
    QVERIFY(doc && doc->autosaver());
    doc->notebook()->setSource(0, source);
    doc->autosaver()->autosaveNow();
    QVERIFY(RecoveryStore().pendingRecovery(path_).has_value());
  }


 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QDir(RecoveryStore::defaultDirectory()).removeRecursively();
    QVERIFY(dir_.isValid());
    path_ = dir_.filePath(QStringLiteral("model.ipynb"));
    QFile f(path_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kNotebook);
    f.close();
    // The file is older than anything autosaved below.
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-120), QFileDevice::FileModificationTime));
  }

  void unsavedEditSurvivesAKilledStudio() {
    editAndDie(QStringLiteral("x = 'edited before the crash'"));
    QFile original(path_);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QVERIFY(original.readAll().contains("\"x = 1\""));  // autosave never writes the notebook itself

    MainWindow reopened;
    bool asked = false;
    answerRecoveryQuestion(QMessageBox::Yes, &asked);
    QVERIFY(reopened.openNotebook(path_));
    QVERIFY(asked);
    const Notebook* nb = reopened.currentDocument()->notebook();
    QCOMPARE(nb->cell(0).source, QStringLiteral("x = 'edited before the crash'"));
    QVERIFY(nb->isModified());  // recovered, not yet saved
  }

  void decliningKeepsTheFileAsItIs() {
    editAndDie(QStringLiteral("x = 'not wanted'"));
    MainWindow window;
    bool asked = false;
    answerRecoveryQuestion(QMessageBox::No, &asked);
    QVERIFY(window.openNotebook(path_));
    QVERIFY(asked);
    QCOMPARE(window.currentDocument()->notebook()->cell(0).source, QStringLiteral("x = 1"));
    QVERIFY(!window.currentDocument()->notebook()->isModified());
    QVERIFY(!RecoveryStore().pendingRecovery(path_));  // declined: not offered again
  }
};

QTEST_MAIN(TestWindowRecovery)
#include "test_window_recovery.moc"
