// kusari.functions: connection, pooling, normalization, loss, evaluation, noise, rnn.
#include "bind_args.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/evaluation.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/noise.h"
#include "kusari/functions/normalization.h"
#include "kusari/functions/pooling.h"
#include "kusari/functions/rnn.h"

namespace kusari::python {

namespace {

Conv2dParams conv_params(const py::object& stride, const py::object& pad, const py::object& dilate, int64_t groups) {
  Conv2dParams p;
  std::tie(p.stride_y, p.stride_x) = pair_arg(stride, "stride");
  std::tie(p.pad_y, p.pad_x) = pair_arg(pad, "pad");
  std::tie(p.dilate_y, p.dilate_x) = pair_arg(dilate, "dilate");
  p.groups = groups;
  return p;
}

Pool2dParams pool_params(const py::object& ksize, const py::object& stride, const py::object& pad, bool cover_all) {
  Pool2dParams p;
  std::tie(p.kh, p.kw) = pair_arg(ksize, "ksize");
  std::tie(p.sy, p.sx) = stride.is_none() ? std::make_pair(p.kh, p.kw) : pair_arg(stride, "stride");
  std::tie(p.ph, p.pw) = pair_arg(pad, "pad");
  p.cover_all = cover_all;
  return p;
}

std::vector<std::vector<Variable>> weights_arg(const py::iterable& ws) {
  std::vector<std::vector<Variable>> r;
  for (auto layer : ws) r.push_back(variables_arg(py::reinterpret_borrow<py::iterable>(layer)));
  return r;
}

}  // namespace

void init_functions_nn(py::module_& f) {
  using V = const Variable&;
  using O = const py::object&;
  f.def("linear", [](V x, V W, O b, int64_t n) { return linear(x, W, optional_variable(b), n); }, py::arg("x"),
        py::arg("W"), py::arg("b") = py::none(), py::arg("n_batch_axes") = 1);
  f.def("convolution_2d", [](V x, V W, O b, O stride, O pad, bool cover_all, O dilate, int64_t groups) {
    if (cover_all) throw py::value_error("convolution_2d: cover_all=True is not supported");
    return convolution_2d(x, W, optional_variable(b), conv_params(stride, pad, dilate, groups));
  }, py::arg("x"), py::arg("W"), py::arg("b") = py::none(), py::arg("stride") = 1, py::arg("pad") = 0,
        py::arg("cover_all") = false, py::arg("dilate") = 1, py::arg("groups") = 1);
  f.def("deconvolution_2d", [](V x, V W, O b, O stride, O pad, O outsize, O dilate, int64_t groups) {
    auto [oh, ow] = outsize.is_none() ? std::make_pair<int64_t, int64_t>(0, 0) : pair_arg(outsize, "outsize");
    return deconvolution_2d(x, W, optional_variable(b), conv_params(stride, pad, dilate, groups), oh, ow);
  }, py::arg("x"), py::arg("W"), py::arg("b") = py::none(), py::arg("stride") = 1, py::arg("pad") = 0,
        py::arg("outsize") = py::none(), py::arg("dilate") = 1, py::arg("groups") = 1);
  f.def("embed_id", [](const Tensor& x, V W, O ignore) {
    return embed_id(x, W, ignore.is_none() ? std::nullopt : std::optional<int64_t>(ignore.cast<int64_t>()));
  }, py::arg("x"), py::arg("W"), py::arg("ignore_label") = py::none());

  f.def("max_pooling_2d", [](V x, O ksize, O stride, O pad, bool cover_all, bool return_indices) -> py::object {
    Pool2dParams p = pool_params(ksize, stride, pad, cover_all);
    if (!return_indices) return py::cast(max_pooling_2d(x, p));
    auto [y, idx] = max_pooling_2d_with_indexes(x, p);
    return py::make_tuple(y, idx);
  }, py::arg("x"), py::arg("ksize"), py::arg("stride") = py::none(), py::arg("pad") = 0, py::arg("cover_all") = true,
        py::arg("return_indices") = false);
  f.def("average_pooling_2d", [](V x, O ksize, O stride, O pad) {
    return average_pooling_2d(x, pool_params(ksize, stride, pad, false));
  }, py::arg("x"), py::arg("ksize"), py::arg("stride") = py::none(), py::arg("pad") = 0);
  f.def("unpooling_2d", [](V x, O ksize, O stride, O pad, O outsize, bool cover_all) {
    auto [oh, ow] = outsize.is_none() ? std::make_pair<int64_t, int64_t>(0, 0) : pair_arg(outsize, "outsize");
    return unpooling_2d(x, pool_params(ksize, stride, pad, cover_all), oh, ow);
  }, py::arg("x"), py::arg("ksize"), py::arg("stride") = py::none(), py::arg("pad") = 0,
        py::arg("outsize") = py::none(), py::arg("cover_all") = true);
  f.def("upsampling_2d", [](V x, const Tensor& idx, O ksize, O stride, O pad, O outsize, bool cover_all) {
    auto [oh, ow] = pair_arg(outsize, "outsize");
    return upsampling_2d(x, idx, pool_params(ksize, stride, pad, cover_all), oh, ow);
  }, py::arg("x"), py::arg("indexes"), py::arg("ksize"), py::arg("stride") = py::none(), py::arg("pad") = 0,
        py::arg("outsize"), py::arg("cover_all") = true);

  f.def("batch_normalization", [](V x, V gamma, V beta, double eps, O running_mean, O running_var, double decay) {
    // Running statistics are NumPy arrays updated in place, as in Chainer.
    Tensor rm = running_mean.is_none() ? Tensor() : tensor_from_object(running_mean);
    Tensor rv = running_var.is_none() ? Tensor() : tensor_from_object(running_var);
    return batch_normalization(x, gamma, beta, eps, rm.defined() ? &rm : nullptr, rv.defined() ? &rv : nullptr, decay);
  }, py::arg("x"), py::arg("gamma"), py::arg("beta"), py::arg("eps") = 2e-5, py::arg("running_mean") = py::none(),
        py::arg("running_var") = py::none(), py::arg("decay") = 0.9);
  f.def("fixed_batch_normalization", [](V x, V g, V b, V mean, V var, double eps) {
    return fixed_batch_normalization(x, g, b, mean, var, eps);
  }, py::arg("x"), py::arg("gamma"), py::arg("beta"), py::arg("mean"), py::arg("var"), py::arg("eps") = 2e-5);
  f.def("layer_normalization", [](V x, V g, V b, double eps) { return layer_normalization(x, g, b, eps); },
        py::arg("x"), py::arg("gamma"), py::arg("beta"), py::arg("eps") = 1e-5);
  f.def("group_normalization", [](V x, int64_t groups, V g, V b, double eps) {
    return group_normalization(x, groups, g, b, eps);
  }, py::arg("x"), py::arg("groups"), py::arg("gamma"), py::arg("beta"), py::arg("eps") = 1e-5);
  f.def("local_response_normalization", [](V x, int64_t n, double k, double alpha, double beta) {
    return local_response_normalization(x, n, k, alpha, beta);
  }, py::arg("x"), py::arg("n") = 5, py::arg("k") = 2, py::arg("alpha") = 1e-4, py::arg("beta") = 0.75);
  f.def("normalize", [](V x, double eps, int64_t axis) { return normalize(x, eps, axis); }, py::arg("x"),
        py::arg("eps") = 1e-5, py::arg("axis") = 1);

  f.def("softmax_cross_entropy", [](V x, const Tensor& t, bool normalize, bool, O class_weight, int64_t ignore_label,
                                    const std::string& reduce, bool) {
    Tensor cw = class_weight.is_none() ? Tensor() : tensor_from_object(class_weight);
    return softmax_cross_entropy(x, t, normalize, ignore_label, cw, reduce);
  }, py::arg("x"), py::arg("t"), py::arg("normalize") = true, py::arg("cache_score") = true,
        py::arg("class_weight") = py::none(), py::arg("ignore_label") = -1, py::arg("reduce") = "mean",
        py::arg("enable_double_backprop") = false);
  f.def("sigmoid_cross_entropy", [](V x, const Tensor& t, bool normalize, const std::string& reduce) {
    return sigmoid_cross_entropy(x, t, normalize, reduce);
  }, py::arg("x"), py::arg("t"), py::arg("normalize") = true, py::arg("reduce") = "mean");
  f.def("mean_squared_error", [](V a, V b) { return mean_squared_error(a, b); });
  f.def("mean_absolute_error", [](V a, V b) { return mean_absolute_error(a, b); });
  f.def("huber_loss", [](V x, V t, double delta, const std::string& reduce) { return huber_loss(x, t, delta, reduce); },
        py::arg("x"), py::arg("t"), py::arg("delta"), py::arg("reduce") = "sum_along_second_axis");
  f.def("hinge", [](V x, const Tensor& t, const std::string& norm, const std::string& reduce) {
    return hinge(x, t, norm, reduce);
  }, py::arg("x"), py::arg("t"), py::arg("norm") = "L1", py::arg("reduce") = "mean");
  f.def("gaussian_kl_divergence", [](V m, V v, const std::string& r) { return gaussian_kl_divergence(m, v, r); },
        py::arg("mean"), py::arg("ln_var"), py::arg("reduce") = "sum");
  f.def("bernoulli_nll", [](V x, V y, const std::string& r) { return bernoulli_nll(x, y, r); }, py::arg("x"),
        py::arg("y"), py::arg("reduce") = "sum");
  f.def("gaussian_nll", [](V x, V m, V v, const std::string& r) { return gaussian_nll(x, m, v, r); }, py::arg("x"),
        py::arg("mean"), py::arg("ln_var"), py::arg("reduce") = "sum");
  f.def("contrastive", [](V a, V b, const Tensor& y, double margin, const std::string& r) {
    return contrastive(a, b, y, margin, r);
  }, py::arg("x0"), py::arg("x1"), py::arg("y"), py::arg("margin") = 1.0, py::arg("reduce") = "mean");
  f.def("accuracy", [](V y, const Tensor& t, O ignore) {
    return accuracy(y, t, ignore.is_none() ? std::nullopt : std::optional<int64_t>(ignore.cast<int64_t>()));
  }, py::arg("y"), py::arg("t"), py::arg("ignore_label") = py::none());
  f.def("binary_accuracy", [](V y, const Tensor& t) { return binary_accuracy(y, t); });

  f.def("dropout", [](V x, double ratio) { return dropout(x, ratio); }, py::arg("x"), py::arg("ratio") = 0.5);
  f.def("gaussian", [](V m, V v) { return gaussian(m, v); }, py::arg("mean"), py::arg("ln_var"));
  f.def("lstm", [](V c, V x) {
    auto [c2, h] = lstm(c, x);
    return py::make_tuple(c2, h);
  }, py::arg("c_prev"), py::arg("x"));
  f.def("n_step_lstm", [](int64_t n, double ratio, V hx, V cx, const py::iterable& ws, const py::iterable& bs,
                          const py::iterable& xs) {
    NStepResult r = n_step_lstm(n, ratio, hx, cx, weights_arg(ws), weights_arg(bs), variables_arg(xs));
    return py::make_tuple(r.hy, r.cy, variables_tuple(r.ys));
  });
  f.def("n_step_gru", [](int64_t n, double ratio, V hx, const py::iterable& ws, const py::iterable& bs,
                         const py::iterable& xs) {
    NStepResult r = n_step_gru(n, ratio, hx, weights_arg(ws), weights_arg(bs), variables_arg(xs));
    return py::make_tuple(r.hy, variables_tuple(r.ys));
  });
}

}  // namespace kusari::python
