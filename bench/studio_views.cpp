// The studio views against issue #5's speed goals, offscreen:
//   - the Tensor dock shows a 4096 x 4096 float32 tensor in under 200 ms and never blocks the UI;
//   - a 1,000-node graph lays out in under a second.
// Each case runs --rounds times (after one warm-up) and prints median [min-max] ms, one JSON line
// per measurement (like bench/op_overhead.cpp) and a verdict. "UI gap" is the longest time between
// two ticks of a 5 ms Qt::PreciseTimer on the UI thread while the case ran (its floor is 5 ms): how
// long the UI could not answer the user.
//
//   build/bin/studio_views [--rounds 5]   (QT_QPA_PLATFORM defaults to offscreen)
#include "widgets/graph/graph_layouter.h"
#include "widgets/graph/graph_model.h"
#include "widgets/graph/graph_view.h"
#include "widgets/tensor/slice_heatmap.h"
#include "widgets/tensor/tensor_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QThreadPool>
#include <QTimer>

#include <qcustomplot.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace kusari::widgets;

namespace {

constexpr double kTensorGoalMs = 200, kGraphGoalMs = 1000;
constexpr int kTickMs = 5;

double ms(qint64 ns) { return double(ns) / 1e6; }

// Runs start(done) on the UI thread and spins the event loop until done() is called, while a
// 5 ms timer ticks; returns the wall time to done() and the longest gap between ticks (the start
// and the end count as ticks).
struct Run {
  double wallMs = 0, gapMs = 0;
};
Run runInLoop(const std::function<void(std::function<void()>)>& start, int timeoutMs = 30000) {
  QEventLoop loop;
  QElapsedTimer clock;
  qint64 last = 0, gap = 0, end = -1;
  QTimer ticker;
  ticker.setTimerType(Qt::PreciseTimer);
  ticker.setInterval(kTickMs);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    gap = std::max(gap, now - last);
    last = now;
  });
  QTimer::singleShot(timeoutMs, &loop, [&] {
    std::fprintf(stderr, "timed out after %d ms\n", timeoutMs);
    std::exit(2);
  });
  ticker.start();
  clock.start();
  start([&] {
    if (end < 0) end = clock.nsecsElapsed();
    loop.quit();
  });
  if (end < 0) loop.exec();
  const qint64 stop = clock.nsecsElapsed();
  gap = std::max(gap, stop - last);
  ticker.stop();
  return {ms(end), ms(gap)};
}

struct Stats {
  double median = 0, min = 0, max = 0;
};
Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return {n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v.front(), v.back()};
}

std::map<std::string, Stats> g_results;

void report(const std::string& name, const std::vector<double>& times, const char* what) {
  const Stats s = stats(times);
  g_results[name] = s;
  std::printf("  %-34s %8.1f ms  [%.1f-%.1f]  %s\n", name.c_str(), s.median, s.min, s.max, what);
  std::printf("{\"framework\": \"kusari_studio\", \"name\": \"%s\", \"unit\": \"ms\", \"times\": [", name.c_str());
  for (size_t i = 0; i < times.size(); ++i) std::printf("%s%.3f", i ? ", " : "", times[i]);
  std::printf("]}\n");
  std::fflush(stdout);
}

// Plain wall time of a synchronous call (no event loop).
template <class F>
double timeMs(F&& f) {
  QElapsedTimer t;
  t.start();
  f();
  return ms(t.nsecsElapsed());
}

// ---- Tensor view ----------------------------------------------------------------------------

QVector<float> values(qint64 n, float scale) {
  QVector<float> v(n);
  for (qint64 i = 0; i < n; ++i) v[i] = float((i * 7919) % 2001 - 1000) * scale;
  return v;
}

