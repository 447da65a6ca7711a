#include "widgets/plot/plot_style.h"

#include "widgets/theme/theme.h"

#include <qcustomplot.h>

namespace kusari::widgets {

void applyPlotTheme(QCustomPlot* plot, const QList<QCPAxis*>& extraAxes) {
  const Theme& t = Theme::current();
  plot->setBackground(t.color(ThemeRole::Base));
  plot->axisRect()->setBackground(t.color(ThemeRole::PlotBackground));
  for (QCPAxis* axis : plot->axisRect()->axes() + extraAxes) {
    axis->setBasePen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setTickPen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setSubTickPen(QPen(t.color(ThemeRole::PlotAxis)));
    axis->setTickLabelColor(t.color(ThemeRole::PlotText));
    axis->setLabelColor(t.color(ThemeRole::PlotText));
    axis->grid()->setPen(QPen(t.color(ThemeRole::PlotGrid), 0, Qt::DotLine));
  }
}

void setAxisLogScale(QCPAxis* axis, bool on) {
  axis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  else axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
}

}  // namespace kusari::widgets
