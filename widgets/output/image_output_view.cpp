#include "widgets/output/image_output_view.h"

namespace kusari::widgets {

ImageOutputView::ImageOutputView(const QByteArray& png, QWidget* parent) : QLabel(parent) {
  pixmap_.loadFromData(png, "PNG");
  setAlignment(Qt::AlignLeft | Qt::AlignTop);
  setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
  if (pixmap_.isNull()) setText(tr("[image could not be decoded]"));
  else rescale();
}

void ImageOutputView::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  rescale();
}

void ImageOutputView::rescale() {
  if (pixmap_.isNull()) return;
  const int maxWidth = std::max(64, width());
  const QPixmap shown = pixmap_.width() > maxWidth ? pixmap_.scaledToWidth(maxWidth, Qt::SmoothTransformation) : pixmap_;
  setPixmap(shown);
  setFixedHeight(shown.height());
}

}  // namespace kusari::widgets
