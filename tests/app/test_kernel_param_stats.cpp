// Parameter statistics from a real kusari-kernel: a Trainer in a cell sends `param_stats`
// samples of every parameter of its model, with the same run id as its `metrics`.
#include <QTest>

#include <cmath>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::protocol::Metrics;
using kusari::protocol::ParamLayerStats;
using kusari::protocol::ParamStats;

namespace {

const char* kSetup = R"(
import time
import numpy as np
import kusari, kusari.links as L, kusari.functions as F
from kusari import training
rng = np.random.RandomState(0)
t = rng.randint(0, 3, size=60).astype(np.int32)
x = (rng.randn(3, 5)[t] * 3 + rng.randn(60, 5) * 0.5).astype(np.float32)
class MLP(kusari.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(5, 7)
            self.l2 = L.Linear(7, 3)
    def __call__(self, x):
        return self.l2(F.relu(self.l1(x)))
model = L.Classifier(MLP())
opt = kusari.optimizers.SGD(lr=0.1)
opt.setup(model)
it = kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), 10)
trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (300, 'iteration'), out=OUT)
trainer.extend(lambda tr: time.sleep(0.002), name='pace')  # ~0.7 s: several 100 ms sampling intervals
)";

}  // namespace

class TestKernelParamStats : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    kernel_.start();
    QVERIFY(QTest::qWaitFor([&] { return kernel_.state() == KernelClient::State::Idle; }, 30000));
    QVERIFY(dir_.isValid());
    const QString setup = QStringLiteral("OUT = r'%1'\n").arg(dir_.path()) + QString::fromUtf8(kSetup);
    KUSARI_RUN_CELL(kernel_, cell, setup, "setup");
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));
  }

  void cleanupTestCase() { kernel_.shutdown(); }

  void trainingSendsStatsOfEveryParameter() {
    const QString id = kernel_.execute(QStringLiteral("trainer.run()"), QStringLiteral("c-train"));
    QList<ParamStats> samples;
    QString metricsRun;
    connect(&kernel_, &KernelClient::paramStats, this, [&](const QString& parent, const ParamStats& s) {
      if (parent == id) samples.append(s);
    });
    connect(&kernel_, &KernelClient::metrics, this, [&](const QString& parent, const Metrics& m) {
      if (parent == id && !m.runs.isEmpty()) metricsRun = m.runs.first().run;
    });
    kusari::test_support::RequestRecord cell(kernel_, id);
    QVERIFY(cell.waitDone(60000));
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));

    QVERIFY2(samples.size() >= 4, qPrintable(QString::number(samples.size())));  // ≥ 100 ms apart, the last one too
    QVERIFY2(samples.size() < 300, qPrintable(QString::number(samples.size())));  // sampled, not every iteration
    QCOMPARE(samples.first().iteration, qint64(1));
    QCOMPARE(samples.last().iteration, qint64(300));  // the run's end is sampled
    QCOMPARE(samples.last().epoch, 50.0);
    for (int i = 1; i < samples.size(); ++i) QVERIFY(samples[i].iteration > samples[i - 1].iteration);
    QVERIFY(!metricsRun.isEmpty());

    const QHash<QString, qint64> sizes{{"predictor/l1/W", 35}, {"predictor/l1/b", 7}, {"predictor/l2/W", 21}, {"predictor/l2/b", 3}};
    const QHash<QString, QList<qint64>> shapes{{"predictor/l1/W", {7, 5}}, {"predictor/l1/b", {7}}, {"predictor/l2/W", {3, 7}}, {"predictor/l2/b", {3}}};
    for (const ParamStats& s : samples) {
      QCOMPARE(s.run, metricsRun);
      QCOMPARE(s.layers.size(), sizes.size());
      for (const ParamLayerStats& l : s.layers) {
        QVERIFY2(sizes.contains(l.path), qPrintable(l.path));
        QCOMPARE(l.size, sizes[l.path]);
        QCOMPARE(l.shape, shapes[l.path]);
        QVERIFY(l.hasGrad);
        QVERIFY2(l.gradNorm > 0, qPrintable(l.path));
        QCOMPARE(l.nanCount, 0);
        QCOMPARE(l.infCount, 0);
        QCOMPARE(l.gradHistogram.counts.size(), 32);
        QCOMPARE(l.dataHistogram.counts.size(), 32);
        qint64 gradSum = 0, dataSum = 0;
        for (qint64 c : l.gradHistogram.counts) gradSum += c;
        for (qint64 c : l.dataHistogram.counts) dataSum += c;
        QCOMPARE(gradSum, l.size);
        QCOMPARE(dataSum, l.size);
        QVERIFY(l.gradHistogram.lo <= l.gradMean && l.gradMean <= l.gradHistogram.hi);
        QVERIFY(l.gradStd >= 0 && l.dataStd >= 0);
        // ||W||^2 = n (std^2 + mean^2)
        const double normFromMoments = std::sqrt(double(l.size) * (l.dataStd * l.dataStd + l.dataMean * l.dataMean));
        QVERIFY2(std::abs(normFromMoments - l.dataNorm) <= 1e-6 * (1 + l.dataNorm), qPrintable(l.path));
      }
    }
    // Biases start at 0: their norm grows from the first sample; weights have update ratios.
    const ParamStats& first = samples.first();
    const ParamStats& last = samples.last();
    auto layer = [](const ParamStats& s, const QString& path) {
      for (const ParamLayerStats& l : s.layers)
        if (l.path == path) return l;
      return ParamLayerStats{};
    };
    QVERIFY(layer(last, "predictor/l1/b").dataNorm > layer(first, "predictor/l1/b").dataNorm);
    bool anyRatio = false;
    for (const ParamStats& s : samples)
      for (const ParamLayerStats& l : s.layers)
        if (l.updateRatio) {
          anyRatio = true;
          // SGD: ΔW = -lr ∇W, so ||ΔW|| / ||W before|| ≈ lr ||∇W|| / ||W after|| (they differ by ||ΔW||).
          const double expected = 0.1 * l.gradNorm / l.dataNorm;
          QVERIFY2(std::abs(*l.updateRatio - expected) <= 0.05 * expected,
                   qPrintable(QStringLiteral("%1: %2 vs %3").arg(l.path).arg(*l.updateRatio).arg(expected)));
        }
    QVERIFY(anyRatio);
  }

  void nanInParametersIsCounted() {
    const QString id = kernel_.execute(QStringLiteral("w = model.predictor.l2.W.array.copy()\nw[0, :2] = np.nan\n"
                                                      "model.predictor.l2.W.array = w\ntrainer2 = training.Trainer("
                                                      "training.updaters.StandardUpdater(it, opt), (3, 'iteration'), out=OUT)\n"
                                                      "trainer2.run()"),
                                       QStringLiteral("c-nan"));
    QList<ParamStats> samples;
    connect(&kernel_, &KernelClient::paramStats, this, [&](const QString& parent, const ParamStats& s) {
      if (parent == id) samples.append(s);
    });
    kusari::test_support::RequestRecord cell(kernel_, id);
    QVERIFY(cell.waitDone(60000));
    QVERIFY2(cell.reply->status == QStringLiteral("ok"), qPrintable(cell.errorText()));
    QVERIFY(!samples.isEmpty());
    const ParamStats& s = samples.first();
    for (const ParamLayerStats& l : s.layers) {
      if (l.path != QStringLiteral("predictor/l2/W")) continue;
      QVERIFY2(l.nanCount >= 2, qPrintable(QString::number(l.nanCount)));  // the two planted NaNs at least
      qint64 dataSum = 0;
      for (qint64 c : l.dataHistogram.counts) dataSum += c;
      QVERIFY(dataSum <= l.size - 2);  // histograms hold the finite elements only
      QVERIFY(std::isfinite(l.dataNorm));
      return;
    }
    QFAIL("no predictor/l2/W in the sample");
  }

 private:
  KernelClient kernel_;
  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestKernelParamStats)
#include "test_kernel_param_stats.moc"
