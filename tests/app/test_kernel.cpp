// kusari-kernel end to end: a real kernel process driven through KernelClient.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>
#include <cstring>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::test_support::RequestRecord;
using namespace kusari::protocol;

class TestKernel : public QObject {
  Q_OBJECT

  // One kernel shared by the tests that leave it alive; tests that kill a kernel start their own.
  KernelClient kernel_;

  static bool startAndWaitIdle(KernelClient& kernel) {
    kernel.start();
    return QTest::qWaitFor([&] { return kernel.state() == KernelClient::State::Idle; }, 30000);
  }

 private slots:
  void initTestCase() { QVERIFY2(startAndWaitIdle(kernel_), "the kernel did not become idle"); }
  void init() {
    // A failed test may leave the shared kernel dead or stuck in a cell: the next gets a fresh one.
    if (kernel_.state() != KernelClient::State::Idle) QVERIFY(startAndWaitIdle(kernel_));
  }

  void kernelInfo() {
    QSignalSpy replies(&kernel_, &KernelClient::kernelInfoReply);
    const QString id = kernel_.requestKernelInfo();
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, 10000);
    QCOMPARE(replies[0][0].toString(), id);
    const auto info = replies[0][1].value<KernelInfoReply>();
    QCOMPARE(info.protocolVersion, kProtocolVersion);
    QCOMPARE(info.implementation, QStringLiteral("kusari-kernel"));
    QVERIFY2(info.languageVersion.startsWith(QStringLiteral("3.")), qPrintable(info.languageVersion));
  }

  void printArrivesAsStream() {
    KUSARI_RUN_CELL(kernel_, record, "print('hello', 42)\nimport sys\nprint('oops', file=sys.stderr)", "p1");
    QCOMPARE(record.reply->status, QStringLiteral("ok"));
    QCOMPARE(record.out, QStringLiteral("hello 42\n"));
    QCOMPARE(record.err, QStringLiteral("oops\n"));
    QVERIFY(record.displays.isEmpty());
  }

  void manyPrintsAreBatched() {
    constexpr int kLines = 100000;
    KUSARI_RUN_CELL(kernel_, record, QStringLiteral("for i in range(%1):\n    print(i)").arg(kLines), "many");
    QString expected;
    for (int i = 0; i < kLines; ++i) expected += QString::number(i) + QLatin1Char('\n');
    QCOMPARE(record.out.size(), expected.size());
    QVERIFY(record.out == expected);
    QVERIFY2(record.streamMessages < kLines / 100, qPrintable(QString::number(record.streamMessages)));
  }

  void lastExpressionDisplayed_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("expression") << "1 + 1" << QStringList{"2"};
    QTest::newRow("after statements") << "x = 5\ny = 'a'\nx * 3" << QStringList{"15"};
    QTest::newRow("string repr") << "'kusari'" << QStringList{"'kusari'"};
    QTest::newRow("None hidden") << "None" << QStringList{};
    QTest::newRow("print returns None") << "print('x')" << QStringList{};
    QTest::newRow("statement last") << "z = 3" << QStringList{};
    QTest::newRow("display builtin") << "display([1, 2])\n7" << QStringList{"[1, 2]", "7"};
  }
  void lastExpressionDisplayed() {
    QFETCH(QString, code);
    QFETCH(QStringList, shown);
    KUSARI_RUN_CELL(kernel_, record, code, "disp");
    QCOMPARE(record.reply->status, QStringLiteral("ok"));
    QStringList texts;
    for (const DisplayData& d : record.displays) texts.append(d.text);
    QCOMPARE(texts, shown);
  }

  // Jupyter's semantics: the last expression's value is the execute_result, numbered like the
  // reply; display() output stays display_data.
  void lastExpressionIsExecuteResult() {
    KUSARI_RUN_CELL(kernel_, first, "display('shown')\n6 * 7", "res1");
    QCOMPARE(first.results.size(), 1);
    QCOMPARE(first.results[0].data.text, QStringLiteral("42"));
    QCOMPARE(first.results[0].executionCount, first.reply->executionCount);
    QCOMPARE(first.displays.size(), 2);  // display('shown') then the result
    QCOMPARE(first.displays[0].text, QStringLiteral("'shown'"));
    KUSARI_RUN_CELL(kernel_, second, "'again'", "res2");
    QCOMPARE(second.results.size(), 1);
    QCOMPARE(second.results[0].executionCount, first.reply->executionCount + 1);
    KUSARI_RUN_CELL(kernel_, none, "display(1)\nx = 2", "res3");
    QVERIFY(none.results.isEmpty());
    QCOMPARE(none.displays.size(), 1);
  }

  void tensorPayload() {
    KUSARI_RUN_CELL(kernel_, record, "import numpy as np\na = np.arange(12.0).reshape(3, 4)\na[1, 1] = np.nan\na[2, 3] = np.inf\na", "t");
    QCOMPARE(record.displays.size(), 1);
    QVERIFY(record.displays[0].tensor);
    const TensorSummary& t = *record.displays[0].tensor;
    QCOMPARE(t.shape, (QList<qint64>{3, 4}));
    QCOMPARE(t.dtype, QStringLiteral("float64"));
    QCOMPARE(t.nanCount, 1);
    QCOMPARE(t.infCount, 1);
    // Finite elements: 0..10 without 5.
    QList<double> finite;
    for (int i = 0; i <= 10; ++i)
      if (i != 5) finite.append(i);
    double mean = 0;
    for (double v : finite) mean += v / finite.size();
    QCOMPARE(t.min, 0.0);
    QCOMPARE(t.max, 10.0);
    QVERIFY(qAbs(t.mean - mean) < 1e-12);
    QCOMPARE(t.previewShape, (QList<qint64>{3, 4}));
    QCOMPARE(t.preview.size(), qsizetype(12 * sizeof(float)));
    const float* preview = reinterpret_cast<const float*>(t.preview.constData());
    QCOMPARE(preview[2], 2.0f);
    QVERIFY(std::isnan(preview[5]));
  }

  void tensorPreviewIsDownsampled() {
    KUSARI_RUN_CELL(kernel_, record, "import numpy as np\nnp.ones((5, 300, 200), dtype=np.float32)", "big");
    QCOMPARE(record.displays.size(), 1);
    QVERIFY(record.displays[0].tensor);
    const TensorSummary& t = *record.displays[0].tensor;
    QCOMPARE(t.shape, (QList<qint64>{5, 300, 200}));
    QCOMPARE(t.dtype, QStringLiteral("float32"));
    QCOMPARE(t.previewShape.size(), 2);
    QVERIFY(t.previewShape[0] <= 64 && t.previewShape[1] <= 64 && t.previewShape[0] >= 32 && t.previewShape[1] >= 32);
    QCOMPARE(t.preview.size(), qsizetype(t.previewShape[0] * t.previewShape[1] * sizeof(float)));
  }

  void variableLikeTensor() {
    // What kusari.Variable offers: `_kusari_variable`, `array` (NumPy) and `device`.
    KUSARI_RUN_CELL(kernel_, record,
                    "import numpy as np\nclass V:\n    _kusari_variable = True\n    device = 'cpu'\n"
                    "    array = np.array([[1, 2], [3, 4]], dtype=np.int32)\nV()", "var");
    QCOMPARE(record.displays.size(), 1);
    QVERIFY(record.displays[0].tensor);
    QCOMPARE(record.displays[0].tensor->shape, (QList<qint64>{2, 2}));
    QCOMPARE(record.displays[0].tensor->dtype, QStringLiteral("int32"));
    QCOMPARE(record.displays[0].tensor->mean, 2.5);
    QCOMPARE(record.displays[0].tensor->device, QStringLiteral("cpu"));
  }

  void kusariVariableShownAsTensor() {
    // The real module from <build>/python, found by the kernel without any configuration.
    KUSARI_RUN_CELL(kernel_, record,
                    "import numpy as np\nimport kusari\nimport kusari.functions as F\n"
                    "x = kusari.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))\nF.relu(x - 2)", "kvar");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
    QCOMPARE(record.displays.size(), 1);
    QVERIFY(record.displays[0].tensor);
    const TensorSummary& t = *record.displays[0].tensor;
    QCOMPARE(t.shape, (QList<qint64>{2, 3}));
    QCOMPARE(t.dtype, QStringLiteral("float32"));
    QCOMPARE(t.max, 3.0);
    QCOMPARE(t.min, 0.0);
    QCOMPARE(t.mean, 1.0);  // relu([-2, -1, 0, 1, 2, 3]) = [0, 0, 0, 1, 2, 3]
    QVERIFY2(record.displays[0].text.startsWith(QStringLiteral("variable(")), qPrintable(record.displays[0].text));
  }

  void hugeOutputIsChunked() {
    KUSARI_RUN_CELL(kernel_, record, "print('x' * 3_000_000)\n'y' * 3_000_000", "huge");
    QCOMPARE(record.out.size(), 3000001);
    QVERIFY(record.streamMessages >= 3);
    QCOMPARE(record.displays.size(), 1);
    QVERIFY(record.displays[0].text.size() < 1100000);
  }

  void pythonPathFirstOnSysPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile module(dir.filePath(QStringLiteral("kusari_path_probe.py")));
    QVERIFY(module.open(QIODevice::WriteOnly));
    module.write("VALUE = 'found on the python path'\n");
    module.close();
    KernelClient kernel;
    kernel.setPythonPath({dir.path()});
    QVERIFY(startAndWaitIdle(kernel));
    KUSARI_RUN_CELL(kernel, record, "import kusari_path_probe\nkusari_path_probe.VALUE", "path");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
    QCOMPARE(record.displays.size(), 1);
    QCOMPARE(record.displays[0].text, QStringLiteral("'found on the python path'"));
  }

  void environmentAndBuildPythonPaths() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("KUSARI_PYTHONPATH", dir.path().toUtf8());
    KernelClient kernel;
    const bool started = startAndWaitIdle(kernel);
    qunsetenv("KUSARI_PYTHONPATH");
    QVERIFY(started);
    KUSARI_RUN_CELL(kernel, record, "import sys\nprint('\\n'.join(sys.path))", "syspath");
    const QStringList path = record.out.split(QLatin1Char('\n'));
    QVERIFY2(path.contains(dir.path()), qPrintable(record.out));
    // <build>/python, where -DKUSARI_PYTHON=ON puts the kusari module, when it exists.
    const QDir buildPython(QCoreApplication::applicationDirPath() + QStringLiteral("/../python"));
    if (buildPython.exists()) QVERIFY2(path.contains(buildPython.canonicalPath()), qPrintable(record.out));
  }

  void pngFromReprPng() {
    KUSARI_RUN_CELL(kernel_, record, "class Picture:\n    def _repr_png_(self):\n        return b'\\x89PNG-bytes'\nPicture()", "png");
    QCOMPARE(record.displays.size(), 1);
    QCOMPARE(record.displays[0].png, QByteArray("\x89PNG-bytes"));
  }

  void errorNamesCellAndLine_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("ename");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("sourceLine");
    QTest::newRow("top level") << "x = 1\ny = 0\nx / y" << "ZeroDivisionError" << 3 << "x / y";
    QTest::newRow("inside function") << "def f(v):\n    raise ValueError(f'bad {v}')\n\nf(7)" << "ValueError" << 2 << "raise ValueError";
    QTest::newRow("statement") << "import math\nmath.sqrt(-1)\nprint('never')" << "ValueError" << 2 << "math.sqrt(-1)";
    QTest::newRow("syntax") << "a = 1\nb = (\n" << "SyntaxError" << 2 << "";
  }
  void errorNamesCellAndLine() {
    QFETCH(QString, code);
    QFETCH(QString, ename);
    QFETCH(int, line);
    QFETCH(QString, sourceLine);
    KUSARI_RUN_CELL(kernel_, record, code, "cell-42");
    QCOMPARE(record.reply->status, QStringLiteral("error"));
    QCOMPARE(record.errors.size(), 1);
    const Error& e = record.errors[0];
    QCOMPARE(e.ename, ename);
    QCOMPARE(e.cellId, QStringLiteral("cell-42"));
    QCOMPARE(e.line, line);
    const QString traceback = e.traceback.join(QString());
    QVERIFY2(traceback.contains(QStringLiteral("<cell cell-42>")), qPrintable(traceback));
    QVERIFY2(traceback.contains(QStringLiteral("line %1").arg(line)), qPrintable(traceback));
    QVERIFY2(traceback.contains(sourceLine), qPrintable(traceback));
    QVERIFY2(!traceback.contains(QStringLiteral("kusari-kernel")), qPrintable(traceback));
    QVERIFY(record.out.isEmpty());
  }

  void executionCountIncrements() {
    KUSARI_RUN_CELL(kernel_, first, "1", "n1");
    KUSARI_RUN_CELL(kernel_, failing, "1 / 0", "n2");
    KUSARI_RUN_CELL(kernel_, third, "3", "n3");
    QCOMPARE(failing.reply->executionCount, first.reply->executionCount + 1);
    QCOMPARE(third.reply->executionCount, first.reply->executionCount + 2);
    RequestRecord silent(kernel_, kernel_.execute(QStringLiteral("4"), QStringLiteral("n4"), true));
    QVERIFY(silent.waitDone());
    QCOMPARE(silent.reply->executionCount, third.reply->executionCount);
    QVERIFY(silent.displays.isEmpty());
  }

  void interruptStopsLoop_data() {
    QTest::addColumn<bool>("bySignal");
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("code");
    QTest::newRow("SIGINT, busy loop") << true << "" << "while True: pass";
    QTest::newRow("message, busy loop") << false << "" << "while True: pass";
    QTest::newRow("SIGINT, sleep") << true << "" << "import time\ntime.sleep(1000)";
    QTest::newRow("message, sleep") << false << "" << "import time\ntime.sleep(1000)";
    // A training loop spends its time in C++ ops; the interrupt lands between two of them.
    const char* setup =
        "import numpy as np, kusari, kusari.links as L, kusari.optimizers as O\n"
        "model = L.Classifier(L.Linear(784, 10))\nopt = O.Adam().setup(model)\n"
        "x = np.random.rand(100, 784).astype(np.float32)\nt = np.zeros(100, np.int32)";
    QTest::newRow("SIGINT, kusari training loop") << true << setup << "while True:\n    opt.update(model, x, t)";
  }
  void interruptStopsLoop() {
    QFETCH(bool, bySignal);
    QFETCH(QString, setup);
    QFETCH(QString, code);
    if (!setup.isEmpty()) {
      KUSARI_RUN_CELL(kernel_, prepared, setup, "setup");
      QVERIFY2(prepared.errors.isEmpty(), qPrintable(prepared.errorText()));
    }
    RequestRecord loop(kernel_, kernel_.execute(code, QStringLiteral("loop")));
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Busy, 10000);
    QElapsedTimer clock;
    clock.start();
    if (bySignal) kernel_.interrupt();
    else kernel_.sendInterruptRequest();
    QVERIFY2(loop.waitDone(2000), "the cell was not interrupted within 2 s");
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(loop.reply->status, QStringLiteral("error"));
    QCOMPARE(loop.errors.size(), 1);
    QCOMPARE(loop.errors[0].ename, QStringLiteral("KeyboardInterrupt"));
    QCOMPARE(loop.errors[0].cellId, QStringLiteral("loop"));
    KUSARI_RUN_CELL(kernel_, after, "print('still alive')", "after");
    QCOMPARE(after.reply->status, QStringLiteral("ok"));
    QCOMPARE(after.out, QStringLiteral("still alive\n"));
  }

  void interruptWhileIdleIsHarmless() {
    KUSARI_RUN_CELL(kernel_, before, "1", "i1");
    kernel_.interrupt();
    kernel_.sendInterruptRequest();
    KUSARI_RUN_CELL(kernel_, after, "print('ran')", "i2");
    QCOMPARE(after.reply->status, QStringLiteral("ok"));
    QCOMPARE(after.out, QStringLiteral("ran\n"));
  }

  void completesNamesFromEarlierCells_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qint64>("start");
    QTest::newRow("global") << "my_vari" << "my_variable_name" << qint64(0);
    QTest::newRow("after text") << "y = my_vari" << "my_variable_name" << qint64(4);
    QTest::newRow("attribute") << "obj_for_completion.att" << "obj_for_completion.attribute_one" << qint64(0);
    QTest::newRow("module attribute") << "os.pa" << "os.path" << qint64(0);
  }
  void completesNamesFromEarlierCells() {
    QFETCH(QString, code);
    QFETCH(QString, expected);
    QFETCH(qint64, start);
    KUSARI_RUN_CELL(kernel_, setup,
                    "import os\nmy_variable_name = 1\nclass C:\n    attribute_one = 1\nobj_for_completion = C()", "setup");
    QSignalSpy replies(&kernel_, &KernelClient::completeReply);
    const QString id = kernel_.complete(code, code.size());
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 1, 10000);
    QCOMPARE(replies[0][0].toString(), id);
    const auto reply = replies[0][1].value<CompleteReply>();
    QVERIFY2(reply.matches.contains(expected), qPrintable(reply.matches.join(QLatin1Char(','))));
    QCOMPARE(reply.cursorStart, start);
    QCOMPARE(reply.cursorEnd, qint64(code.size()));
  }

  void inspectGivesSignatureAndDoc() {
    KUSARI_RUN_CELL(kernel_, setup, "def add(a, b=2, *, scale=1.0):\n    \"\"\"Adds two numbers.\"\"\"\n    return (a + b) * scale", "def");
    QSignalSpy replies(&kernel_, &KernelClient::inspectReply);
    kernel_.inspect(QStringLiteral("add("), 4);
    kernel_.inspect(QStringLiteral("no_such_name"), 3);
    QTRY_COMPARE_WITH_TIMEOUT(replies.size(), 2, 10000);
    const auto found = replies[0][1].value<InspectReply>();
    QVERIFY(found.found);
    QCOMPARE(found.name, QStringLiteral("add"));
    QCOMPARE(found.signature, QStringLiteral("(a, b=2, *, scale=1.0)"));
    QCOMPARE(found.docstring, QStringLiteral("Adds two numbers."));
    QCOMPARE(found.typeName, QStringLiteral("function"));
    QVERIFY(!replies[1][1].value<InspectReply>().found);
  }

  void osExitReportedAsDied() {
    KernelClient kernel;
    QVERIFY(startAndWaitIdle(kernel));
    QSignalSpy died(&kernel, &KernelClient::died);
    RequestRecord record(kernel, kernel.execute(QStringLiteral("import os\nos._exit(3)"), QStringLiteral("exit")));
    QTRY_COMPARE_WITH_TIMEOUT(died.size(), 1, 10000);
    QCOMPARE(died[0][0].toInt(), 3);
    QVERIFY(!record.failure.isEmpty());  // the pending execute was failed, not left hanging
    QCOMPARE(kernel.state(), KernelClient::State::Dead);
  }

  void segfaultReportedAsDied() {
    KernelClient kernel;
    QVERIFY(startAndWaitIdle(kernel));
    QSignalSpy died(&kernel, &KernelClient::died);
    RequestRecord record(kernel, kernel.execute(QStringLiteral("import ctypes\nctypes.string_at(0)"), QStringLiteral("crash")));
    QTRY_COMPARE_WITH_TIMEOUT(died.size(), 1, 10000);
    QCOMPARE(died[0][0].toInt(), SIGSEGV);
    const QString description = died[0][1].toString();
    QVERIFY2(description.contains(QStringLiteral("signal %1").arg(SIGSEGV)), qPrintable(description));
    QVERIFY(!record.failure.isEmpty());
    // The client is reusable: a restart gives a fresh, working kernel.
    kernel.restart();
    QTRY_COMPARE_WITH_TIMEOUT(kernel.state(), KernelClient::State::Idle, 30000);
    KUSARI_RUN_CELL(kernel, after, "print(6 * 7)", "after");
    QCOMPARE(after.out, QStringLiteral("42\n"));
  }

  void restartForgetsState() {
    KernelClient kernel;
    QVERIFY(startAndWaitIdle(kernel));
    KUSARI_RUN_CELL(kernel, define, "forgotten = 1", "r1");
    const qint64 oldPid = kernel.processId();
    QSignalSpy died(&kernel, &KernelClient::died);
    kernel.restart();
    QTRY_COMPARE_WITH_TIMEOUT(kernel.state(), KernelClient::State::Idle, 30000);
    QVERIFY(kernel.processId() != oldPid);
    KUSARI_RUN_CELL(kernel, use, "forgotten", "r2");
    QCOMPARE(use.errors.size(), 1);
    QCOMPARE(use.errors[0].ename, QStringLiteral("NameError"));
    QCOMPARE(died.size(), 0);
  }

  void shutdownStopsKernel() {
    KernelClient kernel;
    QVERIFY(startAndWaitIdle(kernel));
    QSignalSpy stopped(&kernel, &KernelClient::stopped);
    QSignalSpy died(&kernel, &KernelClient::died);
    kernel.shutdown();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 10000);
    QCOMPARE(died.size(), 0);
    QCOMPARE(kernel.state(), KernelClient::State::NotRunning);
  }

  void missingProgramReportedAsDied() {
    KernelClient kernel;
    kernel.setKernelProgram(QStringLiteral("/nonexistent/kusari-kernel"));
    QSignalSpy died(&kernel, &KernelClient::died);
    kernel.start();
    QTRY_COMPARE_WITH_TIMEOUT(died.size(), 1, 10000);
    QVERIFY(died[0][1].toString().contains(QStringLiteral("cannot start")));
  }
};

QTEST_GUILESS_MAIN(TestKernel)
#include "test_kernel.moc"
