#include "widgets/graph/graph_layouter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace kusari::widgets {

GraphLayouter::GraphLayouter(QObject* parent) : QObject(parent), program_(findDot()) {}

GraphLayouter::~GraphLayouter() {
  if (process_) {
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(1000);
  }
}

QString GraphLayouter::findDot() { return QStandardPaths::findExecutable(QStringLiteral("dot")); }

void GraphLayouter::request(const GraphDot& dot, int epoch) {
  Job job{dot, epoch};
  if (process_) {
    waiting_ = std::move(job);
    return;
  }
  start(job);
}

void GraphLayouter::start(const Job& job) {
  running_ = job;
  if (program_.isEmpty()) {
    // Report on the next turn of the event loop, as a real run would.
    QTimer::singleShot(0, this, [this, epoch = job.epoch] {
      emit failed(tr("Graphviz 'dot' was not found on PATH; install the graphviz package for the full graph layout"),
                  epoch);
    });
    return;
  }
  process_ = new QProcess(this);
  clock_.start();
  connect(process_, &QProcess::finished, this, [this] { finish(); });
  connect(process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart) finish();
  });
  QTimer::singleShot(kTimeoutMs, process_, [p = process_] { p->kill(); });
  process_->start(program_, {QStringLiteral("-Tjson0")});
  process_->write(job.dot.text.toUtf8());
  process_->closeWriteChannel();
}

void GraphLayouter::finish() {
  QProcess* p = process_;
  if (!p) return;
  process_ = nullptr;
  p->deleteLater();
  const Job job = running_;
  const qint64 ms = clock_.elapsed();
  if (p->error() == QProcess::FailedToStart) {
    emit failed(tr("Could not start Graphviz '%1': %2").arg(program_, p->errorString()), job.epoch);
  } else if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
    const QString why = p->exitStatus() == QProcess::CrashExit
                            ? tr("it stopped (crashed or took longer than %1 s)").arg(kTimeoutMs / 1000)
                            : QString::fromUtf8(p->readAllStandardError()).trimmed();
    emit failed(tr("Graphviz 'dot' failed: %1").arg(why), job.epoch);
  } else {
    GraphLayout layout;
    QString error;
    if (parseDotJson(p->readAllStandardOutput(), job.dot, &layout, &error))
      emit laidOut(layout, job.epoch, static_cast<int>(job.dot.nodeNames.size()), ms);
    else
      emit failed(error, job.epoch);
  }
  if (waiting_) {
    const Job next = *waiting_;
    waiting_.reset();
    start(next);
  }
}

}  // namespace kusari::widgets
