// Live training metrics from a real kusari-kernel: a Trainer in a cell publishes its
// observations as batched `metrics` messages, and stop_training_request ends it at an
// iteration boundary; a later trainer.run() resumes from there.
#include <QRegularExpression>
#include <QTest>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::protocol::MetricPoint;
using kusari::protocol::Metrics;

namespace {

// A tiny synthetic problem; `slow` makes each iteration take ~2 ms so a stop lands mid-run.
const char* kSetup = R"(
import time
import numpy as np
import kusari, kusari.links as L, kusari.functions as F
from kusari import training
rng = np.random.RandomState(0)
t = rng.randint(0, 3, size=60).astype(np.int32)
x = (rng.randn(3, 4)[t] * 3 + rng.randn(60, 4) * 0.5).astype(np.float32)
slow = False
def make_trainer(iterations):
    model = L.Classifier(L.Linear(4, 3))
    opt = kusari.optimizers.SGD(lr=0.1)
    opt.setup(model)
    it = kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), 10)
    trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (iterations, 'iteration'), out=OUT)
    trainer.extend(lambda tr: time.sleep(0.002) if slow else None, name='pace')
    return trainer
)";

// Every metrics message sent for one request.
struct MetricsRecord : QObject {
  MetricsRecord(KernelClient& kernel, const QString& requestId, std::function<void()> onFirst = {}) : id(requestId) {
    connect(&kernel, &KernelClient::metrics, this, [this, onFirst](const QString& parent, const Metrics& m) {
      if (parent != id) return;
      if (messages.isEmpty() && onFirst) onFirst();
      messages.append(m);
    });
  }
  QList<MetricPoint> points(const QString& name) const {
    QList<MetricPoint> found;
    for (const Metrics& m : messages)
      for (const MetricPoint& p : m.points)
        if (p.name == name) found.append(p);
    return found;
  }
  int pointCount() const {
    int n = 0;
    for (const Metrics& m : messages) n += int(m.points.size());
    return n;
  }
  QString id;
  QList<Metrics> messages;
};

}  // namespace

class TestKernelMetrics : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    kernel_.start();
    QVERIFY(QTest::qWaitFor([&] { return kernel_.state() == KernelClient::State::Idle; }, 30000));
    QVERIFY(dir_.isValid());
    const QString setup = QStringLiteral("OUT = %1\n").arg(quoted(dir_.path())) + QString::fromUtf8(kSetup);
    KUSARI_RUN_CELL(kernel_, cell, setup, "setup");
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));
  }

  void cleanupTestCase() { kernel_.shutdown(); }

  void trainingPublishesBatchedPoints() {
    const QString id = kernel_.execute(QStringLiteral("trainer = make_trainer(600)\ntrainer.run()"), QStringLiteral("c-train"));
    MetricsRecord metrics(kernel_, id);
    kusari::test_support::RequestRecord cell(kernel_, id);
    QVERIFY(cell.waitDone(60000));
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));

    const QList<MetricPoint> loss = metrics.points(QStringLiteral("main/loss"));
    QCOMPARE(loss.size(), 600);  // one per iteration, none lost in batching
    for (int i = 0; i < loss.size(); ++i) QCOMPARE(loss[i].iteration, qint64(i + 1));
    QCOMPARE(loss.last().epoch, 100.0);  // 60 examples in batches of 10: 6 iterations an epoch
    QVERIFY(loss.last().value < loss.first().value);  // it learns
    QCOMPARE(metrics.points(QStringLiteral("main/accuracy")).size(), 600);
    // Batched: a handful of messages for 1200 points.
    QVERIFY2(metrics.messages.size() * 20 <= metrics.pointCount(),
             qPrintable(QStringLiteral("%1 messages for %2 points").arg(metrics.messages.size()).arg(metrics.pointCount())));
    const QString run = loss.first().run;
    for (const MetricPoint& p : loss) QCOMPARE(p.run, run);
    for (const Metrics& m : metrics.messages) {
      QCOMPARE(m.runs.size(), 1);
      QCOMPARE(m.runs.first().run, run);
      QCOMPARE(m.runs.first().cellId, QStringLiteral("c-train"));
      QVERIFY(!m.runs.first().label.isEmpty());
    }
    QVERIFY(run.startsWith(QStringLiteral("c-train@")));
  }

  void stopEndsAtAnIterationBoundaryAndRunResumes() {
    kernel_.stopTraining();  // while idle: dropped, must not stop the next training
    QTest::qWait(50);
    const QString id = kernel_.execute(QStringLiteral("slow = True\ntrainer = make_trainer(5000)\ntrainer.run()\n"
                                                      "print('after run', trainer.updater.iteration)"),
                                       QStringLiteral("c-stop"));
    MetricsRecord metrics(kernel_, id, [this] { kernel_.stopTraining(); });
    kusari::test_support::RequestRecord cell(kernel_, id);
    QVERIFY(cell.waitDone(60000));
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));
    const auto stopped = QRegularExpression(QStringLiteral("Training stopped at iteration (\\d+)")).match(cell.out);
    QVERIFY2(stopped.hasMatch(), qPrintable(cell.out));
    const qint64 at = stopped.captured(1).toLongLong();
    QVERIFY2(at > 0 && at < 5000, qPrintable(cell.out));
    QVERIFY2(cell.out.contains(QStringLiteral("after run %1").arg(at)), qPrintable(cell.out));  // the cell went on
    // A boundary: every observation of the last iteration was published, nothing after it.
    QCOMPARE(metrics.points(QStringLiteral("main/loss")).last().iteration, at);
    QCOMPARE(metrics.points(QStringLiteral("main/accuracy")).last().iteration, at);
    QVERIFY(QFile::exists(dir_.filePath(QStringLiteral("snapshot_iter_%1").arg(at))));
    const QString run = metrics.points(QStringLiteral("main/loss")).first().run;

    const QString resumeId = kernel_.execute(QStringLiteral("slow = False\ntrainer.run()\nprint('done', trainer.updater.iteration)"),
                                             QStringLiteral("c-resume"));
    MetricsRecord resumed(kernel_, resumeId);
    kusari::test_support::RequestRecord resume(kernel_, resumeId);
    QVERIFY(resume.waitDone(60000));
    QVERIFY2(resume.reply->status == QStringLiteral("ok"), qPrintable(resume.errorText()));
    QVERIFY2(resume.out.contains(QStringLiteral("done 5000")), qPrintable(resume.out));
    const QList<MetricPoint> loss = resumed.points(QStringLiteral("main/loss"));
    QCOMPARE(loss.size(), 5000 - at);
    QCOMPARE(loss.first().iteration, at + 1);
    QCOMPARE(loss.first().run, run);  // the same trainer continues its run
  }

 private:
  static QString quoted(const QString& path) { return QStringLiteral("r'%1'").arg(path); }

  KernelClient kernel_;
  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestKernelMetrics)
#include "test_kernel_metrics.moc"
