// kusari's ProgressBar records in stdout: the stream view draws a QProgressBar from the latest
// record and never shows the escape sequence (nor the text bar line it announces); a saved
// .ipynb keeps the plain text bar line only.
#include "ipynb/ipynb_writer.h"
#include "session/output_conversion.h"
#include "session/progress_record.h"
#include "widgets/output/output_area.h"
#include "widgets/output/stream_output_view.h"

#include <QJsonArray>
#include <QProgressBar>
#include <QTest>

using namespace kusari::studio;
using kusari::widgets::OutputArea;
using kusari::widgets::StreamOutputView;

namespace {

// What ProgressBar._draw writes: the record, then '\r' and the text bar.
QString draw(int iteration, double fraction, const QString& end = QString()) {
  const QString record = QStringLiteral(
      "{\"iteration\": %1, \"epoch\": %2, \"epoch_detail\": %3, \"fraction\": %4, \"length\": [10, \"epoch\"], "
      "\"iters_per_sec\": 25.5, \"eta_seconds\": 72.4}")
                             .arg(iteration).arg(iteration / 100).arg(iteration / 100.0).arg(fraction);
  return QStringLiteral("\x1b]kusari-progress;") + record + QStringLiteral("\x07") +
         QStringLiteral("\r%1% [####......] %2 iter").arg(fraction * 100).arg(iteration) + end;
}

}  // namespace

class TestWidgetProgress : public QObject {
  Q_OBJECT
 private slots:
  void parsesARecord() {
    const auto r = parseProgressRecord(
        uR"({"iteration": 120, "epoch": 2, "epoch_detail": 2.4, "fraction": 0.24, "length": [10, "epoch"], "iters_per_sec": 35.21, "eta_seconds": 3725})");
    QVERIFY(r);
    QCOMPARE(r->iteration, 120);
    QCOMPARE(r->epoch, 2);
    QCOMPARE(r->fraction, 0.24);
    QCOMPARE(r->unit, QStringLiteral("epoch"));
    QCOMPARE(r->text(), QStringLiteral("120 iter · epoch 2 / 10 epochs · 35.2 it/s · ETA 1:02:05"));
    const auto first = parseProgressRecord(
        uR"({"iteration": 0, "epoch": 0, "epoch_detail": 0, "fraction": 0, "length": [500, "iteration"], "iters_per_sec": null, "eta_seconds": null})");
    QVERIFY(first && !first->itersPerSec && !first->etaSeconds);
    QCOMPARE(first->text(), QStringLiteral("0 iter · epoch 0 / 500 iterations"));
    QVERIFY(!parseProgressRecord(u"not json"));
    QVERIFY(!parseProgressRecord(u"{\"epoch\": 1}"));
  }

  void streamViewDrawsTheBarAndHidesTheRecord() {
    StreamOutputView view(QStringLiteral("stdout"));
    view.appendText(QStringLiteral("start\n"));
    QVERIFY(view.progressBar()->isHidden());
    view.appendText(draw(100, 0.1));
    QVERIFY(!view.progressBar()->isHidden());
    QCOMPARE(view.progressBar()->value(), StreamOutputView::kProgressSteps / 10);
    QVERIFY(view.progressBar()->format().contains(QStringLiteral("100 iter")));
    QVERIFY(view.progressBar()->format().contains(QStringLiteral("ETA 0:01:12")));
    // Updated in place; a record cut between two chunks still counts.
    const QString next = draw(500, 0.5);
    view.appendText(next.left(20));
    view.appendText(next.mid(20));
    QCOMPARE(view.progressBar()->value(), StreamOutputView::kProgressSteps / 2);
    QCOMPARE(view.progress()->iteration, 500);
    // PrintReport blanks the bar line, then prints its rows; the last redraw ends the line.
    view.appendText(QStringLiteral("\r          \repoch  main/loss\n5      0.25\n"));
    view.appendText(draw(1000, 1.0, QStringLiteral("\n")) + QStringLiteral("done\n"));
    QCOMPARE(view.progressBar()->value(), StreamOutputView::kProgressSteps);
    const QString shown = view.displayedText();
    QCOMPARE(shown, QStringLiteral("start\nepoch  main/loss\n5      0.25\ndone"));
    QVERIFY(!shown.contains(u'\x1b') && !shown.contains(QStringLiteral("kusari-progress")));
    QVERIFY(!view.fullText().contains(QStringLiteral("kusari-progress")));
  }

  void carriageReturnReplacesTheLine() {
    StreamOutputView view(QStringLiteral("stdout"));
    view.appendText(QStringLiteral("a\n10%"));
    view.appendText(QStringLiteral("\r20%"));
    view.appendText(QStringLiteral("\r30%\nb\n"));
    QCOMPARE(view.displayedText(), QStringLiteral("a\n30%\nb"));
    QVERIFY(view.progressBar()->isHidden());  // no record: no bar
  }

  void outputAreaShowsTheBarFromANotebookOutput() {
    OutputArea area;
    area.sync({streamOutput(QStringLiteral("stdout"), draw(300, 0.3))});
    StreamOutputView* view = area.views<StreamOutputView>().first();
    QCOMPARE(view->progressBar()->value(), 300);
    QVERIFY(!view->displayedText().contains(u'\x1b'));
  }

  void savedNotebookKeepsThePlainBarLine() {
    QCOMPARE(stripProgressRecords(QStringLiteral("x\n") + draw(100, 0.1) + draw(200, 0.2, QStringLiteral("\n"))),
             QStringLiteral("x\n\r10% [####......] 100 iter\r20% [####......] 200 iter\n"));
    QCOMPARE(stripProgressRecords(QStringLiteral("plain\r text\n")), QStringLiteral("plain\r text\n"));
    Notebook notebook;
    Cell cell;
    cell.type = CellType::Code;
    cell.source = QStringLiteral("trainer.run()");
    notebook.insertCell(0, cell);
    notebook.appendOutput(0, streamOutput(QStringLiteral("stdout"), draw(100, 0.1, QStringLiteral("\n"))));
    const QByteArray ipynb = serializeIpynb(notebook);
    QVERIFY(!ipynb.contains("kusari-progress"));
    QVERIFY(!ipynb.contains("\\u001b"));
    // nbformat splits lines at '\r' too: the bar line follows a "\r" line.
    QVERIFY2(ipynb.contains("\"\\r\",\n      \"10% [####......] 100 iter\\n\""), ipynb.constData());
  }
};

QTEST_MAIN(TestWidgetProgress)
#include "test_widget_progress.moc"
