// The data behind the Metrics view: one series of (iteration, epoch, value) per (run, name),
// runs in arrival order, EMA smoothing and CSV export. No widgets here.
#pragma once
#include <QHash>
#include <QList>
#include <QString>
#include <QVector>

#include <memory>
#include <vector>

namespace kusari::widgets {

struct MetricSeries {
  QString run;
  QString name;
  QVector<double> iterations;
  QVector<double> epochs;
  QVector<double> values;
};

struct MetricRun {
  QString run;
  QString label;
};

class MetricSeriesStore {
 public:
  // A run's label may arrive late or change; unknown runs are added with the id as label.
  void addRun(const QString& run, const QString& label);
  // Returns the series (created on first use).
  MetricSeries& append(const QString& run, const QString& name, double iteration, double epoch, double value);
  void clear();

  const QList<MetricRun>& runs() const { return runs_; }
  int runIndex(const QString& run) const;  // -1 when unknown
  QString runLabel(const QString& run) const;
  const QList<MetricSeries*>& series() const { return order_; }
  const MetricSeries* find(const QString& run, const QString& name) const;
  QStringList names(const QString& run) const;  // the run's series, in arrival order

  // run,run_label,name,iteration,epoch,value — one row per point, series in arrival order.
  QString toCsv() const;

 private:
  static QString key(const QString& run, const QString& name) { return run + QChar(0x1f) + name; }

  QList<MetricRun> runs_;
  QHash<QString, MetricSeries*> by_key_;
  QList<MetricSeries*> order_;
  std::vector<std::unique_ptr<MetricSeries>> owned_;
};

// Exponential moving average (TensorBoard's smoothing): s[0] = v[0], s[i] = w*s[i-1] + (1-w)*v[i],
// weight w in [0, 1); NaN and infinite values are passed through and do not disturb the average.
// `state` carries the average across calls so that appended values continue it.
struct EmaState {
  double last = 0;
  bool started = false;
};
QVector<double> emaSmoothed(const QVector<double>& values, double weight, EmaState* state = nullptr,
                            qsizetype from = 0);

}  // namespace kusari::widgets
