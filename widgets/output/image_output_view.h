// A PNG from a display_data output, shown at its size (scaled down, never up, to the width).
#pragma once
#include <QLabel>
#include <QPixmap>

namespace kusari::widgets {

class ImageOutputView : public QLabel {
  Q_OBJECT
 public:
  explicit ImageOutputView(const QByteArray& png, QWidget* parent = nullptr);
  bool isValid() const { return !pixmap_.isNull(); }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void rescale();
  QPixmap pixmap_;
};

}  // namespace kusari::widgets
