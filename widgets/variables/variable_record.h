// One variable of the kernel's namespace (or of a paused frame) as the Variables view shows it.
// Tensor fields are empty for non-tensors.
#pragma once
#include <QString>
#include <QVector>
#include <optional>

namespace kusari::widgets {

struct VariableRecord {
  QString name;
  QString type;             // "Variable", "ndarray", "int", "MLP", ...
  QVector<qint64> shape;    // empty for scalars and non-tensors
  QString dtype;            // "" for non-tensors
  std::optional<double> min, mean, max;
  QString value;            // short repr for non-tensors ("0.001", "<MLP>")
  QString reference;        // non-empty: has children, fetched lazily by this handle (tree view)
  QString expression;       // how to evaluate it ("model.l1.W"); "" = the name
  bool hasChildren() const { return !reference.isEmpty(); }
  QString evaluateName() const { return expression.isEmpty() ? name : expression; }
  bool isTensor() const { return !dtype.isEmpty(); }
  bool operator==(const VariableRecord&) const = default;
};

// What both Variables models show in the Shape column: the shape as "(2, 3)" ("" for a
// non-tensor), sorted by the element count (-1 for a non-tensor).
QString variableShapeText(const VariableRecord& record);
qint64 variableElementCount(const VariableRecord& record);

}  // namespace kusari::widgets
