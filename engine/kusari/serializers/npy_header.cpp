#include "kusari/serializers/npy_header.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "kusari/core/error.h"

namespace kusari::serializers {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kAlign = 64;  // numpy.lib.format.ARRAY_ALIGN

// The few Python literals a header may hold.
struct Literal {
  enum class Kind { String, Bool, Int, None, Tuple } kind = Kind::None;
  std::string text;
  bool flag = false;
  int64_t number = 0;
  std::vector<Literal> items;
};

// Recursive descent over the dict literal; every failure names the header and the position.
class LiteralParser {
 public:
  LiteralParser(std::string_view s, const std::string& where) : s_(s), where_(where) {}

  std::vector<std::pair<std::string, Literal>> dict() {
    std::vector<std::pair<std::string, Literal>> out;
    expect('{');
    while (true) {
      skip_space();
      if (peek() == '}') break;
      Literal key = value(0);
      if (key.kind != Literal::Kind::String) fail("dictionary keys must be strings");
      expect(':');
      out.emplace_back(key.text, value(0));
      skip_space();
      if (peek() == ',') ++pos_;
      else if (peek() != '}') fail("expected ',' or '}'");
    }
    ++pos_;
    skip_space();
    if (pos_ != s_.size()) fail("unexpected text after the dictionary");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw FormatError(where_ + ": bad .npy header (" + what + " at offset " + std::to_string(pos_) +
                      " of \"" + std::string(s_.substr(0, 200)) + "\")");
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  bool word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  Literal value(int depth) {
    if (depth > 4) fail("nesting too deep");
    skip_space();
    Literal v;
    char c = peek();
    if (c == '\'' || c == '"') {
      ++pos_;
      size_t end = s_.find(c, pos_);
      if (end == std::string_view::npos) fail("unterminated string");
      v.kind = Literal::Kind::String;
      v.text = std::string(s_.substr(pos_, end - pos_));
      if (v.text.find('\\') != std::string::npos) fail("escapes in strings are not supported");
      pos_ = end + 1;
    } else if (c == '(' || c == '[') {
      char close = c == '(' ? ')' : ']';
      ++pos_;
      v.kind = Literal::Kind::Tuple;
      while (true) {
        skip_space();
        if (peek() == close) break;
        if (v.items.size() >= kMaxDims * 4) fail("sequence too long");
        v.items.push_back(value(depth + 1));
        skip_space();
        if (peek() == ',') ++pos_;
        else if (peek() != close) fail(std::string("expected ',' or '") + close + "'");
      }
      ++pos_;
    } else if (c >= '0' && c <= '9') {
      v.kind = Literal::Kind::Int;
      while (peek() >= '0' && peek() <= '9') {
        int d = peek() - '0';
        if (v.number > (std::numeric_limits<int64_t>::max() - d) / 10) fail("integer too large");
        v.number = v.number * 10 + d;
        ++pos_;
      }
      if (peek() == 'L') ++pos_;  // Python 2 longs, in files written by old NumPy
    } else if (word("True")) {
      v.kind = Literal::Kind::Bool, v.flag = true;
    } else if (word("False")) {
      v.kind = Literal::Kind::Bool, v.flag = false;
    } else if (word("None")) {
      v.kind = Literal::Kind::None;
    } else {
      fail("unexpected character");
    }
    return v;
  }

  std::string_view s_;
  const std::string& where_;
  size_t pos_ = 0;
};

std::optional<Dtype> dtype_from_code(std::string_view code) {
  if (code == "f4") return Dtype::Float32;
  if (code == "f8") return Dtype::Float64;
  if (code == "i4") return Dtype::Int32;
  if (code == "i8") return Dtype::Int64;
  if (code == "b1") return Dtype::Bool;
  return std::nullopt;
}

void parse_descr(const Literal& v, NpyHeader& h, const std::string& where) {
  if (v.kind != Literal::Kind::String)
    throw FormatError(where + ": structured dtypes are not supported (the header's 'descr' is not a string)");
  h.descr = v.text;
  const std::string& d = v.text;
  if (d.size() >= 2 && d.substr(1) == "O")
    throw FormatError(where + ": object arrays ('" + d + "') are not supported: reading them would mean unpickling");
  std::optional<Dtype> dtype = d.size() == 3 ? dtype_from_code(std::string_view(d).substr(1)) : std::nullopt;
  char order = d.empty() ? '?' : d[0];
  bool order_ok = order == '<' || order == '=' || order == '>' || (order == '|' && dtype == Dtype::Bool);
  if (!dtype || !order_ok)
    throw FormatError(where + ": unsupported dtype '" + d + "' (supported: <f4 <f8 <i4 <i8 |b1, or big-endian >f4 ...)");
  h.dtype = *dtype;
  // '=' is native order, which is little-endian on every platform this builds for.
  h.byteswap = order == '>' && *dtype != Dtype::Bool;
}

}  // namespace

NpyHeader parse_npy_header(std::string_view bytes, const std::string& where) {
  if (bytes.size() < kMagicSize + 2 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0)
    throw FormatError(where + ": not an .npy array (wrong magic; expected \\x93NUMPY)");
  auto major = static_cast<uint8_t>(bytes[6]);
  size_t len_size = major == 1 ? 2 : (major == 2 || major == 3) ? 4 : 0;
  if (len_size == 0)
    throw FormatError(where + ": unsupported .npy format version " + std::to_string(major) + "." +
                      std::to_string(static_cast<uint8_t>(bytes[7])));
  size_t prefix = kMagicSize + 2 + len_size;
  if (bytes.size() < prefix) throw FormatError(where + ": truncated .npy header");
  size_t header_len = 0;
  for (size_t i = 0; i < len_size; ++i) header_len |= size_t(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
  if (header_len > bytes.size() - prefix)
    throw FormatError(where + ": truncated .npy header (it declares " + std::to_string(header_len) + " bytes, " +
                      std::to_string(bytes.size() - prefix) + " remain)");

  NpyHeader h;
  h.data_offset = prefix + header_len;
  LiteralParser parser(bytes.substr(prefix, header_len), where);
  bool have_descr = false, have_order = false, have_shape = false;
  for (const auto& [key, v] : parser.dict()) {
    if (key == "descr") {
      parse_descr(v, h, where);
      have_descr = true;
    } else if (key == "fortran_order") {
      if (v.kind != Literal::Kind::Bool) throw FormatError(where + ": bad .npy header ('fortran_order' is not a bool)");
      h.fortran_order = v.flag;
      have_order = true;
    } else if (key == "shape") {
      if (v.kind != Literal::Kind::Tuple) throw FormatError(where + ": bad .npy header ('shape' is not a tuple)");
      if (v.items.size() > static_cast<size_t>(kMaxDims))
        throw FormatError(where + ": shape has " + std::to_string(v.items.size()) + " dimensions, at most " +
                          std::to_string(kMaxDims) + " are supported");
      for (const Literal& dim : v.items) {
        if (dim.kind != Literal::Kind::Int) throw FormatError(where + ": bad .npy header (a shape entry is not an integer)");
        h.shape.push_back(dim.number);
      }
      have_shape = true;
    } else {
      throw FormatError(where + ": bad .npy header (unexpected key '" + key + "')");
    }
  }
  if (!have_descr || !have_order || !have_shape)
    throw FormatError(where + ": bad .npy header (it needs the keys 'descr', 'fortran_order' and 'shape')");
  return h;
}

std::string npy_descr(Dtype dtype) {
  switch (dtype) {
    case Dtype::Bool: return "|b1";
    case Dtype::Int32: return "<i4";
    case Dtype::Int64: return "<i8";
    case Dtype::Float32: return "<f4";
    case Dtype::Float64: break;
  }
  return "<f8";
}

std::string make_npy_header(Dtype dtype, const Shape& shape) {
  std::string dict = "{'descr': '" + npy_descr(dtype) + "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) dict += (i ? ", " : "") + std::to_string(shape[i]);
  dict += shape.size() == 1 ? ",), }" : "), }";
  size_t len_size = dict.size() + 1 + kMagicSize + 2 + 2 > 65535 ? 4 : 2;
  size_t prefix = kMagicSize + 2 + len_size;
  // Pad with spaces and end with a newline so that the data is aligned, as NumPy does.
  size_t total = (prefix + dict.size() + 1 + kAlign - 1) / kAlign * kAlign;
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict += '\n';
  std::string out(kMagic, kMagicSize);
  out += static_cast<char>(len_size == 2 ? 1 : 2);
  out += '\0';
  for (size_t i = 0; i < len_size; ++i) out += static_cast<char>((dict.size() >> (8 * i)) & 0xff);
  return out + dict;
}

}  // namespace kusari::serializers
