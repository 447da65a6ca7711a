// Copy with conversion, fill, and the arithmetic / comparison kernels every family uses.
#include <cmath>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/device/cpu/vector_math.h"

namespace kusari::cpu {
namespace {

void copy_kernel(const Tensor& src, Tensor& dst) {
  visit_dtype(src.dtype(), [&](auto s) {
    using S = decltype(s);
    visit_dtype(dst.dtype(), [&](auto d) {
      using D = decltype(d);
      const S* sp = static_cast<const S*>(src.storage()->data());
      D* dp = static_cast<D*>(dst.storage()->data());
      if (src.is_contiguous() && dst.is_contiguous()) {
        const S* ss = sp + src.offset();
        D* ds = dp + dst.offset();
        const int64_t n = dst.numel();
        if (n > kParallelThreshold) {  // below the threshold: no OpenMP region at all
#pragma omp parallel for schedule(static)
          for (int64_t i = 0; i < n; ++i) ds[i] = static_cast<D>(ss[i]);
        } else {
          for (int64_t i = 0; i < n; ++i) ds[i] = static_cast<D>(ss[i]);
        }
        return;
      }
      strided_loop<2>(dst.shape(), {&src.strides(), &dst.strides()}, {src.offset(), dst.offset()},
                      [&](const std::array<int64_t, 2>& o, int64_t len, const std::array<int64_t, 2>& st) {
                        for (int64_t i = 0; i < len; ++i) dp[o[1] + i * st[1]] = static_cast<D>(sp[o[0] + i * st[0]]);
                      });
    });
  });
}

void fill_kernel(Tensor& dst, double value) {
  visit_dtype(dst.dtype(), [&](auto d) {
    using D = decltype(d);
    D v = static_cast<D>(value);
    D* dp = static_cast<D*>(dst.storage()->data());
    strided_loop<1>(dst.shape(), {&dst.strides()}, {dst.offset()},
                    [&](const std::array<int64_t, 1>& o, int64_t len, const std::array<int64_t, 1>& st) {
                      for (int64_t i = 0; i < len; ++i) dp[o[0] + i * st[0]] = v;
                    });
  });
}

// Arithmetic on every dtype (bool arithmetic follows NumPy's logical meaning for + and *).
template <typename Op>
void arith(const Tensor& a, const Tensor& b, Tensor& y) {
  visit_dtype(y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    map2<T, T>(a, b, y, [](T x, T z) -> T { return Op::apply(x, z); });
  });
}

template <typename Op>
void compare(const Tensor& a, const Tensor& b, Tensor& y) {
  visit_dtype(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    map2<T, bool>(a, b, y, [](T x, T z) -> bool { return Op::apply(x, z); });
  });
}

struct Add { template <typename T> static T apply(T a, T b) { if constexpr (std::is_same_v<T, bool>) return a || b; else return a + b; } };
struct Sub { template <typename T> static T apply(T a, T b) { if constexpr (std::is_same_v<T, bool>) return a != b; else return a - b; } };
struct Mul { template <typename T> static T apply(T a, T b) { if constexpr (std::is_same_v<T, bool>) return a && b; else return a * b; } };
struct Div {
  template <typename T> static T apply(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) return a / b;
    else if constexpr (std::is_same_v<T, bool>) return a;
    else {  // floor division for integers, 0 on division by zero as NumPy does
      if (b == 0) return 0;
      T q = a / b;
      return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
  }
};
struct Max { template <typename T> static T apply(T a, T b) { if constexpr (std::is_floating_point_v<T>) { if (std::isnan(a)) return a; if (std::isnan(b)) return b; } return a > b ? a : b; } };
struct Min { template <typename T> static T apply(T a, T b) { if constexpr (std::is_floating_point_v<T>) { if (std::isnan(a)) return a; if (std::isnan(b)) return b; } return a < b ? a : b; } };
struct Eq { template <typename T> static bool apply(T a, T b) { return a == b; } };
struct Ne { template <typename T> static bool apply(T a, T b) { return a != b; } };
struct Lt { template <typename T> static bool apply(T a, T b) { return a < b; } };
struct Le { template <typename T> static bool apply(T a, T b) { return a <= b; } };
struct Gt { template <typename T> static bool apply(T a, T b) { return a > b; } };
struct Ge { template <typename T> static bool apply(T a, T b) { return a >= b; } };
struct And { template <typename T> static bool apply(T a, T b) { return a && b; } };
struct Or { template <typename T> static bool apply(T a, T b) { return a || b; } };

void where_kernel(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& y) {
  visit_dtype(y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const bool* cp = static_cast<const bool*>(cond.storage()->data());
    const T* ap = static_cast<const T*>(a.storage()->data());
    const T* bp = static_cast<const T*>(b.storage()->data());
    T* yp = static_cast<T*>(y.raw_data());
    Strides ys = contiguous_strides(y.shape());
    strided_loop<4>(y.shape(), {&cond.strides(), &a.strides(), &b.strides(), &ys},
                    {cond.offset(), a.offset(), b.offset(), 0},
                    [&](const std::array<int64_t, 4>& o, int64_t len, const std::array<int64_t, 4>& s) {
                      for (int64_t i = 0; i < len; ++i)
                        yp[o[3] + i * s[3]] = cp[o[0] + i * s[0]] ? ap[o[1] + i * s[1]] : bp[o[2] + i * s[2]];
                    });
  });
}

