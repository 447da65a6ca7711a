#include "widgets/plot/plot_style.h"

#include "widgets/theme/theme.h"

#include <qcustomplot.h>

namespace kusari::widgets {

void applyPlotTheme(QCustomPlot* plot, const QList<QCPAxis*>& extraAxes, GridLines grid) {
  const Theme& t = Theme::current();
  plot->setBackground(t.color(ThemeRole::Base));
  plot->axisRect()->setBackground(t.color(ThemeRole::PlotBackground));
  for (QCPAxis* axis : plot->axisRect()->axes() + extraAxes) {
    axis->setBasePen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setTickPen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setSubTickPen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setTickLabelColor(t.color(ThemeRole::PlotText));
    axis->setLabelColor(t.color(ThemeRole::PlotText));
    if (grid == GridLines::Dotted) axis->grid()->setPen(QPen(t.color(ThemeRole::PlotGrid), 0, Qt::DotLine));
    else axis->grid()->setVisible(false);
  }
}

QCPColorScale* addColorScale(QCustomPlot* plot, QCPColorMap* map, int barWidth) {
  auto* scale = new QCPColorScale(plot);
  scale->setType(QCPAxis::atRight);
  scale->setBarWidth(barWidth);
  plot->plotLayout()->addElement(0, 1, scale);
  map->setColorScale(scale);
  auto* group = new QCPMarginGroup(plot);
  plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
  return scale;
}

void setAxisLogScale(QCPAxis* axis, bool on) {
  axis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  else axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
}

}  // namespace kusari::widgets
