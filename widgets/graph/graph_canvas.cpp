#include "widgets/graph/graph_canvas.h"

#include "widgets/graph/graph_items.h"

#include <QKeyEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace kusari::widgets {

GraphCanvas::GraphCanvas(QWidget* parent) : QGraphicsView(parent) {
  setDragMode(QGraphicsView::ScrollHandDrag);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setFrameShape(QFrame::NoFrame);
}

void GraphCanvas::zoomBy(double factor) {
  const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
  const double f = target / zoom();
  scale(f, f);
}

void GraphCanvas::fit() {
  if (!scene() || scene()->items().isEmpty()) return;
  fitInView(scene()->itemsBoundingRect().adjusted(-10, -10, 10, 10), Qt::KeepAspectRatio);
  if (zoom() > 1.0) zoomBy(1.0 / zoom());
  if (zoom() < kMinZoom) zoomBy(kMinZoom / zoom());
}

void GraphCanvas::wheelEvent(QWheelEvent* event) {
  emit userMoved();
  if (event->modifiers() & Qt::ControlModifier) {
    zoomBy(std::pow(1.0015, event->angleDelta().y()));
    event->accept();
    return;
  }
  QGraphicsView::wheelEvent(event);
}

void GraphCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    for (QGraphicsItem* item = itemAt(event->position().toPoint()); item; item = item->parentItem()) {
      if (item->type() == GraphNodeItem::Type) {
        QGraphicsView::mousePressEvent(event);  // selects it
        emit nodeClicked(static_cast<GraphNodeItem*>(item)->nodeId());
        return;
      }
    }
  }
  emit userMoved();  // a drag of the background pans
  QGraphicsView::mousePressEvent(event);
}

void GraphCanvas::keyPressEvent(QKeyEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    emit userMoved();
    switch (event->key()) {
      case Qt::Key_0: fit(); return;
      case Qt::Key_Plus:
      case Qt::Key_Equal: zoomBy(1.25); return;
      case Qt::Key_Minus: zoomBy(0.8); return;
      default: break;
    }
  }
  QGraphicsView::keyPressEvent(event);
}

}  // namespace kusari::widgets
