#include "widgets/tensor/value_histogram.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/plot/plot_style.h"
#include "widgets/theme/theme.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace kusari::widgets {

ValueHistogram::ValueHistogram(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), note_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(plot_, 1);
  layout->addWidget(note_);
  note_->setTextFormat(Qt::RichText);
  bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
  bars_->setWidthType(QCPBars::wtPlotCoords);
  plot_->yAxis->setLabel(tr("count"));
  plot_->xAxis->setLabel(tr("value"));
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal);
  applyTheme();
  setHistogram({});
}

void ValueHistogram::setHistogram(const HistogramData& h) {
  data_ = h;
  const double width = h.binWidth();
  QVector<double> keys, values;
  keys.reserve(h.counts.size());
  values.reserve(h.counts.size());
  qint64 top = 1;
  for (int i = 0; i < h.counts.size(); ++i) {
    keys << h.lo + (i + 0.5) * width;  // bar centred on its bin
    values << double(h.counts[i]);
    top = std::max(top, h.counts[i]);
  }
  bars_->setWidth(width > 0 ? width * 0.95 : 1.0);
  bars_->setData(keys, values, true);
  plot_->xAxis->setRange(h.lo, h.hi);
  plot_->yAxis->setRange(0, top * 1.05);
  const QLocale locale;
  const Theme& t = Theme::current();
  const bool bad = h.nanCount + h.infCount > 0;
  note_->setText(QStringLiteral("<span style='color:%1'>%2 bins of %3 · NaN %4 · Inf %5 (not in the bars)</span>")
                     .arg((bad ? t.color(ThemeRole::ErrorTitle) : t.color(ThemeRole::MutedText)).name())
                     .arg(h.counts.size())
                     .arg(formatNumber(width), locale.toString(h.nanCount), locale.toString(h.infCount)));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ValueHistogram::noteText() const { return note_->text(); }

void ValueHistogram::applyTheme() {
  applyPlotTheme(plot_);
  QColor fill = Theme::current().color(ThemeRole::Highlight);
  bars_->setPen(QPen(fill.darker(120)));
  fill.setAlpha(200);
  bars_->setBrush(fill);
  if (!data_.counts.isEmpty()) setHistogram(data_);
}

}  // namespace kusari::widgets
