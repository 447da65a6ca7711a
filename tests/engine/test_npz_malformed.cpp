// Malformed .npy and .npz input: every case raises FormatError naming the file (and entry)
// and what was wrong, without crashing or allocating what an absurd header claims.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <functional>
#include <iterator>

#include "kusari/serializers/atomic_file.h"
#include "kusari/serializers/npy.h"
#include "kusari/serializers/npy_header.h"
#include "kusari/serializers/npz.h"
#include "kusari/serializers/zip_archive.h"

using namespace kusari;
using namespace kusari::serializers;

namespace {

// An .npy image with the given header dict (version 1.0) and data bytes.
std::string npy_with(const std::string& dict, size_t data_bytes) {
  std::string s = std::string("\x93NUMPY\x01\x00", 8);
  s += static_cast<char>(dict.size() & 0xff);
  s += static_cast<char>(dict.size() >> 8);
  return s + dict + std::string(data_bytes, '\x01');
}
std::string dict_with(const std::string& descr, const std::string& shape) {
  return "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
}
std::string valid_npy() { return make_npy_header(Dtype::Float32, {2, 3}) + std::string(24, '\0'); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}
void put32(std::string& s, size_t pos, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[pos + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
uint32_t get32(const std::string& s, size_t pos) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<uint8_t>(s[pos + i])) << (8 * i);
  return v;
}

// Runs f, which must raise FormatError whose message holds every one of `parts`.
void expect_format_error(const std::function<void()>& f, const QStringList& parts) {
  try {
    f();
  } catch (const FormatError& e) {
    for (const QString& p : parts)
      QVERIFY2(QString::fromStdString(e.what()).contains(p), qPrintable("'" + p + "' not in: " + e.what()));
    return;
  } catch (const std::exception& e) {
    QFAIL(qPrintable(QString("not a FormatError: ") + e.what()));
  }
  QFAIL("no error raised");
}

}  // namespace

