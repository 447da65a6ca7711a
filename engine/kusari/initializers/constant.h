// Constant fills: Constant(value), Zero, One.
#pragma once
#include "kusari/initializers/initializer.h"

namespace kusari::initializers {

class Constant : public Initializer {
 public:
  explicit Constant(double fill_value) : fill_value_(fill_value) {}
  void operator()(Tensor& array) const override { array.fill(fill_value_); }
  double fill_value() const { return fill_value_; }

 private:
  double fill_value_;
};

class Zero : public Constant {
 public:
  Zero() : Constant(0) {}
};

class One : public Constant {
 public:
  One() : Constant(1) {}
};

}  // namespace kusari::initializers
