#include "widgets/debug/breakpoint_icons.h"

#include "widgets/theme/theme.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace kusari::widgets {

void paintBreakpointMarker(QPainter& p, const QRectF& rect, BreakpointMarkerState state) {
  if (state == BreakpointMarkerState::None) return;
  const Theme& theme = Theme::current();
  const QColor red = theme.color(ThemeRole::BreakpointMarker);
  const double side = std::min(rect.width(), rect.height()) * 0.7;
  const QRectF r(rect.center() - QPointF(side / 2, side / 2), QSizeF(side, side));
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  switch (state) {
    case BreakpointMarkerState::Enabled:
      p.setPen(Qt::NoPen);
      p.setBrush(red);
      p.drawEllipse(r);
      break;
    case BreakpointMarkerState::Disabled:
      p.setPen(QPen(theme.color(ThemeRole::MutedText), std::max(1.0, side / 8)));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(r.adjusted(1, 1, -1, -1));
      break;
    case BreakpointMarkerState::Conditional: {
      p.setPen(Qt::NoPen);
      p.setBrush(red);
      p.drawEllipse(r);
      p.setPen(QPen(theme.color(ThemeRole::EditorBackground), std::max(1.0, side / 8)));
      const double y1 = r.center().y() - side / 7, y2 = r.center().y() + side / 7;
      p.drawLine(QPointF(r.left() + side * 0.28, y1), QPointF(r.right() - side * 0.28, y1));
      p.drawLine(QPointF(r.left() + side * 0.28, y2), QPointF(r.right() - side * 0.28, y2));
      break;
    }
    case BreakpointMarkerState::Logpoint: {
      QPainterPath diamond;
      diamond.moveTo(r.center().x(), r.top());
      diamond.lineTo(r.right(), r.center().y());
      diamond.lineTo(r.center().x(), r.bottom());
      diamond.lineTo(r.left(), r.center().y());
      diamond.closeSubpath();
      p.setPen(Qt::NoPen);
      p.setBrush(red);
      p.drawPath(diamond);
      break;
    }
    case BreakpointMarkerState::None: break;
  }
  p.restore();
}

QIcon breakpointIcon(BreakpointMarkerState state) {
  if (state == BreakpointMarkerState::None) return {};
  QIcon icon;
  for (int size : {16, 32}) {  // 32: HiDPI
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paintBreakpointMarker(painter, QRectF(0, 0, size, size), state);
    painter.end();
    icon.addPixmap(pixmap);
  }
  return icon;
}

}  // namespace kusari::widgets
