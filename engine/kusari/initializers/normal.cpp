#include "kusari/initializers/normal.h"

#include <cmath>

#include "kusari/core/ops.h"

namespace kusari::initializers {

namespace {
void fill_normal(Tensor& array, double stddev) { array.copy_from(ops::normal(array.shape(), 0, stddev, array.dtype())); }
void fill_uniform(Tensor& array, double s) { array.copy_from(ops::uniform(array.shape(), -s, s, array.dtype())); }
}  // namespace

void Normal::operator()(Tensor& array) const { fill_normal(array, scale_); }

void LeCunNormal::operator()(Tensor& array) const {
  auto [fan_in, fan_out] = get_fans(array.shape());
  fill_normal(array, scale_ * std::sqrt(1.0 / fan_in));
}

void GlorotNormal::operator()(Tensor& array) const {
  auto [fan_in, fan_out] = get_fans(array.shape());
  fill_normal(array, scale_ * std::sqrt(2.0 / (fan_in + fan_out)));
}

void HeNormal::operator()(Tensor& array) const {
  auto [fan_in, fan_out] = get_fans(array.shape());
  fill_normal(array, scale_ * std::sqrt(2.0 / (fan_option_ == FanOption::FanIn ? fan_in : fan_out)));
}

void Uniform::operator()(Tensor& array) const { fill_uniform(array, scale_); }

void GlorotUniform::operator()(Tensor& array) const {
  auto [fan_in, fan_out] = get_fans(array.shape());
  fill_uniform(array, scale_ * std::sqrt(6.0 / (fan_in + fan_out)));
}

}  // namespace kusari::initializers
