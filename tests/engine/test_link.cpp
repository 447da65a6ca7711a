// Link infrastructure: registration order, paths, traversal, copyparams, count_params,
// gradients, lazy initialization, serialization key layout and the link path of graph nodes.
// The links here are tiny ones built from arithmetic only, so this test needs no other family.
#include <QTest>

#include "engine/engine_test_support.h"
#include "engine/memory_serializer.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"
#include "kusari/initializers/constant.h"
#include "kusari/initializers/normal.h"
#include "kusari/links/chain.h"
#include "kusari/links/chain_list.h"
#include "kusari/links/sequential.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

// y = x W^T + b, W created lazily when in_size is unknown.
class TinyLinear : public Link {
 public:
  Parameter W, b;
  TinyLinear(std::optional<int64_t> in_size, int64_t out_size) : out_size_(out_size) {
    W = add_param("W", Parameter(std::make_shared<initializers::Normal>(1.0), Dtype::Float64));
    b = add_param("b", std::make_shared<initializers::Constant>(0.5), {out_size}, Dtype::Float64);
    if (in_size) W.initialize({out_size, *in_size});
  }
  Variable forward(const Variable& x) override {
    if (!W.is_initialized()) W.initialize({out_size_, x.shape()[1]});
    return matmul(x, W, false, true) + b;
  }

 private:
  int64_t out_size_;
};

// A link with persistent state: counts calls and keeps a running sum of its inputs.
class Counter : public Link {
 public:
  Tensor total = ops::zeros({3}, Dtype::Float64);
  double N = 0;
  Counter() {
    add_persistent("total", &total);
    add_persistent("N", &N);
  }
  Variable forward(const Variable& x) override {
    total = ops::add(total, ops::sum(x.data(), {0}));
    N += 1;
    return x;
  }
};

class Model : public Chain {
 public:
  std::shared_ptr<TinyLinear> l1, l2;
  std::shared_ptr<Counter> bn;
  std::shared_ptr<ChainList> blocks;
  Model() {
    l1 = add_link("l1", std::make_shared<TinyLinear>(std::nullopt, 3));
    bn = add_link("bn", std::make_shared<Counter>());
    l2 = add_link("l2", std::make_shared<TinyLinear>(3, 2));
    blocks = add_link("blocks", std::make_shared<ChainList>());
    blocks->append(std::make_shared<TinyLinear>(2, 2));
    blocks->append(std::make_shared<TinyLinear>(2, 1));
  }
  Variable forward(const Variable& x) override {
    Variable h = (*l2)((*bn)((*l1)(x)));
    return (*blocks)[1]((*blocks)[0](h));
  }
};

Tensor input() { return ops::normal({4, 5}, 0, 1, Dtype::Float64); }

std::vector<std::string> names_of(const std::vector<std::pair<std::string, Parameter>>& v) {
  std::vector<std::string> out;
  for (const auto& e : v) out.push_back(e.first);
  return out;
}

}  // namespace

class TestLink : public QObject {
  Q_OBJECT
 private slots:
  void namedparams_paths_in_registration_order() {
    Model m;
    std::vector<std::string> expected{"/l1/W", "/l1/b", "/l2/W", "/l2/b", "/blocks/0/W", "/blocks/0/b", "/blocks/1/W",
                                      "/blocks/1/b"};
    QCOMPARE(names_of(m.namedparams()), expected);
    // The uninitialized l1/W is left out on request.
    expected.erase(expected.begin());
    QCOMPARE(names_of(m.namedparams(false)), expected);
    QCOMPARE(m.params().size(), size_t(8));
    QVERIFY(m.params()[0].is(m.l1->W));
    QCOMPARE(m.l1->W.name(), std::string("W"));
    QVERIFY(m.l1->W.is_parameter());
  }

  void namedlinks_and_children() {
    Model m;
    std::vector<std::string> paths;
    for (auto& [p, l] : m.namedlinks()) paths.push_back(p);
    QCOMPARE(paths, (std::vector<std::string>{"/", "/l1", "/bn", "/l2", "/blocks", "/blocks/0", "/blocks/1"}));
    QCOMPARE(m.links(true).size(), size_t(6));
    QCOMPARE(m.links().front(), static_cast<Link*>(&m));
    QCOMPARE(m.children().size(), size_t(4));
    QCOMPARE(m.children()[2], static_cast<Link*>(m.l2.get()));
    QCOMPARE((*m.blocks)[1].name(), std::string("1"));
    QCOMPARE(m.l1->name(), std::string("l1"));
    QCOMPARE(&m["bn"], static_cast<Link*>(m.bn.get()));
  }

