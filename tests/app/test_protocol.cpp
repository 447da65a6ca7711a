// Protocol: every message type survives encode -> frame -> decode; the frame reader copes with
// partial reads and refuses garbage without crashing.
#include <QCborArray>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <functional>

#include "protocol/messages.h"

using namespace kusari::protocol;

// Decodes a received message into its typed body and compares it with the body that was sent.
using BodyCheck = std::function<bool(const Message&)>;
Q_DECLARE_METATYPE(BodyCheck)

namespace {

template <class Body>
void addRow(const char* name, const Body& body) {
  const Message sent = Message::make(body, QStringLiteral("id-%1").arg(QString::fromLatin1(name)), QStringLiteral("parent-7"));
  BodyCheck check = [body](const Message& m) { return m.is<Body>() && m.body<Body>() == body; };
  QTest::newRow(name) << sent << check;
}

TensorSummary sampleTensor() {
  TensorSummary t;
  t.shape = {3, 200, 5};
  t.dtype = QStringLiteral("float32");
  t.device = QStringLiteral("cpu");
  t.min = -2.5;
  t.max = 4.25;
  t.mean = 0.125;
  t.std = 1.5;
  t.nanCount = 2;
  t.infCount = 1;
  t.previewShape = {2, 5};
  const float values[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9.5f};
  t.preview = QByteArray(reinterpret_cast<const char*>(values), sizeof values);
  return t;
}

void addDebugRows() {
  addRow("set_breakpoints_request", SetBreakpointsRequest{{SourceBreakpoint{"<cell a>", 3, "i > 2", ">= 2", "", true},
                                                           SourceBreakpoint{"/tmp/m.py", 7, "", "", "x={x}", false}}});
  addRow("set_breakpoints_request empty", SetBreakpointsRequest{});
  addRow("set_breakpoints_request break_on_exception", SetBreakpointsRequest{{}, true});
  addRow("set_breakpoints_reply", SetBreakpointsReply{{BreakpointStatus{true, ""}, BreakpointStatus{false, "no file"}}, ""});
  addRow("debug_control_request", DebugControlRequest{"run_to", "<cell b>", 12});
  addRow("debug_control_reply", DebugControlReply{"the kernel is not paused"});
  const QList<StackFrame> frames{{1, "<cell m>", 5, "forward"}, {2, "<cell r>", 2, "<module>"}};
  addRow("stopped", StoppedEvent{"op", "linear produced NaN", "<cell m>", 5, frames,
                                 QCborMap{{QStringLiteral("op"), QStringLiteral("linear")}, {QStringLiteral("node"), 12}}});
  addRow("continued", ContinuedEvent{});
  addRow("stack_request", StackRequest{});
  addRow("stack_reply", StackReply{frames, ""});
  addRow("scopes_request", ScopesRequest{2});
  addRow("scopes_reply", ScopesReply{3, 4, ""});
  const TensorStats stats{{2, 3}, "float32", "cpu", -1, 2, 0.5, 0.25, 1, 0};
  const DebugVariable tensor{"h", "Variable", "variable([[...]])", 5, stats};
  const DebugVariable scalar{"n", "int", "3", 0, std::nullopt};
  addRow("children_request", ChildrenRequest{5});
  addRow("children_reply", ChildrenReply{{tensor, scalar}, ""});
  addRow("evaluate_request", EvaluateRequest{"h.shape", 1});
  addRow("evaluate_reply", EvaluateReply{tensor, ""});
  addRow("evaluate_reply error", EvaluateReply{DebugVariable{"y", "", "", 0, std::nullopt}, "NameError: name 'y' is not defined"});
  addRow("set_variable_request", SetVariableRequest{1, "scale", "10"});
  addRow("set_variable_reply", SetVariableReply{scalar, ""});
  addRow("tensor_data_request", TensorDataRequest{"x", 0, 1, 0, 2, {3, 0, 0}, 4096});
  const float values[4] = {1, 2, 3, 4.5f};
  addRow("tensor_data_reply", TensorDataReply{stats, {2, 2}, {1, 2}, QByteArray(reinterpret_cast<const char*>(values), sizeof values), ""});
  addRow("set_op_breakpoints_request", SetOpBreakpointsRequest{{"relu", "log"}, {"predictor/l1"}, true, true});
  addRow("set_op_breakpoints_request empty", SetOpBreakpointsRequest{});
  addRow("set_op_breakpoints_reply", SetOpBreakpointsReply{"kusari.debug is not available"});
  addRow("debug_control_request next_op", DebugControlRequest{"next_op", "", 0});
  QCborMap node{{QStringLiteral("event"), QStringLiteral("node")}, {QStringLiteral("id"), 7}, {QStringLiteral("op"), QStringLiteral("relu")},
                {QStringLiteral("inputs"), QCborArray{QCborMap{{QStringLiteral("var"), 3}, {QStringLiteral("shape"), QCborArray{2, 4}}}}}};
  addRow("graph_events", GraphEvents{{QCborMap{{QStringLiteral("event"), QStringLiteral("reset")}}, node,
                                       QCborMap{{QStringLiteral("event"), QStringLiteral("backward")}, {QStringLiteral("id"), 7}}}});
  addRow("graph_events empty", GraphEvents{});
}

QByteArray rawFrame(const QByteArray& payload) {
  QByteArray frame(4, Qt::Uninitialized);
  qToBigEndian<quint32>(quint32(payload.size()), frame.data());
  return frame + payload;
}

}  // namespace

