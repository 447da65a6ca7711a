// Output views: ANSI codes parsed/stripped, long streams collapsed and expanded, tracebacks
// with the message first and cell links that name the right cell and line.
#include "widgets/output/ansi_text.h"
#include "widgets/output/error_output_view.h"
#include "widgets/output/output_area.h"
#include "widgets/output/stream_output_view.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace kusari::widgets;

class TestWidgetOutputs : public QObject {
  Q_OBJECT
 private slots:
  void stripAnsi_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "loss 0.5\n" << "loss 0.5\n";
    QTest::newRow("colour") << "\x1b[31mred\x1b[0m text" << "red text";
    QTest::newRow("bold+256") << "\x1b[1;38;5;9mbold\x1b[22m" << "bold";
    QTest::newRow("cursor codes") << "a\x1b[2Kb\x1b[1A" << "ab";
  }
  void stripAnsi() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(kusari::widgets::stripAnsi(input), expected);
  }

  void parseAnsiStyles() {
    const auto spans = parseAnsi(QStringLiteral("a\x1b[1;32mb\x1b[94mc\x1b[0md"));
    QCOMPARE(spans.size(), 4);
    QCOMPARE(spans[0].foreground, -1);
    QCOMPARE(spans[1].text, QStringLiteral("b"));
    QCOMPARE(spans[1].foreground, 2);
    QVERIFY(spans[1].bold);
    QCOMPARE(spans[2].foreground, 12);  // bright blue
    QVERIFY(spans[2].bold);
    QCOMPARE(spans[3].foreground, -1);
    QVERIFY(!spans[3].bold);
  }

  void renderedStreamHasNoEscapes() {
    StreamOutputView view(QStringLiteral("stdout"));
    view.appendText(QStringLiteral("\x1b[31mepoch 1\x1b[0m\n"));
    QCOMPARE(view.displayedText(), QStringLiteral("epoch 1"));
    QCOMPARE(view.lineCount(), 1);
  }

  void longStreamCollapsesAndExpands() {
    StreamOutputView view(QStringLiteral("stdout"));
    QString text;
    for (int i = 1; i <= 1000; ++i) text += QStringLiteral("line %1\n").arg(i);
    view.appendText(text.left(text.size() / 2));  // arrives in two pieces
    view.appendText(text.mid(text.size() / 2));
    QCOMPARE(view.lineCount(), 1000);
    QVERIFY(view.isCollapsible());
    QVERIFY(!view.isExpanded());
    QStringList shown = view.displayedText().split(u'\n');
    QCOMPARE(shown.size(), StreamOutputView::kCollapseThreshold);
    QCOMPARE(shown.last(), QStringLiteral("line 1000"));
    QCOMPARE(shown.first(), QStringLiteral("line 801"));
    QVERIFY(view.toggleButton()->text().contains(QStringLiteral("1,000")) ||
            view.toggleButton()->text().contains(QStringLiteral("1000")));
    view.toggleButton()->click();
    QVERIFY(view.isExpanded());
    QCOMPARE(view.displayedText().split(u'\n').size(), 1000);
    QCOMPARE(view.displayedText() + u'\n', text);
    view.toggleButton()->click();
    QCOMPARE(view.displayedText().split(u'\n').size(), StreamOutputView::kCollapseThreshold);
  }

  void shortStreamIsNotCollapsible() {
    StreamOutputView view(QStringLiteral("stdout"));
    view.appendText(QStringLiteral("a\nb\n"));
    QVERIFY(!view.isCollapsible());
    QVERIFY(view.toggleButton()->isHidden());
  }

  void hundredThousandLinesStayCheap() {
    StreamOutputView view(QStringLiteral("stdout"));
    QElapsedTimer timer;
    timer.start();
    for (int chunk = 0; chunk < 1000; ++chunk) {
      QString text;
      for (int i = 0; i < 100; ++i) text += QStringLiteral("iteration %1 loss 0.25\n").arg(chunk * 100 + i);
      view.appendText(text);
    }
    QCOMPARE(view.lineCount(), 100000);
    QCOMPARE(view.displayedText().split(u'\n').size(), StreamOutputView::kCollapseThreshold);
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));  // a hang guard, not a benchmark
  }

  void outputAreaMergesStreamPieces() {
    OutputArea area;
    QVector<QJsonObject> outputs;
    auto stream = [](const QString& text) {
      return QJsonObject{{"output_type", "stream"}, {"name", "stdout"}, {"text", text}};
    };
    outputs << stream("a\n");
    area.sync(outputs);
    outputs << stream("b\n");
    area.sync(outputs);
    QCOMPARE(area.viewCount(), 1);
    QCOMPARE(area.views<StreamOutputView>().first()->fullText(), QStringLiteral("a\nb\n"));
    outputs.clear();
    area.sync(outputs);
    QCOMPARE(area.viewCount(), 0);
  }

  void findCellLinks() {
    const QString tb = QStringLiteral(
        "Traceback (most recent call last):\n"
        "  File \"<cell 3fa9c2d1>\", line 12, in <module>\n"
        "    model(x)\n"
        "  File \"<cell 0b8e4f21>\", line 4, in forward\n"
        "ValueError: bad shape");
    const auto links = ErrorOutputView::findCellLinks(tb);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links[0], (CellLink{QStringLiteral("3fa9c2d1"), 12}));
    QCOMPARE(links[1], (CellLink{QStringLiteral("0b8e4f21"), 4}));
  }

  void errorMessageFirstTracebackFoldedLinksActivate() {
    const QStringList tb{QStringLiteral("Traceback (most recent call last):"),
                         QStringLiteral("  File \"<cell abc12345>\", line 7, in <module>"),
                         QStringLiteral("\x1b[31mValueError\x1b[0m: shapes (2, 3) and (4,) mismatch")};
    ErrorOutputView view(QStringLiteral("ValueError"), QStringLiteral("shapes (2, 3) and (4,) mismatch"), tb);
    QCOMPARE(view.message(), QStringLiteral("ValueError: shapes (2, 3) and (4,) mismatch"));
    QVERIFY(!view.isTracebackVisible());
    view.setTracebackVisible(true);
    QVERIFY(view.isTracebackVisible());
    const QString html = view.tracebackView()->toHtml();
    QVERIFY(html.contains(QStringLiteral("kusari-cell:abc12345#7")));
    QVERIFY(!view.tracebackView()->toPlainText().contains(QChar(0x1b)));
    QSignalSpy spy(&view, &ErrorOutputView::cellLinkActivated);
    emit view.tracebackView()->anchorClicked(ErrorOutputView::linkUrl(view.links().first()));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toString(), QStringLiteral("abc12345"));
    QCOMPARE(spy.first().at(1).toInt(), 7);
  }
};

QTEST_MAIN(TestWidgetOutputs)
#include "test_widget_outputs.moc"
