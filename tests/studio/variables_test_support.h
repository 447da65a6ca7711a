// Records the Variables view tests (flat and tree) fill their views with.
#pragma once

#include "widgets/variables/variable_record.h"

namespace kusari::test_support {

// A float32 kusari.Variable with the given statistics.
inline widgets::VariableRecord tensor(const QString& name, QVector<qint64> shape, double min, double mean, double max,
                                      const QString& expression = {}) {
  widgets::VariableRecord r;
  r.name = name;
  r.type = QStringLiteral("Variable");
  r.shape = shape;
  r.dtype = QStringLiteral("float32");
  r.min = min;
  r.mean = mean;
  r.max = max;
  r.expression = expression;
  return r;
}

}  // namespace kusari::test_support
