// Tab completion and call tips in a cell, end to end: the window's code cells ask the live
// kernel (complete_request / inspect_request) and show what its namespace holds.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "main_window/cell_runner.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/cell_widget.h"
#include "widgets/notebook/notebook_view.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::widgets::CodeEditor;

class TestWindowCompletion : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void tabCompletesFromTheKernelAndParenShowsTheSignature() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("assist.ipynb"));
    QVERIFY(kusari::test_support::writeNotebook(path, {
        "my_learning_rate = 0.1\ndef scaled_step(grad, momentum=0.9):\n    return grad\n", ""}));
    MainWindow window;
    window.setOfferRecovery(false);
    window.show();
    QVERIFY(window.openNotebook(path));
    NotebookDocument* doc = window.currentDocument();
    QSignalSpy finished(doc->runner(), &CellRunner::cellFinished);
    doc->runner()->run({0});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));

    // A name only the kernel knows: one match completes in place.
    CodeEditor* editor = doc->view()->cellWidget(1)->editor();
    doc->view()->setCurrentIndex(1);
    editor->setFocus();
    editor->setText(QStringLiteral("x = my_lear"));
    editor->setCursorPosition(0, 11);
    QTest::keyClick(editor, Qt::Key_Tab);
    QVERIFY(QTest::qWaitFor([&] { return editor->text() == QLatin1String("x = my_learning_rate"); }, 10000));

    // '(' after a function of the namespace shows its signature as a call tip.
    editor->setText(QStringLiteral("scaled_step"));
    editor->setCursorPosition(0, 11);
    QTest::keyClick(editor, '(');
    QVERIFY(QTest::qWaitFor([&] { return editor->SendScintilla(QsciScintilla::SCI_CALLTIPACTIVE) != 0; }, 10000));
    QCOMPARE(editor->text(), QStringLiteral("scaled_step("));
  }
};

QTEST_MAIN(TestWindowCompletion)
#include "test_window_completion.moc"
