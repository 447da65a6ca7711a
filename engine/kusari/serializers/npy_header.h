// The .npy header (NumPy's format versions 1.0, 2.0 and 3.0): magic, version, then a Python
// dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with spaces
// so that the data starts 64-byte aligned. Parsed by hand: nothing is ever evaluated.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "kusari/core/dtype.h"
#include "kusari/core/shape.h"

namespace kusari::serializers {

struct NpyHeader {
  Dtype dtype = Dtype::Float32;
  bool fortran_order = false;
  bool byteswap = false;   // the data is big-endian
  Shape shape;
  size_t data_offset = 0;  // bytes from the start of the .npy image to the data
  std::string descr;       // as written, for messages
};

// Parses the header at the start of `bytes`. `where` names the file (and zip entry) in the
// FormatError raised for anything malformed, unsupported or implausible.
NpyHeader parse_npy_header(std::string_view bytes, const std::string& where);

// The header NumPy would write for a C-ordered little-endian array (version 1.0 when the dict
// fits in 65535 bytes, else 2.0).
std::string make_npy_header(Dtype dtype, const Shape& shape);

// "<f4", "<f8", "<i4", "<i8", "|b1".
std::string npy_descr(Dtype dtype);

}  // namespace kusari::serializers
