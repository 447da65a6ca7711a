// The data behind the Parameters view: per-layer samples of parameter and gradient statistics
// (norms, NaN/Inf counts, gradient histograms) over iterations, for one training run. No
// widgets and no protocol here: the studio converts its messages into these structs.
#pragma once
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace kusari::widgets {

// Equal-width bins over [lo, hi] of the finite elements of one array.
struct ParamHistogramData {
  double lo = 0;
  double hi = 0;
  QVector<qint64> counts;
};

// One parameter at one iteration.
struct ParamLayerSample {
  QString path;  // "predictor/l1/W"
  QVector<qint64> shape;
  qint64 size = 0;
  double dataNorm = 0, gradNorm = 0;
  double dataMean = 0, dataStd = 0, gradMean = 0, gradStd = 0;
  std::optional<double> updateRatio;  // ||ΔW|| / ||W|| of the sampled update
  bool hasGrad = true;
  qint64 nanCount = 0, infCount = 0;
  ParamHistogramData gradHistogram;
  ParamHistogramData dataHistogram;

  // ||∇W|| / ||W||; NaN when ||W|| is 0.
  double gradDataRatio() const;
};

// Every parameter of one model at one iteration.
struct ParamStatsSample {
  QString run;
  double iteration = 0;
  double epoch = 0;
  QVector<ParamLayerSample> layers;
};

// What the curves can show.
enum class ParamQuantity { GradNorm, DataNorm, GradDataRatio, UpdateRatio };
double paramQuantity(const ParamLayerSample& sample, ParamQuantity quantity);  // NaN when absent

// One layer's history: every sample kept (thinned to kMaxHistory by dropping every other one
// of the older half when it grows past it) and the latest sample.
struct ParamLayerHistory {
  QString path;
  QVector<double> iterations;
  QVector<ParamLayerSample> samples;  // histograms included: the heatmap's columns
  const ParamLayerSample& latest() const { return samples.last(); }
};

class ParamStatsStore {
 public:
  static constexpr int kMaxHistory = 600;  // ~750 bytes a sample: ~45 MB for 100 layers

  // Adds a sample. A sample of another run than the current one starts over (returns true).
  bool add(const ParamStatsSample& sample);
  void clear();

  QString run() const { return run_; }
  double lastIteration() const { return last_iteration_; }
  QStringList paths() const { return order_; }  // in first-arrival order
  const ParamLayerHistory* layer(const QString& path) const;
  // Incremented whenever existing history changed (thinning, a new run): views rebuild.
  int generation() const { return generation_; }

 private:
  QString run_;
  double last_iteration_ = 0;
  QStringList order_;
  QHash<QString, ParamLayerHistory> layers_;
  int generation_ = 0;
};

}  // namespace kusari::widgets
