// A tensor in a cell's output: dtype, shape and device, min/mean/max/std, NaN/Inf counts and
// a heatmap of the preview. A click asks for the tensor to be opened in the Tensor dock.
#pragma once
#include "widgets/output/tensor_summary_data.h"

#include <QFrame>
#include <QJsonObject>

class QLabel;

namespace kusari::widgets {

class TensorHeatmap;

class TensorCard : public QFrame {
  Q_OBJECT
 public:
  explicit TensorCard(const QJsonObject& summary, const QString& label = {}, QWidget* parent = nullptr);

  const TensorSummaryData& data() const { return data_; }
  TensorHeatmap* heatmap() const { return heatmap_; }
  void applyTheme();

 signals:
  void openRequested(const QJsonObject& summary);

 protected:
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  QString statsHtml() const;
  QJsonObject json_;
  QString label_;
  TensorSummaryData data_;
  QLabel* text_;
  TensorHeatmap* heatmap_;
};

}  // namespace kusari::widgets
