#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include "kusari/core/error.h"
#include "kusari/serializers/zip_archive.h"
#include "kusari/serializers/zip_format.h"

namespace kusari::serializers {
namespace {

using zip::get;

// Deflate never compresses better than about 1032:1, so a larger declared size is a lie and
// must not become an allocation.
constexpr uint64_t kMaxDeflateRatio = 1032;
constexpr uint64_t kMaxComment = 65535;
constexpr uInt kZlibChunk = 1u << 30;  // zlib counts in 32-bit uInt

std::string entry_where(const std::string& path, const std::string& name) {
  return path + ": entry '" + name + "'";
}

// Replaces the 0xFFFFFFFF placeholders of a central header with the values of its zip64 extra
// field, which holds exactly the fields that overflowed, in this order.
void apply_zip64_extra(std::string_view extra, ZipEntry& e, bool offset_overflowed, const std::string& where) {
  bool usize = e.uncompressed_size == 0xFFFFFFFFu, csize = e.compressed_size == 0xFFFFFFFFu;
  size_t pos = 0;
  while (pos + 4 <= extra.size()) {
    auto id = static_cast<uint16_t>(get(extra, pos, 2));
    size_t len = get(extra, pos + 2, 2);
    if (pos + 4 + len > extra.size()) break;
    if (id == zip::kZip64ExtraId) {
      std::string_view f = extra.substr(pos + 4, len);
      size_t at = 0;
      auto next = [&](uint64_t& field) {
        if (at + 8 > f.size()) throw FormatError(where + ": truncated zip64 extra field");
        field = get(f, at, 8);
        at += 8;
      };
      if (usize) next(e.uncompressed_size);
      if (csize) next(e.compressed_size);
      if (offset_overflowed) next(e.local_header_offset);
      return;
    }
    pos += 4 + len;
  }
  if (usize || csize || offset_overflowed) throw FormatError(where + ": zip64 sizes without a zip64 extra field");
}

}  // namespace

ZipReader::ZipReader(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error(path + " is not a readable file");
  in_.open(path, std::ios::binary);
  if (!in_) throw Error("cannot open " + path);
  in_.seekg(0, std::ios::end);
  file_size_ = static_cast<uint64_t>(in_.tellg());
  read_central_directory();
}

std::string ZipReader::read_at(uint64_t offset, uint64_t size, const std::string& what) {
  if (offset > file_size_ || size > file_size_ - offset)
    throw FormatError(what + ": truncated (needs bytes " + std::to_string(offset) + ".." + std::to_string(offset + size) +
                      ", the file has " + std::to_string(file_size_) + ")");
  std::string out(size, '\0');
  in_.clear();
  in_.seekg(static_cast<std::streamoff>(offset));
  if (!in_.read(out.data(), static_cast<std::streamsize>(size))) throw FormatError(what + ": read failed");
  return out;
}

void ZipReader::read_central_directory() {
  // The end-of-directory record sits at the end, followed only by its comment: search back for
  // the last signature whose comment length reaches exactly the end of the file.
  uint64_t tail_size = std::min<uint64_t>(file_size_, zip::kEndOfDirectorySize + kMaxComment);
  if (file_size_ < zip::kEndOfDirectorySize)
    throw FormatError(path_ + ": not a zip archive (too short: " + std::to_string(file_size_) + " bytes)");
  std::string tail = read_at(file_size_ - tail_size, tail_size, path_);
  size_t eocd = std::string::npos;
  for (size_t i = tail.size() - zip::kEndOfDirectorySize + 1; i-- > 0;) {
    if (get(tail, i, 4) == zip::kEndOfDirectory && i + zip::kEndOfDirectorySize + get(tail, i + 20, 2) == tail.size()) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos)
    throw FormatError(path_ + ": not a zip archive (no end-of-central-directory record; truncated or wrong magic)");
  uint64_t eocd_offset = file_size_ - tail_size + eocd;
  if (get(tail, eocd + 4, 2) != 0 || get(tail, eocd + 6, 2) != 0)
    throw FormatError(path_ + ": multi-disk zip archives are not supported");
  uint64_t count = get(tail, eocd + 10, 2);
  uint64_t dir_size = get(tail, eocd + 12, 4);
  uint64_t dir_offset = get(tail, eocd + 16, 4);
  uint64_t dir_end_limit = eocd_offset;

  if (count == 0xFFFF || dir_size == 0xFFFFFFFFu || dir_offset == 0xFFFFFFFFu) {
    if (eocd_offset < zip::kZip64LocatorSize) throw FormatError(path_ + ": zip64 locator missing");
    std::string loc = read_at(eocd_offset - zip::kZip64LocatorSize, zip::kZip64LocatorSize, path_);
    if (get(loc, 0, 4) != zip::kZip64Locator) throw FormatError(path_ + ": zip64 locator missing");
    uint64_t z64 = get(loc, 8, 8);
    std::string rec = read_at(z64, zip::kZip64EndOfDirectorySize, path_ + ": zip64 end of directory");
    if (get(rec, 0, 4) != zip::kZip64EndOfDirectory) throw FormatError(path_ + ": bad zip64 end-of-directory record");
    count = get(rec, 32, 8);
    dir_size = get(rec, 40, 8);
    dir_offset = get(rec, 48, 8);
    dir_end_limit = z64;
  }
  if (dir_offset > dir_end_limit || dir_size > dir_end_limit - dir_offset)
    throw FormatError(path_ + ": the central directory lies outside the file (truncated?)");
  if (count > dir_size / zip::kCentralHeaderSize)
    throw FormatError(path_ + ": " + std::to_string(count) + " entries cannot fit in a central directory of " +
                      std::to_string(dir_size) + " bytes");
  directory_offset_ = dir_offset;

  std::string dir = read_at(dir_offset, dir_size, path_ + ": central directory");
  size_t pos = 0;
  entries_.reserve(count);
  for (uint64_t k = 0; k < count; ++k) {
    if (pos + zip::kCentralHeaderSize > dir.size() || get(dir, pos, 4) != zip::kCentralHeader)
      throw FormatError(path_ + ": bad central directory header for entry " + std::to_string(k));
    ZipEntry e;
    uint64_t flags = get(dir, pos + 8, 2);
    e.method = static_cast<uint16_t>(get(dir, pos + 10, 2));
    e.crc32 = static_cast<uint32_t>(get(dir, pos + 16, 4));
    e.compressed_size = get(dir, pos + 20, 4);
    e.uncompressed_size = get(dir, pos + 24, 4);
    size_t name_len = get(dir, pos + 28, 2), extra_len = get(dir, pos + 30, 2), comment_len = get(dir, pos + 32, 2);
    e.local_header_offset = get(dir, pos + 42, 4);
    if (pos + zip::kCentralHeaderSize + name_len + extra_len + comment_len > dir.size())
      throw FormatError(path_ + ": central directory truncated at entry " + std::to_string(k));
    e.name = dir.substr(pos + zip::kCentralHeaderSize, name_len);
    std::string where = entry_where(path_, e.name);
    apply_zip64_extra(std::string_view(dir).substr(pos + zip::kCentralHeaderSize + name_len, extra_len), e,
                      e.local_header_offset == 0xFFFFFFFFu, where);
    if (flags & 1) throw FormatError(where + ": encrypted entries are not supported");
    if (e.method != zip::kStored && e.method != zip::kDeflated)
      throw FormatError(where + ": unsupported compression method " + std::to_string(e.method) +
                        " (only stored and deflate)");
    entries_.push_back(std::move(e));
    pos += zip::kCentralHeaderSize + name_len + extra_len + comment_len;
  }
}

std::string ZipReader::read(const ZipEntry& e) {
  std::string where = entry_where(path_, e.name);
  std::string local = read_at(e.local_header_offset, zip::kLocalHeaderSize, where + " local header");
  if (get(local, 0, 4) != zip::kLocalHeader) throw FormatError(where + ": bad local header signature");
  // The local header's sizes may be zip64 placeholders or zero (data descriptor); the central
  // directory's are authoritative, only the variable lengths are needed from here.
  uint64_t data_offset = e.local_header_offset + zip::kLocalHeaderSize + get(local, 26, 2) + get(local, 28, 2);
  if (data_offset > directory_offset_ || e.compressed_size > directory_offset_ - data_offset)
    throw FormatError(where + ": data runs past the end of the archive's data (truncated?)");

  std::string out;
  if (e.method == zip::kStored) {
    if (e.compressed_size != e.uncompressed_size)
      throw FormatError(where + ": stored entry with different compressed and uncompressed sizes");
    out = read_at(data_offset, e.compressed_size, where);
  } else {
    if (e.uncompressed_size > e.compressed_size * kMaxDeflateRatio + 1024)
      throw FormatError(where + ": declared size " + std::to_string(e.uncompressed_size) + " is impossible for " +
                        std::to_string(e.compressed_size) + " deflated bytes");
    std::string packed = read_at(data_offset, e.compressed_size, where);
    out.assign(e.uncompressed_size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw Error(where + ": zlib inflateInit2 failed");
    Bytef none = 0;
    z.next_out = &none;  // zlib rejects a null output pointer even with no room
    uint64_t in_done = 0, out_done = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
      if (z.avail_in == 0 && in_done < packed.size()) {
        z.next_in = reinterpret_cast<Bytef*>(packed.data() + in_done);
        z.avail_in = static_cast<uInt>(std::min<uint64_t>(packed.size() - in_done, kZlibChunk));
        in_done += z.avail_in;
      }
      if (z.avail_out == 0 && out_done < out.size()) {
        z.next_out = reinterpret_cast<Bytef*>(out.data() + out_done);
        z.avail_out = static_cast<uInt>(std::min<uint64_t>(out.size() - out_done, kZlibChunk));
        out_done += z.avail_out;
      }
      // Z_BUF_ERROR: the input ended early, or the output is full before the stream's end.
      rc = inflate(&z, Z_NO_FLUSH);
    }
    uint64_t produced = out_done - z.avail_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END)
      throw FormatError(where + ": corrupt deflate data (" + (rc == Z_DATA_ERROR ? "invalid stream" : "truncated stream or larger than declared") + ")");
    if (produced != e.uncompressed_size)
      throw FormatError(where + ": inflated to " + std::to_string(produced) + " bytes, the directory declares " +
                        std::to_string(e.uncompressed_size));
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  for (uint64_t done = 0; done < out.size(); done += kZlibChunk)
    crc = crc32(crc, reinterpret_cast<const Bytef*>(out.data() + done),
                static_cast<uInt>(std::min<uint64_t>(out.size() - done, kZlibChunk)));
  if (crc != e.crc32) throw FormatError(where + ": CRC mismatch (the data is corrupt)");
  return out;
}

}  // namespace kusari::serializers
