// Colour maps for tensors: sequential (viridis-like) for non-negative data, diverging
// (blue-white-red, centred at 0) for signed data. NaN/Inf get the theme's marker colours.
#pragma once
#include <QColor>
#include <QVector>
#include <utility>

class QCPColorGradient;

namespace kusari::widgets {

enum class ColorMapKind { Sequential, Diverging };

// Signed data (anything below zero) is diverging so that 0 sits at the neutral middle.
ColorMapKind chooseColorMap(double min, double max);

// Colour stops at positions 0..1.
QVector<std::pair<double, QColor>> colorMapStops(ColorMapKind kind);
QCPColorGradient colorGradient(ColorMapKind kind);
// The value range a map should span: diverging ranges are symmetric about 0.
std::pair<double, double> colorMapRange(ColorMapKind kind, double min, double max);

}  // namespace kusari::widgets
