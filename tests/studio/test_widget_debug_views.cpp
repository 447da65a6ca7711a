// CallStackView: frames shown innermost first, the paused frame marked, selection reported.
// BreakpointList/BreakpointsView: add, enable, inline condition edit, remove, the margin states
// and "Stop on first NaN/Inf", with changed() carrying the full list each time.
#include "widgets/debug/breakpoint_icons.h"
#include "widgets/debug/breakpoint_list.h"
#include "widgets/theme/theme.h"
#include "widgets/debug/breakpoints_view.h"
#include "widgets/debug/call_stack_view.h"

#include <QAbstractItemDelegate>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace kusari::widgets;

namespace {

QVector<StackFrame> frames() {
  return {{7, "cell [3]", 12, "forward"}, {5, "cell [3]", 20, "loss_fn"}, {1, "cell [4]", 2, "<module>"}};
}

QVector<Breakpoint> lastList(const QSignalSpy& spy) {
  return spy.last().first().value<QVector<Breakpoint>>();
}

}  // namespace

class TestWidgetDebugViews : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qRegisterMetaType<QVector<Breakpoint>>(); }

  void callStackShowsFramesAndMarksCurrent() {
    CallStackView view;
    QSignalSpy selected(&view, &CallStackView::frameSelected);
    view.setFrames(frames());
    QTreeWidget* list = view.list();
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(0)->text(CallStackView::Function), QStringLiteral("forward"));
    QCOMPARE(list->topLevelItem(0)->text(CallStackView::Location), QStringLiteral("cell [3]:12"));
    QCOMPARE(view.currentFrameId(), 7);  // the innermost frame by default
    QVERIFY(list->topLevelItem(0)->font(0).bold());
    QVERIFY(!list->topLevelItem(1)->font(0).bold());
    QVERIFY(!list->topLevelItem(0)->icon(0).isNull());
    QCOMPARE(view.selectedFrameId(), 7);
    QCOMPARE(selected.size(), 0);  // showing frames is not a user's choice
  }

  void callStackSelectionEmitsFrameId() {
    CallStackView view;
    view.setFrames(frames(), 5);
    QCOMPARE(view.currentFrameId(), 5);
    QVERIFY(view.list()->topLevelItem(1)->font(0).bold());
    QSignalSpy selected(&view, &CallStackView::frameSelected);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTreeWidget* list = view.list();
    const QRect r = list->visualItemRect(list->topLevelItem(2));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().first().toInt(), 1);
    QVERIFY(view.selectFrame(7));
    QCOMPARE(selected.last().first().toInt(), 7);
    QVERIFY(!view.selectFrame(99));
    QCOMPARE(view.currentFrameId(), 5);  // selecting does not move the paused frame
    view.clear();
    QVERIFY(!list->isVisible());
    QCOMPARE(view.frames().size(), 0);
  }

  void breakpointAddEnableConditionRoundTrip() {
    BreakpointList bps;
    QSignalSpy changed(&bps, &BreakpointList::changed);
    QCOMPARE(bps.add(Breakpoint::atLine("cell-3", 12)), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(lastList(changed).size(), 1);
    QCOMPARE(bps.lineState("cell-3", 12), BreakpointMarkerState::Enabled);
    QCOMPARE(bps.lineState("cell-3", 13), BreakpointMarkerState::None);

    // Through the model, as the view's checkbox and inline editor do.
    const QModelIndex loc = bps.index(0, BreakpointList::Location);
    QCOMPARE(loc.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(bps.flags(loc) & Qt::ItemIsUserCheckable);
    QVERIFY(bps.setData(loc, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(changed.size(), 2);
    QVERIFY(!lastList(changed).first().enabled);
    QCOMPARE(bps.lineState("cell-3", 12), BreakpointMarkerState::Disabled);
    QCOMPARE(loc.data(Qt::ForegroundRole).value<QColor>(), Theme::current().color(ThemeRole::MutedText));
    QVERIFY(bps.setData(loc, Qt::Checked, Qt::CheckStateRole));

    const QModelIndex cond = bps.index(0, BreakpointList::Condition);
    QVERIFY(bps.flags(cond) & Qt::ItemIsEditable);
    QVERIFY(bps.setData(cond, QStringLiteral("  loss > 10 "), Qt::EditRole));
    QCOMPARE(lastList(changed).first().condition, QStringLiteral("loss > 10"));
    QCOMPARE(cond.data().toString(), QStringLiteral("loss > 10"));
    QCOMPARE(bps.lineState("cell-3", 12), BreakpointMarkerState::Conditional);
    QVERIFY(bps.setHitCondition(0, ">= 5"));
    QVERIFY(bps.setLogMessage(0, "loss={loss}"));
    QCOMPARE(bps.lineState("cell-3", 12), BreakpointMarkerState::Logpoint);
    const Breakpoint b = lastList(changed).first();
    QCOMPARE(b.hitCondition, QStringLiteral(">= 5"));
    QCOMPARE(b.logMessage, QStringLiteral("loss={loss}"));
    QCOMPARE(b.source, QStringLiteral("cell-3"));
    QCOMPARE(b.line, 12);

    // Op and link breakpoints; the same location twice is one breakpoint.
    QCOMPARE(bps.add(Breakpoint::onOp("relu")), 1);
    QCOMPARE(bps.add(Breakpoint::inLink("/l1")), 2);
    QCOMPARE(bps.add(Breakpoint::onOp("relu")), 1);
    QCOMPARE(bps.count(), 3);
    QCOMPARE(bps.index(1, 0).data().toString(), QStringLiteral("op relu"));
    QCOMPARE(bps.index(2, 0).data().toString(), QStringLiteral("link /l1"));
    QCOMPARE(lastList(changed).size(), 3);

    // Bad input says what is wrong.
    QString error;
    QCOMPARE(bps.add(Breakpoint::atLine("cell-3", 0), &error), -1);
    QVERIFY(error.contains(QStringLiteral("line 0")));
    QCOMPARE(bps.add(Breakpoint::onOp("  "), &error), -1);
    QVERIFY(error.contains(QStringLiteral("op name")));

    // Toggle (F9) and remove.
    bps.toggleLine("cell-5", 4);
    QCOMPARE(bps.lineBreakpoints("cell-5").size(), 1);
    bps.toggleLine("cell-5", 4);
    QCOMPARE(bps.lineBreakpoints("cell-5").size(), 0);
    QVERIFY(bps.remove(1));
    QCOMPARE(lastList(changed).size(), 2);
    QCOMPARE(lastList(changed).at(1).target, QStringLiteral("/l1"));
  }

  void markersLookDifferentPerState() {
    const QColor red = Theme::current().color(ThemeRole::BreakpointMarker);
    auto centre = [](BreakpointMarkerState s) {
      return breakpointIcon(s).pixmap(16, 16).toImage().pixelColor(8, 8);
    };
    QCOMPARE(centre(BreakpointMarkerState::Enabled).rgb(), red.rgb());
    QCOMPARE(centre(BreakpointMarkerState::Disabled).alpha(), 0);  // a hollow ring
    auto image = [](BreakpointMarkerState s) { return breakpointIcon(s).pixmap(16, 16).toImage(); };
    QVERIFY(image(BreakpointMarkerState::Conditional) != image(BreakpointMarkerState::Enabled));
    QVERIFY(image(BreakpointMarkerState::Logpoint) != image(BreakpointMarkerState::Enabled));
    QVERIFY(image(BreakpointMarkerState::Logpoint) != image(BreakpointMarkerState::Conditional));
    QVERIFY(breakpointIcon(BreakpointMarkerState::None).isNull());
    // The list shows them: the decoration follows the state.
    BreakpointList bps;
    bps.add(Breakpoint::atLine("c", 1));
    QVERIFY(!bps.index(0, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(Breakpoint::onOp("relu").markerState(), BreakpointMarkerState::Enabled);
    Breakpoint log = Breakpoint::atLine("c", 2);
    log.logMessage = "x={x}";
    log.condition = "x > 1";
    QCOMPARE(log.markerState(), BreakpointMarkerState::Logpoint);
    log.enabled = false;
    QCOMPARE(log.markerState(), BreakpointMarkerState::Disabled);
  }

  void breakpointsViewAddsEditsAndRemoves() {
    BreakpointsView view;
    BreakpointList* bps = view.list();
    bps->add(Breakpoint::atLine("cell-1", 3));
    QSignalSpy changed(bps, &BreakpointList::changed);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // Add an op breakpoint from the add row.
    view.kindBox()->setCurrentIndex(0);
    QTest::keyClicks(view.targetBox(), "softmax_cross_entropy");
    QTest::keyClick(view.targetBox(), Qt::Key_Return);
    QCOMPARE(bps->count(), 2);
    QCOMPARE(bps->at(1).kind, Breakpoint::Kind::Op);
    QCOMPARE(bps->at(1).target, QStringLiteral("softmax_cross_entropy"));
    QVERIFY(view.targetBox()->text().isEmpty());
    view.kindBox()->setCurrentIndex(1);
    QVERIFY(!view.addFromInput());  // empty link path: refused, with a reason
    QCOMPARE(bps->count(), 2);
    QTest::keyClicks(view.targetBox(), "/predictor/l2");
    QVERIFY(view.addFromInput());
    QCOMPARE(bps->at(2).kind, Breakpoint::Kind::Link);

    // Edit the condition inline: open the editor on the cell, type, commit.
    QTreeView* tree = view.tree();
    const QModelIndex cond = bps->index(0, BreakpointList::Condition);
    tree->setCurrentIndex(cond);
    tree->edit(cond);
    auto* editor = tree->findChild<QLineEdit*>();
    QVERIFY(editor);
    editor->setText(QStringLiteral("i == 3"));
    QTest::keyClick(editor, Qt::Key_Return);  // the delegate commits on the next event loop turn
    QTRY_COMPARE(bps->at(0).condition, QStringLiteral("i == 3"));
    QCOMPARE(lastList(changed).at(0).condition, QStringLiteral("i == 3"));

    // Disable with the checkbox (a click on the check indicator).
    QVERIFY(bps->setData(bps->index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!lastList(changed).at(0).enabled);

    // Remove the selected row with Delete.
    tree->setCurrentIndex(bps->index(1, 0));
    tree->selectionModel()->select(bps->index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(bps->count(), 2);
    QCOMPARE(lastList(changed).at(1).target, QStringLiteral("/predictor/l2"));

    // Stop on first NaN/Inf round trip, both ways.
    QSignalSpy nonFinite(bps, &BreakpointList::stopOnNonFiniteChanged);
    view.stopOnNonFiniteBox()->click();
    QVERIFY(bps->stopOnNonFinite());
    QCOMPARE(nonFinite.size(), 1);
    bps->setStopOnNonFinite(false);
    QVERIFY(!view.stopOnNonFiniteBox()->isChecked());

    // A list shared with the editor margins.
    BreakpointList shared;
    shared.add(Breakpoint::onOp("relu"));
    shared.setStopOnNonFinite(true);
    view.setList(&shared);
    QCOMPARE(view.tree()->model()->rowCount(), 1);
    QVERIFY(view.stopOnNonFiniteBox()->isChecked());
  }
};

QTEST_MAIN(TestWidgetDebugViews)
#include "test_widget_debug_views.moc"
