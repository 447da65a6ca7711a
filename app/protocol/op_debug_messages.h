// The op-level debugger (README.md, "Op breakpoints and the graph"): breakpoints on ops, links
// and the first NaN/Inf, and the autograd graph streamed while a cell runs.
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>
#include <QStringList>

namespace kusari::protocol {

// Replaces the whole op set. Served at once even while a cell runs (like set_breakpoints).
struct SetOpBreakpointsRequest {
  static constexpr const char* kType = "set_op_breakpoints_request";
  QStringList ops;          // op names: "relu", "linear", "log"
  QStringList links;        // full link paths: "predictor/l2" (stops at enter and exit)
  bool nanWatch = false;    // stop at the op that made the first NaN/Inf
  bool recordGraph = false; // stream graph_events while cells run
  QCborMap toCbor() const;
  static SetOpBreakpointsRequest fromCbor(const QCborMap& map);
  bool operator==(const SetOpBreakpointsRequest&) const = default;
};

struct SetOpBreakpointsReply {
  static constexpr const char* kType = "set_op_breakpoints_reply";
  QString error;
  QCborMap toCbor() const;
  static SetOpBreakpointsReply fromCbor(const QCborMap& map);
  bool operator==(const SetOpBreakpointsReply&) const = default;
};

// Event (parent = the running execute_request): graph events recorded by the op watch, oldest
// first: {event: "reset"} | {event: "node", id, op, label, link_path, file, line, function,
// inputs: [{var, shape, dtype, name, param, creator}], outputs: [{var, shape, dtype}]} |
// {event: "backward", id, op}.
struct GraphEvents {
  static constexpr const char* kType = "graph_events";
  QList<QCborMap> events;
  QCborMap toCbor() const;
  static GraphEvents fromCbor(const QCborMap& map);
  bool operator==(const GraphEvents&) const = default;
};

}  // namespace kusari::protocol
