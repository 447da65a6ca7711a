#include "widgets/tensor/tensor_image_grid.h"

#include "widgets/theme/theme.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace kusari::widgets {

class ImageGridCanvas : public QWidget {
 public:
  explicit ImageGridCanvas(TensorImageGrid* grid) : grid_(grid) {}
  QSize sizeHint() const override { return grid_->gridSize(); }

 protected:
  void paintEvent(QPaintEvent* event) override {
    QPainter painter(this);
    grid_->paintTiles(painter, event->rect());
  }

 private:
  TensorImageGrid* grid_;
};

namespace {
constexpr int kGap = 6;
int labelHeight(const QFontMetrics& fm) { return fm.height() + 2; }
}  // namespace

TensorImageGrid::TensorImageGrid(QWidget* parent) : QScrollArea(parent), canvas_(new ImageGridCanvas(this)) {
  setWidget(canvas_);
  setWidgetResizable(false);
  applyTheme();
  clear(tr("No tensor"));
}

void TensorImageGrid::clear(const QString& message) {
  array_ = {};
  tiles_.clear();
  channels_ = batch_ = height_ = width_ = 0;
  message_ = message;
  canvas_->resize(gridSize());
  canvas_->update();
}

void TensorImageGrid::setArray(const TensorArray& array) {
  if (const QString p = array.problem(); !p.isEmpty()) return clear(p);
  const QList<qint64>& s = array.info.shape;
  if (s.size() < 2 || s.size() > 4)
    return clear(tr("An image grid needs (H, W), (C, H, W) or (N, C, H, W); this tensor is %1").arg(shapeText(s)));
  array_ = array;
  const int rank = int(s.size());
  width_ = s[rank - 1];
  height_ = s[rank - 2];
  channels_ = rank >= 3 ? s[rank - 3] : 1;
  batch_ = rank == 4 ? s[0] : 1;
  rgb_ = rgbWanted_ && channels_ == 3;
  rebuild();
}

void TensorImageGrid::setRgb(bool rgb) {
  rgbWanted_ = rgb;
  rgb = rgb && channels_ == 3;
  if (rgb == rgb_) return;
  rgb_ = rgb;
  if (!array_.data.isEmpty()) rebuild();
}

void TensorImageGrid::rebuild() {
  tiles_.clear();
  message_.clear();
  const TensorStats& st = array_.info.stats;
  if (st.min < 0) {  // signed (weights, gradients): 0 is mid-gray
    const double m = std::max(std::abs(st.min), std::abs(st.max));
    lo_ = -m;
    hi_ = m;
  } else {
    lo_ = st.min;
    hi_ = st.max;
  }
  if (!(hi_ > lo_)) hi_ = lo_ + 1.0;
  const float scale = float(255.0 / (hi_ - lo_)), base = float(lo_);
  const QRgb marker = Theme::current().color(ThemeRole::NanMarker).rgb();
  const auto level = [&](float v) { return std::clamp(int((v - base) * scale + 0.5f), 0, 255); };
  const qint64 plane = height_ * width_;
  const qint64 perItem = rgb_ ? 1 : channels_;
  const qint64 total = batch_ * perItem;
  const qint64 shown = std::min({total, qint64(kMaxTiles), std::max<qint64>(1, kMaxPixels / std::max<qint64>(1, plane))});
  tiles_.reserve(shown);
  const float* data = array_.data.constData();
  for (qint64 t = 0; t < shown; ++t) {
    Tile tile;
    tile.n = t / perItem;
    tile.c = rgb_ ? -1 : t % perItem;
    tile.image = QImage(int(width_), int(height_), QImage::Format_RGB32);
    const float* base = data + (tile.n * channels_ + std::max<qint64>(0, tile.c)) * plane;
    for (int y = 0; y < height_; ++y) {
      auto* line = reinterpret_cast<QRgb*>(tile.image.scanLine(y));
      for (int x = 0; x < width_; ++x) {
        const qint64 i = qint64(y) * width_ + x;
        if (rgb_) {
          const float r = base[i], g = base[plane + i], b = base[2 * plane + i];
          line[x] = std::isfinite(r) && std::isfinite(g) && std::isfinite(b) ? qRgb(level(r), level(g), level(b)) : marker;
        } else {
          const float v = base[i];
          const int l = std::isfinite(v) ? level(v) : -1;
          line[x] = l < 0 ? marker : qRgb(l, l, l);
        }
      }
    }
    tile.label = rgb_ ? tr("n %1 · RGB").arg(tile.n) : tr("n %1 · c %2").arg(tile.n).arg(tile.c);
    tiles_.append(std::move(tile));
  }
  if (shown < total) message_ = tr("showing the first %1 of %2 images").arg(shown).arg(total);
  zoom_ = int(std::clamp<qint64>(64 / std::max<qint64>(1, std::max(height_, width_)), 1, 8));
  columns_ = !rgb_ && channels_ > 1 ? int(channels_)
                                    : std::max(1, int(std::ceil(std::sqrt(double(tiles_.size())))));
  canvas_->resize(gridSize());
  canvas_->update();
}

