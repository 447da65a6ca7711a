#include "main_window/param_stats_feed.h"

namespace kusari::studio {

namespace {
widgets::ParamHistogramData histogram(const protocol::ParamHistogram& h) { return {h.lo, h.hi, QVector<qint64>(h.counts)}; }
}  // namespace

widgets::ParamStatsSample toParamStatsSample(const protocol::ParamStats& stats) {
  widgets::ParamStatsSample sample{stats.run, double(stats.iteration), stats.epoch, {}};
  sample.layers.reserve(stats.layers.size());
  for (const protocol::ParamLayerStats& l : stats.layers) {
    widgets::ParamLayerSample s;
    s.path = l.path;
    s.shape = QVector<qint64>(l.shape);
    s.size = l.size;
    s.dataNorm = l.dataNorm;
    s.gradNorm = l.gradNorm;
    s.dataMean = l.dataMean;
    s.dataStd = l.dataStd;
    s.gradMean = l.gradMean;
    s.gradStd = l.gradStd;
    s.updateRatio = l.updateRatio;
    s.hasGrad = l.hasGrad;
    s.nanCount = l.nanCount;
    s.infCount = l.infCount;
    s.gradHistogram = histogram(l.gradHistogram);
    s.dataHistogram = histogram(l.dataHistogram);
    sample.layers.append(std::move(s));
  }
  return sample;
}

}  // namespace kusari::studio