// float32 contiguous: Eigen's vectorized tanh; other dtypes and layouts: std::tanh.
void tanh_kernel(const Tensor& x, Tensor& y, const UnaryArgs&) {
  if (x.dtype() == Dtype::Float32 && x.is_contiguous()) {
    map_float_vectorized(static_cast<const float*>(x.raw_data()), static_cast<float*>(y.raw_data()), y.numel(),
                         [](const auto& a) { return a.tanh(); });
    return;
  }
  visit_floating("tanh", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    map1<T, T>(x, y, [](T v) { return std::tanh(v); });
  });
}

KUSARI_REGISTER_KERNEL("copy", DeviceType::CPU, copy_kernel);
KUSARI_REGISTER_KERNEL("fill", DeviceType::CPU, fill_kernel);
KUSARI_REGISTER_KERNEL("where", DeviceType::CPU, where_kernel);
KUSARI_REGISTER_KERNEL("add", DeviceType::CPU, arith<Add>);
KUSARI_REGISTER_KERNEL("subtract", DeviceType::CPU, arith<Sub>);
KUSARI_REGISTER_KERNEL("multiply", DeviceType::CPU, arith<Mul>);
KUSARI_REGISTER_KERNEL("divide", DeviceType::CPU, arith<Div>);
KUSARI_REGISTER_KERNEL("maximum", DeviceType::CPU, arith<Max>);
KUSARI_REGISTER_KERNEL("minimum", DeviceType::CPU, arith<Min>);
KUSARI_REGISTER_KERNEL("equal", DeviceType::CPU, compare<Eq>);
KUSARI_REGISTER_KERNEL("not_equal", DeviceType::CPU, compare<Ne>);
KUSARI_REGISTER_KERNEL("less", DeviceType::CPU, compare<Lt>);
KUSARI_REGISTER_KERNEL("less_equal", DeviceType::CPU, compare<Le>);
KUSARI_REGISTER_KERNEL("greater", DeviceType::CPU, compare<Gt>);
KUSARI_REGISTER_KERNEL("greater_equal", DeviceType::CPU, compare<Ge>);
KUSARI_REGISTER_KERNEL("logical_and", DeviceType::CPU, compare<And>);
KUSARI_REGISTER_KERNEL("logical_or", DeviceType::CPU, compare<Or>);
KUSARI_CPU_BINARY_FLOAT_KERNEL("power", std::pow(a, b));

// Unary math kernels on floating types. Activation-specific kernels live with their family.
KUSARI_CPU_UNARY_KERNEL("negative", -x);
KUSARI_CPU_UNARY_KERNEL("exp", std::exp(x));
KUSARI_CPU_UNARY_KERNEL("log", std::log(x));
KUSARI_CPU_UNARY_KERNEL("log2", std::log2(x));
KUSARI_CPU_UNARY_KERNEL("log10", std::log10(x));
KUSARI_CPU_UNARY_KERNEL("log1p", std::log1p(x));
KUSARI_CPU_UNARY_KERNEL("expm1", std::expm1(x));
KUSARI_CPU_UNARY_KERNEL("sqrt", std::sqrt(x));
KUSARI_CPU_UNARY_KERNEL("rsqrt", T(1) / std::sqrt(x));
KUSARI_CPU_UNARY_KERNEL("square", x * x);
KUSARI_CPU_UNARY_KERNEL("absolute", std::abs(x));
KUSARI_CPU_UNARY_KERNEL("sign", (x > T(0)) - (x < T(0)));
KUSARI_CPU_UNARY_KERNEL("sin", std::sin(x));
KUSARI_CPU_UNARY_KERNEL("cos", std::cos(x));
KUSARI_CPU_UNARY_KERNEL("tan", std::tan(x));
KUSARI_REGISTER_KERNEL("tanh", DeviceType::CPU, tanh_kernel);
KUSARI_CPU_UNARY_KERNEL("arctan", std::atan(x));
KUSARI_CPU_UNARY_KERNEL("sinh", std::sinh(x));
KUSARI_CPU_UNARY_KERNEL("cosh", std::cosh(x));
KUSARI_CPU_UNARY_KERNEL("erf", std::erf(x));
KUSARI_CPU_UNARY_KERNEL("reciprocal", T(1) / x);
KUSARI_CPU_UNARY_KERNEL("add_scalar", x + T(args.a));
KUSARI_CPU_UNARY_KERNEL("mul_scalar", x * T(args.a));
KUSARI_CPU_UNARY_KERNEL("rsub_scalar", T(args.a) - x);
KUSARI_CPU_UNARY_KERNEL("rdiv_scalar", T(args.a) / x);
KUSARI_CPU_UNARY_KERNEL("pow_scalar", args.a == 2.0 ? x * x : std::pow(x, T(args.a)));
KUSARI_CPU_UNARY_KERNEL("rpow_scalar", std::pow(T(args.a), x));
KUSARI_CPU_UNARY_KERNEL("clip", x < T(args.a) ? T(args.a) : (x > T(args.b) ? T(args.b) : x));
KUSARI_CPU_UNARY_KERNEL("isfinite_mask", std::isfinite(x) ? T(1) : T(0));

}  // namespace
}  // namespace kusari::cpu
