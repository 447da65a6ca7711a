// The Variables pane's model: a flat table of VariableRecords. Display strings are formatted
// for people; Qt::UserRole gives the sortable value (numbers as numbers, shapes by size).
#pragma once
#include "widgets/variables/variable_record.h"

#include <QAbstractTableModel>

namespace kusari::widgets {

class VariablesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Type, Shape, Dtype, Min, Mean, Max, Value, ColumnCount };
  static constexpr int SortRole = Qt::UserRole;

  using QAbstractTableModel::QAbstractTableModel;

  void setVariables(const QVector<VariableRecord>& records);
  const QVector<VariableRecord>& variables() const { return records_; }
  const VariableRecord& record(int row) const { return records_.at(row); }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  QVector<VariableRecord> records_;
};

}  // namespace kusari::widgets
