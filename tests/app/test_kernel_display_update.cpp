// display(obj, display_id=...) and DisplayHandle.update in a real kernel: the display carries
// its id, each update arrives as update_display_data with that id and the new bundle (PNG
// included), in order with the cell's other output, also from a later cell.
#include <QTest>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using namespace kusari::protocol;

namespace {

// What one request produced, in arrival order: "d:<id>:<text>", "u:<id>:<text>", "o:<stdout>"
// (adjacent stdout chunks merged).
struct Transcript : QObject {
  Transcript(KernelClient& kernel, const QString& requestId) : id(requestId) {
    connect(&kernel, &KernelClient::displayData, this, [this](const QString& parent, const DisplayData& d) {
      if (parent == id) events << QStringLiteral("d:%1:%2").arg(d.displayId, d.text), displays << d;
    });
    connect(&kernel, &KernelClient::updateDisplayData, this, [this](const QString& parent, const UpdateDisplayData& u) {
      if (parent == id) events << QStringLiteral("u:%1:%2").arg(u.displayId, u.text), updates << u;
    });
    connect(&kernel, &KernelClient::stream, this, [this](const QString& parent, const QString&, const QString& text) {
      if (parent != id) return;
      // print() writes text and "\n" separately; the kernel may send them as two stream
      // messages. A frontend shows adjacent stream text as one run, so merge them here too.
      if (!events.isEmpty() && events.last().startsWith(QStringLiteral("o:")))
        events.last() += text;
      else
        events << QStringLiteral("o:") + text;
    });
    connect(&kernel, &KernelClient::error, this, [this](const QString& parent, const Error& e) {
      if (parent == id) error = e.ename + QStringLiteral(": ") + e.evalue;
    });
    connect(&kernel, &KernelClient::executeReply, this, [this](const QString& parent, const ExecuteReply&) {
      if (parent == id) done = true;
    });
  }
  QString id;
  QStringList events;
  QList<DisplayData> displays;
  QList<UpdateDisplayData> updates;
  QString error;
  bool done = false;
};

}  // namespace

class TestKernelDisplayUpdate : public QObject {
  Q_OBJECT
  KernelClient kernel_;

  bool run(Transcript*& out, const QString& code) {
    out = new Transcript(kernel_, kernel_.execute(code, QStringLiteral("c")));
    out->setParent(this);
    return QTest::qWaitFor([out] { return out->done; }, 20000);
  }

 private slots:
  void initTestCase() {
    kernel_.start();
    QVERIFY(QTest::qWaitFor([this] { return kernel_.state() == KernelClient::State::Idle; }, 30000));
  }

  void handleUpdatesReplaceInOrder() {
    Transcript* t = nullptr;
    QVERIFY(run(t, "h = display('first', display_id='plot')\n"
                   "print('between', flush=True)\n"
                   "h.update('second')\n"
                   "h.update('third')\n"
                   "print(h.display_id)"));
    QVERIFY2(t->error.isEmpty(), qPrintable(t->error));
    QCOMPARE(t->events, (QStringList{"d:plot:'first'", "o:between\n", "u:plot:'second'", "u:plot:'third'", "o:plot\n"}));
  }

  void displayWithoutIdHasNoneAndReturnsNothing() {
    Transcript* t = nullptr;
    QVERIFY(run(t, "r = display(1, 2)\nprint(r)"));
    QCOMPARE(t->events, (QStringList{"d::1", "d::2", "o:None\n"}));
  }

  void generatedIdAndPngUpdates() {
    Transcript* t = nullptr;
    QVERIFY(run(t, "class P:\n"
                   "    def __init__(self, b): self.b = b\n"
                   "    def _repr_png_(self): return self.b\n"
                   "    def __repr__(self): return 'P'\n"
                   "h = display(P(b'\\x89PNG-1'), display_id=True)\n"
                   "h.update(P(b'\\x89PNG-2'))\n"));
    QVERIFY2(t->error.isEmpty(), qPrintable(t->error));
    QCOMPARE(t->displays.size(), 1);
    QCOMPARE(t->updates.size(), 1);
    QCOMPARE(t->displays[0].displayId.size(), 32);  // a uuid4 hex
    QCOMPARE(t->updates[0].displayId, t->displays[0].displayId);
    QCOMPARE(t->displays[0].png, QByteArray("\x89PNG-1"));
    QCOMPARE(t->updates[0].png, QByteArray("\x89PNG-2"));
  }

  void laterCellUpdatesAnEarlierDisplay() {
    Transcript* first = nullptr;
    QVERIFY(run(first, "h = display('a', display_id='shared')"));
    Transcript* second = nullptr;
    QVERIFY(run(second, "update_display('b', display_id='shared')"));
    QCOMPARE(first->events, (QStringList{"d:shared:'a'"}));
    QCOMPARE(second->events, (QStringList{"u:shared:'b'"}));  // sent while the second cell runs
  }

  void updateWithoutIdIsAClearError() {
    Transcript* t = nullptr;
    QVERIFY(run(t, "update_display('x', display_id='')"));
    QVERIFY2(t->error.contains(QStringLiteral("ValueError: update_display: display_id must name")), qPrintable(t->error));
  }
};

QTEST_GUILESS_MAIN(TestKernelDisplayUpdate)
#include "test_kernel_display_update.moc"
