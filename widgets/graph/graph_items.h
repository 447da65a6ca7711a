// The scene items GraphView draws a laid-out graph with, painted in the theme's graph colours:
// an op is an ellipse with its name, a variable a rounded box with name and shape, a parameter
// a filled rounded box with a heavier border; clusters are labelled rounded rectangles.
#pragma once
#include "widgets/graph/graph_layout.h"
#include "widgets/graph/graph_model.h"

#include <QGraphicsItem>
#include <QGraphicsPathItem>

namespace kusari::widgets {

class GraphNodeItem : public QGraphicsItem {
 public:
  static constexpr int Type = UserType + 41;
  GraphNodeItem(const GraphNode& node, const QRectF& rect, const QFont& font);

  int type() const override { return Type; }
  QString nodeId() const { return node_.id; }
  const GraphNode& node() const { return node_; }
  void setState(bool current, bool backward);
  bool isCurrent() const { return current_; }
  bool isBackward() const { return backward_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  GraphNode node_;
  QRectF rect_;
  QFont font_;
  bool current_ = false, backward_ = false;
};

class GraphClusterItem : public QGraphicsItem {
 public:
  static constexpr int Type = UserType + 42;
  GraphClusterItem(const GraphLayout::Cluster& cluster, const QFont& font);

  int type() const override { return Type; }
  QString path() const { return cluster_.path; }
  QString label() const;
  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  GraphLayout::Cluster cluster_;
  QFont font_;
};

class GraphEdgeItem : public QGraphicsPathItem {
 public:
  static constexpr int Type = UserType + 43;
  GraphEdgeItem(const GraphLayout::Edge& edge, const QString& fromId, const QString& toId);
  int type() const override { return Type; }
  QString fromId() const { return from_; }
  QString toId() const { return to_; }

 private:
  QString from_, to_;
};

}  // namespace kusari::widgets
