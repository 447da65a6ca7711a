// Where each node, edge and cluster of a graph goes, in scene coordinates (points, y down):
// read from Graphviz's `dot -Tjson0` output for the DOT of writeGraphDot, or computed by a
// simple layered fallback when Graphviz is not installed.
#pragma once
#include "widgets/graph/graph_dot.h"
#include "widgets/graph/graph_model.h"

#include <QPointF>
#include <QRectF>
#include <QVector>

namespace kusari::widgets {

struct GraphLayout {
  struct Node {
    int index = -1;  // into GraphModel::nodes()
    QRectF rect;
  };
  struct Edge {
    int from = -1, to = -1;       // node indices
    QVector<QPointF> spline;      // p0, then (c1, c2, p) triples; may be empty (draw a line)
    QPointF arrowTip;             // where the arrow head points; null when none
  };
  struct Cluster {
    QString path;
    QRectF rect;
    QPointF labelPos;  // centre of the label
  };
  QRectF bounds;
  QVector<Node> nodes;
  QVector<Edge> edges;
  QVector<Cluster> clusters;
};

// Parses `dot -Tjson0`; on malformed input returns false and says what was wrong in *error.
bool parseDotJson(const QByteArray& json, const GraphDot& dot, GraphLayout* layout, QString* error);

// Longest-path layers top to bottom, nodes in a layer in model order; clusters are the
// bounding boxes of their nodes. Good enough to navigate when Graphviz is missing.
GraphLayout layeredLayout(const GraphModel& model, const QFont& font);

}  // namespace kusari::widgets
