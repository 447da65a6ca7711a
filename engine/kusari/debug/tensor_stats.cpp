#include "kusari/debug/tensor_stats.h"

#include <cmath>
#include <limits>

#include "kusari/core/ops.h"

namespace kusari::debug {

namespace {

template <typename T>
void accumulate(const Tensor& c, TensorStats& s) {
  const T* p = c.data<T>();
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, mean = 0, m2 = 0;
  int64_t n = 0;
  for (int64_t i = 0; i < s.numel; ++i) {
    double v = static_cast<double>(p[i]);
    if (std::isnan(v)) { ++s.nan_count; continue; }
    if (std::isinf(v)) { ++s.inf_count; continue; }
    ++n;
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
    double d = v - mean;  // Welford
    mean += d / static_cast<double>(n);
    m2 += d * (v - mean);
  }
  s.finite_count = n;
  if (n > 0) {
    s.min = lo;
    s.max = hi;
    s.mean = mean;
    s.std = std::sqrt(m2 / static_cast<double>(n));
  }
}

template <typename T>
bool any_nonfinite(const T* p, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    if (!std::isfinite(p[i])) return true;
  return false;
}

}  // namespace

TensorStats tensor_stats(const Tensor& t) {
  TensorStats s;
  if (!t.defined()) return s;
  s.defined = true;
  s.shape = t.shape();
  s.dtype = t.dtype();
  s.device = t.device().to_string();
  s.numel = t.numel();
  if (s.numel == 0) return s;
  if (!(t.device() == Device::cpu())) {  // counts through the device's kernels; no moments
    s.nan_count = ops::count_nonfinite(t);
    return s;
  }
  Tensor c = t.contiguous();
  switch (c.dtype()) {
    case Dtype::Bool: accumulate<bool>(c, s); break;
    case Dtype::Int32: accumulate<int32_t>(c, s); break;
    case Dtype::Int64: accumulate<int64_t>(c, s); break;
    case Dtype::Float32: accumulate<float>(c, s); break;
    case Dtype::Float64: accumulate<double>(c, s); break;
  }
  return s;
}

bool has_nonfinite(const Tensor& t) {
  if (!t.defined() || !is_floating(t.dtype()) || t.numel() == 0) return false;
  if (!(t.device() == Device::cpu())) return ops::count_nonfinite(t) > 0;
  Tensor c = t.contiguous();
  return c.dtype() == Dtype::Float32 ? any_nonfinite(c.data<float>(), c.numel())
                                     : any_nonfinite(c.data<double>(), c.numel());
}

std::string nonfinite_text(const TensorStats& s) {
  std::string of = " of " + std::to_string(s.numel) + (s.numel == 1 ? " element)" : " elements)");
  if (s.nan_count && s.inf_count)
    return "NaN and Inf (" + std::to_string(s.nan_count) + " NaN, " + std::to_string(s.inf_count) + " Inf" + of;
  if (s.inf_count) return "Inf (" + std::to_string(s.inf_count) + of;
  return "NaN (" + std::to_string(s.nan_count) + of;
}

}  // namespace kusari::debug
