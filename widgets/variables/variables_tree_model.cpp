#include "widgets/variables/variables_tree_model.h"

#include "widgets/output/tensor_summary_data.h"

#include <QFontDatabase>

namespace kusari::widgets {

struct VariablesTreeModel::Item {
  enum class Fetch { NotYet, Requested, Done };
  VariableRecord record;
  Item* parent = nullptr;
  int row = 0;
  std::vector<std::unique_ptr<Item>> children;
  Fetch fetch = Fetch::NotYet;
};

QString variableValueText(const VariableRecord& r) {
  if (!r.isTensor() || !(r.min || r.mean || r.max)) return r.value;
  QStringList parts;
  if (r.min) parts << QStringLiteral("min %1").arg(formatNumber(*r.min));
  if (r.mean) parts << QStringLiteral("mean %1").arg(formatNumber(*r.mean));
  if (r.max) parts << QStringLiteral("max %1").arg(formatNumber(*r.max));
  return parts.join(QStringLiteral(" · "));
}

VariablesTreeModel::VariablesTreeModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Item>()) {
  root_->fetch = Item::Fetch::Done;
}

VariablesTreeModel::~VariablesTreeModel() = default;

void VariablesTreeModel::setVariables(const QVector<VariableRecord>& records) {
  beginResetModel();
  root_->children.clear();
  by_reference_.clear();
  for (const VariableRecord& r : records) {
    auto item = std::make_unique<Item>();
    item->record = r;
    item->parent = root_.get();
    item->row = static_cast<int>(root_->children.size());
    root_->children.push_back(std::move(item));
  }
  indexReferences(root_.get());
  endResetModel();
}

void VariablesTreeModel::indexReferences(Item* item) {
  for (auto& child : item->children) {
    if (child->record.hasChildren()) by_reference_.insert(child->record.reference, child.get());
    indexReferences(child.get());
  }
}

void VariablesTreeModel::forgetReferences(Item* item) {
  for (auto& child : item->children) {
    if (child->record.hasChildren() && by_reference_.value(child->record.reference) == child.get())
      by_reference_.remove(child->record.reference);
    forgetReferences(child.get());
  }
}

bool VariablesTreeModel::setChildren(const QString& reference, const QVector<VariableRecord>& children) {
  Item* item = by_reference_.value(reference);
  if (!item) return false;
  const QModelIndex parentIndex = createIndex(item->row, 0, item);
  if (!item->children.empty()) {
    beginRemoveRows(parentIndex, 0, static_cast<int>(item->children.size()) - 1);
    forgetReferences(item);
    item->children.clear();
    endRemoveRows();
  }
  item->fetch = Item::Fetch::Done;
  if (children.isEmpty()) {
    emit dataChanged(parentIndex, parentIndex);  // the expander goes away
    return true;
  }
  beginInsertRows(parentIndex, 0, static_cast<int>(children.size()) - 1);
  for (const VariableRecord& r : children) {
    auto child = std::make_unique<Item>();
    child->record = r;
    child->parent = item;
    child->row = static_cast<int>(item->children.size());
    item->children.push_back(std::move(child));
  }
  indexReferences(item);
  endInsertRows();
  return true;
}

bool VariablesTreeModel::isRequested(const QString& reference) const {
  const Item* item = by_reference_.value(reference);
  return item && item->fetch != Item::Fetch::NotYet;
}

VariablesTreeModel::Item* VariablesTreeModel::itemFor(const QModelIndex& index) const {
  return index.isValid() ? static_cast<Item*>(index.internalPointer()) : root_.get();
}

const VariableRecord* VariablesTreeModel::record(const QModelIndex& index) const {
  return index.isValid() && index.model() == this ? &itemFor(index)->record : nullptr;
}

QModelIndex VariablesTreeModel::indexOfReference(const QString& reference) const {
  Item* item = by_reference_.value(reference);
  return item ? createIndex(item->row, 0, item) : QModelIndex();
}

QModelIndex VariablesTreeModel::index(int row, int column, const QModelIndex& parent) const {
  Item* p = itemFor(parent);
  if (row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(p->children.size())) return {};
  return createIndex(row, column, p->children[row].get());
}

QModelIndex VariablesTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid()) return {};
  Item* p = itemFor(child)->parent;
  if (!p || p == root_.get()) return {};
  return createIndex(p->row, 0, p);
}

int VariablesTreeModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() && parent.column() != 0) return 0;
  return static_cast<int>(itemFor(parent)->children.size());
}

int VariablesTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool VariablesTreeModel::hasChildren(const QModelIndex& parent) const {
  if (parent.isValid() && parent.column() != 0) return false;
  const Item* item = itemFor(parent);
  if (!item->children.empty()) return true;
  return item != root_.get() && item->record.hasChildren() && item->fetch != Item::Fetch::Done;
}

bool VariablesTreeModel::canFetchMore(const QModelIndex& parent) const {
  if (!parent.isValid()) return false;
  const Item* item = itemFor(parent);
  return item->record.hasChildren() && item->fetch == Item::Fetch::NotYet;
}

void VariablesTreeModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  Item* item = itemFor(parent);
  item->fetch = Item::Fetch::Requested;
  emit childrenRequested(item->record.reference);
}

QVariant VariablesTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const VariableRecord& r = itemFor(index)->record;
  if (role == ExpressionRole) return r.evaluateName();
  if (role == IsTensorRole) return r.isTensor();
  if (role == Qt::FontRole && (index.column() == Shape || index.column() == Value) && r.isTensor())
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
  const bool display = role == Qt::DisplayRole || role == Qt::ToolTipRole;
  if (!display && role != SortRole) return {};
  switch (index.column()) {
    case Name: return r.name;
    case Type: return r.type;
    case Shape: return display ? QVariant(variableShapeText(r)) : QVariant(variableElementCount(r));
    case Dtype: return r.dtype;
    case Value:
      if (display) return variableValueText(r);
      if (r.isTensor() && r.mean) return *r.mean;
      return r.value;
  }
  return {};
}

QVariant VariablesTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Name", "Type", "Shape", "Dtype", "Value"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

}  // namespace kusari::widgets