void benchTensor(int rounds) {
  constexpr qint64 kN = 4096;
  std::printf("TensorView, 4096 x 4096 float32 (a view of 900 x 700 shown offscreen)\n");
  TensorView view;
  view.resize(900, 700);
  view.show();
  QCoreApplication::processEvents();
  QCustomPlot* plot = view.heatmap()->plot();

  // (1) Kernel style: setTensor (the view asks for the slice) and the slice arrives, as
  // DebugSession::tensorSliceArrived would hand it over (already decoded; the transfer is not timed).
  std::vector<double> wall, drawn, gaps;
  for (int r = -1; r < rounds; ++r) {
    TensorInfo info;
    info.name = QStringLiteral("w%1").arg(r + 1);  // a new tensor each round: nothing kept
    info.shape = {kN, kN};
    info.dtype = QStringLiteral("float32");
    TensorSlice s;
    s.rowAxis = 0;
    s.colAxis = 1;
    s.indices = {0, 0};
    s.rows = s.cols = kN;
    s.data = values(kN * kN, 0.001f * float(r + 2));
    info.stats = computeStats(s.data.constData(), s.data.size());
    QMetaObject::Connection asked, shown;
    const Run run = runInLoop([&](std::function<void()> done) {
      asked = QObject::connect(&view, &TensorView::sliceRequested, &view, [&] { view.setSlice(s); },
                               Qt::QueuedConnection);  // the answer comes back through the event loop
      shown = QObject::connect(&view, &TensorView::displayUpdated, &view, [done] { done(); });
      view.setTensor(info);
    });
    const double displayed = run.wallMs;
    // Drawing happens on the UI thread at the next paint: time it as its own step.
    const double draw = timeMs([&] { plot->replot(QCustomPlot::rpImmediateRefresh); });
    QObject::disconnect(asked);
    QObject::disconnect(shown);
    if (r < 0) continue;  // warm-up
    wall.push_back(displayed);
    drawn.push_back(displayed + draw);
    gaps.push_back(std::max(run.gapMs, draw));
  }
  report("tensor_kernel_displayed", wall, "setTensor -> slice arrives -> displayUpdated");
  report("tensor_kernel_drawn", drawn, "... + replot (1024 x 1024 cells)");
  report("tensor_kernel_ui_gap", gaps, "longest UI-thread gap (incl. the replot)");

  // (2) Standalone: setArray with the whole tensor; the view cuts the slice itself. Also a
  // (2, 4096, 4096) tensor, whose default slice [0] is a part of the array (cut by copying).
  const auto standalone = [&](const std::string& prefix, const QList<qint64>& shape) {
    std::vector<double> returned, shownAt, drawnAt, gapsOf;
    qint64 n = 1;
    for (qint64 d : shape) n *= d;
    for (int r = -1; r < rounds; ++r) {
      const TensorArray array = TensorArray::make(QStringLiteral("a%1").arg(r + 1), shape,
                                                  values(n, 0.001f * float(r + 2)));
      double back = 0;
      QMetaObject::Connection shown;
      const Run run = runInLoop([&](std::function<void()> done) {
        shown = QObject::connect(&view, &TensorView::displayUpdated, &view, [done] { done(); });
        back = timeMs([&] { view.setArray(array); });
      });
      const double draw = timeMs([&] { plot->replot(QCustomPlot::rpImmediateRefresh); });
      QObject::disconnect(shown);
      if (r < 0) continue;
      returned.push_back(back);
      shownAt.push_back(run.wallMs);
      drawnAt.push_back(run.wallMs + draw);
      gapsOf.push_back(std::max(run.gapMs, draw));
    }
    report(prefix + "_returned", returned, "setArray returns (UI thread busy)");
    report(prefix + "_displayed", shownAt, "setArray -> displayUpdated");
    report(prefix + "_drawn", drawnAt, "... + replot");
    report(prefix + "_ui_gap", gapsOf, "longest UI-thread gap (incl. the replot)");
  };
  standalone("tensor_array", {kN, kN});
  std::printf("TensorView, standalone (2, 4096, 4096) float32, slice [0]\n");
  standalone("tensor_array3d", {2, kN, kN});
  QThreadPool::globalInstance()->waitForDone();
}

// ---- Graph view -----------------------------------------------------------------------------

GraphNode node(const QString& id, GraphNodeKind kind, const QString& label, const QString& shape = {},
               const QString& link = {}) {
  GraphNode n;
  n.id = id;
  n.kind = kind;
  n.label = label;
  n.shape = shape;
  n.linkPath = link;
  n.sourceFile = QStringLiteral("cell-3");
  n.sourceLine = 12;
  return n;
}

