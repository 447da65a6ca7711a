// Kernel signatures of the fused optimizer updates and gradient hooks. Every tensor is
// contiguous with the parameter's dtype and numel; each kernel reads and writes each array
// once (one pass over memory per parameter). Hyperparameters arrive as doubles and are
// rounded to the parameter's dtype inside, as Chainer computes in the parameter's dtype.
#pragma once
#include "kusari/core/tensor.h"

namespace kusari {

// "sgd_update":          p -= lr * g
using SGDUpdateKernel = void(Tensor& p, const Tensor& g, double lr);
// "momentum_sgd_update": v = momentum * v - lr * g; p += v
// "nesterov_ag_update":  v = momentum * v - lr * g; p += momentum^2 * v - (1 + momentum) * lr * g
using MomentumUpdateKernel = void(Tensor& p, const Tensor& g, Tensor& v, double lr, double momentum);
// "adagrad_update":      h += g^2; p -= lr * g / (sqrt(h) + eps)
using AdaGradUpdateKernel = void(Tensor& p, const Tensor& g, Tensor& h, double lr, double eps);
// "rmsprop_update":      ms = alpha * ms + (1 - alpha) * g^2; p -= lr * g / (sqrt(ms) + eps)
//                        (or / sqrt(ms + eps) when eps_inside_sqrt)
using RMSpropUpdateKernel = void(Tensor& p, const Tensor& g, Tensor& ms, double lr, double alpha, double eps,
                                 bool eps_inside_sqrt);
// "adadelta_update":     msg = rho msg + (1-rho) g^2; dx = sqrt((msdx + eps) / (msg + eps)) g;
//                        msdx = rho msdx + (1-rho) dx^2; p -= dx
using AdaDeltaUpdateKernel = void(Tensor& p, const Tensor& g, Tensor& msg, Tensor& msdx, double rho, double eps);
// "adam_update": m += (1-beta1)(g-m); v += (1-beta2)(g^2-v); vhat = amsgrad ? max(vhat, v) : v;
//                p -= eta * (alpha_t * m / (sqrt(vhat) + eps) + weight_decay_rate * p)
struct AdamUpdateArgs {
  double alpha_t, beta1, beta2, eps, eta, weight_decay_rate;
  bool amsgrad;
};
// vhat is undefined unless amsgrad.
using AdamUpdateKernel = void(Tensor& p, const Tensor& g, Tensor& m, Tensor& v, Tensor& vhat,
                              const AdamUpdateArgs& args);

// Gradient hooks, in place on y.
// "axpy_inplace":   y += a * x          (WeightDecay: grad += rate * param)
// "add_sign_inplace": y += a * sign(x)  (Lasso)
using AxpyKernel = void(Tensor& y, const Tensor& x, double a);
// "scale_inplace": y *= a
using ScaleInplaceKernel = void(Tensor& y, double a);
// "clip_inplace": y = min(max(y, lower), upper)
using ClipInplaceKernel = void(Tensor& y, double lower, double upper);
// "squared_norm": sum of y^2, accumulated in double
using SquaredNormKernel = double(const Tensor& y);

}  // namespace kusari
