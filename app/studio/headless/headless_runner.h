// kusari-studio --execute in.ipynb [-o out.ipynb] [--timeout S]: runs every cell in a fresh
// kernel without a display, writes the outputs, and exits non-zero on the first error (like
// `jupyter nbconvert --execute`). Needs only a QCoreApplication.
#pragma once
#include <QStringList>

namespace kusari::studio {

// `arguments` are the command line after the program name. The executed notebook is written to
// -o OUT, or over the input when -o is not given (like `nbconvert --inplace`); it is written
// whenever a cell ran, errors included, and never when nothing could run (bad input, a kernel
// that does not start), so the input is never replaced by less than it had.
// --timeout S limits each cell to S seconds (the cell is interrupted, then the kernel stopped).
// Exit codes: 0 every cell ran; 1 a cell raised or the kernel died (stderr names the cell by
// number, from 1, and id, with the error); 2 bad arguments, an unreadable or malformed
// notebook, or an unwritable output; 3 a cell timed out.
inline constexpr int kHeadlessCellFailed = 1;
inline constexpr int kHeadlessBadInput = 2;
inline constexpr int kHeadlessTimeout = 3;
int runHeadless(const QStringList& arguments);

}  // namespace kusari::studio