// A ResNet-ish forward pass of exactly `count` nodes: a stem, then residual blocks
// (conv-bn-relu-conv-bn, + skip, relu) in stages of 4, each block and its convs/bns in nested
// link clusters (/res2/b0/conv1 ...), every op with its parameters and output variable.
GraphBatch resnetish(int count) {
  using K = GraphNodeKind;
  GraphBatch b;
  int ids = 0;
  const auto var = [&](const QString& label, const QString& shape, const QString& link = {}) {
    const QString id = QStringLiteral("v%1").arg(ids++);
    b.nodes << node(id, K::Variable, label, shape, link);
    return id;
  };
  // op(inputs..., params) -> output variable; returns the output's id
  const auto op = [&](const QString& name, const QStringList& inputs, const QStringList& params,
                      const QString& link, const QString& shape) {
    const QString id = QStringLiteral("op%1").arg(ids++);
    b.nodes << node(id, K::Op, name, {}, link);
    for (const QString& in : inputs) b.edges << GraphEdge{in, id};
    for (const QString& p : params) {
      const QString pid = QStringLiteral("p%1").arg(ids++);
      b.nodes << node(pid, K::Parameter, p, QStringLiteral("(64, 64, 3, 3)"), link);
      b.edges << GraphEdge{pid, id};
    }
    const QString out = var(QStringLiteral("h"), shape);
    b.edges << GraphEdge{id, out};
    return out;
  };
  const QString act = QStringLiteral("(32, 64, 56, 56)");
  QString x = var(QStringLiteral("x"), QStringLiteral("(32, 3, 224, 224)"));
  x = op("convolution_2d", {x}, {"W"}, "/conv1", act);
  x = op("batch_normalization", {x}, {"gamma", "beta"}, "/bn1", act);
  x = op("relu", {x}, {}, {}, act);
  x = op("max_pooling_2d", {x}, {}, {}, act);
  constexpr int kBlockNodes = 24;  // 2 x (conv 4 + bn 5 + relu 2) + add 2
  constexpr int kTailNodes = 9;    // pool 2 + linear 5 + loss 2 (+ the label variable)
  for (int blk = 0; b.nodes.size() + kBlockNodes + kTailNodes <= count; ++blk) {
    const QString link = QStringLiteral("/res%1/b%2").arg(2 + blk / 4).arg(blk % 4);
    const QString skip = x;
    x = op("convolution_2d", {x}, {"W"}, link + "/conv1", act);
    x = op("batch_normalization", {x}, {"gamma", "beta"}, link + "/bn1", act);
    x = op("relu", {x}, {}, link, act);
    x = op("convolution_2d", {x}, {"W"}, link + "/conv2", act);
    x = op("batch_normalization", {x}, {"gamma", "beta"}, link + "/bn2", act);
    x = op("add", {x, skip}, {}, link, act);
    x = op("relu", {x}, {}, link, act);
  }
  x = op("average_pooling_2d", {x}, {}, {}, QStringLiteral("(32, 512)"));
  x = op("linear", {x}, {"W", "b"}, "/fc", QStringLiteral("(32, 1000)"));
  const QString t = var(QStringLiteral("t"), QStringLiteral("(32)"));
  x = op("softmax_cross_entropy", {x, t}, {}, {}, QStringLiteral("()"));
  while (b.nodes.size() < count) var(QStringLiteral("extra"), QStringLiteral("()"));  // pad to the exact count
  return b;
}

