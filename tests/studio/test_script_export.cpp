// Export to a Python script in Jupytext's percent format.
#include <QTemporaryDir>
#include <QTest>

#include "ipynb/ipynb_reader.h"
#include "ipynb/script_export.h"
#include "studio_test_support.h"

using namespace kusari::studio;
using namespace kusari::test_support;

class TestScriptExport : public QObject {
  Q_OBJECT

  static void add(Notebook& notebook, CellType type, const QString& source) {
    Cell cell;
    cell.type = type;
    cell.source = source;
    notebook.insertCell(notebook.cellCount(), cell);
  }

 private slots:
  void percentFormat() {
    Notebook notebook;
    add(notebook, CellType::Markdown, QStringLiteral("# Title\n\nSome *text*.\n"));
    add(notebook, CellType::Code, QStringLiteral("import numpy as np\nx = np.ones(3)\n"));
    add(notebook, CellType::Code, QString());
    add(notebook, CellType::Raw, QStringLiteral("raw"));
    add(notebook, CellType::Code, QStringLiteral("def f():\n\n    return 1"));
    const QString expected = QStringLiteral(
        "# %% [markdown]\n"
        "# # Title\n"
        "#\n"
        "# Some *text*.\n"
        "\n"
        "# %%\n"
        "import numpy as np\n"
        "x = np.ones(3)\n"
        "\n"
        "# %%\n"
        "\n"
        "# %% [raw]\n"
        "# raw\n"
        "\n"
        "# %%\n"
        "def f():\n"
        "\n"
        "    return 1\n");
    QCOMPARE(exportPythonScript(notebook), expected);
  }

  void emptyNotebookIsEmptyScript() {
    Notebook notebook;
    QCOMPARE(exportPythonScript(notebook), QString());
  }

  // The script of a real notebook is valid Python that runs its code cells in order.
  void exportedFileCompilesAndRuns() {
    Notebook notebook;
    loadIpynbFile(studioData("v44_string_sources.ipynb"), notebook);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("script.py"));
    exportPythonScriptFile(path, notebook);
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {path});
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.readAllStandardOutput(), QByteArray("one\ntwo\n"));
  }
};

QTEST_GUILESS_MAIN(TestScriptExport)
#include "test_script_export.moc"
