// VariablesTreeView: children load lazily (requested once on expand, filled by setChildren),
// the filter hides non-matching rows, columns sort, tensors show shape, dtype and statistics,
// and activating a tensor row names it for the Tensor dock.
#include "widgets/variables/variables_tree_model.h"
#include "widgets/variables/variables_tree_view.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

#include "variables_test_support.h"

using namespace kusari::widgets;
using kusari::test_support::tensor;

namespace {

VariableRecord object(const QString& name, const QString& type, const QString& reference) {
  VariableRecord r;
  r.name = name;
  r.type = type;
  r.value = QStringLiteral("<%1>").arg(type);
  r.reference = reference;
  return r;
}

QModelIndex rowNamed(QAbstractItemModel* m, const QString& name, const QModelIndex& parent = {}) {
  for (int row = 0; row < m->rowCount(parent); ++row)
    if (m->index(row, 0, parent).data().toString() == name) return m->index(row, 0, parent);
  return {};
}

}  // namespace

class TestWidgetVariablesTree : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    view_ = new VariablesTreeView;
    VariableRecord lr;
    lr.name = QStringLiteral("lr");
    lr.type = QStringLiteral("float");
    lr.value = QStringLiteral("0.001");
    view_->setVariables({tensor("x_train", {60000, 784}, -0.8, 0.0123456, 2.0), object("model", "MLP", "ref-model"),
                         lr, tensor("loss", {}, 0.35, 0.35, 0.35)});
  }
  void cleanup() { delete view_; }

  void lazyChildrenRequestedOnExpandAndFilled() {
    QSignalSpy requested(view_, &VariablesTreeView::childrenRequested);
    QAbstractItemModel* m = view_->proxy();
    const QModelIndex model = rowNamed(m, "model");
    QVERIFY(model.isValid());
    QVERIFY(m->hasChildren(model));       // an expander before anything is fetched
    QCOMPARE(m->rowCount(model), 0);
    QCOMPARE(requested.size(), 0);        // nothing asked before the user expands
    view_->tree()->expand(model);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toString(), QStringLiteral("ref-model"));
    view_->tree()->collapse(model);
    view_->tree()->expand(model);
    QCOMPARE(requested.size(), 1);        // asked once

    QVERIFY(view_->setChildren("ref-model", {object("l1", "Linear", "ref-l1"), object("l2", "Linear", "ref-l2")}));
    QCOMPARE(view_->visibleNames(model), (QStringList{"l1", "l2"}));
    const QModelIndex l1 = rowNamed(m, "l1", model);
    view_->tree()->expand(l1);
    QCOMPARE(requested.last().first().toString(), QStringLiteral("ref-l1"));
    QVERIFY(view_->setChildren("ref-l1", {tensor("W", {100, 784}, -0.1, 0.0, 0.1, "model.l1.W"),
                                          tensor("b", {100}, 0, 0, 0, "model.l1.b")}));
    QCOMPARE(view_->visibleNames(l1), (QStringList{"b", "W"}));
    // An answer for a reference nobody has (the variables were replaced) is refused.
    QVERIFY(!view_->setChildren("ref-gone", {}));
    // An object with no children loses its expander once answered.
    view_->tree()->expand(rowNamed(m, "l2", model));
    QVERIFY(view_->setChildren("ref-l2", {}));
    QVERIFY(!m->hasChildren(rowNamed(m, "l2", model)));
    // New variables drop what was fetched.
    view_->setVariables({object("model", "MLP", "ref-model-2")});
    QVERIFY(!view_->setChildren("ref-model", {}));
  }

  void expansionSurvivesNewVariables() {
    QSignalSpy requested(view_, &VariablesTreeView::childrenRequested);
    view_->tree()->expand(rowNamed(view_->proxy(), "model"));
    view_->setChildren("ref-model", {object("l1", "Linear", "ref-l1"), object("l2", "Linear", "ref-l2")});
    view_->tree()->expand(rowNamed(view_->proxy(), "l1", rowNamed(view_->proxy(), "model")));
    QCOMPARE(requested.size(), 2);
    // The next step of the debug session: same names, new references.
    view_->setVariables({object("model", "MLP", "ref-model-2"), object("other", "dict", "ref-other")});
    QTRY_COMPARE(requested.size(), 3);
    QCOMPARE(requested.last().first().toString(), QStringLiteral("ref-model-2"));
    view_->setChildren("ref-model-2", {object("l1", "Linear", "ref-l1-2"), object("l2", "Linear", "ref-l2-2")});
    QTRY_COMPARE(requested.size(), 4);
    QCOMPARE(requested.last().first().toString(), QStringLiteral("ref-l1-2"));  // l1 was open, l2 was not
    QVERIFY(view_->tree()->isExpanded(rowNamed(view_->proxy(), "model")));
    QCoreApplication::processEvents();  // run any queued re-expansion
    QCOMPARE(requested.size(), 4);  // nothing the user did not open
    // Collapsing forgets it.
    view_->tree()->collapse(rowNamed(view_->proxy(), "model"));
    view_->setVariables({object("model", "MLP", "ref-model-3")});
    QCoreApplication::processEvents();  // run any queued re-expansion
    QCOMPARE(requested.size(), 4);
  }

  void filterHidesNonMatchingRows() {
    view_->filterBox()->setText(QStringLiteral("X_"));
    QCOMPARE(view_->visibleNames(), (QStringList{"x_train"}));
    view_->filterBox()->setText(QStringLiteral("l"));
    QCOMPARE(view_->visibleNames(), (QStringList{"loss", "lr", "model"}));
    view_->filterBox()->clear();
    QCOMPARE(view_->visibleNames().size(), 4);
    // A loaded child that matches keeps its parent visible.
    view_->tree()->expand(rowNamed(view_->proxy(), "model"));
    view_->setChildren("ref-model", {tensor("weight_decay_W", {3}, 0, 0, 0)});
    view_->filterBox()->setText(QStringLiteral("weight_decay"));
    QCOMPARE(view_->visibleNames(), (QStringList{"model"}));
  }

  void sortsByNameAndByValue() {
    QCOMPARE(view_->visibleNames(), (QStringList{"loss", "lr", "model", "x_train"}));
    view_->tree()->sortByColumn(VariablesTreeModel::Name, Qt::DescendingOrder);
    QCOMPARE(view_->visibleNames(), (QStringList{"x_train", "model", "lr", "loss"}));
    view_->tree()->sortByColumn(VariablesTreeModel::Shape, Qt::DescendingOrder);
    QCOMPARE(view_->visibleNames().first(), QStringLiteral("x_train"));
    // Children sort too.
    view_->tree()->sortByColumn(VariablesTreeModel::Name, Qt::AscendingOrder);
    const QModelIndex model = rowNamed(view_->proxy(), "model");
    view_->tree()->expand(model);
    view_->setChildren("ref-model",
                       {object("l3", "Linear", {}), object("l1", "Linear", {}), object("l2", "Linear", {})});
    QCOMPARE(view_->visibleNames(rowNamed(view_->proxy(), "model")), (QStringList{"l1", "l2", "l3"}));
  }

  void tensorsShowShapeDtypeAndStats() {
    QAbstractItemModel* m = view_->proxy();
    const QModelIndex x = rowNamed(m, "x_train");
    auto cell = [&](int column) { return m->index(x.row(), column).data().toString(); };
    QCOMPARE(cell(VariablesTreeModel::Type), QStringLiteral("Variable"));
    QCOMPARE(cell(VariablesTreeModel::Shape), QStringLiteral("(60000, 784)"));
    QCOMPARE(cell(VariablesTreeModel::Dtype), QStringLiteral("float32"));
    QCOMPARE(cell(VariablesTreeModel::Value), QStringLiteral("min -0.8 · mean 0.01235 · max 2"));
    const QModelIndex lr = rowNamed(m, "lr");
    QCOMPARE(m->index(lr.row(), VariablesTreeModel::Value).data().toString(), QStringLiteral("0.001"));
    QCOMPARE(m->index(lr.row(), VariablesTreeModel::Shape).data().toString(), QString());
  }

  void activatingATensorNamesIt() {
    QSignalSpy tensors(view_, &VariablesTreeView::tensorActivated);
    QSignalSpy any(view_, &VariablesTreeView::variableActivated);
    QTreeView* tree = view_->tree();
    emit tree->activated(rowNamed(view_->proxy(), "x_train"));
    QCOMPARE(tensors.size(), 1);
    QCOMPARE(tensors.first().first().toString(), QStringLiteral("x_train"));
    emit tree->activated(rowNamed(view_->proxy(), "lr"));
    QCOMPARE(tensors.size(), 1);  // not a tensor
    QCOMPARE(any.size(), 2);
    // A child tensor is named by its expression; with a real double-click this time.
    const QModelIndex model = rowNamed(view_->proxy(), "model");
    tree->expand(model);
    view_->setChildren("ref-model", {tensor("W", {10, 100}, -1, 0, 1, "model.l2.W")});
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_));
    const QModelIndex w = rowNamed(view_->proxy(), "W", model);
    const QPoint at = tree->visualRect(w).center();
    QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, at);  // a double-click starts with a press
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(tensors.size(), 2);
    QCOMPARE(tensors.last().first().toString(), QStringLiteral("model.l2.W"));
  }

 private:
  VariablesTreeView* view_ = nullptr;
};

QTEST_MAIN(TestWidgetVariablesTree)
#include "test_widget_variables_tree.moc"
