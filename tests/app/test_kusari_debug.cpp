// kusari-debug, the terminal debugger, run as a process with scripted standard input: a line
// breakpoint in a Chain's forward, p / tensor / nextop / graph / where / continue; up / down /
// list; break nan;
// a failing script's exit status; a breakpoint in a notebook cell.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "debugger_test_support.h"

namespace {

// Line 12: forward's first line; 13: its return.
const char* kChainScript =
    KUSARI_TEST_MLP_SOURCE
    "y = model(np.ones((2, 3), np.float32))\n"
    "print('result', y.shape)\n";

const char* kNanScript =
    "import numpy as np\n"
    "import kusari\n"
    "import kusari.functions as F\n"
    "x = kusari.Variable(np.array([1., 2.], np.float32))\n"
    "h = F.log(x - 10)\n"
    "loss = F.sum(F.exp(h))\n"
    "print('loss', float(loss.array))\n";

// Fails unless the parts appear in the text in order; arguments as outOfOrder's.
#define VERIFY_IN_ORDER(...)                             \
  do {                                                   \
    const QString why_ = outOfOrder(__VA_ARGS__);        \
    QVERIFY2(why_.isEmpty(), qPrintable(why_));          \
  } while (0)

struct Outcome {
  int status = -1;
  QString out, err;
};

}  // namespace

