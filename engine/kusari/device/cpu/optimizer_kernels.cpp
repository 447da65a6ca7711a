// Fused CPU kernels for optimizer update rules and gradient hooks: one OpenMP loop per
// parameter over flat contiguous memory (see optimizers/optimizer_kernels.h for formulas).
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari::cpu {
namespace {

// Runs body(i) for every element with the flat pointers of the tensors bound by the caller.
template <typename Body>
void for_each_element(int64_t n, Body body) {
  // Every body touches element i only: `simd` lets the compiler vectorize without proving that
  // the parameter, gradient and state pointers do not alias (this file is built with
  // -fno-math-errno, so Adam's sqrt vectorizes too).
  if (n > kParallelThreshold) {  // below the threshold: no OpenMP region at all
#pragma omp parallel for simd schedule(static)
    for (int64_t i = 0; i < n; ++i) body(i);
  } else {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) body(i);
  }
}

// Calls f with a compile-time copy of `flag`, so the loop inside has no branch on it.
template <typename F>
void with_flag(bool flag, F f) {
  if (flag)
    f(std::true_type{});
  else
    f(std::false_type{});
}

void sgd_update(Tensor& p, const Tensor& g, double lr) {
  visit_floating("sgd_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    const T* gp = g.data<T>();
    const T lr_ = static_cast<T>(lr);
    for_each_element(p.numel(), [=](int64_t i) { pp[i] -= lr_ * gp[i]; });
  });
}

void momentum_sgd_update(Tensor& p, const Tensor& g, Tensor& v, double lr, double momentum) {
  visit_floating("momentum_sgd_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* vp = v.data<T>();
    const T* gp = g.data<T>();
    const T lr_ = static_cast<T>(lr), mu = static_cast<T>(momentum);
    for_each_element(p.numel(), [=](int64_t i) {
      T vi = mu * vp[i] - lr_ * gp[i];
      vp[i] = vi;
      pp[i] += vi;
    });
  });
}

void nesterov_ag_update(Tensor& p, const Tensor& g, Tensor& v, double lr, double momentum) {
  visit_floating("nesterov_ag_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* vp = v.data<T>();
    const T* gp = g.data<T>();
    const T lr_ = static_cast<T>(lr), mu = static_cast<T>(momentum);
    for_each_element(p.numel(), [=](int64_t i) {
      T vi = mu * vp[i] - lr_ * gp[i];
      vp[i] = vi;
      pp[i] += mu * mu * vi - (1 + mu) * lr_ * gp[i];
    });
  });
}

void adagrad_update(Tensor& p, const Tensor& g, Tensor& h, double lr, double eps) {
  visit_floating("adagrad_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* hp = h.data<T>();
    const T* gp = g.data<T>();
    const T lr_ = static_cast<T>(lr), eps_ = static_cast<T>(eps);
    for_each_element(p.numel(), [=](int64_t i) {
      T gi = gp[i];
      T hi = hp[i] + gi * gi;
      hp[i] = hi;
      pp[i] -= lr_ * gi / (std::sqrt(hi) + eps_);
    });
  });
}

void rmsprop_update(Tensor& p, const Tensor& g, Tensor& ms, double lr, double alpha, double eps, bool eps_inside_sqrt) {
  visit_floating("rmsprop_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* mp = ms.data<T>();
    const T* gp = g.data<T>();
    const T lr_ = static_cast<T>(lr), a = static_cast<T>(alpha), eps_ = static_cast<T>(eps);
    with_flag(eps_inside_sqrt, [&](auto inside) {
      for_each_element(p.numel(), [=](int64_t i) {
        T gi = gp[i];
        T mi = a * mp[i] + (1 - a) * gi * gi;
        mp[i] = mi;
        T denom = inside ? std::sqrt(mi + eps_) : std::sqrt(mi) + eps_;
        pp[i] -= lr_ * gi / denom;
      });
    });
  });
}

void adadelta_update(Tensor& p, const Tensor& g, Tensor& msg, Tensor& msdx, double rho, double eps) {
  visit_floating("adadelta_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* sg = msg.data<T>();
    T* sx = msdx.data<T>();
    const T* gp = g.data<T>();
    const T r = static_cast<T>(rho), eps_ = static_cast<T>(eps);
    for_each_element(p.numel(), [=](int64_t i) {
      T gi = gp[i];
      T sgi = r * sg[i] + (1 - r) * gi * gi;
      sg[i] = sgi;
      T dx = std::sqrt((sx[i] + eps_) / (sgi + eps_)) * gi;
      sx[i] = r * sx[i] + (1 - r) * dx * dx;
      pp[i] -= dx;
    });
  });
}

