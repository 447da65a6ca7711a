// NumPy .npy arrays: decoding an in-memory image (an .npz entry or a whole file) and encoding
// one. Supported dtypes: float32, float64, int32, int64, bool. Object arrays are rejected:
// nothing is ever unpickled.
#pragma once
#include <string>
#include <string_view>

#include "kusari/core/tensor.h"

namespace kusari::serializers {

// Decodes a complete .npy image into a fresh contiguous CPU tensor. Fortran-ordered arrays
// are transposed into C order and big-endian data is byte-swapped. Raises FormatError naming
// `where` for anything malformed, including a shape whose byte count differs from the data's.
Tensor decode_npy(std::string_view bytes, const std::string& where);

// An encoded array as header bytes plus the data bytes of a contiguous CPU tensor, so that
// writers can stream the data without copying it.
struct NpyImage {
  std::string header;
  Tensor data;  // contiguous, on the CPU; kept alive for data_bytes()
  std::string_view data_bytes() const;
};
NpyImage encode_npy(const Tensor& t);  // a device tensor is copied to the host

Tensor read_npy(const std::string& path);
void write_npy(const std::string& path, const Tensor& t);  // atomic: a temporary file, renamed

}  // namespace kusari::serializers

namespace kusari {
using serializers::read_npy;
using serializers::write_npy;
}  // namespace kusari
