// kusari-studio [notebook.ipynb] | --execute in.ipynb [-o out.ipynb] [--timeout S]
//                                | [notebook.ipynb] --screenshot out.png [--run-all]
//                                | [notebook.ipynb] [--run-all] [--recover] [--autosave-interval-ms MS]
#include <QApplication>
#include <QCoreApplication>

#include "headless/headless_runner.h"
#include "main_window/studio_app.h"

int main(int argc, char** argv) {
  QStringList args;
  for (int i = 1; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
  if (args.contains(QStringLiteral("--execute"))) {
    QCoreApplication app(argc, argv);  // no display needed
    return kusari::studio::runHeadless(args);
  }
  QApplication app(argc, argv);
  return kusari::studio::runStudio(app, args);
}