QSize TensorImageGrid::gridSize() const {
  const int lh = labelHeight(fontMetrics());
  if (tiles_.isEmpty()) return {std::max(200, fontMetrics().horizontalAdvance(message_) + 2 * kGap), 3 * lh};
  const int rows = int((tiles_.size() + columns_ - 1) / columns_);
  const int cellW = std::max<int>(int(width_) * zoom_, fontMetrics().horizontalAdvance(tiles_[0].label)) + kGap;
  const int cellH = lh + int(height_) * zoom_ + kGap;
  return {kGap + columns_ * cellW, kGap + rows * cellH + (message_.isEmpty() ? 0 : lh)};
}

void TensorImageGrid::paintTiles(QPainter& p, const QRect& clip) const {
  const Theme& t = Theme::current();
  p.fillRect(clip, t.color(ThemeRole::Base));
  p.setPen(t.color(ThemeRole::MutedText));
  const int lh = labelHeight(fontMetrics());
  if (tiles_.isEmpty()) {
    p.drawText(QRect(kGap, kGap, gridSize().width(), lh), Qt::AlignLeft | Qt::AlignVCenter, message_);
    return;
  }
  const int cellW = std::max<int>(int(width_) * zoom_, fontMetrics().horizontalAdvance(tiles_[0].label)) + kGap;
  const int cellH = lh + int(height_) * zoom_ + kGap;
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);  // pixels stay pixels
  for (int i = 0; i < tiles_.size(); ++i) {
    const QRect cell(kGap + (i % columns_) * cellW, kGap + (i / columns_) * cellH, cellW, cellH);
    if (!cell.intersects(clip)) continue;
    p.setPen(t.color(ThemeRole::PlotText));
    p.drawText(QRect(cell.left(), cell.top(), cellW, lh), Qt::AlignLeft | Qt::AlignVCenter, tiles_[i].label);
    const QRect target(cell.left(), cell.top() + lh, int(width_) * zoom_, int(height_) * zoom_);
    p.drawImage(target, tiles_[i].image);
    p.setPen(t.color(ThemeRole::Border));
    p.drawRect(target.adjusted(-1, -1, 0, 0));  // a frame around, not over, the pixels
  }
  if (!message_.isEmpty()) {
    p.setPen(t.color(ThemeRole::MutedText));
    const int rows = int((tiles_.size() + columns_ - 1) / columns_);
    p.drawText(QRect(kGap, kGap + rows * cellH, gridSize().width(), lh), Qt::AlignLeft | Qt::AlignVCenter, message_);
  }
}

QImage TensorImageGrid::render() const {
  const QSize size = gridSize().boundedTo(QSize(8192, 8192));
  QImage image(size, QImage::Format_RGB32);
  QPainter painter(&image);
  painter.setFont(font());
  paintTiles(painter, QRect(QPoint(0, 0), size));
  return image;
}

void TensorImageGrid::applyTheme() {
  QPalette palette = viewport()->palette();
  palette.setColor(QPalette::Window, Theme::current().color(ThemeRole::Base));
  viewport()->setPalette(palette);
  viewport()->setAutoFillBackground(true);
  if (!array_.data.isEmpty()) rebuild();  // the marker colour is in the pixels
  canvas_->update();
}

}  // namespace kusari::widgets
