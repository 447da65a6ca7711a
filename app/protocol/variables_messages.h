// The user's top-level namespace, for the Variables pane: one entry per visible name.
// Hidden: names starting with '_', modules, functions, classes (as Spyder's variable explorer).
#pragma once

#include <QCborMap>
#include <QList>
#include <QString>

namespace kusari::protocol {

struct VariablesRequest {
  static constexpr const char* kType = "variables_request";
  QCborMap toCbor() const { return {}; }
  static VariablesRequest fromCbor(const QCborMap&) { return {}; }
  bool operator==(const VariablesRequest&) const = default;
};

struct VariableInfo {
  QString name;
  QString typeName;     // "ndarray", "Variable", "int", ...
  QList<qint64> shape;  // arrays and kusari Variables; empty otherwise
  QString dtype;        // NumPy's name for arrays and Variables; "" otherwise
  bool hasStats = false;  // min/mean/max over the finite elements of a numeric array
  double min = 0, mean = 0, max = 0;
  QString repr;  // a short repr (at most ~80 characters) for anything that is not an array
  QCborMap toCbor() const;
  static VariableInfo fromCbor(const QCborMap& map);
  bool operator==(const VariableInfo&) const = default;
};

struct VariablesReply {
  static constexpr const char* kType = "variables_reply";
  QList<VariableInfo> variables;  // sorted by name
  QCborMap toCbor() const;
  static VariablesReply fromCbor(const QCborMap& map);
  bool operator==(const VariablesReply&) const = default;
};

}  // namespace kusari::protocol
