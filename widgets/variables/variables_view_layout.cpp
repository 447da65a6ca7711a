#include "widgets/variables/variables_view_layout.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace kusari::widgets {

void layOutVariablesView(QWidget* view, QLineEdit* filter, QTreeView* tree, QLabel* empty, const QString& emptyText,
                         QSortFilterProxyModel* proxy, QAbstractItemModel* model, int sortRole) {
  auto* layout = new QVBoxLayout(view);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  filter->setPlaceholderText(QCoreApplication::translate("kusari::widgets::VariablesView", "Filter variables"));
  filter->setClearButtonEnabled(true);
  layout->addWidget(filter);
  layout->addWidget(tree, 1);
  empty->setText(emptyText);
  empty->setWordWrap(true);
  empty->setAlignment(Qt::AlignCenter);
  empty->setEnabled(false);
  layout->addWidget(empty, 1);

  proxy->setSourceModel(model);
  proxy->setSortRole(sortRole);
  proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
  proxy->setFilterKeyColumn(0);
  tree->setModel(proxy);
  tree->setUniformRowHeights(true);
  tree->setAlternatingRowColors(true);
  tree->setSortingEnabled(true);
  tree->sortByColumn(0, Qt::AscendingOrder);
  tree->header()->setStretchLastSection(true);
  tree->header()->setSectionResizeMode(QHeaderView::Interactive);
  QObject::connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void updateVariablesPlaceholder(const QAbstractItemModel* model, QTreeView* tree, QLabel* empty) {
  const bool none = model->rowCount() == 0;
  tree->setVisible(!none);
  empty->setVisible(none);
}

}  // namespace kusari::widgets
