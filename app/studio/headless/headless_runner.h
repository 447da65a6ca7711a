// kusari-studio --execute in.ipynb [-o out.ipynb] [--timeout S]: runs every cell in a fresh
// kernel without a display, writes the outputs, and exits non-zero on the first error (like
// `jupyter nbconvert --execute`). Needs only a QCoreApplication.
#pragma once
#include <QStringList>

namespace kusari::studio {

// `arguments` are the command line after the program name. Returns the process exit code.
int runHeadless(const QStringList& arguments);

}  // namespace kusari::studio
