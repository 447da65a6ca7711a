// JSON text exactly as Jupyter writes notebooks: Python's
// json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False), so that a notebook saved by
// JupyterLab and re-saved here is byte-identical and diffs stay small.
#pragma once
#include <QByteArray>
#include <QJsonValue>

namespace kusari::studio {

// UTF-8, no trailing newline (the file writer adds it, as nbformat does).
QByteArray toJupyterJson(const QJsonValue& value);

// Python's repr() of a float: the shortest digits that round-trip, "1.0", "1e-05", "1e+16".
QByteArray pythonFloatRepr(double value);

}  // namespace kusari::studio
