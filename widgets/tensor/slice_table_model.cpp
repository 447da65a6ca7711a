#include "widgets/tensor/slice_table_model.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/theme/theme.h"

#include <QBrush>
#include <QFontDatabase>

#include <cmath>

namespace kusari::widgets {

SliceTableModel::SliceTableModel(QObject* parent)
    : QAbstractTableModel(parent), font_(QFontDatabase::systemFont(QFontDatabase::FixedFont)) {}

void SliceTableModel::setSlice(const TensorSlice& slice) {
  beginResetModel();
  slice_ = slice.isValid() ? slice : TensorSlice{};
  endResetModel();
}

int SliceTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(slice_.rows);
}

int SliceTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(slice_.cols);
}

QVariant SliceTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= slice_.rows || index.column() >= slice_.cols) return {};
  const float v = slice_.at(index.row(), index.column());
  switch (role) {
    case Qt::DisplayRole:
      return formatNumber(v);
    case Qt::ToolTipRole:
      return QString::number(v, 'g', 9);
    case ValueRole:
      return double(v);
    case Qt::TextAlignmentRole:
      return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
      if (!std::isfinite(v)) return QBrush(Theme::current().color(ThemeRole::NanMarker));
      return {};
    case Qt::FontRole:
      return font_;
    default:
      return {};
  }
}

QVariant SliceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  return orientation == Qt::Horizontal ? slice_.tensorCol(section) : slice_.tensorRow(section);
}

}  // namespace kusari::widgets
