#include "widgets/output/tensor_card.h"

#include "widgets/output/tensor_heatmap.h"
#include "widgets/theme/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>

namespace kusari::widgets {

TensorCard::TensorCard(const QJsonObject& summary, const QString& label, QWidget* parent)
    : QFrame(parent), json_(summary), label_(label), data_(TensorSummaryData::fromJson(summary)),
      text_(new QLabel(this)), heatmap_(new TensorHeatmap(this)) {
  setFrameShape(QFrame::StyledPanel);
  setCursor(Qt::PointingHandCursor);
  setToolTip(tr("Open in the Tensor view"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 8, 6, 6);
  layout->setSpacing(12);
  text_->setTextFormat(Qt::RichText);
  text_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  layout->addWidget(text_);
  heatmap_->setFixedSize(300, 170);
  layout->addWidget(heatmap_);
  layout->addStretch();
  heatmap_->setData(data_);
  applyTheme();
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QString TensorCard::statsHtml() const {
  const Theme& t = Theme::current();
  const QString muted = t.color(ThemeRole::MutedText).name();
  const QLocale locale;
  QString html = QStringLiteral("<div style='line-height:140%'>");
  if (!label_.isEmpty()) html += QStringLiteral("<b>%1</b><br>").arg(label_.toHtmlEscaped());
  html += QStringLiteral("<b>%1</b> %2").arg(data_.dtype.toHtmlEscaped(), data_.shapeText());
  if (!data_.device.isEmpty()) html += QStringLiteral(" <span style='color:%1'>· %2</span>").arg(muted, data_.device.toHtmlEscaped());
  html += QStringLiteral("<br><span style='color:%1'>%2 elements</span>").arg(muted, locale.toString(data_.elementCount()));
  html += QStringLiteral("<table cellspacing='0' cellpadding='1' style='margin-top:6px'>");
  const auto row = [&](const QString& name, const QString& value) {
    html += QStringLiteral("<tr><td style='color:%1; padding-right:10px'>%2</td><td style='font-family:monospace'>%3</td></tr>")
                .arg(muted, name, value);
  };
  row(tr("min"), formatNumber(data_.min));
  row(tr("mean"), formatNumber(data_.mean));
  row(tr("max"), formatNumber(data_.max));
  row(tr("std"), formatNumber(data_.std));
  const bool bad = data_.nanCount > 0 || data_.infCount > 0;
  const QString badColor = bad ? t.color(ThemeRole::ErrorTitle).name() : muted;
  row(tr("NaN / Inf"), QStringLiteral("<span style='color:%1'>%2 / %3</span>")
                           .arg(badColor, locale.toString(data_.nanCount), locale.toString(data_.infCount)));
  html += QStringLiteral("</table>");
  html += QStringLiteral("<div style='color:%1; margin-top:6px'>%2 · <span style='color:%3'>■</span> NaN/Inf</div>")
              .arg(muted,
                   chooseColorMap(data_.min, data_.max) == ColorMapKind::Diverging ? tr("diverging, centred at 0")
                                                                                   : tr("sequential"),
                   t.color(ThemeRole::NanMarker).name());
  return html + QStringLiteral("</div>");
}

void TensorCard::applyTheme() {
  text_->setText(statsHtml());
  heatmap_->applyTheme();
  heatmap_->setData(data_);
}

void TensorCard::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) emit openRequested(json_);
  QFrame::mouseReleaseEvent(event);
}

}  // namespace kusari::widgets
