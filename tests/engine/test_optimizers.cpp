// Optimizers and optimizer hooks: every update rule against its formula written here in
// plain double loops, over three steps with given gradients; hooks likewise; bookkeeping
// (step counts, disabled parameters, aliased gradients, hyperparameter sharing,
// serialization layout and resume).
#include <QElapsedTimer>
#include <QTest>
#include <cmath>
#include <functional>

#include "engine/engine_test_support.h"
#include "engine/memory_serializer.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"
#include "kusari/links/chain.h"
#include "kusari/optimizer_hooks/optimizer_hooks.h"
#include "kusari/optimizers/optimizers.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

class OneParam : public Link {
 public:
  Parameter w;
  explicit OneParam(const Tensor& init) { w = add_param("w", Parameter(init.clone())); }
};

class TwoParams : public Chain {
 public:
  std::shared_ptr<OneParam> a, b;
  TwoParams(const Tensor& wa, const Tensor& wb) {
    a = add_link("a", std::make_shared<OneParam>(wa));
    b = add_link("b", std::make_shared<OneParam>(wb));
  }
};

constexpr int64_t kN = 6;
using Vec = std::vector<double>;

Vec initial() { return {0.5, -1.2, 2.0, 0.0, -0.3, 1.7}; }
// Step k's gradient, fixed and of mixed signs and sizes; small at the third step, so that
// AMSGrad's vhat and v differ there.
Vec grad_at(int k) {
  Vec g(kN);
  const double size = k == 2 ? 0.1 : 1.0 + 0.5 * k;
  for (int64_t i = 0; i < kN; ++i) g[i] = std::sin(1.3 * static_cast<double>(i + 1) + 0.7 * k) * size;
  return g;
}
Tensor to_tensor(const Vec& v, Dtype d = Dtype::Float64) {
  return tensor_from({2, 3}, [&](int64_t i) { return v[i]; }).astype(d);
}

// Reference rules: state is a few vectors; step(p, g, state, t) with t counted from 1.
using Reference = std::function<void(Vec& p, const Vec& g, std::vector<Vec>& s, int t)>;

struct Case {
  std::function<std::unique_ptr<Optimizer>()> make;
  Reference ref;
  int n_state;
};

