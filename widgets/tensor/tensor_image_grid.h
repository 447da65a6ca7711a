// (N, C, H, W) feature maps and conv filters as a grid of small images: one row per batch item,
// one tile per channel (grayscale), or one RGB tile per item when C == 3 and RGB is chosen.
// Tiles are QImages made once per tensor; painting draws only the tiles in view. Values map to
// gray over the tensor's finite range (symmetric about 0 for signed data, so 0 is mid-gray);
// NaN/Inf pixels take the marker colour.
#pragma once
#include "widgets/tensor/tensor_slice.h"

#include <QImage>
#include <QScrollArea>

class QPainter;

namespace kusari::widgets {

class TensorImageGrid : public QScrollArea {
  Q_OBJECT
 public:
  static constexpr int kMaxTiles = 4096;
  static constexpr qint64 kMaxPixels = qint64(16) << 20;  // images made per tensor, at most

  struct Tile {
    QImage image;  // H x W, Format_RGB32
    qint64 n = 0;
    qint64 c = -1;  // -1: an RGB tile of channels 0..2
    QString label;  // "n 0 · c 2", "n 5 · RGB"
  };

  explicit TensorImageGrid(QWidget* parent = nullptr);

  // Rank 2 (H, W), 3 (C, H, W) or 4 (N, C, H, W); anything else shows why it cannot.
  void setArray(const TensorArray& array);
  void clear(const QString& message = {});
  void setRgb(bool rgb);  // remembered; applies whenever C == 3
  bool rgb() const { return rgb_; }
  bool rgbAvailable() const { return channels_ == 3; }
  const QList<Tile>& tiles() const { return tiles_; }
  QString message() const { return message_; }
  std::pair<double, double> grayRange() const { return {lo_, hi_}; }
  QImage render() const;  // the whole grid, for export
  void applyTheme();

 private:
  friend class ImageGridCanvas;
  void rebuild();
  QSize gridSize() const;
  void paintTiles(QPainter& painter, const QRect& clip) const;
  TensorArray array_;
  QList<Tile> tiles_;
  QString message_;
  qint64 channels_ = 0, batch_ = 0, height_ = 0, width_ = 0;
  double lo_ = 0, hi_ = 1;
  bool rgb_ = false, rgbWanted_ = false;
  int columns_ = 1, zoom_ = 1;
  QWidget* canvas_;
};

}  // namespace kusari::widgets
