// kusari-debug: a terminal debugger for Python scripts and notebooks run in kusari-kernel.
//   kusari-debug [--no-graph] [--python-path DIR] script.py [ARGS...] | notebook.ipynb
// Commands come from standard input (a terminal or a pipe); see README.md in this folder.
#include <QCoreApplication>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "client/kernel_client.h"
#include "debug_session.h"
#include "line_reader.h"
#include "program.h"

using namespace kusari::debug_cli;

namespace {

// Ctrl-C in a terminal reaches the kernel too (same process group): the running or stopped
// program ends with KeyboardInterrupt, and kusari-debug stays to report it and exit with 1.
// A handler, not SIG_IGN, so that the kernel (exec'd) gets the default disposition back.
void ignoreInterrupt(int) {}

int usage() {
  std::fputs("usage: kusari-debug [--no-graph] [--python-path DIR]... script.py [ARGS...] | notebook.ipynb\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QStringList args = app.arguments().mid(1);
  bool recordGraph = true;
  QStringList pythonPath;
  while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
    const QString option = args.takeFirst();
    if (option == QLatin1String("--no-graph")) recordGraph = false;
    else if (option == QLatin1String("--python-path") && !args.isEmpty()) pythonPath << args.takeFirst();
    else if (option == QLatin1String("--help")) return usage(), 0;
    else return usage();
  }
  if (args.isEmpty()) return usage();

  Program program;
  QString error;
  if (!program.load(args.first(), args.mid(1), &error)) {
    std::fprintf(stderr, "kusari-debug: %s\n", qPrintable(error));
    return 2;
  }
  struct sigaction action {};
  action.sa_handler = ignoreInterrupt;
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  kusari::client::KernelClient kernel;
  if (!pythonPath.isEmpty()) kernel.setPythonPath(pythonPath);
  DebugSession session(program, kernel, recordGraph, isatty(STDIN_FILENO) != 0);
  int status = 0;
  QObject::connect(&session, &DebugSession::finished, &app, [&](int s) {
    status = s;
    app.quit();
  });
  // Never joined: it may sit in a blocking read when the program ends (see the _Exit below).
  auto* reader = new LineReader;
  QObject::connect(reader, &LineReader::lineRead, &session, &DebugSession::addLine, Qt::QueuedConnection);
  QObject::connect(reader, &LineReader::endOfInput, &session, &DebugSession::endOfInput, Qt::QueuedConnection);
  session.start();
  reader->start();
  app.exec();
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(status);  // the reader thread may still block on stdin
}
