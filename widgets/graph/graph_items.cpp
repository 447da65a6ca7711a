#include "widgets/graph/graph_items.h"

#include "widgets/graph/graph_dot.h"
#include "widgets/theme/theme.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace kusari::widgets {
namespace {

QColor role(ThemeRole r) { return Theme::current().color(r); }

QString tooltipFor(const GraphNode& n) {
  static const char* kinds[] = {"op", "variable", "parameter"};
  QStringList lines{QStringLiteral("<b>%1</b> (%2)").arg(n.label.toHtmlEscaped(), QLatin1String(kinds[int(n.kind)]))};
  if (!n.shape.isEmpty()) lines << QStringLiteral("shape %1").arg(n.shape);
  if (!n.linkPath.isEmpty()) lines << QStringLiteral("link %1").arg(n.linkPath.toHtmlEscaped());
  if (!n.sourceFile.isEmpty())
    lines << QStringLiteral("%1:%2").arg(n.sourceFile.toHtmlEscaped()).arg(n.sourceLine);
  return lines.join(QStringLiteral("<br>"));
}

}  // namespace

GraphNodeItem::GraphNodeItem(const GraphNode& node, const QRectF& rect, const QFont& font)
    : node_(node), rect_(rect), font_(font) {
  setFlag(ItemIsSelectable);
  setAcceptHoverEvents(true);
  setToolTip(tooltipFor(node));
  setZValue(2);
  setCursor(Qt::PointingHandCursor);
}

void GraphNodeItem::setState(bool current, bool backward) {
  if (current == current_ && backward == backward_) return;
  current_ = current;
  backward_ = backward;
  update();
}

QRectF GraphNodeItem::boundingRect() const { return rect_.adjusted(-4, -4, 4, 4); }

QPainterPath GraphNodeItem::shape() const {
  QPainterPath path;
  if (node_.kind == GraphNodeKind::Op)
    path.addEllipse(rect_);
  else
    path.addRoundedRect(rect_, 6, 6);
  return path;
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const ThemeRole fill = node_.kind == GraphNodeKind::Op          ? ThemeRole::GraphOpFill
                         : node_.kind == GraphNodeKind::Parameter ? ThemeRole::GraphParameterFill
                                                                  : ThemeRole::GraphVariableFill;
  QPen pen(role(ThemeRole::GraphNodeBorder), node_.kind == GraphNodeKind::Parameter ? 1.6 : 1.0);
  if (backward_) pen = QPen(role(ThemeRole::GraphBackward), 2.0, Qt::DashLine);
  if (current_) pen = QPen(role(ThemeRole::GraphCurrent), 3.0);
  painter->setPen(pen);
  painter->setBrush(role(fill));
  painter->drawPath(shape());
  if (isSelected()) {
    painter->setPen(QPen(role(ThemeRole::Highlight), 2.0, Qt::DotLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect_.adjusted(-3, -3, 3, 3), 8, 8);
  }
  painter->setFont(font_);
  const QStringList lines = graphNodeLines(node_);
  const QFontMetricsF fm(font_);
  double y = rect_.center().y() - lines.size() * fm.lineSpacing() / 2;
  for (int i = 0; i < lines.size(); ++i) {
    painter->setPen(role(i == 0 ? ThemeRole::GraphNodeText : ThemeRole::MutedText));
    painter->drawText(QRectF(rect_.left(), y, rect_.width(), fm.lineSpacing()), Qt::AlignCenter, lines[i]);
    y += fm.lineSpacing();
  }
}

GraphClusterItem::GraphClusterItem(const GraphLayout::Cluster& cluster, const QFont& font)
    : cluster_(cluster), font_(font) {
  setToolTip(cluster.path);
  setZValue(0);
}

QString GraphClusterItem::label() const { return linkPathLabel(cluster_.path); }

QRectF GraphClusterItem::boundingRect() const { return cluster_.rect.adjusted(-1, -1, 1, 1); }

void GraphClusterItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(QPen(role(ThemeRole::GraphClusterBorder), 1.0));
  painter->setBrush(role(ThemeRole::GraphClusterFill));
  painter->drawRoundedRect(cluster_.rect, 6, 6);
  painter->setPen(role(ThemeRole::GraphClusterText));
  painter->setFont(font_);
  const QFontMetricsF fm(font_);
  const QRectF labelRect(cluster_.rect.left() + 6, cluster_.labelPos.y() - fm.height() / 2, cluster_.rect.width() - 12,
                         fm.height());
  painter->drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, label());
}

GraphEdgeItem::GraphEdgeItem(const GraphLayout::Edge& edge, const QString& fromId, const QString& toId)
    : from_(fromId), to_(toId) {
  QPainterPath path;
  if (!edge.spline.isEmpty()) {
    path.moveTo(edge.spline[0]);
    for (int i = 1; i + 2 < edge.spline.size(); i += 3)
      path.cubicTo(edge.spline[i], edge.spline[i + 1], edge.spline[i + 2]);
  }
  const QColor c = role(ThemeRole::GraphEdge);
  QPolygonF head;
  if (!edge.arrowTip.isNull() && !path.isEmpty()) {
    const QLineF line(path.currentPosition(), edge.arrowTip);
    path.lineTo(edge.arrowTip);
    if (line.length() > 0.1) {
      const double angle = qDegreesToRadians(line.angle());
      const double size = std::max(line.length(), 6.0);
      const QPointF back = edge.arrowTip - QPointF(std::cos(angle), -std::sin(angle)) * size;
      const QPointF side = QPointF(std::sin(angle), std::cos(angle)) * size * 0.45;
      head << edge.arrowTip << back + side << back - side;
    }
  }
  setPath(path);
  setPen(QPen(c, 1.1));
  if (!head.isEmpty()) {
    auto* arrow = new QGraphicsPolygonItem(head, this);
    arrow->setPen(QPen(c, 1.0));
    arrow->setBrush(c);
  }
  setZValue(1);
}

}  // namespace kusari::widgets