class TestKusariDebug : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  QString write(const QString& name, const QByteArray& text) {
    QFile f(dir_.filePath(name));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(text);
    return f.fileName();
  }

  Outcome debug(const QStringList& arguments, const QString& commands) {
    QProcess p;
    p.setWorkingDirectory(dir_.path());
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/kusari-debug"), arguments);
    Outcome o;
    if (!p.waitForStarted(10000)) return o;
    p.write(commands.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) p.kill();
    o.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    return o;
  }

  // "" when the parts of `text` appear in this order (each after the previous one), else which part
  // is missing, with the whole text (and `context`, e.g. stderr) to read.
  static QString outOfOrder(const QString& text, const QStringList& parts, const QString& context = {}) {
    qsizetype at = 0;
    for (const QString& part : parts) {
      const qsizetype i = text.indexOf(part, at);
      if (i < 0) return QStringLiteral("missing %1 in:\n%2\n%3").arg(part, text, context);
      at = i + part.size();
    }
    return {};
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void breakInForwardThenInspectAndStep() {
    const QString script = write(QStringLiteral("chain.py"), kChainScript);
    const Outcome o = debug({script}, QStringLiteral("break chain.py:13\n"
                                                     "run\n"
                                                     "p x.shape\n"
                                                     "tensor h\n"
                                                     "where\n"
                                                     "nextop\n"
                                                     "graph\n"
                                                     "continue\n"));
    QVERIFY2(o.status == 0, qPrintable(o.out + o.err));
    VERIFY_IN_ORDER(o.out, {QStringLiteral("Breakpoint 1 at %1:13\n").arg(script),
                            QStringLiteral("> %1(13)forward()\n-> return self.l2(h)\n").arg(script),
                            QStringLiteral("(kdb) p x.shape\n(2, 3)\n"),
                            QStringLiteral("h: Variable float32 (2, 4) cpu  min "),
                            QStringLiteral("(kdb) where\n"),
                            QStringLiteral("  %1(15)<module>()\n-> y = model(np.ones((2, 3), np.float32))\n").arg(script),
                            QStringLiteral("> %1(13)forward()\n").arg(script),
                            QStringLiteral("(kdb) nextop\nStopped (next_op): stepped to linear (forward)"),
                            QStringLiteral("  input 0: float32 (2, 4)"),
                            QStringLiteral("  output 0: float32 (2, 2)"),
                            QStringLiteral("> %1(13)forward()\n").arg(script),
                            QStringLiteral("(kdb) graph\n"),
                            QStringLiteral("  linear  [l1]  (2, 3) W=(4, 3) b=(4,) -> (2, 4)  at chain.py:12\n"),
                            QStringLiteral("  relu  (2, 4) -> (2, 4)  at chain.py:12\n"),
                            QStringLiteral("  linear  [l2]  (2, 4) W=(2, 4) b=(2,) -> (2, 2)  at chain.py:13\n"),
                            QStringLiteral("(kdb) continue\nresult (2, 2)\n")}, o.err);
    QVERIFY2(!o.out.contains(QStringLiteral("kusari-debug-main")), qPrintable(o.out));  // the runner cell is hidden
  }

  void upDownAndListChooseTheFrame() {
    const QString script = write(QStringLiteral("frames.py"), kChainScript);
    const Outcome o = debug({script}, QStringLiteral("break frames.py:13\n"
                                                     "run\n"
                                                     "list\n"
                                                     "up\n"
                                                     "list\n"
                                                     "p x\n"
                                                     "where\n"
                                                     "up\n"
                                                     "down\n"
                                                     "p x.shape\n"
                                                     "down\n"
                                                     "continue\n"));
    QVERIFY2(o.status == 0, qPrintable(o.out + o.err));
    VERIFY_IN_ORDER(o.out, {QStringLiteral("> %1(13)forward()\n-> return self.l2(h)\n").arg(script),
                            QStringLiteral("(kdb) list\n   8    \t        with self.init_scope():\n"),
                            QStringLiteral("  12    \t        h = F.relu(self.l1(x))\n"
                                           "  13 B->\t        return self.l2(h)\n"
                                           "  14    \tmodel = MLP()\n"),
                            QStringLiteral("(kdb) up\n> %1(15)<module>()\n").arg(script),
                            QStringLiteral("(kdb) list\n  10    \t"),
                            QStringLiteral("  15  ->\ty = model(np.ones((2, 3), np.float32))\n"
                                           "  16    \tprint('result', y.shape)\n(kdb) p x\n"),
                            QStringLiteral("(kdb) where\n> %1(15)<module>()\n").arg(script),
                            QStringLiteral("  %1(13)forward()\n").arg(script),
                            QStringLiteral("(kdb) down\n> %1(13)forward()\n").arg(script),
                            QStringLiteral("(kdb) p x.shape\n(2, 3)\n"),
                            QStringLiteral("(kdb) continue\nresult (2, 2)\n")}, o.err);
    // In the module's frame x does not exist; above it and below forward there is nothing.
    VERIFY_IN_ORDER(o.err, {QStringLiteral("NameError"), QStringLiteral("*** Oldest frame\n"),
                            QStringLiteral("*** Newest frame\n")});
  }

  void breakNanStopsAtTheLineThatMadeIt() {
    const QString script = write(QStringLiteral("nan.py"), kNanScript);
    const Outcome o = debug({script}, QStringLiteral("break nan\nrun\np x.shape\ncontinue\n"));
    QVERIFY2(o.status == 0, qPrintable(o.out + o.err));
    VERIFY_IN_ORDER(o.out, {QStringLiteral("Breakpoint 1 at the first NaN/Inf\n"),
                            QStringLiteral("Stopped (nan): log produced NaN (2 of 2 elements)"),
                            QStringLiteral("  output 0: float32 (2,) cpu  min 0 max 0 mean 0 std 0  nan 2 inf 0\n"),
                            QStringLiteral("> %1(5)<module>()\n-> h = F.log(x - 10)\n").arg(script),
                            QStringLiteral("(2,)\n"), QStringLiteral("loss nan\n")}, o.err);
    QCOMPARE(o.out.count(QStringLiteral("Stopped")), 1);
  }

  void failingScriptExitsWithOne() {
    const QString script = write(QStringLiteral("fail.py"), "print('before')\nraise ValueError('bad value')\n");
    const Outcome o = debug({script}, QStringLiteral("run\n"));
    QCOMPARE(o.status, 1);
    QVERIFY(o.out.contains(QStringLiteral("before\n")));
    QVERIFY2(o.err.contains(QStringLiteral("ValueError: bad value")), qPrintable(o.err));
    QVERIFY2(o.err.contains(QStringLiteral("fail.py\", line 2, in <module>")), qPrintable(o.err));
    QVERIFY2(!o.err.contains(QStringLiteral("kusari-debug-main")), qPrintable(o.err));
    const QString exits = write(QStringLiteral("exit3.py"), "import sys\nsys.exit(3)\n");
    QCOMPARE(debug({exits}, QStringLiteral("run\n")).status, 3);
  }

  void notebookCellBreakpoint() {
    const QByteArray notebook = R"({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
      {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": "# title"},
      {"cell_type": "code", "id": "first", "metadata": {}, "execution_count": null, "outputs": [], "source": "a = 1\nb = 2\n"},
      {"cell_type": "code", "id": "second", "metadata": {}, "execution_count": null, "outputs": [],
       "source": ["c = a + b\n", "print('c is', c)\n"]}]})";
    const QString path = write(QStringLiteral("nb.ipynb"), notebook);
    const Outcome o = debug({path}, QStringLiteral("break cell2:2\nbreak cell9:1\nrun\np c * 10\ncontinue\n"));
    QVERIFY2(o.status == 0, qPrintable(o.out + o.err));
    VERIFY_IN_ORDER(o.out, {QStringLiteral("Breakpoint 1 at cell2:2\n"), QStringLiteral("> cell2(2)<module>()\n-> print('c is', c)\n"),
                            QStringLiteral("30\n"), QStringLiteral("c is 3\n")}, o.err);
    QVERIFY(o.err.contains(QStringLiteral("cell9: the notebook has 2 code cells")));
  }
};

QTEST_GUILESS_MAIN(TestKusariDebug)
#include "test_kusari_debug.moc"
