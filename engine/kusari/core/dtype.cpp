#include "kusari/core/dtype.h"

#include "kusari/core/error.h"

namespace kusari {

size_t dtype_size(Dtype d) {
  return visit_dtype(d, [](auto v) { return sizeof(v); });
}

std::string_view dtype_name(Dtype d) {
  static constexpr std::string_view names[] = {"bool", "int32", "int64", "float32", "float64"};
  return names[static_cast<int>(d)];
}

Dtype dtype_from_name(std::string_view n) {
  for (Dtype d : {Dtype::Bool, Dtype::Int32, Dtype::Int64, Dtype::Float32, Dtype::Float64})
    if (dtype_name(d) == n) return d;
  throw DtypeError("unknown dtype '" + std::string(n) + "'");
}

bool is_floating(Dtype d) { return d == Dtype::Float32 || d == Dtype::Float64; }

Dtype promote_types(Dtype a, Dtype b) {
  // float32 cannot hold every int32 or int64, so NumPy widens either pairing to float64.
  bool int_a = a == Dtype::Int32 || a == Dtype::Int64, int_b = b == Dtype::Int32 || b == Dtype::Int64;
  if ((int_a && b == Dtype::Float32) || (a == Dtype::Float32 && int_b)) return Dtype::Float64;
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

void throw_not_floating(std::string_view op, Dtype d) {
  throw DtypeError(std::string(op) + ": expected a floating-point input (float32 or float64), got " +
                   std::string(dtype_name(d)));
}

}  // namespace kusari
