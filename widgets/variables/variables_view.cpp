#include "widgets/variables/variables_view.h"

#include "widgets/variables/variables_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace kusari::widgets {

VariablesView::VariablesView(QWidget* parent)
    : QWidget(parent), model_(new VariablesModel(this)), proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit(this)), tree_(new QTreeView(this)), empty_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  filter_->setPlaceholderText(tr("Filter variables"));
  filter_->setClearButtonEnabled(true);
  layout->addWidget(filter_);
  layout->addWidget(tree_, 1);
  empty_->setText(tr("No variables yet — run a cell to see its names, types and tensor statistics here."));
  empty_->setWordWrap(true);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setEnabled(false);
  layout->addWidget(empty_, 1);

  proxy_->setSourceModel(model_);
  proxy_->setSortRole(VariablesModel::SortRole);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setFilterKeyColumn(VariablesModel::Name);
  tree_->setModel(proxy_);
  tree_->setRootIsDecorated(false);
  tree_->setUniformRowHeights(true);
  tree_->setAlternatingRowColors(true);
  tree_->setSortingEnabled(true);
  tree_->sortByColumn(VariablesModel::Name, Qt::AscendingOrder);
  tree_->header()->setStretchLastSection(true);
  tree_->header()->setSectionResizeMode(QHeaderView::Interactive);
  tree_->setColumnWidth(VariablesModel::Name, 110);
  tree_->setColumnWidth(VariablesModel::Type, 80);
  tree_->setColumnWidth(VariablesModel::Shape, 90);
  tree_->setColumnWidth(VariablesModel::Dtype, 64);
  for (int c : {VariablesModel::Min, VariablesModel::Mean, VariablesModel::Max}) tree_->setColumnWidth(c, 70);

  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
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

void VariablesView::updatePlaceholder() {
  const bool none = model_->rowCount() == 0;
  tree_->setVisible(!none);
  empty_->setVisible(none);
}

}  // namespace kusari::widgets
