#include "widgets/tensor/slice_picker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace kusari::widgets {

SlicePicker::SlicePicker(QWidget* parent)
    : QWidget(parent), rowCombo_(new QComboBox(this)), colCombo_(new QComboBox(this)), indexLayout_(new QHBoxLayout) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("rows"), this));
  layout->addWidget(rowCombo_);
  layout->addWidget(new QLabel(tr("columns"), this));
  layout->addWidget(colCombo_);
  layout->addLayout(indexLayout_);
  layout->addStretch();
  rowCombo_->setToolTip(tr("The tensor axis down the rows"));
  colCombo_->setToolTip(tr("The tensor axis across the columns"));
  connect(rowCombo_, &QComboBox::activated, this, [this](int a) {
    setAxes(a, a == colAxis_ ? rowAxis_ : colAxis_);
  });
  connect(colCombo_, &QComboBox::activated, this, [this](int a) {
    setAxes(a == rowAxis_ ? colAxis_ : rowAxis_, a);
  });
}

void SlicePicker::setShape(const QList<qint64>& shape, bool keepChoice) {
  if (keepChoice && shape == shape_ && spins_.size() == shape.size()) return;
  shape_ = shape;
  const int rank = int(shape.size());
  rowAxis_ = rank >= 2 ? rank - 2 : -1;
  colAxis_ = rank >= 1 ? rank - 1 : -1;
  indices_ = QList<qint64>(rank, 0);
  rebuild();
}

void SlicePicker::rebuild() {
  updating_ = true;
  qDeleteAll(spins_);
  qDeleteAll(spinLabels_);
  spins_.clear();
  spinLabels_.clear();
  rowCombo_->clear();
  colCombo_->clear();
  const int rank = int(shape_.size());
  for (int k = 0; k < rank; ++k) {
    const QString text = tr("axis %1 (%2)").arg(k).arg(shape_[k]);
    rowCombo_->addItem(text);
    colCombo_->addItem(text);
    auto* label = new QLabel(tr("axis %1").arg(k), this);
    auto* spin = new QSpinBox(this);
    spin->setRange(0, int(std::max<qint64>(0, shape_[k] - 1)));
    spin->setToolTip(tr("Index on axis %1 (0 to %2)").arg(k).arg(shape_[k] - 1));
    spin->setKeyboardTracking(false);
    connect(spin, &QSpinBox::valueChanged, this, [this, k](int v) {
      if (updating_ || indices_[k] == v) return;
      indices_[k] = v;
      emit changed();
    });
    indexLayout_->addWidget(label);
    indexLayout_->addWidget(spin);
    spinLabels_ << label;
    spins_ << spin;
  }
  const bool twoD = rank >= 2;
  rowCombo_->setEnabled(twoD);
  colCombo_->setEnabled(twoD);
  showAxes();
  updating_ = false;
}

void SlicePicker::showAxes() {
  rowCombo_->setCurrentIndex(rowAxis_);
  colCombo_->setCurrentIndex(colAxis_);
  for (int k = 0; k < int(spins_.size()); ++k) {
    const bool fixed = k != rowAxis_ && k != colAxis_;
    spins_[k]->setVisible(fixed);
    spinLabels_[k]->setVisible(fixed);
    spins_[k]->setValue(int(indices_[k]));
  }
}

void SlicePicker::setAxes(int rowAxis, int colAxis) {
  const int rank = int(shape_.size());
  if (rank < 2 || rowAxis < 0 || colAxis < 0 || rowAxis >= rank || colAxis >= rank || rowAxis == colAxis) return;
  if (rowAxis == rowAxis_ && colAxis == colAxis_) return;
  rowAxis_ = rowAxis;
  colAxis_ = colAxis;
  indices_[rowAxis] = 0;
  indices_[colAxis] = 0;
  updating_ = true;
  showAxes();
  updating_ = false;
  emit changed();
}

void SlicePicker::selectAxes(int rowAxis, int colAxis) { setAxes(rowAxis, colAxis); }

void SlicePicker::setIndex(int axis, qint64 index) {
  if (QSpinBox* spin = indexSpin(axis)) spin->setValue(int(index));  // clamped by the spin box
}

QSpinBox* SlicePicker::indexSpin(int axis) const {
  if (axis < 0 || axis >= spins_.size() || axis == rowAxis_ || axis == colAxis_) return nullptr;
  return spins_[axis];
}

}  // namespace kusari::widgets
