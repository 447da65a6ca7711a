// The Chainer-style MLP script (examples/python/train_mnist.py), sent unchanged as a cell to a
// real kusari-kernel through KernelClient, trains on Fashion-MNIST to >= 85% test accuracy.
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include "kernel_test_support.h"

using kusari::client::KernelClient;

class TestKernelTraining : public QObject {
  Q_OBJECT
 private slots:
  void chainerScriptTrainsInTheKernel() {
    QFile script(QStringLiteral(KUSARI_SOURCE_DIR "/examples/python/train_mnist.py"));
    QVERIFY2(script.open(QIODevice::ReadOnly), qPrintable(script.fileName()));
    const QString source = QString::fromUtf8(script.readAll());

    KernelClient kernel;
    kernel.start();
    QVERIFY(QTest::qWaitFor([&] { return kernel.state() == KernelClient::State::Idle; }, 30000));
    {
      KUSARI_RUN_CELL(kernel, argv, "import sys\nsys.argv = ['train_mnist.py']", "argv");
      QCOMPARE(argv.reply->status, QStringLiteral("ok"));
    }
    kusari::test_support::RequestRecord run(kernel, kernel.execute(source, QStringLiteral("train")));
    QVERIFY2(run.waitDone(300000), "the training cell did not finish within 5 minutes");
    QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
    QVERIFY2(run.reply->status == QStringLiteral("ok"), qPrintable(run.errorText()));
    const auto match = QRegularExpression(QStringLiteral("test accuracy ([0-9.]+)")).match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    const double accuracy = match.captured(1).toDouble();
    QVERIFY2(accuracy >= 0.85, qPrintable(run.out));
    kernel.shutdown();
  }
};

QTEST_GUILESS_MAIN(TestKernelTraining)
#include "test_kernel_training.moc"
