// Math family: elementwise math, reductions with gradients, and tensor contractions.
// (Arithmetic operators live in arithmetic.h; sum/mean/sum_to/broadcast_to in reduction.h.)
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable exp(const Variable& x);
Variable log(const Variable& x);
Variable log2(const Variable& x);
Variable log10(const Variable& x);
Variable log1p(const Variable& x);
Variable expm1(const Variable& x);
Variable sqrt(const Variable& x);
Variable rsqrt(const Variable& x);
Variable square(const Variable& x);
Variable absolute(const Variable& x);
Variable sin(const Variable& x);
Variable cos(const Variable& x);
Variable tan(const Variable& x);
Variable tanh(const Variable& x);
Variable arctan(const Variable& x);
Variable sinh(const Variable& x);
Variable cosh(const Variable& x);
Variable erf(const Variable& x);
Variable clip(const Variable& x, double x_min, double x_max);
Variable maximum(const Variable& a, const Variable& b);
Variable minimum(const Variable& a, const Variable& b);
Variable max(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable min(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable prod(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable logsumexp(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable cumsum(const Variable& x, int64_t axis = 0);
// Not differentiable (int64 results); `axis` ignored when flatten.
Variable argmax(const Variable& x, int64_t axis = -1, bool flatten = false);
Variable argmin(const Variable& x, int64_t axis = -1, bool flatten = false);
// Chainer's bias/scale: y = x + b (b broadcast along x's axes [axis, axis + b.ndim)).
Variable bias(const Variable& x, const Variable& b, int64_t axis = 1);
Variable scale(const Variable& x, const Variable& s, int64_t axis = 1);
// numpy.tensordot with explicit axis lists (a_axes[i] pairs with b_axes[i]).
Variable tensordot(const Variable& a, const Variable& b, const Axes& a_axes, const Axes& b_axes);
Variable tensordot(const Variable& a, const Variable& b, int64_t n_axes = 2);

}  // namespace kusari
