// Reads standard input line by line on its own thread (a terminal or a pipe alike) and hands
// the lines to the main thread as queued signals.
#pragma once

#include <QThread>

namespace kusari::debug_cli {

class LineReader : public QThread {
  Q_OBJECT
 public:
  using QThread::QThread;

 signals:
  void lineRead(const QString& line);
  void endOfInput();

 protected:
  void run() override;
};

}  // namespace kusari::debug_cli
