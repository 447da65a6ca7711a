// NumPy .npz archives: a ZIP of "<key>.npy" entries, as numpy.savez (stored) and
// numpy.savez_compressed (deflated) write them. Reading never unpickles anything.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "kusari/core/tensor.h"

namespace kusari::serializers {

using NpzEntries = std::vector<std::pair<std::string, Tensor>>;

// Every array in archive order, keys without the ".npy" suffix ("predictor/l1/W").
// FormatError naming the file and entry for anything malformed; Error when unreadable.
NpzEntries read_npz(const std::string& path);

// Writes atomically (a temporary file renamed over `path`); entries deflated when `compress`.
// Keys must be unique and non-empty; device tensors are copied to the host.
void write_npz(const std::string& path, const NpzEntries& entries, bool compress = false);

}  // namespace kusari::serializers

namespace kusari {
using serializers::NpzEntries;
using serializers::read_npz;
using serializers::write_npz;
}  // namespace kusari
