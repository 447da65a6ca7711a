// NotebookView's keyboard model: command-mode keys edit the Notebook, run keys request the
// right cells and move the selection.
#include "document/notebook.h"
#include "widgets/editor/breakpoint_markers.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/notebook/notice_banner.h"

#include <QSignalSpy>
#include <QJsonObject>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>

using kusari::studio::Cell;
using kusari::studio::CellType;
using kusari::studio::Notebook;
using kusari::widgets::NotebookView;

namespace {

Cell codeCell(const QString& source) {
  Cell c;
  c.source = source;
  return c;
}

QStringList sources(const Notebook& nb) {
  QStringList out;
  for (const Cell& c : nb.cells()) out << c.source;
  return out;
}

}  // namespace

class TestWidgetNotebookView : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    notebook_ = new Notebook;
    for (const char* s : {"a = 1", "b = 2", "c = 3"}) notebook_->insertCell(notebook_->cellCount(), codeCell(s));
    view_ = new NotebookView(notebook_);
    view_->resize(800, 600);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_));
  }
  void cleanup() {
    delete view_;
    delete notebook_;
  }

  void insertAboveAndBelow() {
    view_->setCurrentIndex(1);
    QTest::keyClick(view_, Qt::Key_B);
    QCOMPARE(notebook_->cellCount(), 4);
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "b = 2", "", "c = 3"}));
    QCOMPARE(view_->currentIndex(), 2);
    QTest::keyClick(view_, Qt::Key_A);
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "b = 2", "", "", "c = 3"}));
    QCOMPARE(view_->currentIndex(), 2);
    QCOMPARE(view_->cellCount(), 5);
    QCOMPARE(view_->mode(), NotebookView::Mode::Command);
  }

  void deleteNeedsTwoDsAndZUndoes() {
    view_->setCurrentIndex(1);
    QTest::keyClick(view_, Qt::Key_D);
    QCOMPARE(notebook_->cellCount(), 3);  // one D does nothing
    QTest::keyClick(view_, Qt::Key_D);
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "c = 3"}));
    QCOMPARE(view_->currentIndex(), 1);
    QTest::keyClick(view_, Qt::Key_Z);
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "b = 2", "c = 3"}));
    QCOMPARE(view_->currentIndex(), 1);
  }

  void dThenOtherKeyDoesNotDelete() {
    view_->setCurrentIndex(0);
    QTest::keyClick(view_, Qt::Key_D);
    QTest::keyClick(view_, Qt::Key_J);  // moves down, resets the pending D
    QTest::keyClick(view_, Qt::Key_D);
    QCOMPARE(notebook_->cellCount(), 3);
  }

  void markdownAndCodeTypes() {
    view_->setCurrentIndex(2);
    QTest::keyClick(view_, Qt::Key_M);
    QCOMPARE(notebook_->cell(2).type, CellType::Markdown);
    QTest::keyClick(view_, Qt::Key_Y);
    QCOMPARE(notebook_->cell(2).type, CellType::Code);
  }

  void shiftEnterRunsAndAdvances() {
    QSignalSpy runs(view_, &NotebookView::runRequested);
    view_->setCurrentIndex(0);
    QTest::keyClick(view_, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(runs.count(), 1);
    QCOMPARE(runs.takeFirst().at(0).value<QVector<int>>(), QVector<int>{0});
    QCOMPARE(view_->currentIndex(), 1);
    // On the last cell a new one is added and edited, as in Jupyter.
    view_->setCurrentIndex(2);
    QTest::keyClick(view_, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(runs.takeFirst().at(0).value<QVector<int>>(), QVector<int>{2});
    QCOMPARE(notebook_->cellCount(), 4);
    QCOMPARE(view_->currentIndex(), 3);
    QCOMPARE(view_->mode(), NotebookView::Mode::Edit);
  }

  void ctrlEnterRunsInPlaceAndSkipsMarkdown() {
    notebook_->setCellType(1, CellType::Markdown);
    QSignalSpy runs(view_, &NotebookView::runRequested);
    view_->setCurrentIndex(0);
    QTest::keyClick(view_, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(view_, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(view_->selectedIndexes(), (QVector<int>{0, 1, 2}));
    QTest::keyClick(view_, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(runs.count(), 1);
    QCOMPARE(runs.takeFirst().at(0).value<QVector<int>>(), (QVector<int>{0, 2}));
    QCOMPARE(view_->currentIndex(), 2);
  }

  void altEnterRunsAndInserts() {
    QSignalSpy runs(view_, &NotebookView::runRequested);
    view_->setCurrentIndex(0);
    QTest::keyClick(view_, Qt::Key_Return, Qt::AltModifier);
    QCOMPARE(runs.takeFirst().at(0).value<QVector<int>>(), QVector<int>{0});
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "", "b = 2", "c = 3"}));
    QCOMPARE(view_->currentIndex(), 1);
    QCOMPARE(view_->mode(), NotebookView::Mode::Edit);
  }

  void enterEditsAndEscapeLeaves() {
    view_->setCurrentIndex(1);
    QTest::keyClick(view_, Qt::Key_Return);
    QCOMPARE(view_->mode(), NotebookView::Mode::Edit);
    auto* editor = view_->cellWidget(1)->editor();
    QTRY_VERIFY(editor->hasFocus());
    editor->setCursorPosition(0, 5);
    QTest::keyClicks(editor, "0");
    QCOMPARE(notebook_->cell(1).source, QStringLiteral("b = 20"));
    QTest::keyClick(editor, Qt::Key_Escape);
    QCOMPARE(view_->mode(), NotebookView::Mode::Command);
    // Letters are commands again, not text.
    QTest::keyClick(view_, Qt::Key_B);
    QCOMPARE(notebook_->cellCount(), 4);
    QCOMPARE(notebook_->cell(1).source, QStringLiteral("b = 20"));
  }

  void splitAndMerge() {
    notebook_->setSource(0, "x = 1\ny = 2");
    view_->setCurrentIndex(0);
    view_->enterEditMode();
    view_->cellWidget(0)->editor()->setCursorPosition(1, 0);
    QTest::keyClick(view_->cellWidget(0)->editor(), Qt::Key_Minus, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(sources(*notebook_), (QStringList{"x = 1", "y = 2", "b = 2", "c = 3"}));
    view_->setCurrentIndex(0);
    QTest::keyClick(view_, Qt::Key_M, Qt::ShiftModifier);
    QCOMPARE(sources(*notebook_), (QStringList{"x = 1\n\ny = 2", "b = 2", "c = 3"}));
  }

  void moveCells() {
    view_->setCurrentIndex(2);
    QTest::keyClick(view_, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(sources(*notebook_), (QStringList{"a = 1", "c = 3", "b = 2"}));
    QCOMPARE(view_->currentIndex(), 1);
    QTest::keyClick(view_, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(sources(*notebook_), (QStringList{"c = 3", "a = 1", "b = 2"}));
    QTest::keyClick(view_, Qt::Key_Up, Qt::AltModifier);  // already first: nothing moves
    QCOMPARE(sources(*notebook_), (QStringList{"c = 3", "a = 1", "b = 2"}));
  }

  void twoIsInterrupt() {
    QSignalSpy interrupts(view_, &NotebookView::interruptRequested);
    QTest::keyClick(view_, Qt::Key_I);
    QCOMPARE(interrupts.count(), 0);
    QTest::keyClick(view_, Qt::Key_I);
    QCOMPARE(interrupts.count(), 1);
  }

  void tracebackLinkMovesCursor() {
    notebook_->setSource(2, "p = 1\nq = 2\nr = 3");
    view_->revealLine(notebook_->cell(2).id, 3);
    QCOMPARE(view_->currentIndex(), 2);
    QCOMPARE(view_->mode(), NotebookView::Mode::Edit);
    int line = -1, index = -1;
    view_->cellWidget(2)->editor()->getCursorPosition(&line, &index);
    QCOMPARE(line, 2);
  }

  void breakpointToggledByF9() {
    view_->setCurrentIndex(0);
    view_->enterEditMode();
    auto* editor = view_->cellWidget(0)->editor();
    editor->setCursorPosition(0, 0);
    QTest::keyClick(editor, Qt::Key_F9);
    QCOMPARE(view_->breakpoints()->lines(notebook_->cell(0).id), QList<int>{1});
    QVERIFY(editor->markersAtLine(0) & (1 << kusari::widgets::CodeEditor::BreakpointMarker));
    QTest::keyClick(editor, Qt::Key_F9);
    QCOMPARE(view_->breakpoints()->count(), 0);
  }

  void promptShowsCountAndRunning() {
    auto* cell = view_->cellWidget(0);
    QCOMPARE(cell->promptText(), QStringLiteral("[ ]"));
    notebook_->setExecutionCount(0, 7);
    QCOMPARE(cell->promptText(), QStringLiteral("[7]"));
    view_->setCellRunState(0, kusari::widgets::CellRunState::Running);
    QCOMPARE(cell->promptText(), QStringLiteral("[*]"));
  }

  // Jupyter's Out[n]: beside the outputs once they hold the cell's execute_result.
  void outputPromptShowsTheResultCount() {
    auto* cell = view_->cellWidget(1);
    QCOMPARE(cell->outputPromptText(), QString());
    const QJsonObject data{{QStringLiteral("text/plain"), QStringLiteral("2")}};
    notebook_->appendOutput(1, {{QStringLiteral("output_type"), QStringLiteral("display_data")}, {QStringLiteral("data"), data}});
    QCOMPARE(cell->outputPromptText(), QString());  // display() output is not the cell's value
    notebook_->appendOutput(1, {{QStringLiteral("output_type"), QStringLiteral("execute_result")},
                                {QStringLiteral("execution_count"), 12}, {QStringLiteral("data"), data}});
    QCOMPARE(cell->outputPromptText(), QStringLiteral("Out[12]"));
    notebook_->clearOutputs(1);
    QCOMPARE(cell->outputPromptText(), QString());
  }

  void spareHeightStaysBelowTheCells() {
    // A short notebook in a tall window: cells keep their natural height (the spare height
    // once went into the cell with an output, padding it with blank space).
    notebook_->appendOutput(0, QJsonObject{{"output_type", "stream"}, {"name", "stdout"}, {"text", "one line\n"}});
    view_->resize(800, 2000);
    QTRY_VERIFY(view_->cellWidget(0)->height() > 0);
    QCoreApplication::processEvents();
    QVERIFY2(view_->cellWidget(0)->height() < 200, qPrintable(QString::number(view_->cellWidget(0)->height())));
    QVERIFY2(view_->cellWidget(1)->height() < 120, qPrintable(QString::number(view_->cellWidget(1)->height())));
  }

  void longLineKeepsTheLastLineAboveTheScrollBar() {
    // A line wider than the cell shows a horizontal scroll bar after layout; the editor then
    // grows by the bar's height instead of letting it cover the last line.
    notebook_->setSource(0, QStringLiteral("x = 1\ny = 2\nz = '") + QString(400, QLatin1Char('w')) + "'");
    kusari::widgets::CodeEditor* editor = view_->cellWidget(0)->editor();
    QTRY_VERIFY(editor->horizontalScrollBar()->isVisible());
    const int lineHeight = static_cast<int>(editor->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, 0));
    const int needed = 3 * lineHeight + editor->horizontalScrollBar()->height();
    QTRY_VERIFY2(editor->viewport()->height() >= 3 * lineHeight,
                 qPrintable(QStringLiteral("viewport %1 < 3 lines of %2 (editor %3, needs %4)")
                                .arg(editor->viewport()->height())
                                .arg(lineHeight)
                                .arg(editor->height())
                                .arg(needed)));
  }

  void noticeShowsAboveTheCellsAndReportsItsAction() {
    QVERIFY(!view_->notice()->isVisible());
    const int top_before = view_->viewport()->geometry().top();
    view_->showNotice(QStringLiteral("The kernel died (exited with code 3)."), QStringLiteral("Restart Kernel"));
    QVERIFY(view_->notice()->isVisible());
    QVERIFY(view_->notice()->message().contains(QStringLiteral("code 3")));
    QVERIFY(view_->viewport()->geometry().top() >= top_before + view_->notice()->height());  // cells not covered
    QSignalSpy action(view_, &NotebookView::noticeActionTriggered);
    auto* button = view_->notice()->findChild<QPushButton*>();
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Restart Kernel"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(action.size(), 1);
    view_->hideNotice();
    QVERIFY(!view_->notice()->isVisible());
    QCOMPARE(view_->viewport()->geometry().top(), top_before);
    QCOMPARE(notebook_->cellCount(), 3);  // the notice never touches the document
  }

 private:
  Notebook* notebook_ = nullptr;
  NotebookView* view_ = nullptr;
};

QTEST_MAIN(TestWidgetNotebookView)
#include "test_widget_notebook_view.moc"
