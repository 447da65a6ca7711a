// The computational graph as the Graph dock shows it: plain data handed in by its owner, grown
// batch by batch while a forward pass runs, then marked as backward visits it. Knows nothing of
// kernels; GraphView lays it out and draws it.
#pragma once
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace kusari::widgets {

enum class GraphNodeKind { Op, Variable, Parameter };

struct GraphNode {
  QString id;             // unique within the graph
  GraphNodeKind kind = GraphNodeKind::Variable;
  QString label;          // op name ("linear") or variable name ("h1", "W")
  QString shape;          // shape text for variables and parameters: "(64, 784)"
  QString linkPath;       // the link (layer) it belongs to: "/l1", "/res2/a/conv1"; "" = none
  QString sourceFile;     // where it was created: cell id or file; "" = unknown
  int sourceLine = 0;     // 1-based; 0 = unknown
  bool operator==(const GraphNode&) const = default;
};

struct GraphEdge {
  QString from, to;  // node ids; data flows from -> to
  bool operator==(const GraphEdge&) const = default;
};

struct GraphBatch {
  QVector<GraphNode> nodes;
  QVector<GraphEdge> edges;
};

class GraphModel : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

  // Adds a batch. A node whose id is already known replaces it (its label or shape may arrive
  // late). Edges may name nodes of this batch or earlier ones. Bad entries (empty id, an edge
  // to an unknown node, a duplicate edge) are skipped; the returned list says which and why.
  QStringList addNodes(const GraphBatch& batch);
  void markBackward(const QString& nodeId);
  void setCurrent(const QString& nodeId);  // "" clears
  void clear();

  const QVector<GraphNode>& nodes() const { return nodes_; }
  const QVector<GraphEdge>& edges() const { return edges_; }
  bool contains(const QString& id) const { return index_.contains(id); }
  const GraphNode* node(const QString& id) const;
  int indexOf(const QString& id) const { return index_.value(id, -1); }
  QString currentId() const { return current_; }
  bool isBackward(const QString& id) const { return backward_.contains(id); }
  const QSet<QString>& backwardIds() const { return backward_; }
  // Every link path with a node in it, and every ancestor path ("/a/b" gives "/a" too); sorted.
  QStringList linkPaths() const;

 signals:
  void structureChanged();                  // nodes or edges added or replaced
  void nodeStateChanged(const QString& id);  // backward mark or current changed for this node
  void cleared();

 private:
  QVector<GraphNode> nodes_;
  QVector<GraphEdge> edges_;
  QHash<QString, int> index_;
  QSet<QString> edge_keys_;
  QSet<QString> backward_;
  QString current_;
};

// "/res2/a/conv1" -> {"/res2", "/res2/a", "/res2/a/conv1"}; "" -> {}.
QStringList linkPathAncestry(const QString& path);

}  // namespace kusari::widgets
