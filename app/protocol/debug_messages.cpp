#include "protocol/debug_messages.h"

#include <QCborArray>

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

namespace {

QString text(const QCborMap& map, const char* key) { return map.value(QLatin1StringView(key)).toString(); }
qint64 integer(const QCborMap& map, const char* key, qint64 fallback = 0) {
  return map.value(QLatin1StringView(key)).toInteger(fallback);
}
double real(const QCborMap& map, const char* key) { return map.value(QLatin1StringView(key)).toDouble(); }

template <class T>
QCborArray toArray(const QList<T>& items) {
  QCborArray array;
  for (const T& item : items) array.append(item.toCbor());
  return array;
}
template <class T>
QList<T> fromArray(const QCborValue& value) {
  QList<T> items;
  for (const QCborValue& v : value.toArray()) items.append(T::fromCbor(v.toMap()));
  return items;
}

}  // namespace

QCborMap SourceBreakpoint::toCbor() const {
  return {{QStringLiteral("source"), source},       {QStringLiteral("line"), line},
          {QStringLiteral("condition"), condition}, {QStringLiteral("hit_condition"), hitCondition},
          {QStringLiteral("log_message"), logMessage}, {QStringLiteral("enabled"), enabled}};
}
SourceBreakpoint SourceBreakpoint::fromCbor(const QCborMap& map) {
  return {text(map, "source"), integer(map, "line"), text(map, "condition"), text(map, "hit_condition"),
          text(map, "log_message"), map.value(QStringLiteral("enabled")).toBool(true)};
}

QCborMap SetBreakpointsRequest::toCbor() const {
  return {{QStringLiteral("breakpoints"), toArray(breakpoints)}, {QStringLiteral("break_on_exception"), breakOnException}};
}
SetBreakpointsRequest SetBreakpointsRequest::fromCbor(const QCborMap& map) {
  return {fromArray<SourceBreakpoint>(map.value(QStringLiteral("breakpoints"))),
          map.value(QStringLiteral("break_on_exception")).toBool(false)};
}

QCborMap BreakpointStatus::toCbor() const {
  return {{QStringLiteral("verified"), verified}, {QStringLiteral("message"), message}};
}
BreakpointStatus BreakpointStatus::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("verified")).toBool(), text(map, "message")};
}

QCborMap SetBreakpointsReply::toCbor() const {
  return {{QStringLiteral("breakpoints"), toArray(breakpoints)}, {QStringLiteral("error"), error}};
}
SetBreakpointsReply SetBreakpointsReply::fromCbor(const QCborMap& map) {
  return {fromArray<BreakpointStatus>(map.value(QStringLiteral("breakpoints"))), text(map, "error")};
}

QCborMap DebugControlRequest::toCbor() const {
  return {{QStringLiteral("action"), action}, {QStringLiteral("source"), source}, {QStringLiteral("line"), line}};
}
DebugControlRequest DebugControlRequest::fromCbor(const QCborMap& map) {
  return {text(map, "action"), text(map, "source"), integer(map, "line")};
}

QCborMap DebugControlReply::toCbor() const { return {{QStringLiteral("error"), error}}; }
DebugControlReply DebugControlReply::fromCbor(const QCborMap& map) { return {text(map, "error")}; }

QCborMap StackFrame::toCbor() const {
  return {{QStringLiteral("id"), id}, {QStringLiteral("source"), source}, {QStringLiteral("line"), line},
          {QStringLiteral("function"), function}};
}
StackFrame StackFrame::fromCbor(const QCborMap& map) {
  return {integer(map, "id"), text(map, "source"), integer(map, "line"), text(map, "function")};
}

QCborMap StoppedEvent::toCbor() const {
  return {{QStringLiteral("reason"), reason}, {QStringLiteral("description"), description},
          {QStringLiteral("source"), source}, {QStringLiteral("line"), line},
          {QStringLiteral("frames"), toArray(frames)}, {QStringLiteral("extra"), extra}};
}
StoppedEvent StoppedEvent::fromCbor(const QCborMap& map) {
  return {text(map, "reason"), text(map, "description"), text(map, "source"), integer(map, "line"),
          fromArray<StackFrame>(map.value(QStringLiteral("frames"))), map.value(QStringLiteral("extra")).toMap()};
}

QCborMap StackReply::toCbor() const {
  return {{QStringLiteral("frames"), toArray(frames)}, {QStringLiteral("error"), error}};
}
StackReply StackReply::fromCbor(const QCborMap& map) {
  return {fromArray<StackFrame>(map.value(QStringLiteral("frames"))), text(map, "error")};
}

QCborMap ScopesRequest::toCbor() const { return {{QStringLiteral("frame_id"), frameId}}; }
ScopesRequest ScopesRequest::fromCbor(const QCborMap& map) { return {integer(map, "frame_id")}; }

QCborMap ScopesReply::toCbor() const {
  return {{QStringLiteral("locals_reference"), localsReference},
          {QStringLiteral("globals_reference"), globalsReference},
          {QStringLiteral("error"), error}};
}
ScopesReply ScopesReply::fromCbor(const QCborMap& map) {
  return {integer(map, "locals_reference"), integer(map, "globals_reference"), text(map, "error")};
}

