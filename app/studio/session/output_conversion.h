// Kernel messages as nbformat outputs, the way Jupyter stores them: stream text, display_data
// and execute_result bundles (text/plain, image/png as base64, the kusari tensor summary as JSON under
// kTensorMime with its float32 preview as base64) and error outputs.
#pragma once
#include <QJsonObject>

#include "protocol/display_data.h"
#include "protocol/execution_messages.h"

namespace kusari::studio {

inline constexpr const char* kTensorMime = "application/vnd.kusari.tensor+json";

QJsonObject streamOutput(const QString& name, const QString& text);
// Consecutive text of one stream becomes one output, as in Jupyter: true when `text` was
// appended to `last` (a stream output of the same name).
bool mergeStreamText(QJsonObject& last, const QString& name, const QString& text);
QJsonObject displayOutput(const protocol::DisplayData& data);
// {"output_type": "execute_result", "execution_count": n, "data": {...}, "metadata": {}}
QJsonObject executeResultOutput(const protocol::ExecuteResult& result);
QJsonObject tensorJson(const protocol::TensorSummary& tensor);
QJsonObject errorOutput(const protocol::Error& error);

}  // namespace kusari::studio
