// Helpers shared by the loss and evaluation tests: labels, shapes from data rows, error checks.
#pragma once
#include <QList>
#include <QTest>
#include <string>
#include <vector>

#include "engine/engine_test_support.h"

namespace kusari::loss_test {

inline Shape to_shape(const QList<qint64>& l) { return Shape(l.begin(), l.end()); }

// Labels uniform in [0, n_classes); about `ignore_fraction` of them set to ignore_label.
inline Tensor random_labels(const Shape& shape, int64_t n_classes, Dtype dtype, double ignore_fraction = 0,
                            int64_t ignore_label = -1) {
  Tensor u = ops::uniform(shape, 0, 1, Dtype::Float64).contiguous();
  Tensor v = ops::uniform(shape, 0, 1, Dtype::Float64).contiguous();
  Tensor t(shape, Dtype::Int64);
  for (int64_t i = 0; i < t.numel(); ++i) {
    int64_t label = std::min<int64_t>(static_cast<int64_t>(u.data<double>()[i] * n_classes), n_classes - 1);
    t.data<int64_t>()[i] = v.data<double>()[i] < ignore_fraction ? ignore_label : label;
  }
  return t.astype(dtype);
}

// Flat float64 copy of any tensor, for reference loops.
inline std::vector<double> values(const Tensor& x) {
  Tensor c = x.astype(Dtype::Float64).contiguous();
  return std::vector<double>(c.data<double>(), c.data<double>() + c.numel());
}

// Message of the exception E thrown by f, or "" (and a failed check) when none is thrown.
template <typename E, typename F>
std::string thrown_message(F f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return {};
}

inline bool contains_all(const std::string& s, std::initializer_list<const char*> parts) {
  if (s.empty()) return false;
  for (const char* p : parts)
    if (s.find(p) == std::string::npos) return false;
  return true;
}

}  // namespace kusari::loss_test

// QVERIFY that `expr` throws E whose message contains every string in the list.
#define KUSARI_VERIFY_THROWS(E, expr, ...)                                                          \
  do {                                                                                              \
    std::string msg_ = ::kusari::loss_test::thrown_message<E>([&] { (void)(expr); });              \
    if (!::kusari::loss_test::contains_all(msg_, {__VA_ARGS__}))                                     \
      QFAIL(("expected " #E " naming " #__VA_ARGS__ ", got: '" + msg_ + "'").c_str());              \
  } while (0)
