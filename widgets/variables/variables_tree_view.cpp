#include "widgets/variables/variables_tree_view.h"

#include "widgets/variables/variables_tree_model.h"
#include "widgets/variables/variables_view_layout.h"

#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace kusari::widgets {

VariablesTreeView::VariablesTreeView(QWidget* parent)
    : QWidget(parent), model_(new VariablesTreeModel(this)), proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit(this)), tree_(new QTreeView(this)), empty_(new QLabel(this)) {
  proxy_->setRecursiveFilteringEnabled(true);  // a parent stays when a loaded child matches
  proxy_->setAutoAcceptChildRows(true);        // and a matching parent keeps its children
  layOutVariablesView(this, filter_, tree_, empty_,
                      tr("No variables yet: run a cell, or pause at a breakpoint, to see names, types and tensor "
                         "statistics here."),
                      proxy_, model_, VariablesTreeModel::SortRole);
  tree_->setColumnWidth(VariablesTreeModel::Name, 140);
  tree_->setColumnWidth(VariablesTreeModel::Type, 80);
  tree_->setColumnWidth(VariablesTreeModel::Shape, 100);
  tree_->setColumnWidth(VariablesTreeModel::Dtype, 64);

  connect(model_, &VariablesTreeModel::childrenRequested, this, &VariablesTreeView::childrenRequested);
  connect(tree_, &QTreeView::expanded, this, [this](const QModelIndex& index) {
    const QModelIndex source = proxy_->mapToSource(index);
    expanded_.insert(pathOf(source));
    if (model_->canFetchMore(source)) model_->fetchMore(source);
  });
  connect(tree_, &QTreeView::collapsed, this,
          [this](const QModelIndex& index) { expanded_.remove(pathOf(proxy_->mapToSource(index))); });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] { reexpand({}, 0, model_->rowCount() - 1); });
  connect(model_, &QAbstractItemModel::rowsInserted, this, &VariablesTreeView::reexpand);
  connect(tree_, &QTreeView::activated, this, [this](const QModelIndex& index) {
    const VariableRecord* r = model_->record(proxy_->mapToSource(index));
    if (!r) return;
    emit variableActivated(r->evaluateName());
    if (r->isTensor()) emit tensorActivated(r->evaluateName());
  });
  updatePlaceholder();
}

void VariablesTreeView::setVariables(const QVector<VariableRecord>& records) {
  model_->setVariables(records);
  updatePlaceholder();
}

bool VariablesTreeView::setChildren(const QString& reference, const QVector<VariableRecord>& children) {
  return model_->setChildren(reference, children);
}

QStringList VariablesTreeView::visibleNames(const QModelIndex& proxyParent) const {
  QStringList names;
  for (int row = 0; row < proxy_->rowCount(proxyParent); ++row)
    names << proxy_->index(row, VariablesTreeModel::Name, proxyParent).data().toString();
  return names;
}

QString VariablesTreeView::pathOf(const QModelIndex& sourceIndex) const {
  QStringList names;
  for (QModelIndex i = sourceIndex.siblingAtColumn(0); i.isValid(); i = i.parent()) names.prepend(i.data().toString());
  return names.join(QChar(0x1f));
}

void VariablesTreeView::reexpand(const QModelIndex& sourceParent, int first, int last) {
  if (expanded_.isEmpty()) return;
  for (int row = first; row <= last; ++row) {
    const QModelIndex source = model_->index(row, 0, sourceParent);
    if (model_->hasChildren(source) && expanded_.contains(pathOf(source))) {
      // Queued: the view must have seen the new rows before they can expand.
      QMetaObject::invokeMethod(this, [this, p = QPersistentModelIndex(source)] {
        if (p.isValid()) tree_->expand(proxy_->mapFromSource(p));
      }, Qt::QueuedConnection);
    }
  }
}

void VariablesTreeView::updatePlaceholder() { updateVariablesPlaceholder(model_, tree_, empty_); }

}  // namespace kusari::widgets
