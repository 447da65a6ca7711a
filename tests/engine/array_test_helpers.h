// Helpers for the array family's tests: index arithmetic for loop references.
#pragma once
#include <QList>

#include "engine/engine_test_support.h"

namespace kusari::array_test {

inline Shape to_shape(const QList<qint64>& l) { return Shape(l.begin(), l.end()); }

// Multi-index of flat position i in a C-ordered array of `shape`.
inline std::vector<int64_t> unravel(int64_t i, const Shape& shape) {
  std::vector<int64_t> idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    idx[d] = i % shape[d];
    i /= shape[d];
  }
  return idx;
}

// Reference tensor of `shape` whose element at multi-index m is f(m).
inline Tensor reference(const Shape& shape, const std::function<double(const std::vector<int64_t>&)>& f) {
  return test_support::tensor_from(shape, [&](int64_t i) { return f(unravel(i, shape)); });
}

inline Tensor random64(const Shape& shape) { return ops::uniform(shape, -1, 1, Dtype::Float64); }

inline std::vector<Variable> one(const Variable& v) { return {v}; }

// The message of the exception `fn` throws as E, or "" when it throws nothing.
template <typename E, typename F>
std::string error_of(F&& fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  return {};
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace kusari::array_test
