#include "widgets/graph/graph_layout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <functional>
#include <numeric>

namespace kusari::widgets {
namespace {

bool parsePoint(const QString& text, QPointF* p) {
  const QStringList xy = text.split(QLatin1Char(','));
  if (xy.size() < 2) return false;
  bool okx = false, oky = false;
  *p = QPointF(xy[0].toDouble(&okx), xy[1].toDouble(&oky));
  return okx && oky;
}

bool parseBox(const QString& text, QRectF* r) {
  const QStringList v = text.split(QLatin1Char(','));
  if (v.size() != 4) return false;
  bool ok[4];
  double d[4];
  for (int i = 0; i < 4; ++i) d[i] = v[i].toDouble(&ok[i]);
  if (!(ok[0] && ok[1] && ok[2] && ok[3])) return false;
  *r = QRectF(QPointF(d[0], d[1]), QPointF(d[2], d[3])).normalized();
  return true;
}

// "cluster_12" / "n7" -> 12 / 7; -1 when the name is not of that form.
int numberAfter(const QString& name, const QString& prefix) {
  if (!name.startsWith(prefix)) return -1;
  bool ok = false;
  const int n = name.mid(prefix.size()).toInt(&ok);
  return ok ? n : -1;
}

}  // namespace

bool parseDotJson(const QByteArray& json, const GraphDot& dot, GraphLayout* layout, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
  if (!doc.isObject()) {
    *error = QStringLiteral("Graphviz output is not JSON: %1 at offset %2")
                 .arg(parseError.errorString())
                 .arg(parseError.offset);
    return false;
  }
  const QJsonObject root = doc.object();
  QRectF bb;
  if (!parseBox(root.value(QLatin1String("bb")).toString(), &bb)) {
    *error = QStringLiteral("Graphviz output has no bounding box ('bb')");
    return false;
  }
  const double top = bb.bottom();  // dot's y grows upwards; the scene's downwards
  auto flip = [top](QPointF p) { return QPointF(p.x(), top - p.y()); };
  auto flipRect = [top](QRectF r) { return QRectF(r.left(), top - r.bottom(), r.width(), r.height()); };

  GraphLayout out;
  out.bounds = QRectF(0, 0, bb.width(), bb.height());
  QHash<int, int> gvidToNode;  // json _gvid -> model node index
  const QJsonArray objects = root.value(QLatin1String("objects")).toArray();
  for (const QJsonValue& v : objects) {
    const QJsonObject o = v.toObject();
    const QString name = o.value(QLatin1String("name")).toString();
    if (const int c = numberAfter(name, QStringLiteral("cluster_")); c >= 0) {
      if (c >= dot.clusterPaths.size()) continue;
      GraphLayout::Cluster cluster;
      cluster.path = dot.clusterPaths[c];
      QRectF r;
      if (!parseBox(o.value(QLatin1String("bb")).toString(), &r)) {
        *error = QStringLiteral("Graphviz output: cluster '%1' has no bounding box").arg(cluster.path);
        return false;
      }
      cluster.rect = flipRect(r);
      QPointF lp;
      cluster.labelPos = parsePoint(o.value(QLatin1String("lp")).toString(), &lp) ? flip(lp) : cluster.rect.topLeft();
      out.clusters << cluster;
      continue;
    }
    const int n = numberAfter(name, QStringLiteral("n"));
    if (n < 0 || n >= dot.nodeNames.size() || !o.contains(QLatin1String("pos"))) continue;
    QPointF pos;
    if (!parsePoint(o.value(QLatin1String("pos")).toString(), &pos)) {
      *error = QStringLiteral("Graphviz output: node '%1' has a bad position").arg(name);
      return false;
    }
    const double w = o.value(QLatin1String("width")).toString().toDouble() * 72.0;
    const double h = o.value(QLatin1String("height")).toString().toDouble() * 72.0;
    const QPointF c = flip(pos);
    gvidToNode.insert(o.value(QLatin1String("_gvid")).toInt(), n);
    out.nodes << GraphLayout::Node{n, QRectF(c.x() - w / 2, c.y() - h / 2, w, h)};
  }
  const QJsonArray edges = root.value(QLatin1String("edges")).toArray();
  for (const QJsonValue& v : edges) {
    const QJsonObject o = v.toObject();
    GraphLayout::Edge e;
    e.from = gvidToNode.value(o.value(QLatin1String("tail")).toInt(), -1);
    e.to = gvidToNode.value(o.value(QLatin1String("head")).toInt(), -1);
    if (e.from < 0 || e.to < 0) continue;
    const QStringList parts = o.value(QLatin1String("pos")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
      QPointF p;
      if (part.startsWith(QLatin1String("e,"))) {
        if (parsePoint(part.mid(2), &p)) e.arrowTip = flip(p);
      } else if (!part.startsWith(QLatin1String("s,")) && parsePoint(part, &p)) {
        e.spline << flip(p);
      }
    }
    if (e.spline.size() < 4 || (e.spline.size() - 1) % 3 != 0) e.spline.clear();
    out.edges << e;
  }
  *layout = out;
  return true;
}

GraphLayout layeredLayout(const GraphModel& model, const QFont& font) {
  const auto& nodes = model.nodes();
  const int n = static_cast<int>(nodes.size());
  QVector<QVector<int>> preds(n);
  for (const GraphEdge& e : model.edges()) preds[model.indexOf(e.to)] << model.indexOf(e.from);
  // Longest path from a source; a cycle (not expected) is cut by visiting order.
  QVector<int> layer(n, -1);
  QVector<char> onStack(n, 0);
  std::function<int(int)> depth = [&](int i) {
    if (layer[i] >= 0) return layer[i];
    if (onStack[i]) return 0;
    onStack[i] = 1;
    int d = 0;
    for (int p : preds[i]) d = std::max(d, depth(p) + 1);
    onStack[i] = 0;
    return layer[i] = d;
  };
  for (int i = 0; i < n; ++i) depth(i);
  // Inputs and parameters sit just above their first consumer, not all in the top row.
  QVector<QVector<int>> succs(n);
  for (int i = 0; i < n; ++i)
    for (int p : preds[i]) succs[p] << i;
  for (int i = 0; i < n; ++i) {
    if (!preds[i].isEmpty() || succs[i].isEmpty()) continue;
    int first = INT_MAX;
    for (int s : succs[i]) first = std::min(first, layer[s]);
    layer[i] = std::max(0, first - 1);
  }
  int layers = 0;
  for (int i = 0; i < n; ++i) layers = std::max(layers, layer[i] + 1);
  QVector<QVector<int>> byLayer(layers);
  for (int i = 0; i < n; ++i) byLayer[layer[i]] << i;

  // Order each row by the mean column of a node's inputs (one top-down barycentre pass).
  QVector<double> column(n, 0);
  for (QVector<int>& row : byLayer) {
    QVector<double> key(row.size());
    for (int k = 0; k < row.size(); ++k) {
      const int i = row[k];
      double sum = 0;
      int count = 0;
      for (int p : preds[i])
        if (layer[p] < layer[i]) sum += column[p], ++count;
      key[k] = count ? sum / count : k;
    }
    QVector<int> order(row.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key[a] < key[b]; });
    QVector<int> sorted;
    for (int k : order) sorted << row[k];
    row = sorted;
    for (int k = 0; k < row.size(); ++k) column[row[k]] = k - (row.size() - 1) / 2.0;
  }

