// The studio's side of live training: NotebookSession forwards the running cell's metrics,
// stopTraining() ends the Trainer at an iteration boundary while the cell goes on, and the
// ProgressBar's records reach the cell's stream output but not the saved .ipynb.
#include <QSignalSpy>
#include <QTest>

#include "ipynb/ipynb_writer.h"
#include "session/notebook_session.h"

using namespace kusari::studio;
using kusari::client::KernelClient;

namespace {

const char* kTraining = R"(
import numpy as np
import kusari, kusari.links as L, tempfile
from kusari import training
from kusari.training import extensions
rng = np.random.RandomState(0)
t = rng.randint(0, 3, size=60).astype(np.int32)
x = (rng.randn(3, 4)[t] * 3 + rng.randn(60, 4) * 0.5).astype(np.float32)
model = L.Classifier(L.Linear(4, 3))
opt = kusari.optimizers.SGD(lr=0.1)
opt.setup(model)
it = kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), 10)
trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (100000, 'iteration'), out=tempfile.mkdtemp())
trainer.extend(extensions.ProgressBar(update_interval=10))
trainer.run()
print('kept training until', trainer.updater.iteration)
)";

}  // namespace

class TestSessionMetrics : public QObject {
  Q_OBJECT
 private slots:
  void metricsStopAndProgress() {
    KernelClient kernel;
    kernel.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel.state(), KernelClient::State::Idle, 30000);
    Notebook nb;
    Cell cell;
    cell.source = QString::fromUtf8(kTraining);
    nb.insertCell(0, cell);
    NotebookSession session(&nb, &kernel);
    QList<kusari::protocol::MetricPoint> points;
    QString cellId;
    connect(&session, &NotebookSession::metricsReceived, this, [&](const QString& id, const kusari::protocol::Metrics& m) {
      cellId = id;
      if (points.isEmpty()) session.stopTraining();
      points += m.points;
    });
    QSignalSpy emptied(&session, &NotebookSession::queueEmptied);
    session.runCell(0);
    QVERIFY(emptied.wait(60000));
    QCOMPARE(session.status(nb.cell(0).id), ExecutionStatus::Done);
    QCOMPARE(cellId, nb.cell(0).id);
    QVERIFY(!points.isEmpty());
    const qint64 last = points.last().iteration;
    QVERIFY(last < 100000);

    QString out;
    for (const QJsonObject& o : nb.cell(0).outputs) out += o.value(QStringLiteral("text")).toString();
    QVERIFY2(out.contains(QStringLiteral("Training stopped at iteration %1").arg(last)), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("kept training until %1").arg(last)), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("\x1b]kusari-progress;")));  // the model keeps them for the view
    const QByteArray ipynb = serializeIpynb(nb);
    QVERIFY(!ipynb.contains("kusari-progress"));
    QVERIFY(ipynb.contains("Training stopped at iteration"));
    kernel.shutdown();
  }
};

QTEST_GUILESS_MAIN(TestSessionMetrics)
#include "test_session_metrics.moc"
