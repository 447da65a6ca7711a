// What the QCustomPlot views (metrics, parameter statistics, value histogram) share: theme
// colours for a plot and its axes, and a y axis switched between linear and log scale.
#pragma once

#include <QList>

class QCustomPlot;
class QCPAxis;

namespace kusari::widgets {

// Colours `plot`'s background, its axis rect and every axis of that rect, plus `extraAxes`
// (a colour scale's), from the current Theme. Does not replot.
void applyPlotTheme(QCustomPlot* plot, const QList<QCPAxis*>& extraAxes = {});

// Puts `axis` on a logarithmic scale with log ticks (`on`) or a linear one.
void setAxisLogScale(QCPAxis* axis, bool on);

}  // namespace kusari::widgets
