// A notebook as a Python script in Jupytext's "percent" format, which VS Code, Spyder and
// PyCharm read as cells: "# %%" before each code cell, "# %% [markdown]" before markdown
// (its lines commented with "# "), "# %% [raw]" likewise, cells separated by a blank line.
#pragma once
#include <QString>

#include "document/notebook.h"

namespace kusari::studio {

QString exportPythonScript(const Notebook& notebook);
// Atomic (QSaveFile), UTF-8; throws IpynbError (Kind::Io) on failure.
void exportPythonScriptFile(const QString& path, const Notebook& notebook);

}  // namespace kusari::studio