class TestNpzMalformed : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string path(const char* name) { return QDir(tmp_.path()).filePath(name).toStdString(); }

  // A stored (or deflated) npz of one float32 (2, 3) entry "w.npy"; returns its bytes.
  std::string small_npz(bool compress, const std::string& npy = valid_npy(), const std::string& name = "w.npy") {
    std::string file = path("small.npz");
    AtomicFile out(file);
    ZipWriter zip(out);
    zip.add(name, {npy}, compress);
    zip.finish();
    out.commit();
    return read_file(file);
  }
  void expect_npz_error(const std::string& bytes, const QStringList& parts) {
    std::string file = path("bad.npz");
    write_file(file, bytes);
    expect_format_error([&] { read_npz(file); }, QStringList(parts) << "bad.npz");
  }

 private slots:
  void npy_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const std::string& b, const char* msg) {
      QTest::newRow(name) << QByteArray(b.data(), qsizetype(b.size())) << QString(msg);
    };
    std::string ok = valid_npy();
    row("empty", "", "wrong magic");
    row("truncated in the magic", ok.substr(0, 4), "wrong magic");
    row("truncated in the header length", ok.substr(0, 9), "truncated .npy header");
    row("truncated in the header", ok.substr(0, 40), "truncated .npy header");
    row("truncated in the data", ok.substr(0, ok.size() - 1), "needs 24 bytes but the array holds 23");
    row("trailing data", ok + "x", "needs 24 bytes but the array holds 25");
    row("wrong magic", "\x93NUMPZ" + ok.substr(6), "wrong magic");
    row("unknown version", ok.substr(0, 6) + "\x09" + ok.substr(7), "unsupported .npy format version 9");
    row("object dtype", npy_with(dict_with("'|O'", "(2,)"), 16), "object arrays");
    row("unknown dtype", npy_with(dict_with("'<u2'", "(2,)"), 4), "unsupported dtype '<u2'");
    row("structured dtype", npy_with(dict_with("[('a', '<f4')]", "(2,)"), 8), "structured");
    row("missing key", npy_with("{'descr': '<f4', 'fortran_order': False}", 0), "needs the keys");
    row("unexpected key", npy_with(dict_with("'<f4'", "()").insert(1, "'x': 1, "), 4), "unexpected key 'x'");
    row("garbage header", npy_with("{'descr': <f4", 0), "bad .npy header");
    row("unterminated dict", npy_with("{'descr': '<f4', ", 0), "bad .npy header");
    row("negative dimension", npy_with(dict_with("'<f4'", "(-1,)"), 4), "bad .npy header");
    row("absurd shape", npy_with(dict_with("'<f4'", "(100000, 100000)"), 8), "needs 40000000000 bytes");
    row("overflowing shape", npy_with(dict_with("'<f8'", "(4611686018427387904, 4)"), 8), "more than 2^64");
    row("huge integer", npy_with(dict_with("'<f4'", "(99999999999999999999,)"), 8), "integer too large");
    row("too many dimensions", npy_with(dict_with("'<f4'", "(1, 1, 1, 1, 1, 1, 1, 1, 1)"), 4), "9 dimensions");
    row("fortran_order not a bool", npy_with("{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", 4), "fortran_order");
  }
  void npy() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    std::string_view view(bytes.constData(), size_t(bytes.size()));
    expect_format_error([&] { decode_npy(view, "m.npy"); }, {message, "m.npy"});
    // The same through a file.
    std::string file = path("m.npy");
    write_file(file, std::string(view));
    expect_format_error([&] { read_npy(file); }, {message});
  }

  void npz_not_a_zip() {
    expect_npz_error("", {"not a zip archive"});
    expect_npz_error("this is plain text, not an archive at all", {"not a zip archive"});
    expect_npz_error(valid_npy(), {"not a zip archive"});
  }

  void npz_truncated() {
    for (bool compress : {false, true}) {
      std::string ok = small_npz(compress);
      for (size_t cut : {size_t(1), size_t(30), ok.size() / 2, ok.size() - 23, ok.size() - 1})
        expect_npz_error(ok.substr(0, cut), {"not a zip archive"});
      // The directory's offset pointing past its real place is a truncation too.
      std::string moved = ok;
      put32(moved, moved.size() - 6, get32(ok, ok.size() - 6) + 1000);
      expect_npz_error(moved, {"central directory lies outside the file"});
    }
  }

  void npz_bad_local_header() {
    std::string bytes = small_npz(false);
    bytes[0] = 'X';
    expect_npz_error(bytes, {"entry 'w.npy'", "bad local header signature"});
  }

  void npz_crc_mismatch() {
    for (bool compress : {false, true}) {
      std::string bytes = small_npz(compress);
      size_t dir = get32(bytes, bytes.size() - 6);
      put32(bytes, dir + 16, get32(bytes, dir + 16) ^ 1);  // the central directory's CRC
      expect_npz_error(bytes, {"entry 'w.npy'", "CRC mismatch"});
    }
    std::string stored = small_npz(false);
    stored[30 + 5 + 100] ^= 0x40;  // a byte in the array data (local header 30 + name 5)
    expect_npz_error(stored, {"entry 'w.npy'", "CRC mismatch"});
  }

  void npz_corrupt_deflate() {
    std::string bytes = small_npz(true);
    size_t dir = get32(bytes, bytes.size() - 6);
    for (size_t i = 35; i < dir; ++i) bytes[i] = '\xff';  // no longer a valid stream
    expect_npz_error(bytes, {"entry 'w.npy'", "corrupt deflate data"});
  }

  void npz_absurd_sizes() {
    std::string deflated = small_npz(true);
    size_t dir = get32(deflated, deflated.size() - 6);
    std::string absurd = deflated;
    put32(absurd, dir + 24, 0xF0000000u);  // uncompressed size: 4 GB from ~100 bytes
    expect_npz_error(absurd, {"entry 'w.npy'", "impossible"});
    std::string past = deflated;
    put32(past, dir + 20, 0x7FFFFFFFu);  // compressed size beyond the file
    expect_npz_error(past, {"entry 'w.npy'", "past the end"});
    std::string stored = small_npz(false);
    dir = get32(stored, stored.size() - 6);
    put32(stored, dir + 24, get32(stored, dir + 24) + 1);
    expect_npz_error(stored, {"entry 'w.npy'", "different compressed and uncompressed sizes"});
    std::string count = small_npz(false);
    count[count.size() - 12] = '\x50';  // 80 entries in a one-entry directory
    expect_npz_error(count, {"cannot fit"});
  }

  void npz_bad_entries() {
    expect_npz_error(small_npz(false, npy_with(dict_with("'|O'", "(2,)"), 16), "objs.npy"),
                     {"entry 'objs.npy'", "object arrays"});
    expect_npz_error(small_npz(true, valid_npy().substr(0, 140), "cut.npy"), {"entry 'cut.npy'", "needs 24 bytes"});
    expect_npz_error(small_npz(false, valid_npy(), "readme.txt"), {"entry 'readme.txt'", "not an .npy array"});
  }
};

QTEST_APPLESS_MAIN(TestNpzMalformed)
#include "test_npz_malformed.moc"
