#include "widgets/graph/graph_model.h"

#include <algorithm>

namespace kusari::widgets {

QStringList linkPathAncestry(const QString& path) {
  QStringList out;
  const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
  QString prefix;
  for (const QString& part : parts) {
    prefix += QLatin1Char('/') + part;
    out << prefix;
  }
  return out;
}

QStringList GraphModel::addNodes(const GraphBatch& batch) {
  QStringList problems;
  bool changed = false;
  for (const GraphNode& n : batch.nodes) {
    if (n.id.isEmpty()) {
      problems << tr("graph node with label '%1' has an empty id; skipped").arg(n.label);
      continue;
    }
    auto it = index_.constFind(n.id);
    if (it != index_.constEnd()) {
      if (nodes_[*it] == n) continue;
      nodes_[*it] = n;
    } else {
      index_.insert(n.id, static_cast<int>(nodes_.size()));
      nodes_.push_back(n);
    }
    changed = true;
  }
  for (const GraphEdge& e : batch.edges) {
    const QString where = QStringLiteral("%1 -> %2").arg(e.from, e.to);
    if (!contains(e.from) || !contains(e.to)) {
      problems << tr("graph edge %1 names an unknown node '%2'; skipped").arg(where, contains(e.from) ? e.to : e.from);
      continue;
    }
    const QString key = e.from + QChar(0) + e.to;
    if (edge_keys_.contains(key)) continue;  // the same edge sent twice is harmless
    edge_keys_.insert(key);
    edges_.push_back(e);
    changed = true;
  }
  if (changed) emit structureChanged();
  return problems;
}

const GraphNode* GraphModel::node(const QString& id) const {
  const int i = indexOf(id);
  return i < 0 ? nullptr : &nodes_[i];
}

void GraphModel::markBackward(const QString& nodeId) {
  if (!contains(nodeId) || backward_.contains(nodeId)) return;
  backward_.insert(nodeId);
  emit nodeStateChanged(nodeId);
}

void GraphModel::setCurrent(const QString& nodeId) {
  const QString next = contains(nodeId) ? nodeId : QString();
  if (next == current_) return;
  const QString previous = current_;
  current_ = next;
  if (!previous.isEmpty()) emit nodeStateChanged(previous);
  if (!current_.isEmpty()) emit nodeStateChanged(current_);
}

void GraphModel::clear() {
  nodes_.clear();
  edges_.clear();
  index_.clear();
  edge_keys_.clear();
  backward_.clear();
  current_.clear();
  emit cleared();
}

QStringList GraphModel::linkPaths() const {
  QSet<QString> paths;
  for (const GraphNode& n : nodes_)
    for (const QString& p : linkPathAncestry(n.linkPath)) paths.insert(p);
  QStringList out(paths.begin(), paths.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kusari::widgets
