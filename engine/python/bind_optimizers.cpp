// kusari.optimizers and kusari.optimizer_hooks: the engine's optimizers with Chainer's
// constructors, hyperparameters as read-write attributes, and hooks written in C++ or Python.
#include "kusari/optimizer_hooks/optimizer_hooks.h"
#include "kusari/optimizers/optimizers.h"
#include "link_args.h"

namespace kusari::python {

namespace {

// A Python callable hook(optimizer) with Chainer's optional `name` and `timing` attributes.
class CallableHook : public OptimizerHook {
 public:
  CallableHook(py::object fn, std::string name, Timing timing) : fn_(hold(std::move(fn))), name_(std::move(name)), timing_(timing) {}
  void operator()(Optimizer& optimizer) override {
    py::gil_scoped_acquire gil;
    (*fn_)(py::cast(&optimizer, py::return_value_policy::reference));
  }
  std::string name() const override { return name_; }
  Timing timing() const override { return timing_; }

 private:
  std::shared_ptr<py::object> fn_;
  std::string name_;
  Timing timing_;
};

OptimizerHook::Timing timing_arg(const std::string& timing) {
  if (timing == "pre" || timing == "auto") return OptimizerHook::Timing::Pre;
  if (timing == "post") return OptimizerHook::Timing::Post;
  throw py::value_error("Optimizer.add_hook: timing must be 'pre', 'post' or 'auto', got '" + timing + "'");
}

void add_hook(Optimizer& o, const py::object& hook, const py::object& name, const std::string& timing) {
  std::string n = name.is_none() ? "" : name.cast<std::string>();
  if (py::isinstance<OptimizerHook>(hook)) {
    o.add_hook(hook.cast<std::shared_ptr<OptimizerHook>>(), n);
    return;
  }
  if (!PyCallable_Check(hook.ptr())) throw py::type_error("Optimizer.add_hook: the hook must be callable");
  if (n.empty()) n = py::hasattr(hook, "name") ? py::str(hook.attr("name")).cast<std::string>()
                                                : py::str(py::type::of(hook).attr("__name__")).cast<std::string>();
  std::string t = timing;
  if (t == "auto" && py::hasattr(hook, "timing")) t = hook.attr("timing").cast<std::string>();
  o.add_hook(std::make_shared<CallableHook>(hook, n, timing_arg(t)), n);
}

// update() or update(lossfun, *args, **kwds): cleargrads, loss = lossfun(...), backward, update.
void update(Optimizer& o, const py::args& args, py::kwargs kwds) {
  py::object lossfun = py::none();
  size_t first = 0;
  if (kwds.contains("lossfun")) {
    lossfun = kwds["lossfun"];
    PyDict_DelItemString(kwds.ptr(), "lossfun");
  } else if (args.size() > 0) {
    lossfun = args[0];
    first = 1;
  }
  if (lossfun.is_none()) {
    o.update();
    return;
  }
  py::tuple rest(args.size() - first);
  for (size_t i = first; i < args.size(); ++i) rest[i - first] = args[i];
  o.update([&] { return as_variable(lossfun(*rest, **kwds)); });
}

// The rule's state names (protected in UpdateRule), for the `state` view.
struct RuleAccess : UpdateRule {
  using UpdateRule::state_names;
};

template <typename Opt>
using OptimizerClass = py::class_<Opt, Optimizer, std::shared_ptr<Opt>>;

// optimizer.lr and the like read and write the hyperparameters every rule shares.
template <typename Opt, typename HP, typename T>
void hyperparam(OptimizerClass<Opt>& c, const char* name, T HP::*field) {
  c.def_property(name, [field](const Opt& o) { return o.hyperparam().*field; },
                 [field](Opt& o, T v) { o.hyperparam().*field = v; });
}

void bind_base(py::module_& om) {
  py::class_<UpdateRule, std::shared_ptr<UpdateRule>>(om, "UpdateRule")
      .def_readwrite("t", &UpdateRule::t)
      .def_readwrite("enabled", &UpdateRule::enabled)
      .def_property_readonly("state", [](UpdateRule& r) {
        py::dict d;
        for (const std::string& n : (r.*(&RuleAccess::state_names))())
          if (r.has_state(n) && r.state(n).defined()) d[py::str(n)] = r.state(n);
        return d;
      })
      .def("update", [](UpdateRule& r, Parameter& p) { r.update(p); })
      .def("serialize", &UpdateRule::serialize);

  py::class_<OptimizerHook, std::shared_ptr<OptimizerHook>>(om, "OptimizerHook")
      .def_property_readonly("name", &OptimizerHook::name)
      .def_property_readonly("timing", [](const OptimizerHook& h) { return h.timing() == OptimizerHook::Timing::Pre ? "pre" : "post"; })
      .def("__call__", [](OptimizerHook& h, Optimizer& o) { h(o); });

  py::class_<Optimizer, std::shared_ptr<Optimizer>>(om, "Optimizer", py::dynamic_attr())
      .def("setup", [](py::object self, const py::object& link) {
        self.cast<Optimizer&>().setup(link.cast<Link&>());
        self.attr("target") = link;  // keeps the link alive as long as the optimizer
        return self;
      }, py::arg("link"))
      .def("update", &update)
      .def("add_hook", &add_hook, py::arg("hook"), py::arg("name") = py::none(), py::arg("timing") = "auto")
      .def("remove_hook", &Optimizer::remove_hook, py::arg("name"))
      .def("call_hooks", [](Optimizer& o, const std::string& timing) { o.call_hooks(timing_arg(timing)); },
           py::arg("timing") = "pre")
      .def("new_epoch", [](Optimizer& o, bool) { o.new_epoch(); }, py::arg("auto") = false)
      .def("use_cleargrads", [](Optimizer&, bool) {}, py::arg("use") = true)
      .def("serialize", &Optimizer::serialize, py::arg("serializer"))
      .def_readwrite("t", &Optimizer::t)
      .def_readwrite("epoch", &Optimizer::epoch);
}

void bind_optimizers(py::module_& om) {
  OptimizerClass<SGD> sgd(om, "SGD", py::dynamic_attr());
  sgd.def(py::init([](double lr) { return std::make_shared<SGD>(SGDHyperparameter{lr}); }), py::arg("lr") = 0.01);
  hyperparam(sgd, "lr", &SGDHyperparameter::lr);

  OptimizerClass<MomentumSGD> msgd(om, "MomentumSGD", py::dynamic_attr());
  msgd.def(py::init([](double lr, double momentum) { return std::make_shared<MomentumSGD>(MomentumSGDHyperparameter{lr, momentum}); }),
           py::arg("lr") = 0.01, py::arg("momentum") = 0.9);
  hyperparam(msgd, "lr", &MomentumSGDHyperparameter::lr);
  hyperparam(msgd, "momentum", &MomentumSGDHyperparameter::momentum);

  OptimizerClass<NesterovAG> nag(om, "NesterovAG", py::dynamic_attr());
  nag.def(py::init([](double lr, double momentum) { return std::make_shared<NesterovAG>(NesterovAGHyperparameter{lr, momentum}); }),
          py::arg("lr") = 0.01, py::arg("momentum") = 0.9);
  hyperparam(nag, "lr", &NesterovAGHyperparameter::lr);
  hyperparam(nag, "momentum", &NesterovAGHyperparameter::momentum);

  OptimizerClass<AdaGrad> adagrad(om, "AdaGrad", py::dynamic_attr());
  adagrad.def(py::init([](double lr, double eps) { return std::make_shared<AdaGrad>(AdaGradHyperparameter{lr, eps}); }),
              py::arg("lr") = 0.001, py::arg("eps") = 1e-8);
  hyperparam(adagrad, "lr", &AdaGradHyperparameter::lr);
  hyperparam(adagrad, "eps", &AdaGradHyperparameter::eps);

  OptimizerClass<RMSprop> rms(om, "RMSprop", py::dynamic_attr());
  rms.def(py::init([](double lr, double alpha, double eps, bool inside) {
            return std::make_shared<RMSprop>(RMSpropHyperparameter{lr, alpha, eps, inside});
          }),
          py::arg("lr") = 0.01, py::arg("alpha") = 0.99, py::arg("eps") = 1e-8, py::arg("eps_inside_sqrt") = false);
  hyperparam(rms, "lr", &RMSpropHyperparameter::lr);
  hyperparam(rms, "alpha", &RMSpropHyperparameter::alpha);
  hyperparam(rms, "eps", &RMSpropHyperparameter::eps);
  hyperparam(rms, "eps_inside_sqrt", &RMSpropHyperparameter::eps_inside_sqrt);

  OptimizerClass<AdaDelta> adadelta(om, "AdaDelta", py::dynamic_attr());
  adadelta.def(py::init([](double rho, double eps) { return std::make_shared<AdaDelta>(AdaDeltaHyperparameter{rho, eps}); }),
               py::arg("rho") = 0.95, py::arg("eps") = 1e-6);
  hyperparam(adadelta, "rho", &AdaDeltaHyperparameter::rho);
  hyperparam(adadelta, "eps", &AdaDeltaHyperparameter::eps);

  auto adam_init = [](auto tag) {
    using A = typename decltype(tag)::type;
    return py::init([](double alpha, double beta1, double beta2, double eps, double eta, double wd, bool amsgrad) {
      return std::make_shared<A>(AdamHyperparameter{alpha, beta1, beta2, eps, eta, wd, amsgrad});
    });
  };
  OptimizerClass<Adam> adam(om, "Adam", py::dynamic_attr());
  adam.def(adam_init(std::type_identity<Adam>{}), py::arg("alpha") = 0.001, py::arg("beta1") = 0.9,
           py::arg("beta2") = 0.999, py::arg("eps") = 1e-8, py::arg("eta") = 1.0, py::arg("weight_decay_rate") = 0.0,
           py::arg("amsgrad") = false);
  hyperparam(adam, "alpha", &AdamHyperparameter::alpha);
  hyperparam(adam, "beta1", &AdamHyperparameter::beta1);
  hyperparam(adam, "beta2", &AdamHyperparameter::beta2);
  hyperparam(adam, "eps", &AdamHyperparameter::eps);
  hyperparam(adam, "eta", &AdamHyperparameter::eta);
  hyperparam(adam, "weight_decay_rate", &AdamHyperparameter::weight_decay_rate);
  hyperparam(adam, "amsgrad", &AdamHyperparameter::amsgrad);
  adam.def_property_readonly("lr", &Adam::lr).def_property_readonly("alpha_t", &Adam::lr);

  py::class_<AdamW, Adam, std::shared_ptr<AdamW>>(om, "AdamW", py::dynamic_attr())
      .def(adam_init(std::type_identity<AdamW>{}), py::arg("alpha") = 0.001, py::arg("beta1") = 0.9,
           py::arg("beta2") = 0.999, py::arg("eps") = 1e-8, py::arg("eta") = 1.0, py::arg("weight_decay_rate") = 0.0,
           py::arg("amsgrad") = false);
}

void bind_hooks(py::module_& m, py::module_& om) {
  py::module_ hm = m.def_submodule("optimizer_hooks", "Optimizer hooks (chainer.optimizer_hooks).");
  hm.attr("OptimizerHook") = om.attr("OptimizerHook");
  py::class_<WeightDecay, OptimizerHook, std::shared_ptr<WeightDecay>>(hm, "WeightDecay")
      .def(py::init<double>(), py::arg("rate"))
      .def_property_readonly("rate", &WeightDecay::rate);
  py::class_<Lasso, OptimizerHook, std::shared_ptr<Lasso>>(hm, "Lasso").def(py::init<double>(), py::arg("rate"));
  py::class_<GradientClipping, OptimizerHook, std::shared_ptr<GradientClipping>>(hm, "GradientClipping")
      .def(py::init<double>(), py::arg("threshold"));
  py::class_<GradientHardClipping, OptimizerHook, std::shared_ptr<GradientHardClipping>>(hm, "GradientHardClipping")
      .def(py::init<double, double>(), py::arg("lower_bound"), py::arg("upper_bound"));
}

}  // namespace

void init_optimizers(py::module_& m) {
  py::module_ om = m.def_submodule("optimizers", "Optimizers (chainer.optimizers).");
  bind_base(om);
  bind_optimizers(om);
  bind_hooks(m, om);
}

}  // namespace kusari::python
