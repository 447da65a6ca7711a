// Random initializers scaled by the array's fans, as in Chainer:
//   Normal(scale):           N(0, scale^2)
//   LeCunNormal(scale):      N(0, scale^2 / fan_in)          (default for Linear and Convolution W)
//   GlorotNormal(scale):     N(0, scale^2 * 2 / (fan_in + fan_out))
//   HeNormal(scale, fan):    N(0, scale^2 * 2 / fan)           fan = fan_in or fan_out
//   Uniform(scale):          U(-scale, scale)
//   GlorotUniform(scale):    U(-s, s), s = scale * sqrt(6 / (fan_in + fan_out))
#pragma once
#include "kusari/initializers/initializer.h"

namespace kusari::initializers {

class Normal : public Initializer {
 public:
  explicit Normal(double scale = 0.05) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

class LeCunNormal : public Initializer {
 public:
  explicit LeCunNormal(double scale = 1.0) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

class GlorotNormal : public Initializer {
 public:
  explicit GlorotNormal(double scale = 1.0) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

enum class FanOption { FanIn, FanOut };

class HeNormal : public Initializer {
 public:
  explicit HeNormal(double scale = 1.0, FanOption fan_option = FanOption::FanIn) : scale_(scale), fan_option_(fan_option) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
  FanOption fan_option_;
};

class Uniform : public Initializer {
 public:
  explicit Uniform(double scale = 0.05) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

class GlorotUniform : public Initializer {
 public:
  explicit GlorotUniform(double scale = 1.0) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

}  // namespace kusari::initializers
