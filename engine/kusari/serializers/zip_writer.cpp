#include <zlib.h>

#include <algorithm>

#include "kusari/core/error.h"
#include "kusari/serializers/atomic_file.h"
#include "kusari/serializers/zip_archive.h"
#include "kusari/serializers/zip_format.h"

namespace kusari::serializers {
namespace {

using zip::put;

constexpr uint64_t kMax32 = 0xFFFFFFFEu;  // larger values would need zip64, which is not written
constexpr uint16_t kVersionNeeded = 20;   // 2.0: deflate
constexpr uint16_t kVersionMadeBy = (3 << 8) | 20;  // Unix, so that the permissions below apply
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01: reproducible archives
constexpr size_t kChunk = 1 << 18;

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
uint16_t flags_for(const std::string& name) { return is_ascii(name) ? 0 : 0x0800; }  // bit 11: UTF-8 name

void check_fits(uint64_t v, const std::string& name) {
  if (v > kMax32)
    throw Error("write_npz: entry '" + name + "' needs zip64 (over 4 GiB), which is not supported for writing");
}

}  // namespace

void ZipWriter::add(const std::string& name, const std::vector<std::string_view>& pieces, bool compress) {
  if (name.size() > 0xFFFF) throw ValueError("write_npz: entry name too long");
  ZipEntry e;
  e.name = name;
  e.method = compress ? zip::kDeflated : zip::kStored;
  e.local_header_offset = out_.tell();
  uLong crc = crc32(0L, Z_NULL, 0);
  for (std::string_view p : pieces) {
    e.uncompressed_size += p.size();
    for (size_t done = 0; done < p.size(); done += kChunk)
      crc = crc32(crc, reinterpret_cast<const Bytef*>(p.data() + done), static_cast<uInt>(std::min(p.size() - done, kChunk)));
  }
  e.crc32 = static_cast<uint32_t>(crc);
  check_fits(e.local_header_offset, name);
  check_fits(e.uncompressed_size, name);
  if (!compress) e.compressed_size = e.uncompressed_size;

  std::string h;
  put(h, zip::kLocalHeader, 4);
  put(h, kVersionNeeded, 2);
  put(h, flags_for(name), 2);
  put(h, e.method, 2);
  put(h, 0, 2);
  put(h, kDosDate, 2);
  put(h, e.crc32, 4);
  put(h, e.compressed_size, 4);  // patched below when deflating
  put(h, e.uncompressed_size, 4);
  put(h, name.size(), 2);
  put(h, 0, 2);
  h += name;
  out_.write(h);

  if (!compress) {
    for (std::string_view p : pieces) out_.write(p);
  } else {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw Error("write_npz: zlib deflateInit2 failed");
    std::string buf(kChunk, '\0');
    auto pump = [&](int flush) {
      int rc;
      do {
        z.next_out = reinterpret_cast<Bytef*>(buf.data());
        z.avail_out = static_cast<uInt>(buf.size());
        rc = deflate(&z, flush);
        size_t have = buf.size() - z.avail_out;
        e.compressed_size += have;
        out_.write(std::string_view(buf.data(), have));
      } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    };
    try {
      for (std::string_view p : pieces)
        for (size_t done = 0; done < p.size(); done += kChunk) {
          z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p.data() + done));
          z.avail_in = static_cast<uInt>(std::min(p.size() - done, kChunk));
          pump(Z_NO_FLUSH);
        }
      pump(Z_FINISH);
    } catch (...) {
      deflateEnd(&z);
      throw;
    }
    deflateEnd(&z);
    check_fits(e.compressed_size, name);
    std::string size;
    put(size, e.compressed_size, 4);
    out_.patch(e.local_header_offset + 18, size);
  }
  entries_.push_back(std::move(e));
}

void ZipWriter::finish() {
  if (entries_.size() >= 0xFFFF) throw Error("write_npz: more than 65534 entries would need zip64");
  uint64_t dir_offset = out_.tell();
  std::string d;
  for (const ZipEntry& e : entries_) {
    put(d, zip::kCentralHeader, 4);
    put(d, kVersionMadeBy, 2);
    put(d, kVersionNeeded, 2);
    put(d, flags_for(e.name), 2);
    put(d, e.method, 2);
    put(d, 0, 2);
    put(d, kDosDate, 2);
    put(d, e.crc32, 4);
    put(d, e.compressed_size, 4);
    put(d, e.uncompressed_size, 4);
    put(d, e.name.size(), 2);
    put(d, 0, 2);  // extra
    put(d, 0, 2);  // comment
    put(d, 0, 2);  // disk
    put(d, 0, 2);  // internal attributes
    put(d, uint64_t(0100644) << 16, 4);  // regular file, rw-r--r--
    put(d, e.local_header_offset, 4);
    d += e.name;
  }
  uint64_t dir_size = d.size();
  check_fits(dir_offset + dir_size, "central directory");
  put(d, zip::kEndOfDirectory, 4);
  put(d, 0, 2);
  put(d, 0, 2);
  put(d, entries_.size(), 2);
  put(d, entries_.size(), 2);
  put(d, dir_size, 4);
  put(d, dir_offset, 4);
  put(d, 0, 2);
  out_.write(d);
}

}  // namespace kusari::serializers
