// TimerHook, PrintHook and the computational graph dump.
#include <QTest>

#include <sstream>

#include "engine/engine_test_support.h"
#include "kusari/function_hooks/print_hook.h"
#include "kusari/function_hooks/timer_hook.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"
#include "kusari/graph/computational_graph.h"

using namespace kusari;

class TestFunctionHooks : public QObject {
  Q_OBJECT
 private slots:
  void timer_counts_each_op() {
    auto timer = std::make_shared<TimerHook>();
    Variable x(ops::ones({64, 64}), true);
    {
      HookScope scope(timer);
      for (int i = 0; i < 3; ++i) (void)matmul(x, x);
      sum(x * 2.0).backward();
    }
    auto s = timer->summary();
    QCOMPARE(s["matmul"].occurrence, int64_t{3});
    QVERIFY(s["matmul"].elapsed_seconds > 0);
    QCOMPARE(s["sum (backward)"].occurrence, int64_t{1});
    QVERIFY(timer->total_time() >= s["matmul"].elapsed_seconds);
    std::ostringstream os;
    timer->print_report(os);
    QVERIFY(os.str().find("FunctionName") != std::string::npos);
    QVERIFY(os.str().find("matmul") != std::string::npos);
  }

  void print_hook_names_inputs() {
    std::ostringstream os;
    {
      HookScope scope(std::make_shared<PrintHook>(os));
      (void)(Variable(ops::ones({2, 3})) * 2.0);
    }
    QVERIFY(os.str().find("mul_scalar") != std::string::npos);
    QVERIFY(os.str().find("float32 (2, 3)") != std::string::npos);
  }

  void graph_lists_functions_in_order_and_dumps_dot() {
    Variable x(ops::ones({2, 3}), true);
    x.set_name("x");
    Variable W = make_parameter(ops::ones({3, 4}), "W");
    Variable h = matmul(x, W);
    Variable y = sum(h * h);
    ComputationalGraph g = ComputationalGraph::build({y});
    QCOMPARE(g.functions().size(), size_t{3});
    QCOMPARE(g.functions()[0].op, std::string("matmul"));
    QCOMPARE(g.functions()[2].op, std::string("sum"));
    QCOMPARE(g.variables().size(), size_t{5});  // y, h*h, h, x, W
    std::string dot = g.dump();
    QVERIFY(dot.rfind("digraph", 0) == 0);
    QVERIFY(dot.find("x: (2, 3), float32") != std::string::npos);
    QVERIFY(dot.find("W: (3, 4), float32") != std::string::npos);
    QVERIFY(dot.find("label=\"matmul\"") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestFunctionHooks)
#include "test_function_hooks.moc"
