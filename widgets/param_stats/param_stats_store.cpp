#include "widgets/param_stats/param_stats_store.h"

#include <cmath>
#include <limits>

namespace kusari::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Keeps the newer half as it is and every other sample of the older half.
template <class T>
void thin(QVector<T>& v) {
  const qsizetype half = v.size() / 2;
  QVector<T> kept;
  kept.reserve(half / 2 + v.size() - half + 1);
  for (qsizetype i = 0; i < half; i += 2) kept.append(v[i]);
  for (qsizetype i = half; i < v.size(); ++i) kept.append(v[i]);
  v = std::move(kept);
}
}  // namespace

double ParamLayerSample::gradDataRatio() const { return dataNorm > 0 ? gradNorm / dataNorm : kNaN; }

double paramQuantity(const ParamLayerSample& s, ParamQuantity q) {
  switch (q) {
    case ParamQuantity::GradNorm: return s.hasGrad ? s.gradNorm : kNaN;
    case ParamQuantity::DataNorm: return s.dataNorm;
    case ParamQuantity::GradDataRatio: return s.hasGrad ? s.gradDataRatio() : kNaN;
    case ParamQuantity::UpdateRatio: return s.updateRatio.value_or(kNaN);
  }
  return kNaN;
}

bool ParamStatsStore::add(const ParamStatsSample& sample) {
  bool restarted = false;
  if (sample.run != run_ || sample.iteration < last_iteration_) {  // a new run, or the same trainer rewound
    const bool hadData = !order_.isEmpty();
    clear();
    restarted = hadData;
    run_ = sample.run;
  }
  last_iteration_ = sample.iteration;
  bool thinned = false;
  for (const ParamLayerSample& l : sample.layers) {
    auto it = layers_.find(l.path);
    if (it == layers_.end()) {
      it = layers_.insert(l.path, ParamLayerHistory{l.path, {}, {}});
      order_.append(l.path);
    }
    it->iterations.append(sample.iteration);
    it->samples.append(l);
    if (it->samples.size() > kMaxHistory) {
      thin(it->iterations);
      thin(it->samples);
      thinned = true;
    }
  }
  if (thinned || restarted) ++generation_;
  return restarted;
}

void ParamStatsStore::clear() {
  run_.clear();
  last_iteration_ = 0;
  order_.clear();
  layers_.clear();
  ++generation_;
}

const ParamLayerHistory* ParamStatsStore::layer(const QString& path) const {
  auto it = layers_.constFind(path);
  return it == layers_.constEnd() ? nullptr : &*it;
}

}  // namespace kusari::widgets