  GraphLayout out;
  QVector<QRectF> rects(n);
  constexpr double kGapX = 18, kGapY = 30, kMargin = 8, kArrow = 6;
  QVector<double> rowWidth(layers, 0);
  for (int l = 0; l < layers; ++l)
    for (int i : byLayer[l]) rowWidth[l] += graphNodeSize(nodes[i], font).width() + kGapX;
  const double width = layers ? *std::max_element(rowWidth.begin(), rowWidth.end()) : 0;
  double y = kMargin;
  for (int l = 0; l < layers; ++l) {
    double x = kMargin + (width - rowWidth[l]) / 2, rowHeight = 0;
    for (int i : byLayer[l]) {
      const QSizeF s = graphNodeSize(nodes[i], font);
      rects[i] = QRectF(QPointF(x, y), s);
      x += s.width() + kGapX;
      rowHeight = std::max(rowHeight, s.height());
    }
    for (int i : byLayer[l]) rects[i].moveTop(y + (rowHeight - rects[i].height()) / 2);
    y += rowHeight + kGapY;
  }
  for (int i = 0; i < n; ++i) out.nodes << GraphLayout::Node{i, rects[i]};
  for (const GraphEdge& e : model.edges()) {
    GraphLayout::Edge le;
    le.from = model.indexOf(e.from);
    le.to = model.indexOf(e.to);
    const QRectF a = rects[le.from], b = rects[le.to];
    le.arrowTip = QPointF(b.center().x(), b.top());
    const QPointF start(a.center().x(), a.bottom()), end = le.arrowTip - QPointF(0, kArrow);
    le.spline = {start, start + QPointF(0, kGapY / 2), end - QPointF(0, kGapY / 2), end};
    out.edges << le;
  }
  for (const QString& path : model.linkPaths()) {
    QRectF box;
    for (int i = 0; i < n; ++i)
      if (nodes[i].linkPath == path || nodes[i].linkPath.startsWith(path + QLatin1Char('/'))) box |= rects[i];
    const int depthOf = static_cast<int>(path.count(QLatin1Char('/')));
    box.adjust(-10.0 + depthOf, -18.0 + depthOf, 10.0 - depthOf, 6.0 - depthOf);
    out.clusters << GraphLayout::Cluster{path, box, box.topLeft() + QPointF(box.width() / 2, 9)};
  }
  out.bounds = QRectF(0, 0, width + 2 * kMargin, y + kMargin);
  for (const auto& c : out.clusters) out.bounds |= c.rect;
  return out;
}

}  // namespace kusari::widgets
