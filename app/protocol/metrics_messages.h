// Live training metrics (kernel -> client) and stopping a training run (client -> kernel).
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

namespace kusari::protocol {

// One training run: one Trainer driven by one cell execution. `run` is unique per kernel
// (cell id + the run's start time), `label` is for people ("cell 3 · 14:02:11").
struct MetricsRun {
  QString run;
  QString label;
  QString cellId;
  QCborMap toCbor() const;
  static MetricsRun fromCbor(const QCborMap& map);
  bool operator==(const MetricsRun&) const = default;
};

// One scalar observation of one iteration ("main/loss", "validation/main/accuracy", "lr").
struct MetricPoint {
  QString run;
  QString name;
  qint64 iteration = 0;
  double epoch = 0;  // fractional: epoch_detail
  double value = 0;  // may be NaN or infinite
  QCborMap toCbor() const;
  static MetricPoint fromCbor(const QCborMap& map);
  bool operator==(const MetricPoint& o) const;  // NaN equals NaN here
};

// Kernel -> client, parent = the execute_request. Points are batched: at most one message per
// ~100 ms while training runs, and the rest when a run ends. `runs` describes every run that
// `points` names.
struct Metrics {
  static constexpr const char* kType = "metrics";
  QList<MetricsRun> runs;
  QList<MetricPoint> points;
  QCborMap toCbor() const;
  static Metrics fromCbor(const QCborMap& map);
  bool operator==(const Metrics&) const = default;
};

// Client -> kernel, no reply: the running Trainer stops at its next iteration boundary (see
// kusari.training.Trainer.stop), writes a snapshot and prints a notice; the cell goes on. Handled
// on the kernel's socket thread like an interrupt; dropped when no cell runs.
struct StopTrainingRequest {
  static constexpr const char* kType = "stop_training_request";
  QCborMap toCbor() const { return {}; }
  static StopTrainingRequest fromCbor(const QCborMap&) { return {}; }
  bool operator==(const StopTrainingRequest&) const = default;
};

}  // namespace kusari::protocol
