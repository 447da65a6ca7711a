// Reading and writing .ipynb: Jupyter's exact on-disk format, upgrades, preservation of what
// the studio does not understand, errors that say what and where, and nbformat's validator.
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "ipynb/jupyter_json.h"
#include "studio_test_support.h"

using namespace kusari::studio;
using namespace kusari::test_support;

class TestIpynb : public QObject {
  Q_OBJECT

  static QByteArray minimal(const QByteArray& cells) {
    return R"({"cells": )" + cells + R"(, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
  }

 private slots:
  void jupyterFileResavesByteIdentical() {
    const QByteArray original = readAll(studioData("jupyter_written.ipynb"));
    QVERIFY(!original.isEmpty());
    Notebook notebook;
    loadIpynb(original, notebook);
    const QByteArray resaved = serializeIpynb(notebook);
    if (resaved != original) {
      const QList<QByteArray> a = original.split('\n'), b = resaved.split('\n');
      for (int i = 0; i < std::min(a.size(), b.size()); ++i)
        QVERIFY2(a[i] == b[i], qPrintable(QStringLiteral("line %1: %2 vs %3").arg(i + 1).arg(a[i], b[i])));
      QCOMPARE(resaved.size(), original.size());
    }
  }

  void jupyterFileContents() {
    Notebook notebook;
    loadIpynbFile(studioData("jupyter_written.ipynb"), notebook);
    QVERIFY(!notebook.isModified());
    QCOMPARE(notebook.cellCount(), 6);
    QCOMPARE(notebook.cell(0).type, CellType::Markdown);
    QCOMPARE(notebook.cell(0).source, QString::fromUtf8("# Kusari — a first notebook\n\nÜnïcödé text, \"quotes\" and a tab:\there."));
    QCOMPARE(notebook.cell(0).metadata[QStringLiteral("tags")].toArray().at(0).toString(), QStringLiteral("intro"));
    const Cell& code = notebook.cell(1);
    QCOMPARE(code.id, QStringLiteral("a8b7c6d5-e4f3"));
    QCOMPARE(code.executionCount, std::optional<int>(1));
    QCOMPARE(code.outputs.size(), 2);
    QCOMPARE(code.outputs[0][QStringLiteral("text")].toString(), QStringLiteral("hello\nworld\n"));
    QCOMPARE(code.metadata[QStringLiteral("my_extension")].toObject()[QStringLiteral("ratio")].toDouble(), 0.25);
    const Cell& results = notebook.cell(2);
    QCOMPARE(results.outputs[0][QStringLiteral("data")].toObject()[QStringLiteral("text/plain")].toString(), QStringLiteral("42"));
    QCOMPARE(results.outputs[2][QStringLiteral("output_type")].toString(), QStringLiteral("kusari_future_output"));
    QCOMPARE(notebook.cell(3).outputs[0][QStringLiteral("traceback")].toArray().size(), 4);
    QCOMPARE(notebook.cell(4).source, QString());
    QCOMPARE(notebook.cell(4).executionCount, std::nullopt);
    QCOMPARE(notebook.cell(5).type, CellType::Raw);
    QCOMPARE(notebook.metadata()[QStringLiteral("my_custom_key")].toObject()[QStringLiteral("author")].toString(),
             QString::fromUtf8("日本語"));
  }

  void sourceAsStringOrLines_data() {
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << QByteArray(R"("a = 1\nb = 2")") << "a = 1\nb = 2";
    QTest::newRow("lines") << QByteArray(R"(["a = 1\n", "b = 2"])") << "a = 1\nb = 2";
    QTest::newRow("lines, final newline") << QByteArray(R"(["a = 1\n", "b = 2\n"])") << "a = 1\nb = 2\n";
    QTest::newRow("uneven split") << QByteArray(R"(["a =", " 1\nb", " = 2"])") << "a = 1\nb = 2";
    QTest::newRow("empty list") << QByteArray("[]") << "";
    QTest::newRow("crlf") << QByteArray(R"("x\r\ny")") << "x\r\ny";
  }
  void sourceAsStringOrLines() {
    QFETCH(QByteArray, source);
    QFETCH(QString, expected);
    Notebook notebook;
    loadIpynb(minimal(R"([{"cell_type": "code", "id": "x", "metadata": {}, "execution_count": null, "outputs": [], "source": )" +
                      source + "}]"),
              notebook);
    QCOMPARE(notebook.cell(0).source, expected);
    // Written back as lines that each keep their line break, joined they give the source.
    const QJsonArray lines = cellToJson(notebook.cell(0))[QStringLiteral("source")].toArray();
    QString joined;
    for (int i = 0; i < lines.size(); ++i) {
      const QString line = lines[i].toString();
      if (i + 1 < lines.size()) QVERIFY2(line.endsWith(QLatin1Char('\n')), qPrintable(line));
      joined += line;
    }
    QCOMPARE(joined, expected);
  }

