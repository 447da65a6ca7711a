// Runs Graphviz `dot -Tjson0` on a GraphDot in a QProcess, never blocking the caller. One run
// at a time: a request made while dot is busy waits, and only the latest waiting one runs.
#pragma once
#include "widgets/graph/graph_dot.h"
#include "widgets/graph/graph_layout.h"

#include <QElapsedTimer>
#include <QObject>
#include <optional>

class QProcess;

namespace kusari::widgets {

class GraphLayouter : public QObject {
  Q_OBJECT
 public:
  explicit GraphLayouter(QObject* parent = nullptr);
  ~GraphLayouter() override;

  // The dot program; found on PATH at construction. "" = Graphviz is not installed.
  QString dotProgram() const { return program_; }
  void setDotProgram(const QString& path) { program_ = path; }
  static QString findDot();

  // epoch: the caller's tag, handed back with the result (e.g. bumped on GraphModel::clear).
  void request(const GraphDot& dot, int epoch);
  bool isBusy() const { return process_ != nullptr; }
  static constexpr int kTimeoutMs = 60000;

 signals:
  // nodeCount: how many model nodes (from index 0) this layout places.
  void laidOut(const kusari::widgets::GraphLayout& layout, int epoch, int nodeCount, qint64 elapsedMs);
  void failed(const QString& message, int epoch);

 private:
  struct Job {
    GraphDot dot;
    int epoch = 0;
  };
  void start(const Job& job);
  void finish();

  QString program_;
  QProcess* process_ = nullptr;
  Job running_;
  std::optional<Job> waiting_;
  QElapsedTimer clock_;
};

}  // namespace kusari::widgets