  void duplicate_and_bad_names_are_rejected() {
    Model m;
    QVERIFY_THROWS_EXCEPTION(ValueError, m.add_link("l1", std::make_shared<Counter>()));
    QVERIFY_THROWS_EXCEPTION(ValueError, m.l1->add_param("W", Parameter()));
    QVERIFY_THROWS_EXCEPTION(ValueError, m.add_link("a/b", std::make_shared<Counter>()));
    QVERIFY_THROWS_EXCEPTION(IndexError, m["nothing"]);
    QVERIFY_THROWS_EXCEPTION(IndexError, (*m.blocks)[2]);
  }

  void lazy_initialization_on_first_forward() {
    Model m;
    QVERIFY(!m.l1->W.is_initialized());
    QCOMPARE(m.count_params(), int64_t(3 + 3 * 2 + 2 + 2 * 2 + 2 + 2 + 1));
    Tensor x = input();
    Variable y = m(x);
    QCOMPARE(y.shape(), (Shape{4, 1}));
    QVERIFY(m.l1->W.is_initialized());
    QCOMPARE(m.l1->W.shape(), (Shape{3, 5}));
    QCOMPARE(m.l1->W.dtype(), Dtype::Float64);
    QCOMPARE(m.count_params(), int64_t(15 + 3 + 6 + 2 + 4 + 2 + 2 + 1));
    // Forward against the same arithmetic written out by hand.
    Tensor b = m.l1->b.data();
    QVERIFY(std::abs(b.at({0}) - 0.5) < 1e-15);
  }

  void forward_nodes_know_their_link_path() {
    Chain root;
    auto predictor = root.add_link("predictor", std::make_shared<Chain>());
    auto l1 = predictor->add_link("l1", std::make_shared<TinyLinear>(5, 3));
    Variable y;
    {
      LinkPathScope root_scope(root.name());
      LinkPathScope p_scope(predictor->name());
      y = (*l1)(input());
    }
    QVERIFY(y.creator());
    QCOMPARE(y.creator()->link_path, std::string("predictor/l1"));
    QCOMPARE(LinkPathScope::current(), std::string());
    // Through Link::operator(): each forward pushes its name; the root's is empty.
    struct Root : Chain {
      std::shared_ptr<Sequential> seq;
      Root() {
        seq = add_link("seq", std::make_shared<Sequential>());
        seq->append(std::make_shared<TinyLinear>(5, 2));
      }
      Variable forward(const Variable& x) override { return (*seq)(x) * 2.0; }
    } m;
    Variable z = m(input());
    QCOMPARE(z.creator()->link_path, std::string());  // the root's own multiplication
    Variable h = z.creator()->inputs[0];
    QCOMPARE(h.creator()->link_path, std::string("seq/0"));                    // the add of b
    QCOMPARE(h.creator()->inputs[0].creator()->link_path, std::string("seq/0"));  // the matmul
  }

  void copyparams_copies_data_and_persistents() {
    Model a, b;
    a(input());
    QVERIFY_THROWS_EXCEPTION(ShapeError, b.l2->W.initialize({2, 7}), b.copyparams(a));
    Model c;
    c.copyparams(a);
    auto pa = a.namedparams(), pc = c.namedparams();
    QCOMPARE(names_of(pa), names_of(pc));
    for (size_t i = 0; i < pa.size(); ++i) {
      KUSARI_VERIFY_CLOSE(pc[i].second.data(), pa[i].second.data(), 0, 0);
      QVERIFY(!pc[i].second.data().shares_storage(pa[i].second.data()));
    }
    QCOMPARE(c.bn->N, 1.0);
    KUSARI_VERIFY_CLOSE(c.bn->total, a.bn->total, 0, 0);
    Model d;
    d.copyparams(a, false);
    QCOMPARE(d.bn->N, 0.0);
  }

