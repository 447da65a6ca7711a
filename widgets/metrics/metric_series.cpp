#include "widgets/metrics/metric_series.h"

#include <cmath>

namespace kusari::widgets {

void MetricSeriesStore::addRun(const QString& run, const QString& label) {
  for (MetricRun& r : runs_) {
    if (r.run == run) {
      if (!label.isEmpty()) r.label = label;
      return;
    }
  }
  runs_.append({run, label.isEmpty() ? run : label});
}

MetricSeries& MetricSeriesStore::append(const QString& run, const QString& name, double iteration, double epoch,
                                        double value) {
  if (runIndex(run) < 0) addRun(run, QString());
  MetricSeries*& s = by_key_[key(run, name)];
  if (!s) {
    owned_.push_back(std::make_unique<MetricSeries>());
    s = owned_.back().get();
    s->run = run;
    s->name = name;
    order_.append(s);
  }
  s->iterations.append(iteration);
  s->epochs.append(epoch);
  s->values.append(value);
  return *s;
}

void MetricSeriesStore::clear() {
  runs_.clear();
  by_key_.clear();
  order_.clear();
  owned_.clear();
}

int MetricSeriesStore::runIndex(const QString& run) const {
  for (int i = 0; i < runs_.size(); ++i)
    if (runs_[i].run == run) return i;
  return -1;
}

QString MetricSeriesStore::runLabel(const QString& run) const {
  const int i = runIndex(run);
  return i < 0 ? run : runs_[i].label;
}

const MetricSeries* MetricSeriesStore::find(const QString& run, const QString& name) const {
  return by_key_.value(key(run, name), nullptr);
}

QStringList MetricSeriesStore::names(const QString& run) const {
  QStringList names;
  for (const MetricSeries* s : order_)
    if (s->run == run) names.append(s->name);
  return names;
}

namespace {
QString csvField(const QString& text) {
  if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')) return text;
  QString quoted = text;
  quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
  return u'"' + quoted + u'"';
}
QString number(double v) {
  if (std::isnan(v)) return QStringLiteral("nan");
  if (std::isinf(v)) return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  return QString::number(v, 'g', 17);
}
}  // namespace

QString MetricSeriesStore::toCsv() const {
  QString csv = QStringLiteral("run,run_label,name,iteration,epoch,value\n");
  for (const MetricSeries* s : order_) {
    const QString prefix = csvField(s->run) + u',' + csvField(runLabel(s->run)) + u',' + csvField(s->name) + u',';
    for (qsizetype i = 0; i < s->values.size(); ++i)
      csv += prefix + number(s->iterations[i]) + u',' + number(s->epochs[i]) + u',' + number(s->values[i]) + u'\n';
  }
  return csv;
}

QVector<double> emaSmoothed(const QVector<double>& values, double weight, EmaState* state, qsizetype from) {
  EmaState local;
  EmaState& ema = state ? *state : local;
  QVector<double> out;
  out.reserve(values.size() - from);
  for (qsizetype i = from; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      out.append(v);
      continue;
    }
    ema.last = ema.started ? weight * ema.last + (1 - weight) * v : v;
    ema.started = true;
    out.append(ema.last);
  }
  return out;
}

}  // namespace kusari::widgets
