// Which 2-D slice of a tensor to show: a combo box for the axis down the rows, one for the axis
// across the columns, and an index spin box for every other axis. Picking the same axis for
// rows and columns swaps them. Emits changed() on every user choice.
#pragma once
#include <QList>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QSpinBox;

namespace kusari::widgets {

class SlicePicker : public QWidget {
  Q_OBJECT
 public:
  explicit SlicePicker(QWidget* parent = nullptr);

  // Resets to the last two axes and all indices 0, unless keepChoice and the shape is the one
  // already shown (the same tensor at the next stop keeps its axes and indices).
  void setShape(const QList<qint64>& shape, bool keepChoice = false);
  QList<qint64> shape() const { return shape_; }

  int rowAxis() const { return rowAxis_; }
  int colAxis() const { return colAxis_; }
  QList<qint64> indices() const { return indices_; }  // one per axis; 0 at the row/column axes

  // As if the user had picked them (emit changed()).
  void selectAxes(int rowAxis, int colAxis);
  void setIndex(int axis, qint64 index);

  QComboBox* rowCombo() const { return rowCombo_; }
  QComboBox* colCombo() const { return colCombo_; }
  QSpinBox* indexSpin(int axis) const;  // null for the row/column axes

 signals:
  void changed();

 private:
  void rebuild();
  void showAxes();  // the combos, and the index spins of the other axes, as the choice stands
  void setAxes(int rowAxis, int colAxis);
  QList<qint64> shape_;
  int rowAxis_ = -1, colAxis_ = -1;
  QList<qint64> indices_;
  QComboBox* rowCombo_;
  QComboBox* colCombo_;
  QHBoxLayout* indexLayout_;
  QList<QSpinBox*> spins_;
  QList<QLabel*> spinLabels_;
  bool updating_ = false;
};

}  // namespace kusari::widgets
