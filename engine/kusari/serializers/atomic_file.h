// Writes a file so that readers see either the old contents or the complete new ones: the
// bytes go to a temporary file beside the target, which is renamed over it on commit().
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace kusari::serializers {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);  // throws Error when the directory is not writable
  ~AtomicFile();                          // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  uint64_t tell() const { return position_; }
  // Overwrites bytes already written at `offset` (patching a header), then returns to the end.
  void patch(uint64_t offset, std::string_view bytes);
  void commit();  // flushes, syncs and renames over the target
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  uint64_t position_ = 0;
  bool committed_ = false;
};

}  // namespace kusari::serializers
