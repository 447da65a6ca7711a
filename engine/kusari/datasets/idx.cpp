#include "kusari/datasets/idx.h"

#include <zlib.h>

#include <algorithm>
#include <memory>

#include "kusari/core/error.h"

namespace kusari::datasets {
namespace {

constexpr uint8_t kUnsignedByte = 0x08;
// Far beyond any real IDX file (MNIST's train images are 47 MB); larger claims are corrupt
// headers, refused before anything is allocated.
constexpr uint64_t kMaxElements = uint64_t(1) << 34;
constexpr size_t kChunk = 1 << 20;

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

// Reads up to n bytes; FormatError on a zlib error (a corrupt or truncated gzip stream).
size_t read_some(gzFile f, void* out, size_t n, const std::string& path) {
  int got = gzread(f, out, static_cast<unsigned>(n));
  if (got < 0) {
    int err = 0;
    const char* msg = gzerror(f, &err);
    throw FormatError(path + ": corrupt IDX file (" + (msg ? msg : "gzip error") + ")");
  }
  return static_cast<size_t>(got);
}

std::string hex_byte(uint8_t b) {
  const char* digits = "0123456789abcdef";
  return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  GzHandle f(gzopen(path.c_str(), "rb"));  // reads uncompressed files transparently too
  if (!f) throw Error("read_idx: cannot open " + path);
  uint8_t magic[4];
  if (read_some(f.get(), magic, 4, path) != 4) throw FormatError(path + ": truncated IDX file (no magic number)");
  if (magic[0] != 0 || magic[1] != 0)
    throw FormatError(path + ": not an IDX file (wrong magic: the first two bytes must be zero)");
  if (magic[2] != kUnsignedByte)
    throw FormatError(path + ": unsupported IDX element type " + hex_byte(magic[2]) + " (only unsigned bytes, 0x08)");
  int ndim = magic[3];
  if (ndim < 1 || ndim > kMaxDims)
    throw FormatError(path + ": IDX file with " + std::to_string(ndim) + " dimensions (1 to " +
                      std::to_string(kMaxDims) + " supported)");

  IdxArray a;
  uint64_t count = 1;
  for (int d = 0; d < ndim; ++d) {
    uint8_t b[4];
    if (read_some(f.get(), b, 4, path) != 4) throw FormatError(path + ": truncated IDX header");
    uint64_t dim = (uint64_t(b[0]) << 24) | (uint64_t(b[1]) << 16) | (uint64_t(b[2]) << 8) | b[3];
    a.shape.push_back(static_cast<int64_t>(dim));
    if (dim != 0 && count != 0 && count > kMaxElements / dim)
      throw FormatError(path + ": absurd IDX dimensions " + shape_to_string(a.shape) + "...");
    count *= dim;
  }
  // Grow as the data arrives, so that a lying header costs no more than the file's real size.
  a.data.reserve(std::min<uint64_t>(count, 64 * kChunk));
  while (a.data.size() < count) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(count - a.data.size(), kChunk));
    size_t old = a.data.size();
    a.data.resize(old + want);
    size_t got = read_some(f.get(), a.data.data() + old, want, path);
    a.data.resize(old + got);
    if (got == 0) break;
  }
  if (a.data.size() != count)
    throw FormatError(path + ": truncated IDX file: shape " + shape_to_string(a.shape) + " needs " +
                      std::to_string(count) + " bytes of data, the file holds " + std::to_string(a.data.size()));
  uint8_t extra;
  if (read_some(f.get(), &extra, 1, path) != 0)
    throw FormatError(path + ": IDX file longer than its shape " + shape_to_string(a.shape) + " says");
  return a;
}

Tensor read_idx_labels(const std::string& path) {
  IdxArray a = read_idx(path);
  Tensor t(a.shape, Dtype::Int32);
  std::copy(a.data.begin(), a.data.end(), t.data<int32_t>());
  return t;
}

Tensor read_idx_images(const std::string& path, double scale) {
  IdxArray a = read_idx(path);
  Tensor t(a.shape, Dtype::Float32);
  float* p = t.data<float>();
  const float factor = static_cast<float>(scale / 255.0);
  const int64_t n = static_cast<int64_t>(a.data.size());
#pragma omp parallel for if (n > (1 << 20))
  for (int64_t i = 0; i < n; ++i) p[i] = a.data[i] * factor;
  return t;
}

}  // namespace kusari::datasets
