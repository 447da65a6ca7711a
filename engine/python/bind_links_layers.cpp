// kusari.links: the engine's concrete links with Chainer's constructor signatures. Each binds
// __call__ straight to the C++ operator(), so a call from Python is one C++ call.
#include "bind_args.h"
#include "kusari/links/links.h"
#include "link_args.h"

namespace kusari::python {

void init_classifier(py::module_& lm);

namespace {

using O = const py::object&;

// A parameter the link did not register (nobias, use_gamma=False) reads as None, as in Chainer.
py::object optional_param(const Link& l, const char* name) {
  return l.has_param(name) ? py::cast(l.param(name)) : py::object(py::none());
}
py::object optional_var(const Variable& v) { return v.defined() ? py::cast(v) : py::object(py::none()); }
py::object optional_tensor(const Tensor& t) { return t.defined() ? py::cast(t) : py::object(py::none()); }

Shape shape_arg(O s) { return py::isinstance<py::int_>(s) ? Shape{s.cast<int64_t>()} : s.cast<Shape>(); }

template <typename T>
using LinkClass = py::class_<T, Link, std::shared_ptr<T>>;

// Links with one input: __call__(x) and forward(x).
template <typename T, typename Base = Link>
py::class_<T, Base, std::shared_ptr<T>> one_input_link(py::module_& lm, const char* name) {
  py::class_<T, Base, std::shared_ptr<T>> c(lm, name, py::dynamic_attr());
  c.def("__call__", [](T& l, const Variable& x) { return l(x); }, py::arg("x"));
  c.def("forward", [](T& l, const Variable& x) { return l.forward(x); }, py::arg("x"));
  return c;
}

Conv2dParams conv_params(O stride, O pad, O dilate, int64_t groups) {
  Conv2dParams p;
  std::tie(p.stride_y, p.stride_x) = pair_arg(stride, "stride");
  std::tie(p.pad_y, p.pad_x) = pair_arg(pad, "pad");
  std::tie(p.dilate_y, p.dilate_x) = pair_arg(dilate, "dilate");
  p.groups = groups;
  return p;
}

// Chainer's two-argument form Convolution2D(out_channels, ksize) leaves in_channels lazy.
std::tuple<std::optional<int64_t>, int64_t, O> conv_channels(O in_channels, O out_channels, O ksize) {
  if (ksize.is_none()) return {std::nullopt, in_channels.cast<int64_t>(), out_channels};
  return {optional_int(in_channels), out_channels.cast<int64_t>(), ksize};
}

void bind_connection(py::module_& lm) {
  one_input_link<Linear>(lm, "Linear")
      .def(py::init([](O in_size, O out_size, bool nobias, O initialW, O initial_bias) {
             LinearOptions o{.nobias = nobias, .initialW = initializer_arg(initialW), .initial_bias = initializer_arg(initial_bias)};
             if (out_size.is_none()) return std::make_shared<Linear>(std::nullopt, in_size.cast<int64_t>(), o);
             return std::make_shared<Linear>(optional_int(in_size), out_size.cast<int64_t>(), o);
           }),
           py::arg("in_size"), py::arg("out_size") = py::none(), py::arg("nobias") = false,
           py::arg("initialW") = py::none(), py::arg("initial_bias") = py::none())
      .def_property_readonly("W", [](const Linear& l) { return l.W; })
      .def_property_readonly("b", [](const Linear& l) { return optional_param(l, "b"); })
      .def_property_readonly("out_size", &Linear::out_size)
      .def_property_readonly("in_size", [](const Linear& l) {
        return l.W.is_initialized() ? py::cast(l.W.shape()[1]) : py::object(py::none());
      });

  one_input_link<Convolution2D>(lm, "Convolution2D")
      .def(py::init([](O in_ch, O out_ch, O ksize_in, O stride, O pad, bool nobias, O initialW, O initial_bias, O dilate,
                       int64_t groups) {
             auto [in_channels, out_channels, ksize] = conv_channels(in_ch, out_ch, ksize_in);
             Convolution2DOptions o{.conv = conv_params(stride, pad, dilate, groups), .nobias = nobias,
                                    .initialW = initializer_arg(initialW), .initial_bias = initializer_arg(initial_bias)};
             std::tie(o.ksize_h, o.ksize_w) = pair_arg(ksize, "ksize");
             return std::make_shared<Convolution2D>(in_channels, out_channels, o);
           }),
           py::arg("in_channels"), py::arg("out_channels"), py::arg("ksize") = py::none(), py::arg("stride") = 1,
           py::arg("pad") = 0, py::arg("nobias") = false, py::arg("initialW") = py::none(),
           py::arg("initial_bias") = py::none(), py::kw_only(), py::arg("dilate") = 1, py::arg("groups") = 1)
      .def_property_readonly("W", [](const Convolution2D& l) { return l.W; })
      .def_property_readonly("b", [](const Convolution2D& l) { return optional_param(l, "b"); });

  one_input_link<Deconvolution2D>(lm, "Deconvolution2D")
      .def(py::init([](O in_ch, O out_ch, O ksize_in, O stride, O pad, bool nobias, O outsize, O initialW,
                       O initial_bias, O dilate, int64_t groups) {
             auto [in_channels, out_channels, ksize] = conv_channels(in_ch, out_ch, ksize_in);
             Deconvolution2DOptions o{.conv = conv_params(stride, pad, dilate, groups), .nobias = nobias,
                                      .initialW = initializer_arg(initialW), .initial_bias = initializer_arg(initial_bias)};
             std::tie(o.ksize_h, o.ksize_w) = pair_arg(ksize, "ksize");
             if (!outsize.is_none()) std::tie(o.out_h, o.out_w) = pair_arg(outsize, "outsize");
             return std::make_shared<Deconvolution2D>(in_channels, out_channels, o);
           }),
           py::arg("in_channels"), py::arg("out_channels"), py::arg("ksize") = py::none(), py::arg("stride") = 1,
           py::arg("pad") = 0, py::arg("nobias") = false, py::arg("outsize") = py::none(),
           py::arg("initialW") = py::none(), py::arg("initial_bias") = py::none(), py::kw_only(),
           py::arg("dilate") = 1, py::arg("groups") = 1)
      .def_property_readonly("W", [](const Deconvolution2D& l) { return l.W; })
      .def_property_readonly("b", [](const Deconvolution2D& l) { return optional_param(l, "b"); });

  one_input_link<EmbedID>(lm, "EmbedID")
      .def(py::init([](int64_t in_size, int64_t out_size, O initialW, O ignore_label) {
             return std::make_shared<EmbedID>(in_size, out_size,
                                              EmbedIDOptions{.initialW = initializer_arg(initialW), .ignore_label = optional_int(ignore_label)});
           }),
           py::arg("in_size"), py::arg("out_size"), py::arg("initialW") = py::none(), py::arg("ignore_label") = py::none())
      .def_property_readonly("W", [](const EmbedID& l) { return l.W; });

  one_input_link<Bias>(lm, "Bias")
      .def(py::init([](int64_t axis, O shape) {
             if (shape.is_none()) throw py::value_error("Bias: give shape= (a bias passed as a second input is not supported)");
             return std::make_shared<Bias>(shape_arg(shape), BiasOptions{.axis = axis});
           }),
           py::arg("axis") = 1, py::arg("shape") = py::none())
      .def_property_readonly("b", [](const Bias& l) { return l.b; });

  one_input_link<Scale, Chain>(lm, "Scale")
      .def(py::init([](int64_t axis, O W_shape, bool bias_term, O bias_shape) {
             if (W_shape.is_none()) throw py::value_error("Scale: give W_shape= (a scale passed as a second input is not supported)");
             ScaleOptions o{.axis = axis, .bias_term = bias_term};
             if (!bias_shape.is_none()) o.bias_shape = shape_arg(bias_shape);
             return std::make_shared<Scale>(shape_arg(W_shape), o);
           }),
           py::arg("axis") = 1, py::arg("W_shape") = py::none(), py::arg("bias_term") = false, py::arg("bias_shape") = py::none())
      .def_property_readonly("W", [](const Scale& l) { return l.W; })
      .def_property_readonly("bias", [](const Scale& l) { return l.bias ? py::cast(l.bias) : py::object(py::none()); });

  one_input_link<PReLU>(lm, "PReLU")
      .def(py::init([](O shape, O init) { return std::make_shared<PReLU>(shape_arg(shape), PReLUOptions{.init = initializer_arg(init)}); }),
           py::arg("shape") = py::tuple(), py::arg("init") = 0.25)
      .def_property_readonly("W", [](const PReLU& l) { return l.W; });
}

void bind_normalization(py::module_& lm) {
  py::class_<BatchNormalization, Link, std::shared_ptr<BatchNormalization>>(lm, "BatchNormalization", py::dynamic_attr())
      .def(py::init([](O size, double decay, double eps, O dtype, bool use_gamma, bool use_beta, O initial_gamma,
                       O initial_beta, O axis) {
             if (!axis.is_none()) throw py::value_error("BatchNormalization: only the default axis (all but 1) is supported");
             BatchNormalizationOptions o{.decay = decay, .eps = eps, .use_gamma = use_gamma, .use_beta = use_beta,
                                         .initial_gamma = initializer_arg(initial_gamma),
                                         .initial_beta = initializer_arg(initial_beta), .dtype = dtype_arg(dtype)};
             return std::make_shared<BatchNormalization>(optional_int(size), o);
           }),
           py::arg("size") = py::none(), py::arg("decay") = 0.9, py::arg("eps") = 2e-5, py::arg("dtype") = py::none(),
           py::arg("use_gamma") = true, py::arg("use_beta") = true, py::arg("initial_gamma") = py::none(),
           py::arg("initial_beta") = py::none(), py::arg("axis") = py::none())
      .def("__call__", [](BatchNormalization& l, const Variable& x, bool finetune) { return l(x, finetune); },
           py::arg("x"), py::arg("finetune") = false)
      .def("forward", [](BatchNormalization& l, const Variable& x, bool finetune) { return l.forward(x, finetune); },
           py::arg("x"), py::arg("finetune") = false)
      .def("start_finetuning", &BatchNormalization::start_finetuning)
      .def_property_readonly("gamma", [](const BatchNormalization& l) { return optional_param(l, "gamma"); })
      .def_property_readonly("beta", [](const BatchNormalization& l) { return optional_param(l, "beta"); })
      .def_property("avg_mean", [](const BatchNormalization& l) { return optional_tensor(l.avg_mean); },
                    [](BatchNormalization& l, const Tensor& t) { l.avg_mean = t.clone(); })
      .def_property("avg_var", [](const BatchNormalization& l) { return optional_tensor(l.avg_var); },
                    [](BatchNormalization& l, const Tensor& t) { l.avg_var = t.clone(); })
      .def_readwrite("N", &BatchNormalization::N);

  one_input_link<LayerNormalization>(lm, "LayerNormalization")
      .def(py::init([](O size, double eps, O initial_gamma, O initial_beta) {
             return std::make_shared<LayerNormalization>(
                 optional_int(size), LayerNormalizationOptions{.eps = eps, .initial_gamma = initializer_arg(initial_gamma),
                                                               .initial_beta = initializer_arg(initial_beta)});
           }),
           py::arg("size") = py::none(), py::arg("eps") = 1e-6, py::arg("initial_gamma") = py::none(),
           py::arg("initial_beta") = py::none())
      .def_property_readonly("gamma", [](const LayerNormalization& l) { return l.gamma; })
      .def_property_readonly("beta", [](const LayerNormalization& l) { return l.beta; });

  one_input_link<GroupNormalization>(lm, "GroupNormalization")
      .def(py::init([](int64_t groups, O size, double eps, O initial_gamma, O initial_beta) {
             return std::make_shared<GroupNormalization>(
                 groups, optional_int(size),
                 GroupNormalizationOptions{.eps = eps, .initial_gamma = initializer_arg(initial_gamma),
                                           .initial_beta = initializer_arg(initial_beta)});
           }),
           py::arg("groups"), py::arg("size") = py::none(), py::arg("eps") = 1e-5, py::arg("initial_gamma") = py::none(),
           py::arg("initial_beta") = py::none())
      .def_property_readonly("gamma", [](const GroupNormalization& l) { return l.gamma; })
      .def_property_readonly("beta", [](const GroupNormalization& l) { return l.beta; });
}

void bind_rnn(py::module_& lm) {
  one_input_link<LSTM, Chain>(lm, "LSTM")
      .def(py::init([](O in_size, O out_size, O lateral_init, O upward_init, O bias_init, O forget_bias_init) {
             LSTMOptions o{.upward_init = initializer_arg(upward_init), .lateral_init = initializer_arg(lateral_init)};
             if (!bias_init.is_none()) o.bias_init = bias_init.cast<double>();
             if (!forget_bias_init.is_none()) o.forget_bias_init = forget_bias_init.cast<double>();
             if (out_size.is_none()) return std::make_shared<LSTM>(std::nullopt, in_size.cast<int64_t>(), o);
             return std::make_shared<LSTM>(optional_int(in_size), out_size.cast<int64_t>(), o);
           }),
           py::arg("in_size"), py::arg("out_size") = py::none(), py::arg("lateral_init") = py::none(),
           py::arg("upward_init") = py::none(), py::arg("bias_init") = py::none(), py::arg("forget_bias_init") = py::none())
      .def("reset_state", &LSTM::reset_state)
      .def("set_state", [](LSTM& l, const Variable& c, const Variable& h) { l.set_state(c, h); }, py::arg("c"), py::arg("h"))
      .def_property_readonly("state_size", &LSTM::state_size)
      .def_property_readonly("c", [](const LSTM& l) { return optional_var(l.c); })
      .def_property_readonly("h", [](const LSTM& l) { return optional_var(l.h); })
      .def_property_readonly("upward", [](const LSTM& l) { return l.upward; })
      .def_property_readonly("lateral", [](const LSTM& l) { return l.lateral; });

  auto gru = one_input_link<GRU, Chain>(lm, "StatefulGRU");
  gru.def(py::init([](int64_t in_size, int64_t out_size, O init, O inner_init, O bias_init) {
           return std::make_shared<GRU>(in_size, out_size,
                                        GRUOptions{.init = initializer_arg(init), .inner_init = initializer_arg(inner_init),
                                                   .bias_init = initializer_arg(bias_init)});
         }),
         py::arg("in_size"), py::arg("out_size"), py::arg("init") = py::none(), py::arg("inner_init") = py::none(),
         py::arg("bias_init") = 0)
      .def("reset_state", &GRU::reset_state)
      .def("set_state", [](GRU& l, const Variable& h) { l.set_state(h); }, py::arg("h"))
      .def_property_readonly("h", [](const GRU& l) { return optional_var(l.h); });
#define KUSARI_GRU_CHILD(n) gru.def_property_readonly(#n, [](const GRU& l) { return l.n; })
  KUSARI_GRU_CHILD(W_r); KUSARI_GRU_CHILD(U_r); KUSARI_GRU_CHILD(W_z); KUSARI_GRU_CHILD(U_z); KUSARI_GRU_CHILD(W); KUSARI_GRU_CHILD(U);
#undef KUSARI_GRU_CHILD
  lm.attr("GRU") = gru;

  auto nstep = [](NStepLSTM& l, O hx, O cx, const py::iterable& xs) {
    NStepResult r = l(optional_variable(hx), optional_variable(cx), variables_arg(xs));
    return py::make_tuple(r.hy, r.cy, variables_tuple(r.ys));
  };
  py::class_<NStepLSTM, ChainList, std::shared_ptr<NStepLSTM>>(lm, "NStepLSTM", py::dynamic_attr())
      .def(py::init([](int64_t n_layers, int64_t in_size, int64_t out_size, double dropout, O initialW, O initial_bias) {
             return std::make_shared<NStepLSTM>(n_layers, in_size, out_size,
                                                NStepLSTMOptions{.dropout = dropout, .initialW = initializer_arg(initialW),
                                                                 .initial_bias = initializer_arg(initial_bias)});
           }),
           py::arg("n_layers"), py::arg("in_size"), py::arg("out_size"), py::arg("dropout"),
           py::arg("initialW") = py::none(), py::arg("initial_bias") = py::none())
      .def("__call__", nstep, py::arg("hx"), py::arg("cx"), py::arg("xs"))
      .def("forward", nstep, py::arg("hx"), py::arg("cx"), py::arg("xs"));
}

}  // namespace

void init_links_layers(py::module_& m) {
  py::module_ lm = m.def_submodule("links", "Links with parameters (chainer.links).");
  bind_connection(lm);
  bind_normalization(lm);
  bind_rnn(lm);
  init_classifier(lm);
}

}  // namespace kusari::python
