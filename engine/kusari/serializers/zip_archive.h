// Just enough of the ZIP format for .npz files: reading stored and deflated entries (zip64
// sizes and offsets included, as numpy.savez writes them) and writing stored or deflated
// entries. The central directory is parsed here; zlib does only the inflating and deflating.
#pragma once
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace kusari::serializers {

class AtomicFile;

struct ZipEntry {
  std::string name;
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0, uncompressed_size = 0, local_header_offset = 0;
};

class ZipReader {
 public:
  // Opens `path` and reads its central directory; FormatError when it is not a usable ZIP.
  explicit ZipReader(const std::string& path);
  const std::vector<ZipEntry>& entries() const { return entries_; }
  // The entry's uncompressed bytes, CRC-checked. FormatError naming the file and the entry.
  std::string read(const ZipEntry& entry);

 private:
  std::string read_at(uint64_t offset, uint64_t size, const std::string& what);
  void read_central_directory();

  std::string path_;
  std::ifstream in_;
  uint64_t file_size_ = 0;
  uint64_t directory_offset_ = 0;  // entries' data must end before it
  std::vector<ZipEntry> entries_;
};

class ZipWriter {
 public:
  explicit ZipWriter(AtomicFile& out) : out_(out) {}
  // Adds an entry whose contents are the concatenation of `pieces` (streamed, not copied).
  void add(const std::string& name, const std::vector<std::string_view>& pieces, bool compress);
  void finish();  // writes the central directory; the caller then commits the file

 private:
  AtomicFile& out_;
  std::vector<ZipEntry> entries_;
};

}  // namespace kusari::serializers
