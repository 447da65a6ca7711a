// Parameter and gradient statistics per layer (kernel -> client): what a person reads to spot
// vanishing or exploding gradients while a Trainer runs.
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

namespace kusari::protocol {

// Equal-width bins over [lo, hi] of the finite elements of one array.
struct ParamHistogram {
  double lo = 0;
  double hi = 0;
  QList<qint64> counts;  // usually 32 bins; empty when the array has no finite element
  QCborMap toCbor() const;
  static ParamHistogram fromCbor(const QCborMap& map);
  bool operator==(const ParamHistogram&) const = default;
};

// One parameter (one "layer" entry) at one iteration. Means, stds and norms are over the finite
// elements; NaN and Inf are counted instead. `updateRatio` = ||ΔW|| / ||W|| over the iteration
// that was sampled, when the kernel could measure it.
struct ParamLayerStats {
  QString path;          // "predictor/l1/W": namedparams() without the leading '/'
  QList<qint64> shape;
  qint64 size = 0;
  double dataNorm = 0, gradNorm = 0;
  double dataMean = 0, dataStd = 0;
  double gradMean = 0, gradStd = 0;
  std::optional<double> updateRatio;
  bool hasGrad = false;  // false: the parameter had no gradient (grad fields are 0)
  qint64 nanCount = 0;   // in the data and the gradient together
  qint64 infCount = 0;
  ParamHistogram gradHistogram;
  ParamHistogram dataHistogram;
  QCborMap toCbor() const;
  static ParamLayerStats fromCbor(const QCborMap& map);
  bool operator==(const ParamLayerStats&) const = default;
};

// Kernel -> client, parent = the execute_request. One sample of every parameter of the
// updater's main optimizer target: the first iteration, then as often as ~2% of the training
// time allows (at most ~10 samples a second), and the last iteration when a run ends.
// `run` is the run id of the `metrics` messages of the same Trainer.
struct ParamStats {
  static constexpr const char* kType = "param_stats";
  QString run;
  qint64 iteration = 0;
  double epoch = 0;
  QList<ParamLayerStats> layers;
  QCborMap toCbor() const;
  static ParamStats fromCbor(const QCborMap& map);
  bool operator==(const ParamStats&) const = default;
};

}  // namespace kusari::protocol
