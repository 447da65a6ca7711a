// Autograd: graph construction, backward order and accumulation, grad(), double backprop,
// configuration scopes, unchaining, hooks, source locations and debug-mode NaN checks.
#include <QTest>

#include <thread>

#include "engine/engine_test_support.h"
#include "kusari/autograd/apply.h"
#include "kusari/autograd/backward.h"
#include "kusari/autograd/config.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {
Variable leaf(double v, Shape shape = {}) { return Variable(ops::full(shape, v, Dtype::Float64), true); }

class CountingHook : public FunctionHook {
 public:
  int fwd_pre = 0, fwd_post = 0, bwd_pre = 0, bwd_post = 0;
  std::vector<std::string> ops;
  void forward_preprocess(const HookEvent& e) override { ++fwd_pre; ops.emplace_back(e.op); }
  void forward_postprocess(const HookEvent& e) override { ++fwd_post; }
  void backward_preprocess(const HookEvent&) override { ++bwd_pre; }
  void backward_postprocess(const HookEvent& e) override {
    ++bwd_post;
    if (e.grad_inputs == nullptr) throw std::logic_error("backward_postprocess without grad_inputs");
  }
};
}  // namespace

class TestAutograd : public QObject {
  Q_OBJECT
 private slots:
  void diamond_graph_orders_by_generation() {
    // y = x^2; z = y + y*y  =>  dz/dx = 2x + 4x^3 = 4 + 32 = 36 at x = 2.
    Variable x = leaf(2.0);
    Variable y = x * x;
    Variable z = y + y * y;
    z.backward();
    QCOMPARE(x.grad().data().item(), 36.0);
    QVERIFY(!y.grad().defined());  // intermediate grads are not kept by default
  }

  void retain_grad_keeps_intermediate_grads() {
    Variable x = leaf(3.0);
    Variable y = x * 2.0;
    Variable z = y * y;
    z.backward(/*retain_grad=*/true);
    QCOMPARE(y.grad().data().item(), 12.0);
    QCOMPARE(x.grad().data().item(), 24.0);
  }

  void cleargrad_resets() {
    Variable x = leaf(1.0);
    (x * 3.0).backward();
    QVERIFY(x.grad().defined());
    x.cleargrad();
    QVERIFY(!x.grad().defined());
  }

  void unshared_gradients_accumulate_in_place() {
    // A second backward sums into the leaf's existing grad array. One sum only: a new array
    // would be allocated while the old one is alive, so an unchanged address proves the
    // in-place sum (with two sums the allocator could hand the first array's block back).
    Variable x = leaf(1.0, {4});
    sum(x * 2.0).backward();
    const void* first = x.grad().data().raw_data();
    sum(x * 3.0).backward();
    QCOMPARE(x.grad().data().raw_data(), first);
    QVERIFY(allclose(x.grad().data(), ops::full({4}, 5.0, Dtype::Float64)));
    (sum(x * 3.0) + sum(x * 4.0)).backward();
    QVERIFY(allclose(x.grad().data(), ops::full({4}, 12.0, Dtype::Float64)));
  }

  void shared_gradients_are_never_written_in_place() {
    Variable x = leaf(1.0, {4});
    sum(x * 2.0).backward();
    Tensor held = x.grad().data();  // somebody keeps the array (a NumPy view does the same)
    sum(x * 3.0).backward();
    QVERIFY(allclose(held, ops::full({4}, 2.0, Dtype::Float64)));
    QVERIFY(allclose(x.grad().data(), ops::full({4}, 5.0, Dtype::Float64)));
    QVERIFY(x.grad().data().raw_data() != held.raw_data());

    // add's backward hands one gradient array to both inputs; a later sum into a's gradient
    // must not reach b's.
    Variable a = leaf(1.0, {3}), b = leaf(1.0, {3});
    (sum((a + b) * 1.0) + sum(a * 5.0)).backward();
    QVERIFY(allclose(a.grad().data(), ops::full({3}, 6.0, Dtype::Float64)));
    QVERIFY(allclose(b.grad().data(), ops::full({3}, 1.0, Dtype::Float64)));

    // retain_grad: y's kept grad is a snapshot the later sums do not change.
    Variable c = leaf(2.0, {2});
    Variable y = c * 1.0;
    (sum(y * 3.0) + sum(y * 4.0)).backward(/*retain_grad=*/true);
    QVERIFY(allclose(y.grad().data(), ops::full({2}, 7.0, Dtype::Float64)));
    QVERIFY(allclose(c.grad().data(), ops::full({2}, 7.0, Dtype::Float64)));
  }

