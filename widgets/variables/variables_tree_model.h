// The Variables dock's tree: top-level VariableRecords whose children (an object's attributes,
// a list's items, a frame's locals) are fetched lazily. A record with a reference shows an
// expander; expanding it asks once with childrenRequested(reference) and the owner answers
// with setChildren(reference, records). Columns: name, type, shape, dtype, value (tensors show
// min/mean/max to 4 significant digits). SortRole gives sortable values.
#pragma once
#include "widgets/variables/variable_record.h"

#include <QAbstractItemModel>
#include <QHash>
#include <memory>
#include <vector>

namespace kusari::widgets {

class VariablesTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { Name, Type, Shape, Dtype, Value, ColumnCount };
  static constexpr int SortRole = Qt::UserRole;
  static constexpr int ExpressionRole = Qt::UserRole + 1;  // VariableRecord::evaluateName()
  static constexpr int IsTensorRole = Qt::UserRole + 2;

  explicit VariablesTreeModel(QObject* parent = nullptr);
  ~VariablesTreeModel() override;

  void setVariables(const QVector<VariableRecord>& records);  // drops every fetched child
  // Fills the children of the item with this reference. False when no item has it (stale:
  // the variables were replaced since the request).
  bool setChildren(const QString& reference, const QVector<VariableRecord>& children);
  bool isRequested(const QString& reference) const;
  const VariableRecord* record(const QModelIndex& index) const;
  QModelIndex indexOfReference(const QString& reference) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  bool hasChildren(const QModelIndex& parent = {}) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 signals:
  void childrenRequested(const QString& reference);

 private:
  struct Item;
  Item* itemFor(const QModelIndex& index) const;
  void indexReferences(Item* item);
  void forgetReferences(Item* item);
  std::unique_ptr<Item> root_;
  QHash<QString, Item*> by_reference_;
};

// "min -0.1 · mean 0.001 · max 0.1" for a tensor, the value for anything else.
QString variableValueText(const VariableRecord& record);

}  // namespace kusari::widgets
