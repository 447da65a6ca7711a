// runHeadless (kusari-studio --execute) in-process: outputs written, errors and timeouts
// reported by cell with the right exit code, bad input refused without touching the file.
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>
#include <unistd.h>

#include "headless/headless_runner.h"
#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "studio_test_support.h"

using namespace kusari::studio;
using namespace kusari::test_support;

namespace {

struct Result {
  int exitCode = -1;
  QString stderrText;
};

// runHeadless with its stderr captured (it reports through the process's stderr).
Result runCaptured(const QStringList& arguments) {
  QTemporaryFile capture;
  if (!capture.open()) return {};
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  dup2(capture.handle(), STDERR_FILENO);
  Result result;
  result.exitCode = runHeadless(arguments);
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  capture.seek(0);
  result.stderrText = QString::fromUtf8(capture.readAll());
  return result;
}

Cell code(const QString& id, const QString& source, QVector<QJsonObject> outputs = {}) {
  Cell cell;
  cell.id = id;
  cell.source = source;
  cell.outputs = std::move(outputs);
  if (!cell.outputs.isEmpty()) cell.executionCount = 99;
  return cell;
}

QString writeNotebook(const QTemporaryDir& dir, const QString& name, const QList<Cell>& cells) {
  Notebook notebook;
  for (const Cell& cell : cells) notebook.insertCell(notebook.cellCount(), cell);
  const QString path = dir.filePath(name);
  saveIpynbFile(path, notebook);
  return path;
}

QString streamText(const Cell& cell) {
  QString text;
  for (const QJsonObject& o : cell.outputs) text += o.value(QStringLiteral("text")).toString();
  return text;
}

}  // namespace

class TestHeadless : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void successWritesOutputs() {
    Cell markdown;
    markdown.type = CellType::Markdown;
    markdown.source = QStringLiteral("# Title");
    const QString in = writeNotebook(dir_, "ok.ipynb", {code("a", "x = 6\nprint(x)"), markdown, code("b", "x * 7")});
    const QByteArray before = readAll(in);
    const QString out = dir_.filePath(QStringLiteral("ok.out.ipynb"));
    const Result r = runCaptured({"--execute", in, "-o", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(readAll(in), before);  // -o given: the input is untouched
    Notebook executed;
    loadIpynbFile(out, executed);
    QCOMPARE(streamText(executed.cell(0)), QStringLiteral("6\n"));
    QCOMPARE(executed.cell(0).executionCount, std::optional<int>(1));
    QCOMPARE(executed.cell(2).executionCount, std::optional<int>(2));
    QCOMPARE(executed.cell(2).outputs[0][QStringLiteral("data")].toObject()[QStringLiteral("text/plain")].toString(),
             QStringLiteral("42"));
    QCOMPARE(nbformatValidationError(out), QString());
  }

  void withoutOutputOverwritesInput() {
    const QString in = writeNotebook(dir_, "inplace.ipynb", {code("a", "print('in place')")});
    const Result r = runCaptured({"--execute", in});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    Notebook executed;
    loadIpynbFile(in, executed);
    QCOMPARE(streamText(executed.cell(0)), QStringLiteral("in place\n"));
  }

  void errorStopsAndNamesTheCell() {
    const QJsonObject old{{QStringLiteral("output_type"), QStringLiteral("stream")}, {QStringLiteral("name"), QStringLiteral("stdout")},
                          {QStringLiteral("text"), QStringLiteral("old output\n")}};
    const QString in = writeNotebook(dir_, "error.ipynb",
                                     {code("first", "print('ran')"), code("bad", "y = 1\n1 / 0"), code("later", "print('never')", {old})});
    const QString out = dir_.filePath(QStringLiteral("error.out.ipynb"));
    const Result r = runCaptured({"--execute", in, "-o", out});
    QCOMPARE(r.exitCode, kHeadlessCellFailed);
    QVERIFY2(r.stderrText.contains(QStringLiteral("cell 2 (id 'bad') failed: ZeroDivisionError: division by zero")),
             qPrintable(r.stderrText));
    Notebook executed;
    loadIpynbFile(out, executed);  // written: what ran, the error included
    QCOMPARE(streamText(executed.cell(0)), QStringLiteral("ran\n"));
    QCOMPARE(executed.cell(1).outputs.last()[QStringLiteral("ename")].toString(), QStringLiteral("ZeroDivisionError"));
    QCOMPARE(streamText(executed.cell(2)), QStringLiteral("old output\n"));  // never ran: kept as it was
    QCOMPARE(executed.cell(2).executionCount, std::optional<int>(99));
  }

  void malformedInputRefused_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{\"cells\": [") << "not valid JSON at line 1";
    QTest::newRow("nbformat 3") << QByteArray(R"({"nbformat": 3, "worksheets": []})") << "nbformat 3 notebooks are not supported";
    QTest::newRow("bad cell") << QByteArray(R"({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]})")
                              << "cell 1: 'source' is missing";
  }
  void malformedInputRefused() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString in = dir_.filePath(QStringLiteral("malformed.ipynb"));
    QVERIFY(writeAll(in, bytes));
    const Result r = runCaptured({"--execute", in});
    QCOMPARE(r.exitCode, kHeadlessBadInput);
    QVERIFY2(r.stderrText.contains(in) && r.stderrText.contains(message), qPrintable(r.stderrText));
    QCOMPARE(readAll(in), bytes);
  }

  void badArguments_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no notebook") << QStringList{"--execute"};
    QTest::newRow("bad timeout") << QStringList{"--execute", "x.ipynb", "--timeout", "soon"};
    QTest::newRow("unknown option") << QStringList{"--execute", "x.ipynb", "--frobnicate"};
    QTest::newRow("missing file") << QStringList{"--execute", "/nonexistent/x.ipynb"};
  }
  void badArguments() {
    QFETCH(QStringList, arguments);
    const Result r = runCaptured(arguments);
    QCOMPARE(r.exitCode, kHeadlessBadInput);
    QVERIFY(!r.stderrText.isEmpty());
  }

  void cellTimeout() {
    const QString in = writeNotebook(dir_, "slow.ipynb", {code("quick", "print('quick')"), code("slow", "import time\ntime.sleep(60)"),
                                                         code("after", "print('after')")});
    const Result r = runCaptured({"--execute", in, "--timeout", "1"});
    QCOMPARE(r.exitCode, kHeadlessTimeout);
    QVERIFY2(r.stderrText.contains(QStringLiteral("cell 2 (id 'slow') timed out after 1 s")), qPrintable(r.stderrText));
    Notebook executed;
    loadIpynbFile(in, executed);
    QCOMPARE(streamText(executed.cell(0)), QStringLiteral("quick\n"));
    QCOMPARE(executed.cell(1).outputs.last()[QStringLiteral("ename")].toString(), QStringLiteral("KeyboardInterrupt"));
    QVERIFY(executed.cell(2).outputs.isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "test_headless.moc"
