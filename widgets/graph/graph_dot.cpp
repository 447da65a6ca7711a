#include "widgets/graph/graph_dot.h"

#include <QFontMetricsF>
#include <QMap>

namespace kusari::widgets {
namespace {

QString quoted(const QString& s) {
  QString out;
  out.reserve(s.size() + 2);
  out += QLatin1Char('"');
  for (QChar c : s) {
    if (c == QLatin1Char('"') || c == QLatin1Char('\\')) out += QLatin1Char('\\');
    if (c == QLatin1Char('\n')) {
      out += QStringLiteral("\\n");
      continue;
    }
    out += c;
  }
  out += QLatin1Char('"');
  return out;
}

QString inches(double points) { return QString::number(points / 72.0, 'f', 3); }
QString hex(const QColor& c) { return quoted(c.name()); }

struct Writer {
  const GraphModel& model;
  const QFont& font;
  const Theme& theme;
  GraphDirection direction;
  GraphDot out;
  QMap<QString, int> cluster_index;      // link path -> cluster number
  QMap<QString, QStringList> children;   // link path -> child link paths
  QMap<QString, QList<int>> members;     // link path -> node indices directly in it

  QString nodeStatement(int i) const {
    const GraphNode& n = model.nodes()[i];
    const QSizeF size = graphNodeSize(n, font);
    QString shape, style, fill;
    switch (n.kind) {
      case GraphNodeKind::Op:
        shape = QStringLiteral("ellipse");
        style = QStringLiteral("filled");
        fill = hex(theme.color(ThemeRole::GraphOpFill));
        break;
      case GraphNodeKind::Variable:
        shape = QStringLiteral("box");
        style = QStringLiteral("rounded,filled");
        fill = hex(theme.color(ThemeRole::GraphVariableFill));
        break;
      case GraphNodeKind::Parameter:
        shape = QStringLiteral("box");
        style = QStringLiteral("rounded,filled,bold");
        fill = hex(theme.color(ThemeRole::GraphParameterFill));
        break;
    }
    QColor border = theme.color(ThemeRole::GraphNodeBorder);
    double pen = 1.0;
    if (model.isBackward(n.id)) border = theme.color(ThemeRole::GraphBackward), pen = 2.0;
    if (model.currentId() == n.id) border = theme.color(ThemeRole::GraphCurrent), pen = 3.0;
    return QStringLiteral("%1 [label=%2 shape=%3 style=%4 fillcolor=%5 color=%6 penwidth=%7 width=%8 height=%9 "
                          "tooltip=%10];\n")
        .arg(out.nodeNames[i], quoted(graphNodeLines(n).join(QLatin1Char('\n'))), shape, quoted(style), fill,
             hex(border), QString::number(pen), inches(size.width()), inches(size.height()))
        .arg(quoted(n.id));
  }

  void writeCluster(QString& text, const QString& path, int depth) const {
    const QString indent(depth * 2, QLatin1Char(' '));
    text += indent + QStringLiteral("subgraph cluster_%1 {\n").arg(cluster_index.value(path));
    text += indent + QStringLiteral("  graph [label=%1 tooltip=%2 style=\"rounded,filled\" fillcolor=%3 color=%4];\n")
                         .arg(quoted(linkPathLabel(path)), quoted(path), hex(theme.color(ThemeRole::GraphClusterFill)),
                              hex(theme.color(ThemeRole::GraphClusterBorder)));
    for (int i : members.value(path)) text += indent + QStringLiteral("  ") + nodeStatement(i);
    for (const QString& child : children.value(path)) writeCluster(text, child, depth + 1);
    text += indent + QStringLiteral("}\n");
  }

  void write() {
    const auto& nodes = model.nodes();
    for (int i = 0; i < nodes.size(); ++i) out.nodeNames << QStringLiteral("n%1").arg(i);
    out.clusterPaths = model.linkPaths();
    for (int i = 0; i < out.clusterPaths.size(); ++i) {
      const QString& path = out.clusterPaths[i];
      cluster_index.insert(path, i);
      const int cut = path.lastIndexOf(QLatin1Char('/'));
      children[cut > 0 ? path.left(cut) : QString()] << path;
    }
    for (int i = 0; i < nodes.size(); ++i) {
      const QStringList chain = linkPathAncestry(nodes[i].linkPath);
      members[chain.isEmpty() ? QString() : chain.last()] << i;
    }
    const QString family = quoted(font.family());
    const QString size = QString::number(font.pointSizeF() > 0 ? font.pointSizeF() : 10.0);
    QString& t = out.text;
    t += QStringLiteral("digraph kusari {\n");
    t += QStringLiteral("  graph [rankdir=%1 nodesep=0.25 ranksep=0.35 bgcolor=%2 fontname=%3 fontsize=%4 "
                        "fontcolor=%5 labeljust=l];\n")
             .arg(direction == GraphDirection::LeftToRight ? QStringLiteral("LR") : QStringLiteral("TB"),
                  hex(theme.color(ThemeRole::GraphBackground)), family, size,
                  hex(theme.color(ThemeRole::GraphClusterText)));
    t += QStringLiteral("  node [fixedsize=true fontname=%1 fontsize=%2 fontcolor=%3 margin=0];\n")
             .arg(family, size, hex(theme.color(ThemeRole::GraphNodeText)));
    t += QStringLiteral("  edge [color=%1 arrowsize=0.6];\n").arg(hex(theme.color(ThemeRole::GraphEdge)));
    for (int i : members.value(QString())) t += QStringLiteral("  ") + nodeStatement(i);
    for (const QString& top : children.value(QString())) writeCluster(t, top, 1);
    for (const GraphEdge& e : model.edges())
      t += QStringLiteral("  %1 -> %2;\n")
               .arg(out.nodeNames[model.indexOf(e.from)], out.nodeNames[model.indexOf(e.to)]);
    t += QStringLiteral("}\n");
  }
};

}  // namespace

QStringList graphNodeLines(const GraphNode& node) {
  QStringList lines{node.label.isEmpty() ? node.id : node.label};
  if (node.kind != GraphNodeKind::Op && !node.shape.isEmpty()) lines << node.shape;
  return lines;
}

QSizeF graphNodeSize(const GraphNode& node, const QFont& font) {
  const QFontMetricsF fm(font);
  const QStringList lines = graphNodeLines(node);
  double w = 0;
  for (const QString& line : lines) w = std::max(w, fm.horizontalAdvance(line));
  const double h = lines.size() * fm.lineSpacing();
  if (node.kind == GraphNodeKind::Op) return {std::max(w * 1.35 + 16, 54.0), std::max(h * 1.5 + 6, 30.0)};
  return {std::max(w + 20, 44.0), std::max(h + 12, 28.0)};
}

QString linkPathLabel(const QString& path) {
  const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
  return parts.isEmpty() ? path : parts.last();
}

GraphDot writeGraphDot(const GraphModel& model, const QFont& font, const Theme& theme, GraphDirection direction) {
  Writer w{model, font, theme, direction, {}, {}, {}, {}};
  w.write();
  return w.out;
}

}  // namespace kusari::widgets
