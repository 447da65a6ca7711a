#include "widgets/variables/variable_record.h"

#include "widgets/output/tensor_summary_data.h"

namespace kusari::widgets {

QString variableShapeText(const VariableRecord& record) {
  if (!record.isTensor()) return {};
  TensorSummaryData d;
  d.shape = record.shape;
  return d.shapeText();
}

qint64 variableElementCount(const VariableRecord& record) {
  if (!record.isTensor()) return -1;
  TensorSummaryData d;
  d.shape = record.shape;
  return d.elementCount();
}

}  // namespace kusari::widgets
