#include "widgets/variables/variables_view.h"

#include "widgets/variables/variables_model.h"
#include "widgets/variables/variables_view_layout.h"

#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace kusari::widgets {

VariablesView::VariablesView(QWidget* parent)
    : QWidget(parent), model_(new VariablesModel(this)), proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit(this)), tree_(new QTreeView(this)), empty_(new QLabel(this)) {
  layOutVariablesView(this, filter_, tree_, empty_,
                      tr("No variables yet — run a cell to see its names, types and tensor statistics here."), proxy_,
                      model_, VariablesModel::SortRole);
  tree_->setRootIsDecorated(false);
  // Narrow enough that the last column (Value: a scalar's number, a string) still shows at the
  // dock's default width of about 590 px; every column stays resizable.
  tree_->setColumnWidth(VariablesModel::Name, 92);
  tree_->setColumnWidth(VariablesModel::Type, 74);
  tree_->setColumnWidth(VariablesModel::Shape, 82);
  tree_->setColumnWidth(VariablesModel::Dtype, 58);
  for (int c : {VariablesModel::Min, VariablesModel::Mean, VariablesModel::Max}) tree_->setColumnWidth(c, 62);

  connect(tree_, &QTreeView::activated, this, [this](const QModelIndex& index) {
    emit variableActivated(model_->record(proxy_->mapToSource(index).row()).name);
  });
  updatePlaceholder();
}

void VariablesView::setVariables(const QVector<VariableRecord>& records) {
  model_->setVariables(records);
  updatePlaceholder();
}

QStringList VariablesView::visibleNames() const {
  QStringList names;
  for (int row = 0; row < proxy_->rowCount(); ++row)
    names << proxy_->index(row, VariablesModel::Name).data().toString();
  return names;
}

void VariablesView::updatePlaceholder() { updateVariablesPlaceholder(model_, tree_, empty_); }

}  // namespace kusari::widgets
