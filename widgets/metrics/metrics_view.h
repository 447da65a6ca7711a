// Live training curves (the studio's Metrics dock): one graph per (run, name), coloured per
// run with a line style per metric name; earlier runs are dimmed. Points are appended at any
// rate but the plot is redrawn at most every kReplotIntervalMs (coalesced by a timer). A series
// list with checkboxes hides and shows curves; zoom and pan with the mouse (a "Fit" button
// returns to following the data), log scale, EMA smoothing, PNG and CSV export.
#pragma once
#include <QHash>
#include <QWidget>

#include "widgets/metrics/metric_series.h"

class QCheckBox;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace kusari::widgets {

class MetricsView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kReplotIntervalMs = 100;

  explicit MetricsView(QWidget* parent = nullptr);

  void addRun(const QString& run, const QString& label);
  void appendPoint(const QString& run, const QString& name, double iteration, double epoch, double value);
  void clear();
  // Draws what arrived now instead of at the next timer tick.
  void flush();

  const MetricSeriesStore& store() const { return store_; }
  int graphCount() const;
  QCPGraph* graph(const QString& run, const QString& name) const;
  // The (key, value) pairs the graph holds: iterations and, with smoothing, smoothed values.
  QVector<QPointF> plottedData(const QString& run, const QString& name) const;

  void setSeriesVisible(const QString& run, const QString& name, bool visible);
  bool isSeriesVisible(const QString& run, const QString& name) const;
  void setRunVisible(const QString& run, bool visible);
  void setLogScale(bool on);
  bool logScale() const;
  void setSmoothing(double weight);  // EMA weight in [0, 0.99]; 0 = raw values
  double smoothing() const { return smoothing_; }
  void setFollowData(bool follow);   // rescale to the data at each redraw (off after a zoom/pan)
  bool followsData() const { return follow_; }

  QString toCsv() const { return store_.toCsv(); }
  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPng(const QString& path, QString* error = nullptr);

  QCustomPlot* plot() const { return plot_; }
  QTreeWidget* seriesList() const { return list_; }
  int replotCount() const { return replots_; }
  void applyTheme();

 private:
  struct GraphState {
    QCPGraph* graph = nullptr;
    QTreeWidgetItem* item = nullptr;
    qsizetype plotted = 0;  // points of the series already in the graph
    EmaState ema;
  };

  GraphState& stateFor(const MetricSeries& series);
  QTreeWidgetItem* runItem(const QString& run);
  void scheduleReplot();
  void rebuildGraphData();
  void restyle();
  void onItemChanged(QTreeWidgetItem* item, int column);
  void exportPngInteractive();
  void exportCsvInteractive();

  MetricSeriesStore store_;
  QHash<const MetricSeries*, GraphState> graphs_;
  QHash<QString, QTreeWidgetItem*> run_items_;
  QCustomPlot* plot_;
  QTreeWidget* list_;
  QCheckBox* log_box_;
  QSlider* smoothing_slider_;
  QLabel* smoothing_label_;
  QTimer* replot_timer_;
  double smoothing_ = 0;
  bool follow_ = true;
  bool dirty_ = false;
  bool updating_items_ = false;
  int replots_ = 0;
};

}  // namespace kusari::widgets
