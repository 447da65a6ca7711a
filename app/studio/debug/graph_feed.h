// The op debugger's side of the kernel contract, kept in one place: the content of
// set_op_breakpoints_request {ops, links, nan_watch, record_graph} and the graph_events event
// {events: [{event: "node", id, op, label, link_path, file, line, inputs: [{var, shape, dtype,
// name, param, creator}], outputs: [{var, shape, dtype}]}, {event: "backward", id},
// {event: "reset"}]} turned into GraphModel batches. Stops with reason op/link/nan/next_op carry
// extra.node_id, the id of an op node here (graphOpNodeId).
#pragma once
#include "widgets/graph/graph_model.h"

#include <QCborArray>
#include <QCborMap>
#include <QStringList>

namespace kusari::studio {

QCborMap opBreakpointsContent(const QStringList& ops, const QStringList& links, bool nanWatch, bool recordGraph);

QString graphOpNodeId(const QCborValue& id);   // "op:<id>"
QString graphVarNodeId(const QCborValue& var);  // "var:<var>"

// The tensor of a graph node, as a paused kernel names it: "<graph var N>" (see
// app/protocol/README.md) for a variable node "var:N", or for an op node its first output;
// "" when the node has none. `title` (optional) gets what to call it: "h (graph var 14)",
// "relu output (graph var 14)".
QString graphTensorExpression(const widgets::GraphModel& model, const QString& nodeId, QString* title = nullptr);
// The op node that made a variable node ("" for a leaf or an unknown node); an op node itself.
QString graphCreatorNode(const widgets::GraphModel& model, const QString& nodeId);

// Applies graph events in order; returns what was skipped and why (bad entries never throw).
QStringList applyGraphEvents(widgets::GraphModel* model, const QCborArray& events);

}  // namespace kusari::studio
