// The interactive studio: parses the GUI command line (an optional notebook path, or the
// bundled example on first start; `--screenshot out.png` renders the window once and exits),
// shows the main window and runs the event loop. Returns the exit code.
#pragma once
#include <QApplication>
#include <QStringList>

namespace kusari::studio {

int runStudio(QApplication& app, const QStringList& arguments);

}  // namespace kusari::studio
