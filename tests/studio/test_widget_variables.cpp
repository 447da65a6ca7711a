// VariablesView: the filter box narrows by name, columns sort by value (numbers as numbers).
#include "widgets/variables/variables_model.h"
#include "widgets/variables/variables_view.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

#include "variables_test_support.h"

using namespace kusari::widgets;
using kusari::test_support::tensor;

class TestWidgetVariables : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    view_ = new VariablesView;
    VariableRecord lr;
    lr.name = QStringLiteral("lr");
    lr.type = QStringLiteral("float");
    lr.value = QStringLiteral("0.001");
    view_->setVariables({tensor("x_train", {60000, 784}, -0.8, 0.0, 2.0), tensor("W1", {100, 784}, -0.1, 0.001, 0.1),
                         tensor("loss", {}, 0.35, 0.35, 0.35), lr, tensor("x_test", {10000, 784}, -0.8, 0.01, 11.5)});
  }
  void cleanup() { delete view_; }

  void sortedByNameAtFirst() {
    QCOMPARE(view_->visibleNames(), (QStringList{"loss", "lr", "W1", "x_test", "x_train"}));
  }

  void filterByName() {
    view_->filterBox()->setText(QStringLiteral("X_"));
    QCOMPARE(view_->visibleNames(), (QStringList{"x_test", "x_train"}));
    view_->filterBox()->clear();
    QCOMPARE(view_->visibleNames().size(), 5);
  }

  void sortByMaxIsNumeric() {
    // As text "11.5" < "2"; as numbers 2 < 11.5.
    view_->tree()->sortByColumn(VariablesModel::Max, Qt::AscendingOrder);
    QStringList names = view_->visibleNames();
    names.removeAll(QStringLiteral("lr"));  // no statistics: where it sorts is not the point here
    QCOMPARE(names, (QStringList{"W1", "loss", "x_train", "x_test"}));
  }

  void sortByShapeUsesElementCount() {
    view_->tree()->sortByColumn(VariablesModel::Shape, Qt::DescendingOrder);
    QCOMPARE(view_->visibleNames().mid(0, 3), (QStringList{"x_train", "x_test", "W1"}));
  }

  void displayFormatsForPeople() {
    QAbstractItemModel* m = view_->proxy();
    view_->filterBox()->setText(QStringLiteral("x_train"));
    QCOMPARE(m->index(0, VariablesModel::Shape).data().toString(), QStringLiteral("(60000, 784)"));
    QCOMPARE(m->index(0, VariablesModel::Dtype).data().toString(), QStringLiteral("float32"));
    QCOMPARE(m->index(0, VariablesModel::Min).data().toString(), QStringLiteral("-0.8"));
  }

 private:
  VariablesView* view_ = nullptr;
};

QTEST_MAIN(TestWidgetVariables)
#include "test_widget_variables.moc"
