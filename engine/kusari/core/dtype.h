// Element types and the one place where a runtime Dtype becomes a C++ type.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace kusari {

enum class Dtype : uint8_t { Bool, Int32, Int64, Float32, Float64 };

size_t dtype_size(Dtype d);
std::string_view dtype_name(Dtype d);      // NumPy's names: "float32", "bool", ...
Dtype dtype_from_name(std::string_view n);  // throws DtypeError on an unknown name
bool is_floating(Dtype d);
// NumPy's promotion for array-array operations: bool < int32 < int64 < float32 < float64,
// except int32 or int64 with float32 gives float64 as NumPy does.
Dtype promote_types(Dtype a, Dtype b);

template <typename T> struct DtypeOf;
template <> struct DtypeOf<bool> { static constexpr Dtype value = Dtype::Bool; };
template <> struct DtypeOf<int32_t> { static constexpr Dtype value = Dtype::Int32; };
template <> struct DtypeOf<int64_t> { static constexpr Dtype value = Dtype::Int64; };
template <> struct DtypeOf<float> { static constexpr Dtype value = Dtype::Float32; };
template <> struct DtypeOf<double> { static constexpr Dtype value = Dtype::Float64; };
template <typename T> inline constexpr Dtype dtype_of = DtypeOf<T>::value;

// Calls f(T{}) with T the C++ type of d.
template <typename F>
decltype(auto) visit_dtype(Dtype d, F&& f) {
  switch (d) {
    case Dtype::Bool: return f(bool{});
    case Dtype::Int32: return f(int32_t{});
    case Dtype::Int64: return f(int64_t{});
    case Dtype::Float32: return f(float{});
    case Dtype::Float64: break;
  }
  return f(double{});
}

// Like visit_dtype, for kernels defined on floating types only; others raise DtypeError.
void throw_not_floating(std::string_view op, Dtype d);
template <typename F>
decltype(auto) visit_floating(std::string_view op, Dtype d, F&& f) {
  if (d == Dtype::Float32) return f(float{});
  if (d != Dtype::Float64) throw_not_floating(op, d);
  return f(double{});
}

}  // namespace kusari
