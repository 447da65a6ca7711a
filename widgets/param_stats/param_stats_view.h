// Parameter and gradient statistics per layer over time (the studio's Parameters dock): the
// view a person reads to spot vanishing or exploding gradients.
//   - a table of layers: path, shape, size, latest ||W||, ||∇W||, ||∇W||/||W||, ||ΔW||/||W||
//     and NaN/Inf counts (rows with NaN or Inf are painted in the theme's marker colours);
//   - curves of the chosen quantity over iterations, one per layer, log y-scale by default, so
//     vanishing or exploding gradients show as curves drifting apart;
//   - a heatmap of the selected layer's gradient (or value) histograms over time: columns
//     spread evenly over the iterations sampled, each showing the latest sample at or before
//     it; one row per bin of that sample's [lo, hi]; colour = count, with its colour scale.
// Zooming or panning the curves stops them following new data until "Fit".
// Samples may arrive at any rate; the view redraws at most every kReplotIntervalMs.
#pragma once
#include <QHash>
#include <QWidget>

#include "widgets/param_stats/param_stats_store.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QTableWidget;
class QTimer;

namespace kusari::widgets {

class ParamStatsView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kReplotIntervalMs = 100;
  enum Column { PathColumn, ShapeColumn, SizeColumn, DataNormColumn, GradNormColumn, RatioColumn, UpdateColumn,
                NanInfColumn, ColumnCount };

  explicit ParamStatsView(QWidget* parent = nullptr);

  void addSample(const ParamStatsSample& sample);
  // Where the run shown comes from (a notebook's name), said before the iteration; "" = nothing.
  void setSourceName(const QString& name);
  QString runText() const;  // what the label above the table says
  void clear();
  void flush();  // draws what arrived now instead of at the next timer tick

  const ParamStatsStore& store() const { return store_; }
  void setQuantity(ParamQuantity quantity);
  ParamQuantity quantity() const { return quantity_; }
  void setLogScale(bool on);
  bool logScale() const;
  void setHeatmapOfValues(bool values);  // false (default): gradient histograms
  bool heatmapOfValues() const { return heatmap_values_; }
  void setFollowData(bool follow);        // rescale the curves to the data at each redraw
  bool followsData() const { return follow_; }
  void selectLayer(const QString& path);
  QString selectedLayer() const { return selected_; }

  // Inspection (tests, export).
  QTableWidget* table() const { return table_; }
  int rowOf(const QString& path) const;  // -1 when unknown
  QCustomPlot* curvesPlot() const { return curves_; }
  QCPGraph* graph(const QString& path) const { return graphs_.value(path).graph; }
  QVector<QPointF> curveData(const QString& path) const;
  QCustomPlot* heatmapPlot() const { return heatmap_plot_; }
  QCPColorMap* heatmap() const { return heatmap_; }
  int heatmapColumns() const;
  double heatmapCount(int column, int bin) const;
  int replotCount() const { return replots_; }
  void applyTheme();

 signals:
  void layerSelected(const QString& path);

 private:
  struct GraphState {
    QCPGraph* graph = nullptr;
    qsizetype plotted = 0;
  };

  void scheduleReplot();
  void updateTable();
  void updateCurves();
  void updateHeatmap();
  void rebuildCurves();
  void restyle();
  QColor layerColor(int index) const;

  ParamStatsStore store_;
  QHash<QString, GraphState> graphs_;
  QTableWidget* table_;
  QCustomPlot* curves_;
  QCustomPlot* heatmap_plot_;
  QCPColorMap* heatmap_;
  QCPColorScale* color_scale_;
  QComboBox* quantity_box_;
  QComboBox* heatmap_box_;
  QCheckBox* log_box_;
  QLabel* run_label_;
  QLabel* heatmap_label_;
  QTimer* replot_timer_;
  ParamQuantity quantity_ = ParamQuantity::GradNorm;
  QString selected_;
  QString source_name_;
  int generation_ = -1;
  bool dirty_ = false;
  bool heatmap_dirty_ = false;
  bool heatmap_values_ = false;
  bool follow_ = true;
  int replots_ = 0;
};

}  // namespace kusari::widgets