  void grad_returns_without_touching_leaves() {
    Variable x = leaf(2.0);
    Variable y = x * x * x;
    std::vector<Variable> g = grad({y}, {x});
    QCOMPARE(g[0].data().item(), 12.0);
    QVERIFY(!x.grad().defined());
  }

  void double_backprop_through_grad() {
    Variable x = leaf(2.0);
    Variable y = x * x * x;
    Variable gx = grad({y}, {x}, {}, /*enable_double_backprop=*/true)[0];  // 3x^2
    QVERIFY(gx.creator() != nullptr);
    Variable ggx = grad({gx}, {x})[0];  // 6x
    QCOMPARE(ggx.data().item(), 12.0);
    Variable plain = grad({x * x * x}, {x})[0];
    QVERIFY(plain.creator() == nullptr);  // no graph without double backprop
  }

  void unrelated_input_gets_no_grad() {
    Variable x = leaf(1.0), w = leaf(5.0);
    std::vector<Variable> g = grad({x * 2.0}, {x, w});
    QVERIFY(g[0].defined());
    QVERIFY(!g[1].defined());
  }

  void no_backprop_and_force_backprop() {
    Variable x = leaf(1.0);
    {
      NoBackpropMode nb;
      Variable y = x * 2.0;
      QVERIFY(y.creator() == nullptr);
      {
        ForceBackpropMode fb;
        QVERIFY((x * 2.0).creator() != nullptr);
      }
      QVERIFY(!config().enable_backprop);
    }
    QVERIFY(config().enable_backprop);
    QVERIFY((x * 2.0).creator() != nullptr);
  }

  void constants_record_nothing() {
    Variable c(ops::ones({2}, Dtype::Float64));
    QVERIFY((c * 2.0).creator() == nullptr);
  }

  void config_is_thread_local() {
    UsingConfig s(&Config::train, false);
    bool other_thread_train = false;
    std::thread t([&] { other_thread_train = config().train; });
    t.join();
    QVERIFY(!config().train);
    QVERIFY(other_thread_train);
  }

  void unchain_backward_cuts_the_graph() {
    Variable x = leaf(1.0);
    Variable y = x * 2.0;
    Variable z = y * 3.0;
    z.unchain_backward();
    QVERIFY(z.creator() == nullptr);
    QVERIFY(y.creator() == nullptr);
    z.backward();
    QVERIFY(!x.grad().defined());
  }

  void graph_is_freed_with_its_outputs() {
    Variable x = leaf(1.0, {4});
    std::weak_ptr<FunctionNode> node;
    {
      Variable y = x * 2.0;
      node = y.creator();
      QVERIFY(!node.expired());
    }
    QVERIFY(node.expired());
  }

