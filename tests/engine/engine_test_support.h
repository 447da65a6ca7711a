// Shared assertions for engine tests: tensor comparison against independent references.
#pragma once
#include <QTest>
#include <cmath>
#include <functional>
#include <string>

#include "kusari/core/ops.h"
#include "kusari/testing/gradient_check.h"

namespace kusari::test_support {

// Max |a - b| <= atol + rtol * |b| elementwise, shapes equal; QVERIFY-style message on failure.
inline bool allclose(const Tensor& a, const Tensor& b, double atol = 1e-6, double rtol = 1e-5, std::string* why = nullptr) {
  if (a.shape() != b.shape()) {
    if (why) *why = "shape " + shape_to_string(a.shape()) + " vs " + shape_to_string(b.shape());
    return false;
  }
  Tensor x = a.astype(Dtype::Float64).contiguous(), y = b.astype(Dtype::Float64).contiguous();
  const double* xp = x.data<double>();
  const double* yp = y.data<double>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    bool both_nan = std::isnan(xp[i]) && std::isnan(yp[i]);
    if (!both_nan && !(std::abs(xp[i] - yp[i]) <= atol + rtol * std::abs(yp[i]))) {
      if (why) *why = "element " + std::to_string(i) + ": " + std::to_string(xp[i]) + " vs " + std::to_string(yp[i]);
      return false;
    }
  }
  return true;
}

// Builds a float64 tensor of `shape` whose element i is f(i) (an independent reference).
inline Tensor tensor_from(const Shape& shape, const std::function<double(int64_t)>& f) {
  Tensor t(shape, Dtype::Float64);
  double* p = t.data<double>();
  for (int64_t i = 0; i < t.numel(); ++i) p[i] = f(i);
  return t;
}

// Elementwise reference map of a tensor (any dtype in, float64 out).
inline Tensor map_reference(const Tensor& x, const std::function<double(double)>& f) {
  Tensor c = x.astype(Dtype::Float64).contiguous();
  const double* p = c.data<double>();
  return tensor_from(x.shape(), [&](int64_t i) { return f(p[i]); });
}

// Runs check_backward and turns a failure into a QFAIL-able message (empty on success).
inline std::string backward_error(const testing::DifferentiableFn& f, const std::vector<Tensor>& inputs,
                                  const testing::CheckOptions& opts = {}) {
  try {
    testing::check_backward(f, inputs, {}, opts);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}
inline std::string double_backward_error(const testing::DifferentiableFn& f, const std::vector<Tensor>& inputs,
                                         const testing::CheckOptions& opts = {}) {
  try {
    testing::check_double_backward(f, inputs, {}, {}, opts);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

// Runs f and checks that it throws E whose message names `op` (the function at fault).
template <typename E, typename F>
void expect_error(F f, const char* op) {
  try {
    f();
    QFAIL("no error thrown");
  } catch (const E& e) {
    QVERIFY2(std::string(e.what()).find(op) != std::string::npos, e.what());
  }
}

}  // namespace kusari::test_support

#define KUSARI_VERIFY_CLOSE(a, b, atol, rtol)                                  \
  do {                                                                           \
    std::string why_;                                                            \
    if (!::kusari::test_support::allclose((a), (b), (atol), (rtol), &why_))      \
      QFAIL(("not close: " + why_).c_str());                                     \
  } while (0)

#define KUSARI_VERIFY_NO_ERROR(expr)                                            \
  do {                                                                           \
    std::string err_ = (expr);                                                   \
    if (!err_.empty()) QFAIL(err_.c_str());                                      \
  } while (0)
