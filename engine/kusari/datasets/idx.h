// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, element type, ndim), ndim
// big-endian 32-bit dimensions, then the elements. Only unsigned bytes (type 0x08) occur in
// those sets and only they are read. Files may be gzipped (read directly through zlib).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kusari/core/tensor.h"

namespace kusari::datasets {

struct IdxArray {
  Shape shape;
  std::vector<uint8_t> data;  // shape's elements, row-major
};

// FormatError naming the file for a wrong magic, absurd dimensions, truncated or trailing data;
// Error when the file cannot be opened.
IdxArray read_idx(const std::string& path);

Tensor read_idx_labels(const std::string& path);                     // int32, the file's shape
Tensor read_idx_images(const std::string& path, double scale = 1.0);  // float32 in [0, scale]

}  // namespace kusari::datasets
