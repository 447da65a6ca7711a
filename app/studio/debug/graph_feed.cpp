#include "debug/graph_feed.h"

#include <QCborValue>

namespace kusari::studio {
namespace {

QString key(const char* name) { return QString::fromLatin1(name); }

QString idText(const QCborValue& v) {
  if (v.isInteger()) return QString::number(v.toInteger());
  return v.toString();
}

QString shapeText(const QCborValue& shape) {
  if (!shape.isArray()) return shape.toString();
  QStringList dims;
  for (const QCborValue& d : shape.toArray()) dims.append(QString::number(d.toInteger()));
  if (dims.size() == 1) return QStringLiteral("(%1,)").arg(dims.first());
  return QStringLiteral("(%1)").arg(dims.join(QStringLiteral(", ")));
}

widgets::GraphNode variableNode(const QCborMap& v, const QString& linkPath) {
  widgets::GraphNode n;
  n.id = graphVarNodeId(v.value(key("var")));
  const bool param = v.value(key("param")).toBool();
  n.kind = param ? widgets::GraphNodeKind::Parameter : widgets::GraphNodeKind::Variable;
  n.label = v.value(key("name")).toString();
  if (n.label.isEmpty()) n.label = v.value(key("dtype")).toString();  // unnamed: shape and dtype, as Chainer draws them
  n.shape = shapeText(v.value(key("shape")));
  if (param) n.linkPath = linkPath;
  return n;
}

}  // namespace

QCborMap opBreakpointsContent(const QStringList& ops, const QStringList& links, bool nanWatch, bool recordGraph) {
  return QCborMap{{key("ops"), QCborArray::fromStringList(ops)},
                  {key("links"), QCborArray::fromStringList(links)},
                  {key("nan_watch"), nanWatch},
                  {key("record_graph"), recordGraph}};
}

QString graphOpNodeId(const QCborValue& id) { return QStringLiteral("op:") + idText(id); }
QString graphVarNodeId(const QCborValue& var) { return QStringLiteral("var:") + idText(var); }

QString graphTensorExpression(const widgets::GraphModel& model, const QString& nodeId, QString* title) {
  const widgets::GraphNode* node = model.node(nodeId);
  if (!node) return {};
  QString var = nodeId;
  if (node->kind == widgets::GraphNodeKind::Op) {
    var.clear();
    for (const widgets::GraphEdge& e : model.edges())
      if (e.from == nodeId && e.to.startsWith(QLatin1String("var:"))) {
        var = e.to;
        break;
      }
  }
  if (!var.startsWith(QLatin1String("var:"))) return {};
  bool ok = false;
  const qint64 id = var.mid(4).toLongLong(&ok);
  if (!ok) return {};
  if (title) {
    const QString what = node->kind == widgets::GraphNodeKind::Op ? QStringLiteral("%1 output").arg(node->label) : node->label;
    *title = QStringLiteral("%1 (graph var %2)").arg(what).arg(id);
  }
  return QStringLiteral("<graph var %1>").arg(id);
}

QString graphCreatorNode(const widgets::GraphModel& model, const QString& nodeId) {
  const widgets::GraphNode* node = model.node(nodeId);
  if (!node || node->kind == widgets::GraphNodeKind::Op) return node ? nodeId : QString();
  for (const widgets::GraphEdge& e : model.edges())
    if (e.to == nodeId && e.from.startsWith(QLatin1String("op:"))) return e.from;
  return {};
}

QStringList applyGraphEvents(widgets::GraphModel* model, const QCborArray& events) {
  QStringList skipped;
  widgets::GraphBatch batch;
  const auto flush = [&] {
    if (batch.nodes.isEmpty() && batch.edges.isEmpty()) return;
    skipped += model->addNodes(batch);
    batch = {};
  };
  for (qsizetype i = 0; i < events.size(); ++i) {
    const QCborMap e = events.at(i).toMap();
    const QString kind = e.value(key("event")).toString();
    if (kind == QLatin1String("reset")) {
      batch = {};
      model->clear();
    } else if (kind == QLatin1String("backward")) {
      flush();
      model->markBackward(graphOpNodeId(e.value(key("id"))));
    } else if (kind == QLatin1String("node")) {
      if (e.value(key("id")).isUndefined()) {
        skipped.append(QStringLiteral("graph event %1: a node without an id").arg(i));
        continue;
      }
      widgets::GraphNode op;
      op.id = graphOpNodeId(e.value(key("id")));
      op.kind = widgets::GraphNodeKind::Op;
      op.label = e.value(key("label")).toString();
      if (op.label.isEmpty()) op.label = e.value(key("op")).toString();
      op.linkPath = e.value(key("link_path")).toString();
      op.sourceFile = e.value(key("file")).toString();
      op.sourceLine = int(e.value(key("line")).toInteger());
      batch.nodes.append(op);
      for (const QCborValue& in : e.value(key("inputs")).toArray()) {
        widgets::GraphNode v = variableNode(in.toMap(), op.linkPath);
        // A variable seen before keeps its node (and its name) unless this one says more.
        if (!model->contains(v.id) || !in.toMap().value(key("name")).toString().isEmpty()) batch.nodes.append(v);
        batch.edges.append({v.id, op.id});
      }
      for (const QCborValue& out : e.value(key("outputs")).toArray()) {
        widgets::GraphNode v = variableNode(out.toMap(), op.linkPath);
        batch.nodes.append(v);
        batch.edges.append({op.id, v.id});
      }
    } else {
      skipped.append(QStringLiteral("graph event %1: unknown event \"%2\"").arg(i).arg(kind));
    }
  }
  flush();
  return skipped;
}

}  // namespace kusari::studio
