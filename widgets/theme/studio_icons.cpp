#include "widgets/theme/studio_icons.h"

#include "widgets/theme/theme.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>

namespace kusari::widgets {
namespace {

// Glyphs on a 16x16 grid.
void drawGlyph(QPainter& p, StudioIcon icon, const QColor& ink, const QColor& accent) {
  QPen pen(ink, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
  p.setPen(pen);
  auto triangle = [&](double x, double w, const QColor& fill) {
    QPainterPath path;
    path.moveTo(x, 3);
    path.lineTo(x + w, 8);
    path.lineTo(x, 13);
    path.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawPath(path);
    p.setPen(pen);
  };
  auto arrowHead = [&](QPointF tip, double dx, double dy) {
    p.drawLine(tip, tip + QPointF(-dx * 2.5 - dy * 2.5, -dy * 2.5 + dx * 2.5));
    p.drawLine(tip, tip + QPointF(-dx * 2.5 + dy * 2.5, -dy * 2.5 - dx * 2.5));
  };
  p.setBrush(Qt::NoBrush);
  switch (icon) {
    case StudioIcon::Run: triangle(4, 9, accent); break;
    case StudioIcon::RunAll: triangle(2, 6.5, accent); triangle(8, 6.5, accent); break;
    case StudioIcon::Interrupt:
      p.setPen(Qt::NoPen);
      p.setBrush(ink);
      p.drawRoundedRect(QRectF(4, 4, 8, 8), 1.2, 1.2);
      break;
    case StudioIcon::Restart: {
      p.drawArc(QRectF(3, 3, 10, 10), 60 * 16, 290 * 16);
      arrowHead(QPointF(10.6, 3.6), 1, 0.2);
      break;
    }
    case StudioIcon::Continue:
      p.drawLine(QPointF(3.5, 3), QPointF(3.5, 13));
      triangle(6, 8, accent);
      break;
    case StudioIcon::StepOver:
      p.drawArc(QRectF(3, 4, 10, 8), 0, 180 * 16);
      arrowHead(QPointF(13, 8.5), 0, 1);
      p.setBrush(ink);
      p.drawEllipse(QPointF(8, 13), 1.3, 1.3);
      break;
    case StudioIcon::StepInto:
      p.drawLine(QPointF(8, 2.5), QPointF(8, 10));
      arrowHead(QPointF(8, 10), 0, 1);
      p.setBrush(ink);
      p.drawEllipse(QPointF(8, 13.5), 1.3, 1.3);
      break;
    case StudioIcon::StepOut:
      p.drawLine(QPointF(8, 11), QPointF(8, 3));
      arrowHead(QPointF(8, 3), 0, -1);
      p.setBrush(ink);
      p.drawEllipse(QPointF(8, 13.5), 1.3, 1.3);
      break;
    case StudioIcon::Pause:
      p.setPen(Qt::NoPen);
      p.setBrush(ink);
      p.drawRoundedRect(QRectF(4, 3.5, 2.8, 9), 0.8, 0.8);
      p.drawRoundedRect(QRectF(9.2, 3.5, 2.8, 9), 0.8, 0.8);
      break;
    case StudioIcon::NextOp:
      p.drawEllipse(QRectF(2.5, 5, 6, 6));
      p.drawLine(QPointF(9, 8), QPointF(13.5, 8));
      arrowHead(QPointF(13.5, 8), 1, 0);
      break;
    case StudioIcon::Open: {
      QPainterPath path;
      path.moveTo(2, 4); path.lineTo(6, 4); path.lineTo(7.5, 5.5); path.lineTo(14, 5.5);
      path.lineTo(14, 13); path.lineTo(2, 13); path.closeSubpath();
      p.drawPath(path);
      break;
    }
    case StudioIcon::Save:
      p.drawRoundedRect(QRectF(2.5, 2.5, 11, 11), 1.5, 1.5);
      p.drawRect(QRectF(5, 2.5, 6, 3.5));
      break;
  }
}

class GlyphEngine : public QIconEngine {
 public:
  explicit GlyphEngine(StudioIcon icon) : icon_(icon) {}
  void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
    const Theme& t = Theme::current();
    QColor ink = t.color(ThemeRole::Text);
    QColor accent = t.color(ThemeRole::KernelIdle);
    if (icon_ == StudioIcon::Interrupt) ink = t.color(ThemeRole::KernelDead);
    if (mode == QIcon::Disabled) ink = accent = t.color(ThemeRole::MutedText);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(rect.topLeft());
    painter->scale(rect.width() / 16.0, rect.height() / 16.0);
    drawGlyph(*painter, icon_, ink, accent);
    painter->restore();
  }
  QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
    return scaledPixmap(size, mode, state, 1.0);
  }
  QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override {
    QPixmap pm(size * scale);
    pm.setDevicePixelRatio(scale);
    pm.fill(Qt::transparent);
    QPainter painter(&pm);
    paint(&painter, QRect(QPoint(), size), mode, state);
    return pm;
  }
  QIconEngine* clone() const override { return new GlyphEngine(icon_); }

 private:
  StudioIcon icon_;
};

}  // namespace

QIcon studioIcon(StudioIcon icon) { return QIcon(new GlyphEngine(icon)); }

}  // namespace kusari::widgets
