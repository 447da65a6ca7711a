// The Graph dock's drawing surface: Ctrl+wheel zooms about the mouse, dragging the background
// pans, a click on a node reports its id.
#pragma once
#include <QGraphicsView>

namespace kusari::widgets {

class GraphCanvas : public QGraphicsView {
  Q_OBJECT
 public:
  explicit GraphCanvas(QWidget* parent = nullptr);

  void zoomBy(double factor);  // clamped to [kMinZoom, kMaxZoom]
  void fit();                  // the whole graph in view (never magnified beyond 1:1)
  double zoom() const { return transform().m11(); }
  static constexpr double kMinZoom = 0.02, kMaxZoom = 8.0;

 signals:
  void nodeClicked(const QString& id);
  void userMoved();  // the user zoomed or panned (wheel, keys, a drag of the background)

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace kusari::widgets
