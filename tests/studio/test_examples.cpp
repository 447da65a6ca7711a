// The teaching notebooks in resources/examples run under `kusari-studio --execute` (in-process
// runHeadless) in their quick form (KUSARI_EXAMPLE_QUICK=1: a few hundred examples, a short run)
// and produce what they teach: an accuracy line, the engine's error messages, images that are
// replaced in place rather than appended, generated text.
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "headless/headless_runner.h"
#include "ipynb/ipynb_reader.h"
#include "studio_test_support.h"

using namespace kusari::studio;

namespace {

struct Outputs {
  QString text;  // every stream output, in order
  int images = 0;
  int displays = 0;
};

Outputs collect(const Notebook& notebook) {
  Outputs o;
  for (int i = 0; i < notebook.cellCount(); ++i) {
    for (const QJsonObject& output : notebook.cell(i).outputs) {
      const QString type = output.value(QStringLiteral("output_type")).toString();
      if (type == QLatin1StringView("stream")) o.text += output.value(QStringLiteral("text")).toString();
      if (type != QLatin1StringView("display_data") && type != QLatin1StringView("execute_result")) continue;
      ++o.displays;
      if (output.value(QStringLiteral("data")).toObject().contains(QStringLiteral("image/png"))) ++o.images;
    }
  }
  return o;
}

double number(const QString& text, const QString& pattern) {
  const QRegularExpressionMatch m = QRegularExpression(pattern).match(text);
  return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

}  // namespace

class TestExamples : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  // Runs resources/examples/<name> with the quick settings plus `epochs`; the executed notebook.
  bool execute(const QString& name, const QByteArray& epochs, Notebook& executed) {
    qputenv("KUSARI_EXAMPLE_QUICK", "1");
    qputenv("KUSARI_EXAMPLE_EPOCHS", epochs);
    const QString in = QStringLiteral(KUSARI_SOURCE_DIR "/resources/examples/") + name;
    const QString out = dir_.filePath(name);
    const int code = runHeadless({QStringLiteral("--execute"), in, QStringLiteral("-o"), out, QStringLiteral("--timeout"),
                                  QStringLiteral("120")});
    qunsetenv("KUSARI_EXAMPLE_QUICK");
    qunsetenv("KUSARI_EXAMPLE_EPOCHS");
    if (code != 0) return false;
    loadIpynbFile(out, executed);
    const QString invalid = kusari::test_support::nbformatValidationError(out);
    if (!invalid.isEmpty()) qWarning("%s", qPrintable(invalid));
    return invalid.isEmpty();
  }

 private slots:
  void mlpReportsTestAccuracy() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("01_mlp_fashion_mnist.ipynb"), "1", nb));
    const Outputs o = collect(nb);
    const double accuracy = number(o.text, QStringLiteral("test accuracy (0\\.\\d+)"));
    QVERIFY2(accuracy > 0.5, qPrintable(o.text));  // 600 images, one epoch: far above chance (0.1)
    QVERIFY(o.text.contains(QStringLiteral("validation/main/accuracy")));  // PrintReport's header
    QCOMPARE(o.images, 3);  // the data, the accuracy curve, the mistakes
  }

  void cnnReportsTestAccuracy() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("02_cnn_fashion_mnist.ipynb"), "1", nb));
    const Outputs o = collect(nb);
    QVERIFY2(number(o.text, QStringLiteral("epoch 1  test accuracy (0\\.\\d+)")) > 0.2, qPrintable(o.text));
    QVERIFY2(number(o.text, QStringLiteral("\\ntest accuracy (0\\.\\d+)")) > 0.2, qPrintable(o.text));
    QCOMPARE(o.images, 2);  // filters and mistakes
  }

  void debuggingShowsTheEngineMessages() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("03_debugging.ipynb"), "1", nb));
    const Outputs o = collect(nb);
    QVERIFY2(o.text.contains(QStringLiteral("ShapeError: linear: x (64, 100) has 100 features per sample but W (10, 50) expects 50")),
             qPrintable(o.text));
    QVERIFY2(o.text.contains(QRegularExpression(QStringLiteral("NonFiniteError: forward of div produced \\d+ NaN/Inf .* in standardise"))),
             qPrintable(o.text));
    QVERIFY(o.text.contains(QStringLiteral("loss nan")));
    QVERIFY(o.text.contains(QStringLiteral("- finite: True")));
  }

  void playgroundRedrawsInPlace() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("04_playground.ipynb"), "30", nb));
    const Outputs o = collect(nb);
    // 30 epochs redraw the boundary and the loss curve each epoch: still one output each, plus
    // the test-point picture at the end.
    QCOMPARE(o.images, 3);
    QCOMPARE(o.displays, 3);
    QVERIFY2(number(o.text, QStringLiteral("train accuracy (\\d\\.\\d+)")) > 0.5, qPrintable(o.text));
  }

  void lstmGeneratesText() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("05_char_lstm.ipynb"), "1", nb));
    const Outputs o = collect(nb);
    const qsizetype at = o.text.indexOf(QStringLiteral("generated text:\n  This License "));
    QVERIFY2(at >= 0, qPrintable(o.text));
    QVERIFY(o.text.size() - at > 400);  // the prompt and 400 sampled characters
    QVERIFY2(number(o.text, QStringLiteral("perplexity (\\d+\\.\\d+)")) > 1, qPrintable(o.text));
  }

  void vaeShowsImageGrids() {
    Notebook nb;
    QVERIFY(execute(QStringLiteral("06_vae_fashion_mnist.ipynb"), "1", nb));
    const Outputs o = collect(nb);
    QCOMPARE(o.images, 3);  // reconstructions, interpolations, samples
    const double mse = number(o.text, QStringLiteral("mean squared error (0\\.\\d+)"));
    QVERIFY2(mse > 0 && mse < 0.25, qPrintable(o.text));
  }
};

QTEST_GUILESS_MAIN(TestExamples)
#include "test_examples.moc"
