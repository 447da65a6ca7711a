#include "widgets/variables/variables_model.h"

#include "widgets/output/tensor_summary_data.h"

#include <QFontDatabase>

namespace kusari::widgets {
namespace {

QVariant stat(const std::optional<double>& v, bool display) {
  if (!v) return {};
  return display ? QVariant(formatNumber(*v)) : QVariant(*v);
}

}  // namespace

void VariablesModel::setVariables(const QVector<VariableRecord>& records) {
  beginResetModel();
  records_ = records;
  endResetModel();
}

int VariablesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(records_.size());
}

int VariablesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant VariablesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const VariableRecord& r = records_[index.row()];
  const bool display = role == Qt::DisplayRole || role == Qt::ToolTipRole;
  if (role == Qt::FontRole && index.column() >= Shape) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
  if (role == Qt::TextAlignmentRole && index.column() >= Min && index.column() <= Max)
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  if (!display && role != SortRole) return {};
  switch (index.column()) {
    case Name: return r.name;
    case Type: return r.type;
    case Shape: return display ? QVariant(variableShapeText(r)) : QVariant(variableElementCount(r));
    case Dtype: return r.dtype;
    case Min: return stat(r.min, display);
    case Mean: return stat(r.mean, display);
    case Max: return stat(r.max, display);
    case Value: return r.value;
  }
  return {};
}

QVariant VariablesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Name", "Type", "Shape", "Dtype", "Min", "Mean", "Max", "Value"};
  return tr(names[section]);
}

}  // namespace kusari::widgets