Case make_case(const std::string& name) {
  if (name == "SGD")
    return {[] { return std::make_unique<SGD>(SGDHyperparameter{.lr = 0.1}); },
            [](Vec& p, const Vec& g, std::vector<Vec>&, int) {
              for (int64_t i = 0; i < kN; ++i) p[i] -= 0.1 * g[i];
            }, 0};
  if (name == "MomentumSGD")
    return {[] { return std::make_unique<MomentumSGD>(MomentumSGDHyperparameter{.lr = 0.1, .momentum = 0.8}); },
            [](Vec& p, const Vec& g, std::vector<Vec>& s, int) {
              for (int64_t i = 0; i < kN; ++i) {
                s[0][i] = 0.8 * s[0][i] - 0.1 * g[i];
                p[i] += s[0][i];
              }
            }, 1};
  if (name == "NesterovAG")
    return {[] { return std::make_unique<NesterovAG>(NesterovAGHyperparameter{.lr = 0.1, .momentum = 0.8}); },
            [](Vec& p, const Vec& g, std::vector<Vec>& s, int) {
              for (int64_t i = 0; i < kN; ++i) {
                s[0][i] = 0.8 * s[0][i] - 0.1 * g[i];
                p[i] += 0.8 * 0.8 * s[0][i] - 1.8 * 0.1 * g[i];
              }
            }, 1};
  if (name == "AdaGrad")
    return {[] { return std::make_unique<AdaGrad>(AdaGradHyperparameter{.lr = 0.2, .eps = 1e-2}); },
            [](Vec& p, const Vec& g, std::vector<Vec>& s, int) {
              for (int64_t i = 0; i < kN; ++i) {
                s[0][i] += g[i] * g[i];
                p[i] -= 0.2 * g[i] / (std::sqrt(s[0][i]) + 1e-2);
              }
            }, 1};
  if (name == "RMSprop" || name == "RMSprop eps inside sqrt") {
    const bool inside = name != "RMSprop";
    return {[inside] {
              return std::make_unique<RMSprop>(
                  RMSpropHyperparameter{.lr = 0.05, .alpha = 0.9, .eps = 1e-2, .eps_inside_sqrt = inside});
            },
            [inside](Vec& p, const Vec& g, std::vector<Vec>& s, int) {
              for (int64_t i = 0; i < kN; ++i) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i] * g[i];
                double denom = inside ? std::sqrt(s[0][i] + 1e-2) : std::sqrt(s[0][i]) + 1e-2;
                p[i] -= 0.05 * g[i] / denom;
              }
            }, 1};
  }
  if (name == "AdaDelta")
    return {[] { return std::make_unique<AdaDelta>(AdaDeltaHyperparameter{.rho = 0.9, .eps = 1e-3}); },
            [](Vec& p, const Vec& g, std::vector<Vec>& s, int) {
              for (int64_t i = 0; i < kN; ++i) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i] * g[i];
                double dx = std::sqrt((s[1][i] + 1e-3) / (s[0][i] + 1e-3)) * g[i];
                s[1][i] = 0.9 * s[1][i] + 0.1 * dx * dx;
                p[i] -= dx;
              }
            }, 2};
  // Adam variants: m, v, vhat; bias correction from the step count.
  const bool ams = name == "Adam amsgrad";
  const double wd = name == "AdamW" ? 0.1 : 0.0;
  const double eta = name == "AdamW" ? 0.5 : 1.0;
  AdamHyperparameter hp{.alpha = 0.05, .beta1 = 0.8, .beta2 = 0.9, .eps = 1e-3, .eta = eta,
                        .weight_decay_rate = wd, .amsgrad = ams};
  return {[hp, name]() -> std::unique_ptr<Optimizer> {
            if (name == "AdamW") return std::make_unique<AdamW>(hp);
            return std::make_unique<Adam>(hp);
          },
          [=](Vec& p, const Vec& g, std::vector<Vec>& s, int t) {
            double alpha_t = 0.05 * std::sqrt(1 - std::pow(0.9, t)) / (1 - std::pow(0.8, t));
            for (int64_t i = 0; i < kN; ++i) {
              s[0][i] = 0.8 * s[0][i] + 0.2 * g[i];
              s[1][i] = 0.9 * s[1][i] + 0.1 * g[i] * g[i];
              s[2][i] = ams ? std::max(s[2][i], s[1][i]) : s[1][i];
              p[i] -= eta * (alpha_t * s[0][i] / (std::sqrt(s[2][i]) + 1e-3) + wd * p[i]);
            }
          }, 3};
}

const char* kOptimizers[] = {"SGD", "MomentumSGD", "NesterovAG", "AdaGrad", "RMSprop", "RMSprop eps inside sqrt",
                             "AdaDelta", "Adam", "Adam amsgrad", "AdamW"};

// Runs `steps` updates with the fixed gradients on a OneParam link.
Tensor run_steps(Optimizer& opt, OneParam& link, int first, int steps, Dtype d) {
  for (int k = first; k < first + steps; ++k) {
    link.w.set_grad(Variable(to_tensor(grad_at(k), d)));
    opt.update();
  }
  return link.w.data();
}

Vec run_reference(const Reference& ref, int n_state, int steps) {
  Vec p = initial();
  std::vector<Vec> s(n_state, Vec(kN, 0.0));
  for (int k = 0; k < steps; ++k) ref(p, grad_at(k), s, k + 1);
  return p;
}

}  // namespace

