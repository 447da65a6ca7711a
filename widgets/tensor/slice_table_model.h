// The slice's values as a table read on demand: no item per cell, so a 4096 x 4096 slice costs
// the view only what is on screen. Headers are the tensor's own indices (stride accounted for).
#pragma once
#include "widgets/tensor/tensor_slice.h"

#include <QAbstractTableModel>
#include <QFont>

namespace kusari::widgets {

class SliceTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  static constexpr int ValueRole = Qt::UserRole + 1;  // the float as a double

  explicit SliceTableModel(QObject* parent = nullptr);

  void setSlice(const TensorSlice& slice);  // shares the slice's buffer, copies nothing
  const TensorSlice& slice() const { return slice_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  TensorSlice slice_;
  QFont font_;
};

}  // namespace kusari::widgets