class TestProtocol : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip_data() {
    QTest::addColumn<Message>("sent");
    QTest::addColumn<BodyCheck>("check");
    addRow("kernel_info_request", KernelInfoRequest{});
    addRow("kernel_info_reply", KernelInfoReply{kProtocolVersion, "kusari-kernel", "0.1.0", "3.11.7", true});
    addRow("execute_request", ExecuteRequest{"x = 1\nprint(x)", "cell-3", false});
    addRow("execute_request silent", ExecuteRequest{"", "c", true});
    addRow("execute_reply ok", ExecuteReply{"ok", 12});
    addRow("execute_reply aborted", ExecuteReply{"aborted", 0});
    addRow("status", Status{"busy"});
    addRow("stream", Stream{"stderr", QString::fromUtf8("ünïcode ✓\n")});
    addRow("error", Error{"ZeroDivisionError", "division by zero",
                          {"Traceback (most recent call last):\n", "  File \"<cell a>\", line 2\n"}, "a", 2});
    addRow("display_data text", DisplayData{"42", {}, std::nullopt});
    addRow("display_data png", DisplayData{"<Figure>", QByteArray("\x89PNG\r\n\x1a\n\0\1", 10), std::nullopt});
    addRow("display_data tensor", DisplayData{"array(...)", {}, sampleTensor()});
    addRow("execute_result", ExecuteResult{7, DisplayData{"array(...)", {}, sampleTensor()}});
    addRow("display_data with id", DisplayData{"<Image>", QByteArray("\x89PNG", 4), std::nullopt, "plot-1"});
    addRow("update_display_data", UpdateDisplayData{{"<Image 2>", QByteArray("\x89PNG\0", 5), std::nullopt, "plot-1"}});
    addRow("complete_request", CompleteRequest{"np.li", 5});
    addRow("complete_reply", CompleteReply{{"np.linalg", "np.linspace"}, 0, 5});
    addRow("inspect_request", InspectRequest{"f(", 1});
    addRow("inspect_reply", InspectReply{true, "f", "function", "(a, b=2)", "Adds."});
    addRow("interrupt_request", InterruptRequest{});
    addRow("shutdown_request", ShutdownRequest{true});
    addRow("shutdown_reply", ShutdownReply{false});
    addRow("variables_request", VariablesRequest{});
    addRow("stop_training_request", StopTrainingRequest{});
    addRow("metrics empty", Metrics{});
    addRow("metrics", Metrics{{MetricsRun{"c3@1733400000.5", "cell c3 · 14:02:11", "c3"}},
                              {MetricPoint{"c3@1733400000.5", "main/loss", 1, 0.05, 2.25},
                               MetricPoint{"c3@1733400000.5", "validation/main/accuracy", 20, 1.0, 0.875},
                               MetricPoint{"c3@1733400000.5", "main/loss", 21, 1.05, std::nan("")}}});
    addRow("param_stats empty", ParamStats{});
    {
      ParamLayerStats w{"predictor/l1/W", {3, 4}, 12, 1.5, 0.25, 0.01, 0.4, -0.002, 0.07, 0.0125, true, 0, 0,
                        ParamHistogram{-0.2, 0.15, {1, 0, 3, 8}}, ParamHistogram{-0.9, 1.1, {2, 4, 4, 2}}};
      ParamLayerStats b{"predictor/l1/b", {3}, 3, 0, 0, 0, 0, 0, 0, std::nullopt, false, 1, 2, {}, {}};
      addRow("param_stats", ParamStats{"c3@1733400000.5", 120, 2.5, {w, b}});
    }
    addRow("variables_reply empty", VariablesReply{});
    addRow("variables_reply", VariablesReply{{VariableInfo{"W", "Variable", {784, 100}, "float32", true, -0.5, 0.001, 0.5, ""},
                                              VariableInfo{"empty", "ndarray", {0}, "float64", false, 0, 0, 0, ""},
                                              VariableInfo{"name", "str", {}, "", false, 0, 0, 0, "'kusari'"}}});
    addDebugRows();
  }
  void roundTrip() {
    QFETCH(Message, sent);
    QFETCH(BodyCheck, check);
    FrameReader reader;
    reader.append(encodeFrame(sent));
    const std::optional<Message> received = reader.next();
    QVERIFY2(received, qPrintable(reader.errorString()));
    QCOMPARE(*received, sent);
    QVERIFY(check(*received));
    QCOMPARE(reader.bufferedBytes(), 0);
  }

  void splitAcrossReads() {
    const Message sent = Message::make(ExecuteRequest{"print('hi')", "c1", false}, "r1");
    const QByteArray frame = encodeFrame(sent);
    FrameReader reader;
    for (qsizetype i = 0; i + 1 < frame.size(); ++i) {  // one byte at a time, header included
      reader.append(frame.mid(i, 1));
      QVERIFY(!reader.next());
      QVERIFY(!reader.hasError());
    }
    reader.append(frame.right(1));
    const std::optional<Message> received = reader.next();
    QVERIFY(received);
    QCOMPARE(*received, sent);
  }

  void twoMessagesInOneRead() {
    const Message a = Message::make(Stream{"stdout", "a"}, "1");
    const Message b = Message::make(Status{"idle"}, "2", "1");
    FrameReader reader;
    reader.append(encodeFrame(a) + encodeFrame(b) + encodeFrame(a).left(3));
    QCOMPARE(reader.next(), std::optional<Message>(a));
    QCOMPARE(reader.next(), std::optional<Message>(b));
    QVERIFY(!reader.next());
    QVERIFY(!reader.hasError());
    QCOMPARE(reader.bufferedBytes(), 3);
  }

  void truncatedFrameWaits() {
    const QByteArray frame = encodeFrame(Message::make(Status{"busy"}, "1"));
    FrameReader reader;
    reader.append(frame.left(frame.size() - 1));
    QVERIFY(!reader.next());
    QVERIFY(!reader.hasError());
  }

  void badFrames_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why");
    QByteArray huge(4, Qt::Uninitialized);
    qToBigEndian<quint32>(0xFFFFFFF0u, huge.data());
    QTest::newRow("oversize length") << huge << "exceeds the limit";
    QTest::newRow("zero length") << QByteArray(4, '\0') << "empty frame";
    QTest::newRow("non-map CBOR") << rawFrame(QCborValue(QCborArray{1, 2}).toCbor()) << "not a CBOR map";
    QTest::newRow("garbage") << rawFrame(QByteArray("\xff\xfe\x13garbage", 10)) << "invalid CBOR";
    QCborMap noType{{QStringLiteral("v"), kProtocolVersion}};
    QTest::newRow("no type") << rawFrame(QCborValue(noType).toCbor()) << "no \"type\"";
    QCborMap future{{QStringLiteral("v"), 99}, {QStringLiteral("type"), QStringLiteral("status")}};
    QTest::newRow("future version") << rawFrame(QCborValue(future).toCbor()) << "unsupported protocol version 99";
  }
  void badFrames() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    FrameReader reader;
    reader.append(bytes);
    QVERIFY(!reader.next());
    QVERIFY(reader.hasError());
    QVERIFY2(reader.errorString().contains(why), qPrintable(reader.errorString()));
    // A broken stream stays broken: later well-formed frames are not misread as messages.
    reader.append(encodeFrame(Message::make(Status{"idle"}, "1")));
    QVERIFY(!reader.next());
  }

  void smallLimitRefusesLargeFrame() {
    FrameReader reader(16);
    reader.append(encodeFrame(Message::make(Stream{"stdout", QString(100, 'x')}, "1")));
    QVERIFY(!reader.next());
    QVERIFY(reader.hasError());
  }
};

QTEST_APPLESS_MAIN(TestProtocol)
#include "test_protocol.moc"
