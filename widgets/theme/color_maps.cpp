#include "widgets/theme/color_maps.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace kusari::widgets {

ColorMapKind chooseColorMap(double min, double max) {
  return min < 0.0 ? ColorMapKind::Diverging : ColorMapKind::Sequential;
}

QVector<std::pair<double, QColor>> colorMapStops(ColorMapKind kind) {
  if (kind == ColorMapKind::Diverging)  // ColorBrewer RdBu, reversed: negative blue, positive red
    return {{0.0, QColor("#053061")}, {0.2, QColor("#2166ac")}, {0.4, QColor("#92c5de")},
            {0.5, QColor("#f7f7f7")}, {0.6, QColor("#f4a582")}, {0.8, QColor("#b2182b")},
            {1.0, QColor("#67001f")}};
  // viridis, sampled at eight points
  return {{0.0, QColor("#440154")},    {0.143, QColor("#46327e")}, {0.286, QColor("#365c8d")},
          {0.429, QColor("#277f8e")},  {0.571, QColor("#1fa187")}, {0.714, QColor("#4ac16d")},
          {0.857, QColor("#a0da39")},  {1.0, QColor("#fde725")}};
}

QCPColorGradient colorGradient(ColorMapKind kind) {
  QCPColorGradient g;
  g.clearColorStops();
  for (const auto& [pos, color] : colorMapStops(kind)) g.setColorStopAt(pos, color);
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  return g;
}

std::pair<double, double> colorMapRange(ColorMapKind kind, double min, double max) {
  if (kind == ColorMapKind::Diverging) {
    double m = std::max(std::abs(min), std::abs(max));
    if (m == 0.0) m = 1.0;
    return {-m, m};
  }
  if (max <= min) return {min, min + 1.0};
  return {min, max};
}

}  // namespace kusari::widgets