QCborMap TensorStats::toCbor() const {
  return {{QStringLiteral("shape"), toCborArray(shape)}, {QStringLiteral("dtype"), dtype},
          {QStringLiteral("device"), device},            {QStringLiteral("min"), min},
          {QStringLiteral("max"), max},                  {QStringLiteral("mean"), mean},
          {QStringLiteral("std"), std},                  {QStringLiteral("nan_count"), nanCount},
          {QStringLiteral("inf_count"), infCount}};
}
TensorStats TensorStats::fromCbor(const QCborMap& map) {
  return {toIntegerList(map.value(QStringLiteral("shape"))), text(map, "dtype"), text(map, "device"),
          real(map, "min"), real(map, "max"), real(map, "mean"), real(map, "std"),
          integer(map, "nan_count"), integer(map, "inf_count")};
}

QCborMap DebugVariable::toCbor() const {
  QCborMap map{{QStringLiteral("name"), name}, {QStringLiteral("type_name"), typeName},
               {QStringLiteral("value"), value}, {QStringLiteral("reference"), reference}};
  if (tensor) map.insert(QStringLiteral("tensor"), tensor->toCbor());
  return map;
}
DebugVariable DebugVariable::fromCbor(const QCborMap& map) {
  DebugVariable v{text(map, "name"), text(map, "type_name"), text(map, "value"), integer(map, "reference"), std::nullopt};
  if (map.value(QStringLiteral("tensor")).isMap()) v.tensor = TensorStats::fromCbor(map.value(QStringLiteral("tensor")).toMap());
  return v;
}

QCborMap ChildrenRequest::toCbor() const { return {{QStringLiteral("reference"), reference}}; }
ChildrenRequest ChildrenRequest::fromCbor(const QCborMap& map) { return {integer(map, "reference")}; }

QCborMap ChildrenReply::toCbor() const {
  return {{QStringLiteral("variables"), toArray(variables)}, {QStringLiteral("error"), error}};
}
ChildrenReply ChildrenReply::fromCbor(const QCborMap& map) {
  return {fromArray<DebugVariable>(map.value(QStringLiteral("variables"))), text(map, "error")};
}

QCborMap EvaluateRequest::toCbor() const {
  return {{QStringLiteral("expression"), expression}, {QStringLiteral("frame_id"), frameId}};
}
EvaluateRequest EvaluateRequest::fromCbor(const QCborMap& map) {
  return {text(map, "expression"), integer(map, "frame_id", 1)};
}

QCborMap EvaluateReply::toCbor() const {
  return {{QStringLiteral("result"), result.toCbor()}, {QStringLiteral("error"), error}};
}
EvaluateReply EvaluateReply::fromCbor(const QCborMap& map) {
  return {DebugVariable::fromCbor(map.value(QStringLiteral("result")).toMap()), text(map, "error")};
}

QCborMap SetVariableRequest::toCbor() const {
  return {{QStringLiteral("frame_id"), frameId}, {QStringLiteral("name"), name}, {QStringLiteral("expression"), expression}};
}
SetVariableRequest SetVariableRequest::fromCbor(const QCborMap& map) {
  return {integer(map, "frame_id", 1), text(map, "name"), text(map, "expression")};
}

QCborMap SetVariableReply::toCbor() const {
  return {{QStringLiteral("value"), value.toCbor()}, {QStringLiteral("error"), error}};
}
SetVariableReply SetVariableReply::fromCbor(const QCborMap& map) {
  return {DebugVariable::fromCbor(map.value(QStringLiteral("value")).toMap()), text(map, "error")};
}

QCborMap TensorDataRequest::toCbor() const {
  return {{QStringLiteral("expression"), expression}, {QStringLiteral("reference"), reference},
          {QStringLiteral("frame_id"), frameId},      {QStringLiteral("row_axis"), rowAxis},
          {QStringLiteral("col_axis"), colAxis},      {QStringLiteral("indices"), toCborArray(indices)},
          {QStringLiteral("max_elements"), maxElements}};
}
TensorDataRequest TensorDataRequest::fromCbor(const QCborMap& map) {
  return {text(map, "expression"), integer(map, "reference"), integer(map, "frame_id", 1), integer(map, "row_axis", 0),
          integer(map, "col_axis", 1), toIntegerList(map.value(QStringLiteral("indices"))),
          integer(map, "max_elements", 65536)};
}

QCborMap TensorDataReply::toCbor() const {
  return {{QStringLiteral("stats"), stats.toCbor()}, {QStringLiteral("slice_shape"), toCborArray(sliceShape)},
          {QStringLiteral("strides"), toCborArray(strides)}, {QStringLiteral("data"), data},
          {QStringLiteral("error"), error}};
}
TensorDataReply TensorDataReply::fromCbor(const QCborMap& map) {
  return {TensorStats::fromCbor(map.value(QStringLiteral("stats")).toMap()),
          toIntegerList(map.value(QStringLiteral("slice_shape"))), toIntegerList(map.value(QStringLiteral("strides"))),
          map.value(QStringLiteral("data")).toByteArray(), text(map, "error")};
}

}  // namespace kusari::protocol
