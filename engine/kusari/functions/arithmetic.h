// + - * / ** and unary minus with NumPy broadcasting and Python scalars; matmul.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable add(const Variable& a, const Variable& b);
Variable sub(const Variable& a, const Variable& b);
Variable mul(const Variable& a, const Variable& b);
Variable div(const Variable& a, const Variable& b);
Variable pow(const Variable& a, const Variable& b);
Variable neg(const Variable& x);
// Scalar forms keep the variable's dtype (NumPy's rule for Python scalars).
Variable add(const Variable& a, double s);
Variable mul(const Variable& a, double s);
Variable rsub(const Variable& a, double s);  // s - a
Variable rdiv(const Variable& a, double s);  // s / a
Variable pow(const Variable& a, double s);   // a ** s
Variable rpow(const Variable& a, double s);  // s ** a
// NumPy matmul: batched, broadcast over leading axes; 1-D operands promoted.
Variable matmul(const Variable& a, const Variable& b, bool trans_a = false, bool trans_b = false);

inline Variable operator+(const Variable& a, const Variable& b) { return add(a, b); }
inline Variable operator-(const Variable& a, const Variable& b) { return sub(a, b); }
inline Variable operator*(const Variable& a, const Variable& b) { return mul(a, b); }
inline Variable operator/(const Variable& a, const Variable& b) { return div(a, b); }
inline Variable operator-(const Variable& x) { return neg(x); }
inline Variable operator+(const Variable& a, double s) { return add(a, s); }
inline Variable operator+(double s, const Variable& a) { return add(a, s); }
inline Variable operator-(const Variable& a, double s) { return add(a, -s); }
inline Variable operator-(double s, const Variable& a) { return rsub(a, s); }
inline Variable operator*(const Variable& a, double s) { return mul(a, s); }
inline Variable operator*(double s, const Variable& a) { return mul(a, s); }
inline Variable operator/(const Variable& a, double s) { return mul(a, 1.0 / s); }
inline Variable operator/(double s, const Variable& a) { return rdiv(a, s); }

}  // namespace kusari
