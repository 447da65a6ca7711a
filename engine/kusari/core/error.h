// Typed engine errors. The Python layer maps ShapeError/ValueError -> ValueError,
// DtypeError -> TypeError, IndexError -> IndexError, FormatError -> ValueError.
#pragma once
#include <stdexcept>
#include <string>

namespace kusari {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class ValueError : public Error { using Error::Error; };
class ShapeError : public ValueError { using ValueError::ValueError; };
class DtypeError : public Error { using Error::Error; };
class IndexError : public Error { using Error::Error; };
// Malformed files (npz, npy, IDX): the message names the file and what was wrong.
class FormatError : public ValueError { using ValueError::ValueError; };
// Debug mode found NaN or Inf in an op's output.
class NonFiniteError : public ValueError { using ValueError::ValueError; };

}  // namespace kusari
