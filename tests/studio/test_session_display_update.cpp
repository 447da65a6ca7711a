// update_display_data through NotebookSession and `kusari-studio --execute`: the output shown
// with a display id is replaced in place (not appended), also from a later cell, only while it
// is still there; the written .ipynb holds the latest content and no transient id.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "headless/headless_runner.h"
#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "session/notebook_session.h"
#include "studio_test_support.h"

using namespace kusari::studio;
using kusari::client::KernelClient;

namespace {

void addCell(Notebook& notebook, const QString& source) {
  Cell cell;
  cell.source = source;
  notebook.insertCell(notebook.cellCount(), cell);
}

QString kind(const QJsonObject& output) { return output.value(QStringLiteral("output_type")).toString(); }
QString plain(const QJsonObject& output) {
  return output.value(QStringLiteral("data")).toObject().value(QStringLiteral("text/plain")).toString();
}

const char* kPlotCell =
    "h = display('step 0', display_id='plot')\n"
    "print('training')\n"
    "for i in range(1, 4):\n"
    "    h.update(f'step {i}')\n";

}  // namespace

class TestSessionDisplayUpdate : public QObject {
  Q_OBJECT
  KernelClient kernel_;

  static bool runAndWait(NotebookSession& session, const std::function<void()>& run) {
    QSignalSpy emptied(&session, &NotebookSession::queueEmptied);
    run();
    return emptied.wait(30000);
  }

 private slots:
  void initTestCase() {
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
  }

  void updatesReplaceTheOutputInPlace() {
    Notebook nb;
    addCell(nb, kPlotCell);
    addCell(nb, "update_display('from cell 2', display_id='plot')");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy changes(&nb, &Notebook::outputsChanged);
    QVERIFY(runAndWait(session, [&] { session.runCell(0); }));
    const QVector<QJsonObject>& outputs = nb.cell(0).outputs;
    QCOMPARE(outputs.size(), 2);  // one display, one stream: the updates did not append
    QCOMPARE(kind(outputs[0]), QStringLiteral("display_data"));
    QCOMPARE(plain(outputs[0]), QStringLiteral("'step 3'"));
    QCOMPARE(outputs[1].value(QStringLiteral("text")).toString(), QStringLiteral("training\n"));
    QVERIFY(!outputs[0].contains(QStringLiteral("transient")));

    QVERIFY(runAndWait(session, [&] { session.runCell(1); }));
    QCOMPARE(plain(nb.cell(0).outputs[0]), QStringLiteral("'from cell 2'"));
    QVERIFY(nb.cell(1).outputs.isEmpty());
  }

  void aClearedOutputIsNotRevived() {
    Notebook nb;
    addCell(nb, kPlotCell);
    addCell(nb, "print('kept')");
    addCell(nb, "update_display('late', display_id='plot')");
    NotebookSession session(&nb, &kernel_);
    QVERIFY(runAndWait(session, [&] { session.runCell(0); }));
    session.clearOutputs(0);
    nb.appendOutput(0, QJsonObject{{QStringLiteral("output_type"), QStringLiteral("stream")},
                                   {QStringLiteral("name"), QStringLiteral("stdout")},
                                   {QStringLiteral("text"), QStringLiteral("someone else's\n")}});
    QVERIFY(runAndWait(session, [&] { session.runCells({1, 2}); }));
    QCOMPARE(nb.cell(0).outputs.size(), 1);
    QCOMPARE(nb.cell(0).outputs[0].value(QStringLiteral("text")).toString(), QStringLiteral("someone else's\n"));
  }

  void headlessWritesTheFinalImageOnce() {
    QTemporaryDir dir;
    Notebook nb;
    addCell(nb, "class Img:\n"
                "    def __init__(self, n): self.n = n\n"
                "    def _repr_png_(self): return b'\\x89PNG' + bytes([self.n])\n"
                "    def __repr__(self): return f'Img {self.n}'\n"
                "h = display(Img(0), display_id=True)\n"
                "for n in range(1, 6):\n"
                "    h.update(Img(n))\n");
    const QString in = dir.filePath(QStringLiteral("live.ipynb"));
    const QString out = dir.filePath(QStringLiteral("live.out.ipynb"));
    saveIpynbFile(in, nb);
    QCOMPARE(runHeadless({QStringLiteral("--execute"), in, QStringLiteral("-o"), out}), 0);
    Notebook executed;
    loadIpynbFile(out, executed);
    const QVector<QJsonObject>& outputs = executed.cell(0).outputs;
    QCOMPARE(outputs.size(), 1);
    QCOMPARE(plain(outputs[0]), QStringLiteral("Img 5"));
    const QString png = outputs[0].value(QStringLiteral("data")).toObject().value(QStringLiteral("image/png")).toString();
    QCOMPARE(QByteArray::fromBase64(png.trimmed().toLatin1()), QByteArray("\x89PNG\x05"));
    QCOMPARE(kusari::test_support::nbformatValidationError(out), QString());
  }
};

QTEST_GUILESS_MAIN(TestSessionDisplayUpdate)
#include "test_session_display_update.moc"