  void upgradesNbformat44() {
    Notebook notebook;
    loadIpynbFile(studioData("v44_string_sources.ipynb"), notebook);
    QCOMPARE(notebook.nbformatMinor(), 5);
    QCOMPARE(notebook.cellCount(), 2);
    QSet<QString> ids;
    for (const Cell& cell : notebook.cells()) {
      QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(cell.id).hasMatch(), qPrintable(cell.id));
      ids.insert(cell.id);
    }
    QCOMPARE(ids.size(), 2);
    QCOMPARE(notebook.cell(1).outputs[0][QStringLiteral("text")].toString(), QStringLiteral("one\ntwo\n"));
    QCOMPARE(notebook.cell(1).metadata[QStringLiteral("scrolled")].toBool(), true);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upgraded.ipynb"));
    saveIpynbFile(path, notebook);
    QCOMPARE(nbformatValidationError(path), QString());
    const QByteArray saved = readAll(path);
    QVERIFY(saved.contains("\"nbformat_minor\": 5"));
    QVERIFY(saved.contains("   \"source\": [\n    \"print('one')\\n\",\n    \"print('two')\\n\",\n    \"1 + 2\"\n   ]"));
    QVERIFY(saved.endsWith("}\n"));
  }

  void writtenNotebookValidates() {
    Notebook notebook;
    notebook.setMetadata({{QStringLiteral("kusari"), QJsonObject{{QStringLiteral("device"), QStringLiteral("cpu")}}}});
    Cell code;
    code.source = QStringLiteral("import numpy as np\nprint('x')\nnp.zeros(3)");
    code.executionCount = 4;
    code.outputs = {
        {{QStringLiteral("output_type"), QStringLiteral("stream")}, {QStringLiteral("name"), QStringLiteral("stdout")},
         {QStringLiteral("text"), QStringLiteral("x\ny\n")}},
        {{QStringLiteral("output_type"), QStringLiteral("display_data")}, {QStringLiteral("metadata"), QJsonObject()},
         {QStringLiteral("data"),
          QJsonObject{{QStringLiteral("text/plain"), QStringLiteral("array([0., 0., 0.])")},
                      {QStringLiteral("application/vnd.kusari.tensor+json"),
                       QJsonObject{{QStringLiteral("shape"), QJsonArray{3}}, {QStringLiteral("dtype"), QStringLiteral("float64")}}}}}},
        {{QStringLiteral("output_type"), QStringLiteral("execute_result")}, {QStringLiteral("execution_count"), 4},
         {QStringLiteral("metadata"), QJsonObject()}, {QStringLiteral("data"), QJsonObject{{QStringLiteral("text/plain"), QStringLiteral("1")}}}},
        {{QStringLiteral("output_type"), QStringLiteral("error")}, {QStringLiteral("ename"), QStringLiteral("ValueError")},
         {QStringLiteral("evalue"), QStringLiteral("bad")}, {QStringLiteral("traceback"), QJsonArray{QStringLiteral("line\n")}}}};
    notebook.insertCell(0, code);
    Cell markdown;
    markdown.type = CellType::Markdown;
    markdown.source = QString::fromUtf8("# Title ✓\n\nText");
    notebook.insertCell(1, markdown);
    Cell raw;
    raw.type = CellType::Raw;
    notebook.insertCell(2, raw);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("written.ipynb"));
    saveIpynbFile(path, notebook);
    QCOMPARE(nbformatValidationError(path), QString());
    // What we wrote reads back to the same model.
    Notebook reread;
    loadIpynbFile(path, reread);
    QCOMPARE(reread.cellCount(), 3);
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(reread.cell(i).id, notebook.cell(i).id);
      QCOMPARE(reread.cell(i).source, notebook.cell(i).source);
      QCOMPARE(reread.cell(i).outputs, notebook.cell(i).outputs);
      QCOMPARE(reread.cell(i).executionCount, notebook.cell(i).executionCount);
    }
    QCOMPARE(serializeIpynb(reread), readAll(path));
  }

  // The validator itself must be able to say no, or the tests above prove nothing.
  void validatorRejectsInvalidNotebook() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("invalid.ipynb"));
    QVERIFY(writeAll(path, minimal(R"([{"cell_type": "code", "id": "x", "metadata": {}, "source": ""}])")));
    QVERIFY(!nbformatValidationError(path).isEmpty());
  }

  void malformed_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    using K = IpynbError::Kind;
    QTest::newRow("empty") << QByteArray("  \n") << int(K::NotJson) << "the file is empty";
    QTest::newRow("not json") << QByteArray("{\n \"cells\": [\n  }\n") << int(K::NotJson) << "not valid JSON at line 3, column 3";
    QTest::newRow("plain text") << QByteArray("hello") << int(K::NotJson) << "not valid JSON at line 1, column 1";
    QTest::newRow("json list") << QByteArray("[1, 2]") << int(K::NotNotebook) << "not a notebook: the top level is a JSON list";
    QTest::newRow("no nbformat") << QByteArray(R"({"cells": []})") << int(K::NotNotebook) << "not a notebook: there is no 'nbformat' key";
    QTest::newRow("nbformat 3") << QByteArray(R"({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}})")
                                << int(K::UnsupportedVersion) << "nbformat 3 notebooks are not supported, only nbformat 4";
    QTest::newRow("nbformat text") << QByteArray(R"({"nbformat": "4", "cells": []})") << int(K::InvalidContent)
                                   << "'nbformat' must be an integer, not a string";
    QTest::newRow("no cells") << QByteArray(R"({"nbformat": 4, "nbformat_minor": 5, "metadata": {}})") << int(K::NotNotebook)
                              << "not a notebook: there is no 'cells' list";
    QTest::newRow("cells object") << minimal("{}") << int(K::InvalidContent) << "'cells' must be a list, not an object";
    QTest::newRow("metadata list") << QByteArray(R"({"nbformat": 4, "nbformat_minor": 5, "metadata": [], "cells": []})")
                                   << int(K::InvalidContent) << "'metadata' must be an object, not a list";
    QTest::newRow("cell not object") << minimal("[3]") << int(K::InvalidContent) << "cell 1: a cell must be an object, not a number";
    QTest::newRow("no cell_type") << minimal(R"([{"source": "x", "metadata": {}}])") << int(K::InvalidContent)
                                  << "cell 1: 'cell_type' is missing";
    QTest::newRow("unknown cell_type") << minimal(R"([{"cell_type": "heading", "source": "x"}])") << int(K::InvalidContent)
                                       << "cell 1: unknown cell_type 'heading' (expected code, markdown or raw)";
    QTest::newRow("source number") << minimal(R"([{"cell_type": "raw", "source": ""}, {"cell_type": "raw", "source": ""},
                                                  {"cell_type": "markdown", "source": 5}])")
                                   << int(K::InvalidContent) << "cell 3: 'source' must be a string or a list of strings";
    QTest::newRow("source list of numbers") << minimal(R"([{"cell_type": "markdown", "source": ["a", 1]}])") << int(K::InvalidContent)
                                            << "cell 1: 'source' must be a string or a list of strings";
    QTest::newRow("no source") << minimal(R"([{"cell_type": "markdown"}])") << int(K::InvalidContent) << "cell 1: 'source' is missing";
    QTest::newRow("bad id") << minimal(R"([{"cell_type": "raw", "id": "a b", "source": ""}])") << int(K::InvalidContent)
                            << "cell 1: 'id' must be 1 to 64 letters, digits, '-' or '_', not 'a b'";
    QTest::newRow("cell metadata list") << minimal(R"([{"cell_type": "raw", "metadata": [], "source": ""}])") << int(K::InvalidContent)
                                        << "cell 1: 'metadata' must be an object, not a list";
    QTest::newRow("outputs string") << minimal(R"([{"cell_type": "code", "source": "", "outputs": "none"}])") << int(K::InvalidContent)
                                    << "cell 1: 'outputs' must be a list, not a string";
    QTest::newRow("count string") << minimal(R"([{"cell_type": "code", "source": "", "execution_count": "1", "outputs": []}])")
                                  << int(K::InvalidContent) << "cell 1: 'execution_count' must be an integer or null, not a string";
    QTest::newRow("output without type")
        << minimal(R"([{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout", "text": ""}, {}]}])")
        << int(K::InvalidContent) << "cell 1, output 2: 'output_type' is missing";
    QTest::newRow("stream text number")
        << minimal(R"([{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout", "text": 1}]}])")
        << int(K::InvalidContent) << "cell 1, output 1: 'text' must be a string or a list of strings";
    QTest::newRow("display data list")
        << minimal(R"([{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data", "data": []}]}])")
        << int(K::InvalidContent) << "cell 1, output 1: 'data' must be an object, not a list";
    QTest::newRow("traceback string")
        << minimal(R"([{"cell_type": "code", "source": "", "outputs": [{"output_type": "error", "ename": "E", "evalue": "", "traceback": "x"}]}])")
        << int(K::InvalidContent) << "cell 1, output 1: 'traceback' must be a list of strings";
  }
  void malformed() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, kind);
    QFETCH(QString, message);
    Notebook notebook;
    Cell kept;
    kept.source = QStringLiteral("kept");
    notebook.insertCell(0, kept);
    try {
      loadIpynb(bytes, notebook);
      QFAIL("no IpynbError");
    } catch (const IpynbError& e) {
      QVERIFY2(e.message().startsWith(message), qPrintable(e.message()));
      QCOMPARE(int(e.kind()), kind);
      if (e.kind() == IpynbError::Kind::NotJson) QVERIFY(e.line() >= 1 && e.column() >= 1);
    }
    QCOMPARE(notebook.cellCount(), 1);  // a failed load changes nothing
    QCOMPARE(notebook.cell(0).source, QStringLiteral("kept"));
  }

  void unreadableAndUnwritableFiles() {
    Notebook notebook;
    QTemporaryDir dir;
    try {
      loadIpynbFile(dir.filePath(QStringLiteral("missing.ipynb")), notebook);
      QFAIL("no IpynbError");
    } catch (const IpynbError& e) {
      QCOMPARE(e.kind(), IpynbError::Kind::Io);
      QVERIFY2(e.message().contains(QStringLiteral("missing.ipynb")), qPrintable(e.message()));
    }
    try {
      saveIpynbFile(dir.filePath(QStringLiteral("no/such/dir/x.ipynb")), notebook);
      QFAIL("no IpynbError");
    } catch (const IpynbError& e) {
      QCOMPARE(e.kind(), IpynbError::Kind::Io);
    }
  }

  void pythonFloats_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("repr");  // what CPython's repr() prints
    QTest::newRow("0.1") << 0.1 << QByteArray("0.1");
    QTest::newRow("1.0") << 1.0 << QByteArray("1.0");
    QTest::newRow("-0.0") << -0.0 << QByteArray("-0.0");
    QTest::newRow("0.25") << 0.25 << QByteArray("0.25");
    QTest::newRow("123.456") << 123.456 << QByteArray("123.456");
    QTest::newRow("1e15") << 1e15 << QByteArray("1000000000000000.0");
    QTest::newRow("1e16") << 1e16 << QByteArray("1e+16");
    QTest::newRow("1.5e16") << 1.5e16 << QByteArray("1.5e+16");
    QTest::newRow("0.0001") << 0.0001 << QByteArray("0.0001");
    QTest::newRow("1e-05") << 1e-5 << QByteArray("1e-05");
    QTest::newRow("-3.5e20") << -3.5e20 << QByteArray("-3.5e+20");
    QTest::newRow("1/3") << 1.0 / 3 << QByteArray("0.3333333333333333");
    QTest::newRow("max") << 1.7976931348623157e308 << QByteArray("1.7976931348623157e+308");
    QTest::newRow("denormal") << 5e-324 << QByteArray("5e-324");
  }
  void pythonFloats() {
    QFETCH(double, value);
    QFETCH(QByteArray, repr);
    QCOMPARE(pythonFloatRepr(value), repr);
  }

  void jsonEscapesLikePython() {
    const QString s = QString::fromUtf8("a\"b\\c\n\t\x01 é 🙂 \x7f");
    QCOMPARE(toJupyterJson(QJsonValue(s)), QByteArray("\"a\\\"b\\\\c\\n\\t\\u0001 é 🙂 \x7f\""));
    QCOMPARE(toJupyterJson(QJsonObject{{QStringLiteral("b"), QJsonArray{}}, {QStringLiteral("a"), QJsonObject{}}}),
             QByteArray("{\n \"a\": {},\n \"b\": []\n}"));
  }
};

QTEST_GUILESS_MAIN(TestIpynb)
#include "test_ipynb.moc"
