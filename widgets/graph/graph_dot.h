// Writes a GraphModel as Graphviz DOT: ops as ellipses with the op name, variables as rounded
// boxes with their shape, parameters as filled rounded boxes, each link path a labelled
// (nested) cluster, flow top to bottom or left to right, colours from the theme. Node sizes are measured with
// the view's font so the layout fits what the view draws. The same text serves layout (dot
// -Tjson0), export as .dot and export as SVG (dot -Tsvg).
#pragma once
#include "widgets/graph/graph_model.h"
#include "widgets/theme/theme.h"

#include <QFont>
#include <QSizeF>

namespace kusari::widgets {

struct GraphDot {
  QString text;
  QStringList nodeNames;     // DOT name of node i ("n0", "n1", ...) in model order
  QStringList clusterPaths;  // link path of "cluster_<i>"
};

// The label lines a node shows: the op name; a variable's name and shape.
QStringList graphNodeLines(const GraphNode& node);
// The size (points) a node is drawn with in this font.
QSizeF graphNodeSize(const GraphNode& node, const QFont& font);
// The last segment of a link path, which a cluster shows as its label ("/res2/a" -> "a").
QString linkPathLabel(const QString& path);

// Which way the data flows in the drawing (Graphviz's rankdir TB or LR).
enum class GraphDirection { TopToBottom, LeftToRight };

GraphDot writeGraphDot(const GraphModel& model, const QFont& font, const Theme& theme,
                       GraphDirection direction = GraphDirection::TopToBottom);

}  // namespace kusari::widgets