void adam_update(Tensor& p, const Tensor& g, Tensor& m, Tensor& v, Tensor& vhat, const AdamUpdateArgs& a) {
  visit_floating("adam_update", p.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* pp = p.data<T>();
    T* mp = m.data<T>();
    T* vp = v.data<T>();
    T* hp = a.amsgrad ? vhat.data<T>() : nullptr;
    const T* gp = g.data<T>();
    const T alpha_t = static_cast<T>(a.alpha_t), b1 = static_cast<T>(1 - a.beta1), b2 = static_cast<T>(1 - a.beta2);
    const T eps = static_cast<T>(a.eps), eta = static_cast<T>(a.eta), wd = static_cast<T>(a.weight_decay_rate);
    with_flag(a.amsgrad, [&](auto amsgrad) {
      for_each_element(p.numel(), [=](int64_t i) {
        T gi = gp[i];
        T mi = mp[i] + b1 * (gi - mp[i]);
        T vi = vp[i] + b2 * (gi * gi - vp[i]);
        mp[i] = mi;
        vp[i] = vi;
        T vh = vi;
        if constexpr (amsgrad()) {
          vh = std::max(hp[i], vi);
          hp[i] = vh;
        }
        pp[i] -= eta * (alpha_t * mi / (std::sqrt(vh) + eps) + wd * pp[i]);
      });
    });
  });
}

void axpy_inplace(Tensor& y, const Tensor& x, double a) {
  visit_floating("axpy_inplace", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* yp = y.data<T>();
    const T* xp = x.data<T>();
    const T a_ = static_cast<T>(a);
    for_each_element(y.numel(), [=](int64_t i) { yp[i] += a_ * xp[i]; });
  });
}

void add_sign_inplace(Tensor& y, const Tensor& x, double a) {
  visit_floating("add_sign_inplace", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* yp = y.data<T>();
    const T* xp = x.data<T>();
    const T a_ = static_cast<T>(a);
    for_each_element(y.numel(), [=](int64_t i) { yp[i] += a_ * static_cast<T>((xp[i] > 0) - (xp[i] < 0)); });
  });
}

void scale_inplace(Tensor& y, double a) {
  visit_floating("scale_inplace", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* yp = y.data<T>();
    const T a_ = static_cast<T>(a);
    for_each_element(y.numel(), [=](int64_t i) { yp[i] *= a_; });
  });
}

void clip_inplace(Tensor& y, double lower, double upper) {
  visit_floating("clip_inplace", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T* yp = y.data<T>();
    const T lo = static_cast<T>(lower), hi = static_cast<T>(upper);
    for_each_element(y.numel(), [=](int64_t i) { yp[i] = std::min(std::max(yp[i], lo), hi); });
  });
}

double squared_norm(const Tensor& y) {
  return visit_floating("squared_norm", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* yp = y.data<T>();
    const int64_t n = y.numel();
    double s = 0;
    if (n > kParallelThreshold) {  // below the threshold: no OpenMP region at all
#pragma omp parallel for schedule(static) reduction(+ : s)
      for (int64_t i = 0; i < n; ++i) s += static_cast<double>(yp[i]) * static_cast<double>(yp[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) s += static_cast<double>(yp[i]) * static_cast<double>(yp[i]);
    }
    return s;
  });
}

}  // namespace

KUSARI_REGISTER_KERNEL("sgd_update", DeviceType::CPU, static_cast<SGDUpdateKernel*>(sgd_update));
KUSARI_REGISTER_KERNEL("momentum_sgd_update", DeviceType::CPU, static_cast<MomentumUpdateKernel*>(momentum_sgd_update));
KUSARI_REGISTER_KERNEL("nesterov_ag_update", DeviceType::CPU, static_cast<MomentumUpdateKernel*>(nesterov_ag_update));
KUSARI_REGISTER_KERNEL("adagrad_update", DeviceType::CPU, static_cast<AdaGradUpdateKernel*>(adagrad_update));
KUSARI_REGISTER_KERNEL("rmsprop_update", DeviceType::CPU, static_cast<RMSpropUpdateKernel*>(rmsprop_update));
KUSARI_REGISTER_KERNEL("adadelta_update", DeviceType::CPU, static_cast<AdaDeltaUpdateKernel*>(adadelta_update));
KUSARI_REGISTER_KERNEL("adam_update", DeviceType::CPU, static_cast<AdamUpdateKernel*>(adam_update));
KUSARI_REGISTER_KERNEL("axpy_inplace", DeviceType::CPU, static_cast<AxpyKernel*>(axpy_inplace));
KUSARI_REGISTER_KERNEL("add_sign_inplace", DeviceType::CPU, static_cast<AxpyKernel*>(add_sign_inplace));
KUSARI_REGISTER_KERNEL("scale_inplace", DeviceType::CPU, static_cast<ScaleInplaceKernel*>(scale_inplace));
KUSARI_REGISTER_KERNEL("clip_inplace", DeviceType::CPU, static_cast<ClipInplaceKernel*>(clip_inplace));
KUSARI_REGISTER_KERNEL("squared_norm", DeviceType::CPU, static_cast<SquaredNormKernel*>(squared_norm));

}  // namespace kusari::cpu