  void cleargrads_and_zerograds() {
    Model m;
    sum(m(input())).backward();
    for (Parameter& p : m.params()) QVERIFY(p.grad().defined());
    // d(sum)/d(last b) = batch size
    KUSARI_VERIFY_CLOSE(m.blocks->children()[1]->params()[1].grad().data(), ops::full({1}, 4.0, Dtype::Float64), 1e-12, 0);
    m.cleargrads();
    for (Parameter& p : m.params()) QVERIFY(!p.grad().defined());
    m.zerograds();
    for (Parameter& p : m.params()) KUSARI_VERIFY_CLOSE(p.grad().data(), ops::zeros_like(p.data()), 0, 0);
  }

  void enable_and_disable_update() {
    Model m;
    QVERIFY(m.update_enabled());
    m.l2->disable_update();
    QVERIFY(!m.l2->update_enabled());
    QVERIFY(!m.l2->W.update_enabled());
    QVERIFY(m.l1->W.update_enabled());
    QVERIFY(m.update_enabled());
    m.disable_update();
    QVERIFY(!m.update_enabled());
    m.enable_update();
    QVERIFY(m.l2->b.update_enabled());
  }

  void serialize_uses_chainer_key_layout() {
    Model m;
    m(input());
    auto store = std::make_shared<MemoryStore>();
    MemorySerializer saver(store, false);
    m.serialize(saver);
    std::vector<std::string> expected{"l1/W", "l1/b", "bn/total", "bn/N", "l2/W", "l2/b",
                                      "blocks/0/W", "blocks/0/b", "blocks/1/W", "blocks/1/b"};
    QCOMPARE(store->keys, expected);
    // Loading into a fresh model initializes the lazy parameter from the file.
    Model fresh;
    MemorySerializer loader(store, true);
    fresh.serialize(loader);
    QVERIFY(fresh.l1->W.is_initialized());
    KUSARI_VERIFY_CLOSE(fresh.l1->W.data(), m.l1->W.data(), 0, 0);
    KUSARI_VERIFY_CLOSE(fresh.l2->W.data(), m.l2->W.data(), 0, 0);
    KUSARI_VERIFY_CLOSE(fresh.bn->total, m.bn->total, 0, 0);
    QCOMPARE(fresh.bn->N, 1.0);
    Tensor x = input();
    KUSARI_VERIFY_CLOSE(fresh(x).data(), m(x).data(), 1e-12, 0);
  }

  void uninitialized_parameters_are_not_saved() {
    Model m;
    auto store = std::make_shared<MemoryStore>();
    MemorySerializer saver(store, false);
    m.serialize(saver);
    QCOMPARE(store->keys.front(), std::string("l1/b"));
  }

  void sequential_applies_layers_in_order() {
    Sequential s;
    auto a = std::make_shared<TinyLinear>(5, 4);
    auto b = std::make_shared<TinyLinear>(4, 2);
    s.append(a).append([](const Variable& h) { return h * h; }).append(b);
    QCOMPARE(s.num_layers(), size_t(3));
    QCOMPARE(s.size(), size_t(2));
    QCOMPARE(b->name(), std::string("1"));
    QCOMPARE(names_of(s.namedparams()), (std::vector<std::string>{"/0/W", "/0/b", "/1/W", "/1/b"}));
    Tensor x = input();
    Variable h = (*a)(x);
    KUSARI_VERIFY_CLOSE(s(x).data(), (*b)(h * h).data(), 1e-12, 0);
  }

  void parameter_basics() {
    Parameter p(std::make_shared<initializers::Constant>(2.0), Shape{2, 2}, Dtype::Float64);
    QVERIFY(p.is_initialized());
    QVERIFY(p.requires_grad());
    KUSARI_VERIFY_CLOSE(p.data(), ops::full({2, 2}, 2.0, Dtype::Float64), 0, 0);
    Parameter q = p;  // copies share the parameter
    q.set_update_enabled(false);
    QVERIFY(!p.update_enabled());
    Parameter lazy;
    lazy.zerograd();  // nothing to do before initialization
    QVERIFY(!lazy.grad().defined());
    lazy.initialize({3});
    QCOMPARE(lazy.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(lazy.data(), ops::zeros({3}), 0, 0);
    Link plain;
    QVERIFY_THROWS_EXCEPTION(ValueError, plain(Variable(ops::zeros({1}))));
  }
};

QTEST_APPLESS_MAIN(TestLink)
#include "test_link.moc"
