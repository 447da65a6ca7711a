#include "kusari/serializers/npy.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "kusari/core/error.h"
#include "kusari/core/kernel_registry.h"
#include "kusari/serializers/atomic_file.h"
#include "kusari/serializers/npy_header.h"

namespace kusari::serializers {
namespace {

// The byte count of `shape` elements of `itemsize` bytes, or nothing when it overflows.
bool checked_nbytes(const Shape& shape, size_t itemsize, uint64_t& out) {
  uint64_t n = itemsize;
  bool zero = false;
  for (int64_t d : shape) zero = zero || d == 0;
  if (zero) return out = 0, true;
  for (int64_t d : shape) {
    if (d < 0 || static_cast<uint64_t>(d) > std::numeric_limits<uint64_t>::max() / n) return false;
    n *= static_cast<uint64_t>(d);
  }
  out = n;
  return true;
}

void byteswap_in_place(char* p, size_t count, size_t itemsize) {
  for (size_t i = 0; i < count; ++i, p += itemsize) std::reverse(p, p + itemsize);
}

}  // namespace

Tensor decode_npy(std::string_view bytes, const std::string& where) {
  NpyHeader h = parse_npy_header(bytes, where);
  size_t itemsize = dtype_size(h.dtype);
  size_t available = bytes.size() - h.data_offset;
  uint64_t needed = 0;
  bool representable = checked_nbytes(h.shape, itemsize, needed);
  if (!representable || needed != available)
    throw FormatError(where + ": shape " + shape_to_string(h.shape) + " of " + h.descr + " needs " +
                      (representable ? std::to_string(needed) : std::string("more than 2^64")) +
                      " bytes but the array holds " + std::to_string(available) + " bytes of data");
  // Fortran order: the data is the C-ordered transpose, so read it with reversed axes.
  Shape stored = h.shape;
  if (h.fortran_order) std::reverse(stored.begin(), stored.end());
  Tensor t(stored, h.dtype);
  if (needed) std::memcpy(t.raw_data(), bytes.data() + h.data_offset, needed);
  if (h.byteswap) byteswap_in_place(static_cast<char*>(t.raw_data()), static_cast<size_t>(t.numel()), itemsize);
  if (h.dtype == Dtype::Bool) {
    // NumPy bools are bytes; anything but 0 and 1 would be undefined behaviour as a C++ bool.
    auto* p = static_cast<unsigned char*>(t.raw_data());
    for (int64_t i = 0; i < t.numel(); ++i) p[i] = p[i] != 0;
  }
  if (h.fortran_order && t.ndim() > 1) t = t.transpose().clone();
  return t;
}

std::string_view NpyImage::data_bytes() const {
  if (data.numel() == 0) return {};
  return {static_cast<const char*>(data.raw_data()), data.nbytes()};
}

NpyImage encode_npy(const Tensor& t) {
  if (!t.defined()) throw ValueError("encode_npy: the tensor is undefined");
  Tensor host = t.contiguous();
  if (host.device().type != DeviceType::CPU) {
    // The same device-to-host copy Tensor::item uses; absent backends raise from the registry.
    Tensor h(host.shape(), host.dtype(), Device::cpu());
    kernel<CopyKernel>("copy_to_host", host.device())(host, h);
    host = h;
  }
  return {make_npy_header(t.dtype(), t.shape()), host};
}

Tensor read_npy(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error("read_npy: " + path + " is not a readable file");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error("read_npy: cannot open " + path);
  auto size = static_cast<std::streamoff>(in.tellg());
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) throw Error("read_npy: cannot read " + path);
  return decode_npy(bytes, path);
}

void write_npy(const std::string& path, const Tensor& t) {
  NpyImage image = encode_npy(t);
  AtomicFile out(path);
  out.write(image.header);
  out.write(image.data_bytes());
  out.commit();
}

}  // namespace kusari::serializers
