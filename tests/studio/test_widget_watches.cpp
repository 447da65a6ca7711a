// WatchesView: expressions added from the input line, edited in place (F2), removed by Delete or
// by emptying them, each change reported with the whole list; results shown per expression
// (value, type, shape, statistics; an error in its row); a tensor row opens on activation.
#include "widgets/debug/watches_view.h"

#include <QAbstractItemDelegate>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace kusari::widgets;

namespace {

VariableRecord tensor(const QString& name) {
  VariableRecord r;
  r.name = name;
  r.type = QStringLiteral("Variable");
  r.value = QStringLiteral("variable([[1, 2], [3, 4]])");
  r.shape = {2, 2};
  r.dtype = QStringLiteral("float32");
  r.min = 1;
  r.mean = 2.5;
  r.max = 4;
  return r;
}

QString cell(const WatchesView& view, int row, int column) { return view.list()->topLevelItem(row)->text(column); }

}  // namespace

class TestWidgetWatches : public QObject {
  Q_OBJECT
 private slots:
  void addFromTheInputLine() {
    WatchesView view;
    view.show();
    QSignalSpy changed(&view, &WatchesView::expressionsChanged);
    QTest::keyClicks(view.input(), QStringLiteral("  h.shape "));
    QTest::keyClick(view.input(), Qt::Key_Return);
    QCOMPARE(view.expressions(), QStringList{"h.shape"});
    QVERIFY(view.input()->text().isEmpty());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().first().toStringList(), QStringList{"h.shape"});
    QTest::keyClicks(view.input(), QStringLiteral("   "));
    QTest::keyClick(view.input(), Qt::Key_Return);  // blank: nothing added
    QCOMPARE(view.count(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(view.addExpression(QStringLiteral("h * 0")), 1);
    QCOMPARE(changed.last().first().toStringList(), (QStringList{"h.shape", "h * 0"}));
  }

  void resultsPerExpressionAndErrors() {
    WatchesView view;
    view.setExpressions({"h", "x.shape", "nope", "h"});
    QCOMPARE(view.count(), 4);
    view.setResult(QStringLiteral("h"), tensor("h"));
    for (int row : {0, 3}) {  // both rows showing h
      QCOMPARE(cell(view, row, WatchesView::Value), QStringLiteral("variable([[1, 2], [3, 4]])"));
      QCOMPARE(cell(view, row, WatchesView::Type), QStringLiteral("Variable float32"));
      QCOMPARE(cell(view, row, WatchesView::Shape), QStringLiteral("(2, 2)"));
      QCOMPARE(cell(view, row, WatchesView::Stats), QStringLiteral("min 1 · mean 2.5 · max 4"));
      QVERIFY(view.isTensor(row));
    }
    VariableRecord tuple;
    tuple.type = QStringLiteral("tuple");
    tuple.value = QStringLiteral("(2, 3)");
    view.setResult(QStringLiteral("x.shape"), tuple);
    QCOMPARE(cell(view, 1, WatchesView::Value), QStringLiteral("(2, 3)"));
    QCOMPARE(cell(view, 1, WatchesView::Type), QStringLiteral("tuple"));
    QVERIFY(cell(view, 1, WatchesView::Shape).isEmpty());
    QVERIFY(!view.isTensor(1));
    view.setResult(QStringLiteral("nope"), {}, QStringLiteral("NameError: name 'nope' is not defined"));
    QCOMPARE(cell(view, 2, WatchesView::Value), QStringLiteral("NameError: name 'nope' is not defined"));
    QCOMPARE(view.errorText(2), QStringLiteral("NameError: name 'nope' is not defined"));
    QVERIFY(view.errorText(0).isEmpty());
    // A later value replaces the error; not paused, every row says so.
    view.setResult(QStringLiteral("nope"), tuple);
    QVERIFY(view.errorText(2).isEmpty());
    QCOMPARE(cell(view, 2, WatchesView::Value), QStringLiteral("(2, 3)"));
    view.clearResults(QStringLiteral("not paused"));
    for (int row = 0; row < 4; ++row) {
      QCOMPARE(cell(view, row, WatchesView::Value), QStringLiteral("not paused"));
      QVERIFY(cell(view, row, WatchesView::Shape).isEmpty());
      QVERIFY(!view.isTensor(row));
    }
    QCOMPARE(view.addExpression(QStringLiteral("y")), 4);
    QCOMPARE(cell(view, 4, WatchesView::Value), QStringLiteral("not paused"));
  }

  void editAndRemove() {
    WatchesView view;
    view.show();
    view.setExpressions({"a", "b", "c"});
    view.setResult(QStringLiteral("b"), tensor("b"));
    QSignalSpy changed(&view, &WatchesView::expressionsChanged);
    // F2 edits the expression in place; the old value goes with the old expression.
    view.list()->setCurrentItem(view.list()->topLevelItem(1));
    view.list()->setFocus();
    QTest::keyClick(view.list(), Qt::Key_F2);
    auto* editor = qobject_cast<QLineEdit*>(view.list()->indexWidget(view.list()->model()->index(1, WatchesView::Expression)));
    QVERIFY(editor);
    QCOMPARE(editor->text(), QStringLiteral("b"));
    editor->setText(QStringLiteral("b.T"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(view.expressions(), (QStringList{"a", "b.T", "c"}));  // the delegate commits queued
    QCOMPARE(changed.size(), 1);
    QVERIFY(cell(view, 1, WatchesView::Value).isEmpty());
    QVERIFY(!view.isTensor(1));
    // Emptied: removed. Delete: removed.
    view.setExpression(0, QStringLiteral("  "));
    QCOMPARE(view.expressions(), (QStringList{"b.T", "c"}));
    QCOMPARE(changed.size(), 2);
    view.list()->setCurrentItem(view.list()->topLevelItem(1));
    QTest::keyClick(view.list(), Qt::Key_Delete);
    QCOMPARE(view.expressions(), QStringList{"b.T"});
    QCOMPARE(changed.last().first().toStringList(), QStringList{"b.T"});
    view.removeExpression(5);  // out of range: nothing
    QCOMPARE(changed.size(), 3);
  }

  void tensorRowsActivate() {
    WatchesView view;
    view.show();
    view.setExpressions({"h", "n"});
    VariableRecord n;
    n.type = QStringLiteral("int");
    n.value = QStringLiteral("3");
    view.setResult(QStringLiteral("h"), tensor("h"));
    view.setResult(QStringLiteral("n"), n);
    QSignalSpy activated(&view, &WatchesView::tensorActivated);
    emit view.list()->itemDoubleClicked(view.list()->topLevelItem(0), WatchesView::Value);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.last().first().toString(), QStringLiteral("h"));
    view.list()->setCurrentItem(view.list()->topLevelItem(0));
    view.list()->setFocus();
    QTest::keyClick(view.list(), Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    // A non-tensor's value, or any expression cell, edits instead.
    emit view.list()->itemDoubleClicked(view.list()->topLevelItem(1), WatchesView::Value);
    QCOMPARE(activated.size(), 2);
    const QModelIndex nIndex = view.list()->model()->index(1, WatchesView::Expression);
    QVERIFY(qobject_cast<QLineEdit*>(view.list()->indexWidget(nIndex)));
  }
};

QTEST_MAIN(TestWidgetWatches)
#include "test_widget_watches.moc"
