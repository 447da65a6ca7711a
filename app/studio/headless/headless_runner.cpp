#include "headless_runner.h"

#include <QEventLoop>
#include <QTimer>

#include <cstdio>

#include "headless/headless_options.h"
#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "session/notebook_session.h"

namespace kusari::studio {

namespace {

using client::KernelClient;
constexpr int kInterruptGraceMs = 5000;  // after a timeout's interrupt, then the kernel is stopped

void report(const QString& message) {
  std::fprintf(stderr, "kusari-studio: %s\n", qPrintable(message));
  std::fflush(stderr);
}

QString describeCell(const Notebook& notebook, const QString& cellId) {
  return QStringLiteral("cell %1 (id '%2')").arg(notebook.indexOfId(cellId) + 1).arg(cellId);
}

// Runs every code cell of `notebook` once and says how it went.
class HeadlessRun {
 public:
  HeadlessRun(Notebook& notebook, double timeoutS) : notebook_(notebook), session_(&notebook, &kernel_) {
    QObject::connect(&session_, &NotebookSession::kernelStateChanged, &loop_, [this](KernelClient::State s) {
      if (s == KernelClient::State::Idle || s == KernelClient::State::Busy) kernel_ready_ = true;
    });
    QObject::connect(&session_, &NotebookSession::cellError, &loop_, [this](const QString& id, const protocol::Error& e) {
      if (failure_.isEmpty())
        failure_ = QStringLiteral("%1 failed: %2: %3\n%4").arg(describeCell(notebook_, id), e.ename, e.evalue, e.traceback.join(QString()));
    });
    QObject::connect(&session_, &NotebookSession::kernelDied, &loop_, [this](int, const QString& description) {
      if (failure_.isEmpty()) {
        const QString where = current_.isEmpty() ? QString() : QStringLiteral(" while running ") + describeCell(notebook_, current_);
        failure_ = QStringLiteral("the kernel died%1: %2").arg(where, description);
      }
    });
    QObject::connect(&session_, &NotebookSession::cellStatusChanged, &loop_, [this, timeoutS](const QString& id, ExecutionStatus s) {
      if (s != ExecutionStatus::Running) return;
      current_ = id;
      if (timeoutS > 0) cell_timer_.start(static_cast<int>(timeoutS * 1000));
    });
    QObject::connect(&session_, &NotebookSession::cellFinished, &loop_, [this] { cell_timer_.stop(); });
    QObject::connect(&session_, &NotebookSession::queueEmptied, &loop_, &QEventLoop::quit);
    cell_timer_.setSingleShot(true);
    QObject::connect(&cell_timer_, &QTimer::timeout, &loop_, [this, timeoutS] {
      timed_out_ = QStringLiteral("%1 timed out after %2 s").arg(describeCell(notebook_, current_)).arg(timeoutS);
      session_.interrupt();
      QTimer::singleShot(kInterruptGraceMs, &loop_, [this] { if (session_.isRunning()) session_.shutdown(); });
    });
  }

  void run() {
    session_.runAll();
    if (session_.isRunning()) loop_.exec();
  }
  void stopKernel() {
    if (kernel_.state() == KernelClient::State::Dead || kernel_.state() == KernelClient::State::NotRunning) return;
    QEventLoop wait;
    QObject::connect(&kernel_, &KernelClient::stopped, &wait, &QEventLoop::quit);
    QObject::connect(&kernel_, &KernelClient::died, &wait, &QEventLoop::quit);
    kernel_.shutdown();  // kills it after a grace period
    wait.exec();
  }

  bool kernelReady() const { return kernel_ready_; }
  const QString& failure() const { return failure_; }
  const QString& timedOut() const { return timed_out_; }

 private:
  Notebook& notebook_;
  KernelClient kernel_;
  NotebookSession session_;
  QEventLoop loop_;
  QTimer cell_timer_;
  QString current_, failure_, timed_out_;
  bool kernel_ready_ = false;
};

}  // namespace

int runHeadless(const QStringList& arguments) {
  QString error;
  const std::optional<HeadlessOptions> options = parseHeadlessOptions(arguments, &error);
  if (!options) {
    report(error + QStringLiteral("\nusage: kusari-studio --execute IN.ipynb [-o OUT.ipynb] [--timeout SECONDS]"));
    return kHeadlessBadInput;
  }
  Notebook notebook;
  try {
    loadIpynbFile(options->input, notebook);
  } catch (const IpynbError& e) {
    report(QStringLiteral("%1: %2").arg(options->input, e.message()));
    return kHeadlessBadInput;
  }

  HeadlessRun run(notebook, options->cellTimeoutS);
  run.run();
  run.stopKernel();
  if (!run.kernelReady()) {  // nothing ran: the input stays as it was
    report(QStringLiteral("%1: nothing was run: %2").arg(options->input, run.failure()));
    return kHeadlessCellFailed;
  }
  try {
    saveIpynbFile(options->output, notebook);
  } catch (const IpynbError& e) {
    report(e.message());
    return kHeadlessBadInput;
  }
  if (!run.timedOut().isEmpty()) {
    report(QStringLiteral("%1: %2").arg(options->input, run.timedOut()));
    return kHeadlessTimeout;
  }
  if (!run.failure().isEmpty()) {
    report(QStringLiteral("%1: %2").arg(options->input, run.failure()));
    return kHeadlessCellFailed;
  }
  return 0;
}

}  // namespace kusari::studio
