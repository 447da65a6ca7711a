// Little-endian field access and the record signatures shared by the ZIP reader and writer.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace kusari::serializers::zip {

inline constexpr uint32_t kLocalHeader = 0x04034b50;
inline constexpr uint32_t kCentralHeader = 0x02014b50;
inline constexpr uint32_t kEndOfDirectory = 0x06054b50;
inline constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
inline constexpr uint32_t kZip64Locator = 0x07064b50;
inline constexpr uint16_t kZip64ExtraId = 0x0001;
inline constexpr size_t kLocalHeaderSize = 30, kCentralHeaderSize = 46, kEndOfDirectorySize = 22;
inline constexpr size_t kZip64LocatorSize = 20, kZip64EndOfDirectorySize = 56;
inline constexpr uint16_t kStored = 0, kDeflated = 8;

inline uint64_t get(std::string_view s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<uint8_t>(s[pos + i])) << (8 * i);
  return v;
}
inline void put(std::string& s, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace kusari::serializers::zip
