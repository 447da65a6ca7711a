#include "kusari/serializers/npz.h"

#include <set>

#include "kusari/core/error.h"
#include "kusari/serializers/atomic_file.h"
#include "kusari/serializers/npy.h"
#include "kusari/serializers/zip_archive.h"

namespace kusari::serializers {
namespace {
constexpr std::string_view kSuffix = ".npy";
}

NpzEntries read_npz(const std::string& path) {
  ZipReader zip(path);
  NpzEntries out;
  std::set<std::string> seen;
  for (const ZipEntry& e : zip.entries()) {
    std::string where = path + ": entry '" + e.name + "'";
    if (e.name.size() <= kSuffix.size() || e.name.compare(e.name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
      throw FormatError(where + ": not an .npy array (npz entries are named <key>.npy)");
    std::string key = e.name.substr(0, e.name.size() - kSuffix.size());
    if (!seen.insert(key).second) throw FormatError(where + ": duplicate key");
    out.emplace_back(std::move(key), decode_npy(zip.read(e), where));
  }
  return out;
}

void write_npz(const std::string& path, const NpzEntries& entries, bool compress) {
  std::set<std::string> seen;
  for (const auto& [key, t] : entries) {
    if (key.empty()) throw ValueError("write_npz: empty key");
    if (!seen.insert(key).second) throw ValueError("write_npz: duplicate key '" + key + "'");
    if (!t.defined()) throw ValueError("write_npz: the tensor for key '" + key + "' is undefined");
  }
  AtomicFile file(path);
  ZipWriter zip(file);
  for (const auto& [key, t] : entries) {
    NpyImage image = encode_npy(t);
    zip.add(key + std::string(kSuffix), {image.header, image.data_bytes()}, compress);
  }
  zip.finish();
  file.commit();
}

}  // namespace kusari::serializers