  void backward_of_non_scalar_needs_a_grad() {
    Variable x = leaf(1.0, {3});
    Variable y = x * 2.0;
    QVERIFY_THROWS_EXCEPTION(ValueError, y.backward());
    y.set_grad(Variable(ops::ones({3}, Dtype::Float64)));
    y.backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), ops::full({3}, 2.0, Dtype::Float64), 0, 0);
  }

  void scoped_hook_sees_forward_and_backward() {
    auto hook = std::make_shared<CountingHook>();
    Variable x = leaf(1.5, {2});
    {
      HookScope scope(hook);
      Variable y = sum(x * x);
      QCOMPARE(hook->fwd_pre, 2);
      QCOMPARE(hook->fwd_post, 2);
      QCOMPARE(hook->ops, (std::vector<std::string>{"mul", "sum"}));
      y.backward();  // backward formulas are functions too: hooks see them as forward ops
    }
    QVERIFY(hook->bwd_pre >= 2);
    QCOMPARE(hook->bwd_pre, hook->bwd_post);
    int before = hook->fwd_pre;
    (void)(x * 2.0);  // scope gone: not seen
    QCOMPARE(hook->fwd_pre, before);
  }

  void global_hook_sees_other_threads() {
    auto hook = std::make_shared<CountingHook>();
    add_global_hook(hook);
    std::thread t([] { (void)(Variable(ops::ones({2})) * 2.0); });
    t.join();
    remove_global_hook(hook.get());
    QCOMPARE(hook->fwd_pre, 1);
  }

  void nodes_record_source_location_and_link_path() {
    // The provider's location is shared by the nodes, not copied into each.
    const auto here = std::make_shared<const SourceLocation>(SourceLocation{"model.py", 12, "forward"});
    set_source_location_provider([here] { return here; });
    Variable x = leaf(1.0);
    Variable y, z;
    {
      LinkPathScope outer("predictor");
      LinkPathScope inner("l1");
      y = x * 2.0;
      z = y + 1.0;
    }
    set_source_location_provider({});
    QCOMPARE(y.creator()->location().line, 12);
    QCOMPARE(y.creator()->location_ptr.get(), here.get());
    QCOMPARE(z.creator()->location_ptr.get(), here.get());
    QCOMPARE(y.creator()->link_path, std::string("predictor/l1"));
    QVERIFY(y.creator()->describe().find("model.py:12 in forward") != std::string::npos);
    QCOMPARE(LinkPathScope::current(), std::string());
  }

  void debug_mode_names_the_op_that_made_inf() {
    set_source_location_provider([] { return std::make_shared<const SourceLocation>(SourceLocation{"cell 3", 7, "forward"}); });
    UsingConfig debug(&Config::debug, true);
    Variable x(ops::from_vector<double>({1.0, 0.0}, {2}), true);
    try {
      (void)(1.0 / x);
      set_source_location_provider({});
      QFAIL("no error for Inf");
    } catch (const NonFiniteError& e) {
      set_source_location_provider({});
      std::string m = e.what();
      QVERIFY2(m.find("rdiv_scalar") != std::string::npos, m.c_str());
      QVERIFY2(m.find("cell 3:7") != std::string::npos, m.c_str());
    }
  }

  void debug_mode_checks_backward_too() {
    UsingConfig debug(&Config::debug, true);
    Variable x(ops::from_vector<double>({0.0}, {1}), true);
    Variable y = sum(pow(x, 0.5));  // forward 0 is finite, derivative 0.5 / sqrt(0) is not
    try {
      y.backward();
      QFAIL("no error for Inf gradient");
    } catch (const NonFiniteError& e) {
      QVERIFY2(std::string(e.what()).find("pow_scalar") != std::string::npos, e.what());
    }
  }

  void check_backward_detects_a_wrong_gradient() {
    // A deliberately wrong backward (gradient doubled) must be reported.
    auto wrong = [](const std::vector<Variable>& xs) {
      FunctionScope fn("wrong_square", {xs[0]});
      return std::vector<Variable>{fn.finish(ops::mul(xs[0].data(), xs[0].data()), [](const BackwardContext& c) {
        return Grads{c.grad_output(0) * c.input(0) * 4.0};
      })};
    };
    QVERIFY(!backward_error(wrong, {ops::uniform({3}, 0.5, 1.0, Dtype::Float64)}).empty());
  }
};

QTEST_APPLESS_MAIN(TestAutograd)
#include "test_autograd.moc"
