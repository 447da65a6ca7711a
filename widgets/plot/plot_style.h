// What the QCustomPlot views (metrics, parameter statistics, value histogram) share: theme
// colours for a plot and its axes, and a y axis switched between linear and log scale.
#pragma once

#include <QList>

class QCustomPlot;
class QCPAxis;
class QCPColorMap;
class QCPColorScale;

namespace kusari::widgets {

enum class GridLines { Dotted, Hidden };

// Colours `plot`'s background, its axis rect and every axis of that rect, plus `extraAxes`
// (a colour scale's), from the current Theme; grid lines dotted in the theme's grid colour,
// or hidden (heatmaps). Does not replot.
void applyPlotTheme(QCustomPlot* plot, const QList<QCPAxis*>& extraAxes = {}, GridLines grid = GridLines::Dotted);

// A colour scale `barWidth` pixels wide right of `plot`'s axis rect, giving `map` its colours,
// its bar kept as tall as the axis rect.
QCPColorScale* addColorScale(QCustomPlot* plot, QCPColorMap* map, int barWidth);

// Puts `axis` on a logarithmic scale with log ticks (`on`) or a linear one.
void setAxisLogScale(QCPAxis* axis, bool on);

}  // namespace kusari::widgets