void benchGraph(int rounds, int count) {
  const GraphBatch batch = resnetish(count);
  std::printf("GraphView, %d nodes / %d edges (ResNet-ish: residual blocks in nested link clusters)\n",
              int(batch.nodes.size()), int(batch.edges.size()));
  GraphView view;
  view.resize(900, 700);
  view.show();
  QCoreApplication::processEvents();
  const bool graphviz = !view.layouter()->dotProgram().isEmpty();
  if (!graphviz) std::printf("  (no Graphviz `dot` on PATH: the layered fallback is measured)\n");
  std::vector<double> total, layout, dot, scene, gaps;
  for (int r = -1; r < rounds; ++r) {
    view.model()->clear();
    QCoreApplication::processEvents();
    qint64 dotMs = -1;
    QMetaObject::Connection laid, finished;
    const Run run = runInLoop([&](std::function<void()> done) {
      laid = QObject::connect(view.layouter(), &GraphLayouter::laidOut, &view,
                              [&](const GraphLayout&, int, int, qint64 elapsed) { dotMs = elapsed; });
      finished = QObject::connect(&view, &GraphView::layoutFinished, &view, [done] { done(); });
      const QStringList problems = view.model()->addNodes(batch);
      if (!problems.isEmpty()) {
        std::fprintf(stderr, "bad graph: %s\n", qPrintable(problems.first()));
        std::exit(2);
      }
    });
    QObject::disconnect(laid);
    QObject::disconnect(finished);
    if (view.laidOutNodeCount() != count) {
      std::fprintf(stderr, "laid out %d of %d nodes\n", view.laidOutNodeCount(), count);
      std::exit(2);
    }
    if (r < 0) continue;
    total.push_back(run.wallMs);
    layout.push_back(double(view.lastLayoutMs()));
    if (dotMs >= 0) {
      dot.push_back(double(dotMs));
      scene.push_back(double(view.lastLayoutMs() - dotMs));
    }
    gaps.push_back(run.gapMs);
  }
  report("graph_1000_from_addNodes", total,
         qPrintable(QStringLiteral("addNodes -> layoutFinished (incl. the %1 ms coalescing delay)")
                        .arg(GraphView::kRelayoutDelayMs)));
  report("graph_1000_layout", layout, "lastLayoutMs: dot run + scene build");
  if (!dot.empty()) {
    report("graph_1000_dot", dot, "dot -Tjson0 process, start to exit");
    report("graph_1000_scene", scene, "scene build on the UI thread (lastLayoutMs - dot)");
  }
  report("graph_1000_ui_gap", gaps, "longest UI-thread gap");

  // The UI-thread parts lastLayoutMs leaves out: writing the DOT text and parsing dot's JSON.
  std::vector<double> write, parse;
  QByteArray json;
  for (int r = 0; r < rounds; ++r) {
    GraphDot d;
    write.push_back(timeMs([&] { d = view.dot(); }));
    if (!graphviz) continue;
    if (json.isEmpty()) {
      QProcess dotRun;
      dotRun.start(view.layouter()->dotProgram(), {QStringLiteral("-Tjson0")});
      dotRun.write(d.text.toUtf8());
      dotRun.closeWriteChannel();
      dotRun.waitForFinished(30000);
      json = dotRun.readAllStandardOutput();
    }
    GraphLayout l;
    QString error;
    bool ok = false;
    parse.push_back(timeMs([&] { ok = parseDotJson(json, d, &l, &error); }));
    if (!ok) {
      std::fprintf(stderr, "dot's JSON did not parse: %s\n", qPrintable(error));
      std::exit(2);
    }
  }
  report("graph_1000_dot_text", write, "writeGraphDot on the UI thread (before dot runs)");
  if (!parse.empty()) report("graph_1000_json_parse", parse, "parseDotJson on the UI thread (after dot exits)");
}

const char* verdict(bool ok) { return ok ? "MET" : "NOT MET"; }

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  int rounds = 5;
  bool tensor = true, graph = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
      const std::string what = argv[++i];
      tensor = what == "tensor";
      graph = what == "graph";
    } else {
      std::fprintf(stderr, "usage: %s [--rounds N] [--only tensor|graph]\n", argv[0]);
      return 1;
    }
  }
  QApplication app(argc, argv);
  std::printf("studio views: %d rounds after 1 warm-up, median [min-max]; UI gap = longest gap between "
              "ticks of a %d ms timer on the UI thread\n", rounds, kTickMs);
  if (tensor) benchTensor(rounds);
  if (graph) benchGraph(rounds, 1000);

  std::printf("verdict against issue #5:\n");
  if (tensor) {
    const double kernel = g_results["tensor_kernel_drawn"].median, array = g_results["tensor_array_drawn"].median;
    std::printf("  4096 x 4096 shown in < %.0f ms: kernel %.0f ms %s, standalone %.0f ms %s\n", kTensorGoalMs,
                kernel, verdict(kernel < kTensorGoalMs), array, verdict(array < kTensorGoalMs));
    const double gap = std::max({g_results["tensor_kernel_ui_gap"].max, g_results["tensor_array_ui_gap"].max,
                                 g_results["tensor_array3d_ui_gap"].max});
    std::printf("  never blocks the UI: longest UI gap %.0f ms (worst round; < 50 ms counts as not blocking) %s\n",
                gap, verdict(gap < 50));
  }
  if (graph) {
    const double layout = g_results["graph_1000_layout"].median;
    std::printf("  1,000 nodes lay out in < %.0f ms: %.0f ms (dot + scene; %.0f ms from addNodes with the "
                "coalescing delay) %s; longest UI gap %.0f ms\n",
                kGraphGoalMs, layout, g_results["graph_1000_from_addNodes"].median, verdict(layout < kGraphGoalMs),
                g_results["graph_1000_ui_gap"].max);
  }
  return 0;
}