class TestOptimizers : public QObject {
  Q_OBJECT
 private slots:
  void rule_matches_formula_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("dtype");
    for (const char* n : kOptimizers) {
      QTest::newRow((std::string(n) + " f64").c_str()) << n << int(Dtype::Float64);
      QTest::newRow((std::string(n) + " f32").c_str()) << n << int(Dtype::Float32);
    }
  }
  void rule_matches_formula() {
    QFETCH(QString, name);
    QFETCH(int, dtype);
    const Dtype d = static_cast<Dtype>(dtype);
    Case c = make_case(name.toStdString());
    OneParam link(to_tensor(initial(), d));
    auto opt = c.make();
    opt->setup(link);
    Tensor got = run_steps(*opt, link, 0, 3, d);
    QCOMPARE(got.dtype(), d);
    QCOMPARE(opt->t, int64_t(3));
    QCOMPARE(link.w.update_rule()->t, int64_t(3));
    const double tol = d == Dtype::Float64 ? 1e-12 : 2e-6;
    KUSARI_VERIFY_CLOSE(got, to_tensor(run_reference(c.ref, c.n_state, 3)), tol, tol);
  }

  void adam_lr_is_bias_corrected_alpha() {
    Adam opt({.alpha = 0.01, .beta1 = 0.7, .beta2 = 0.95});
    OneParam link(to_tensor(initial()));
    opt.setup(link);
    QVERIFY_THROWS_EXCEPTION(ValueError, opt.lr());
    run_steps(opt, link, 0, 2, Dtype::Float64);
    QVERIFY(std::abs(opt.lr() - 0.01 * std::sqrt(1 - 0.95 * 0.95) / (1 - 0.7 * 0.7)) < 1e-15);
  }

  void hyperparameters_are_shared_until_a_rule_owns_them() {
    SGD opt({.lr = 0.1});
    TwoParams m(to_tensor(initial()), to_tensor(initial()));
    opt.setup(m);
    opt.hyperparam().lr = 0.5;
    static_cast<SGDRule&>(*m.b->w.update_rule()).own_hyperparam().lr = 0.0;
    m.a->w.set_grad(Variable(to_tensor(grad_at(0))));
    m.b->w.set_grad(Variable(to_tensor(grad_at(0))));
    opt.update();
    Vec pa = initial(), g = grad_at(0);
    for (int64_t i = 0; i < kN; ++i) pa[i] -= 0.5 * g[i];
    KUSARI_VERIFY_CLOSE(m.a->w.data(), to_tensor(pa), 1e-14, 0);
    KUSARI_VERIFY_CLOSE(m.b->w.data(), to_tensor(initial()), 0, 0);
  }

  void disabled_and_gradless_parameters_are_skipped() {
    MomentumSGD opt;
    TwoParams m(to_tensor(initial()), to_tensor(initial()));
    opt.setup(m);
    m.b->disable_update();
    m.a->w.set_grad(Variable(to_tensor(grad_at(0))));
    m.b->w.set_grad(Variable(to_tensor(grad_at(0))));
    opt.update();
    KUSARI_VERIFY_CLOSE(m.b->w.data(), to_tensor(initial()), 0, 0);
    QCOMPARE(m.b->w.update_rule()->t, int64_t(0));
    m.a->w.cleargrad();
    Tensor before = m.a->w.data().clone();
    opt.update();  // no gradient: the step is counted, nothing moves
    QCOMPARE(m.a->w.update_rule()->t, int64_t(2));
    KUSARI_VERIFY_CLOSE(m.a->w.data(), before, 0, 0);
  }

  void update_with_loss_function() {
    SGD opt({.lr = 0.1});
    OneParam link(to_tensor(initial()));
    opt.setup(link);
    link.w.set_grad(Variable(to_tensor(grad_at(3))));  // stale: must be cleared first
    opt.update([&] { return sum(link.w * link.w); });   // grad 2 w
    Vec p = initial();
    for (double& x : p) x -= 0.1 * 2 * x;
    KUSARI_VERIFY_CLOSE(link.w.data(), to_tensor(p), 1e-14, 0);
  }

  void weight_decay_and_lasso() {
    for (bool lasso : {false, true}) {
      SGD opt({.lr = 0.1});
      OneParam link(to_tensor(initial()));
      opt.setup(link);
      if (lasso)
        opt.add_hook(std::make_shared<Lasso>(0.3));
      else
        opt.add_hook(std::make_shared<WeightDecay>(0.3));
      run_steps(opt, link, 0, 2, Dtype::Float64);
      Vec p = initial();
      for (int k = 0; k < 2; ++k) {
        Vec g = grad_at(k);
        for (int64_t i = 0; i < kN; ++i) {
          double reg = lasso ? (p[i] > 0 ? 1.0 : p[i] < 0 ? -1.0 : 0.0) : p[i];
          p[i] -= 0.1 * (g[i] + 0.3 * reg);
        }
      }
      KUSARI_VERIFY_CLOSE(link.w.data(), to_tensor(p), 1e-14, 0);
    }
  }

  void gradient_clipping_uses_global_norm_data() {
    QTest::addColumn<double>("threshold");
    QTest::newRow("clipped") << 1.0;
    QTest::newRow("not clipped") << 100.0;
  }
  void gradient_clipping_uses_global_norm() {
    QFETCH(double, threshold);
    SGD opt({.lr = 1.0});
    TwoParams m(to_tensor(initial()), to_tensor(initial()));
    opt.setup(m);
    opt.add_hook(std::make_shared<GradientClipping>(threshold));
    Vec ga = grad_at(0), gb = grad_at(1);
    m.a->w.set_grad(Variable(to_tensor(ga)));
    m.b->w.set_grad(Variable(to_tensor(gb)));
    opt.update();
    double sq = 0;
    for (int64_t i = 0; i < kN; ++i) sq += ga[i] * ga[i] + gb[i] * gb[i];
    double rate = std::min(1.0, threshold / std::sqrt(sq));
    Vec pa = initial(), pb = initial();
    for (int64_t i = 0; i < kN; ++i) {
      pa[i] -= rate * ga[i];
      pb[i] -= rate * gb[i];
    }
    KUSARI_VERIFY_CLOSE(m.a->w.data(), to_tensor(pa), 1e-14, 0);
    KUSARI_VERIFY_CLOSE(m.b->w.data(), to_tensor(pb), 1e-14, 0);
  }

  void gradient_hard_clipping() {
    SGD opt({.lr = 1.0});
    OneParam link(to_tensor(initial()));
    opt.setup(link);
    opt.add_hook(std::make_shared<GradientHardClipping>(-0.4, 0.6));
    run_steps(opt, link, 0, 1, Dtype::Float64);
    Vec p = initial(), g = grad_at(0);
    for (int64_t i = 0; i < kN; ++i) p[i] -= std::min(std::max(g[i], -0.4), 0.6);
    KUSARI_VERIFY_CLOSE(link.w.data(), to_tensor(p), 1e-14, 0);
    QVERIFY_THROWS_EXCEPTION(ValueError, GradientHardClipping(1.0, -1.0));
  }

  void hooks_are_named_and_removable() {
    SGD opt;
    OneParam link(to_tensor(initial()));
    opt.setup(link);
    opt.add_hook(std::make_shared<WeightDecay>(0.1));
    QVERIFY_THROWS_EXCEPTION(ValueError, opt.add_hook(std::make_shared<WeightDecay>(0.2)));
    opt.remove_hook("WeightDecay");
    opt.add_hook(std::make_shared<WeightDecay>(0.2));
    SGD unset;
    QVERIFY_THROWS_EXCEPTION(ValueError, unset.update());
  }

  void aliased_gradients_are_not_written_through() {
    // One gradient Variable shared by two parameters (as add's backward produces): a hook
    // writing one parameter's gradient must not change the other's.
    SGD opt({.lr = 1.0});
    TwoParams m(to_tensor(initial()), to_tensor(grad_at(2)));
    opt.setup(m);
    opt.add_hook(std::make_shared<WeightDecay>(1.0));
    Variable shared(to_tensor(grad_at(0)));
    m.a->w.set_grad(shared);
    m.b->w.set_grad(shared);
    opt.update();
    Vec g = grad_at(0), pa = initial(), pb = grad_at(2);
    for (int64_t i = 0; i < kN; ++i) {
      pa[i] -= g[i] + pa[i];
      pb[i] -= g[i] + pb[i];
    }
    KUSARI_VERIFY_CLOSE(m.a->w.data(), to_tensor(pa), 1e-14, 0);
    KUSARI_VERIFY_CLOSE(m.b->w.data(), to_tensor(pb), 1e-14, 0);
    KUSARI_VERIFY_CLOSE(shared.data(), to_tensor(g), 0, 0);
  }

  void serialize_layout_and_resume() {
    AdamHyperparameter hp{.alpha = 0.05, .amsgrad = true};
    TwoParams m(to_tensor(initial()), to_tensor(grad_at(5)));
    Adam opt(hp);
    opt.setup(m);
    auto step = [](Optimizer& o, TwoParams& model, int k) {
      model.a->w.set_grad(Variable(to_tensor(grad_at(k))));
      model.b->w.set_grad(Variable(to_tensor(grad_at(k + 1))));
      o.update();
    };
    step(opt, m, 0);
    step(opt, m, 1);
    opt.new_epoch();
    auto store = std::make_shared<MemoryStore>();
    MemorySerializer saver(store, false);
    opt.serialize(*saver.child("optimizer"));
    QCOMPARE(store->keys, (std::vector<std::string>{"optimizer/t", "optimizer/epoch", "optimizer/a/w/t",
                                                    "optimizer/a/w/m", "optimizer/a/w/v", "optimizer/a/w/vhat",
                                                    "optimizer/b/w/t", "optimizer/b/w/m", "optimizer/b/w/v",
                                                    "optimizer/b/w/vhat"}));
    QCOMPARE(store->scalars["optimizer/t"], 2.0);
    QCOMPARE(store->scalars["optimizer/epoch"], 1.0);
    // A fresh optimizer on a copy of the model, loaded, continues exactly like the original.
    TwoParams m2(to_tensor(initial()), to_tensor(initial()));
    m2.copyparams(m);
    Adam opt2(hp);
    opt2.setup(m2);
    MemorySerializer loader(store, true);
    opt2.serialize(*loader.child("optimizer"));
    QCOMPARE(opt2.t, int64_t(2));
    QCOMPARE(opt2.epoch, int64_t(1));
    QCOMPARE(m2.a->w.update_rule()->t, int64_t(2));
    step(opt, m, 2);
    step(opt2, m2, 2);
    KUSARI_VERIFY_CLOSE(m2.a->w.data(), m.a->w.data(), 0, 0);
    KUSARI_VERIFY_CLOSE(m2.b->w.data(), m.b->w.data(), 0, 0);
  }

  void adam_on_a_large_matrix_is_one_fused_pass() {
    // 784 x 1000 float32, the first layer of an MNIST MLP. Reported, with a bound generous
    // enough for a shared machine; an unfused rule (a temporary per operation) or a strided
    // loop would be several times slower.
    ops::seed(1);
    OneParam link(ops::normal({784, 1000}, 0, 0.05, Dtype::Float32));
    link.w.set_grad(Variable(ops::normal({784, 1000}, 0, 1, Dtype::Float32)));
    Adam opt;
    opt.setup(link);
    opt.update();  // allocates the state
    QElapsedTimer timer;
    timer.start();
    const int steps = 20;
    for (int i = 0; i < steps; ++i) opt.update();
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6 / steps;
    qInfo("Adam step on 784x1000 float32: %.2f ms", ms);
    QVERIFY2(ms < 100, qPrintable(QString("%1 ms per step").arg(ms)));
    QVERIFY(ops::all_finite(link.w.data()));
  }
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "test_optimizers.moc"
