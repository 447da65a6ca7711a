#include "kusari/serializers/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "kusari/core/error.h"

namespace kusari::serializers {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  // mkstemp in the target's directory, so that the final rename stays on one file system.
  std::vector<char> name(path_.begin(), path_.end());
  const char suffix[] = ".tmp.XXXXXX";
  name.insert(name.end(), suffix, suffix + sizeof(suffix));  // with the terminating NUL
  int fd = ::mkstemp(name.data());
  if (fd < 0) fail("cannot create a temporary file");
  temp_path_ = name.data();
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    std::remove(temp_path_.c_str());
    fail("cannot open the temporary file");
  }
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) std::remove(temp_path_.c_str());
}

void AtomicFile::fail(const std::string& what) const {
  throw Error("writing " + path_ + ": " + what + " (" + std::strerror(errno) + ")");
}

void AtomicFile::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("write failed");
  position_ += bytes.size();
}

void AtomicFile::patch(uint64_t offset, std::string_view bytes) {
  if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0) fail("seek failed");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("write failed");
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("seek failed");
}

void AtomicFile::commit() {
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail("flush failed");
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) fail("close failed");
  // mkstemp creates 0600; give the file the permissions an ordinary fopen would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(temp_path_.c_str(), 0666 & ~mask);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) fail("rename failed");
  committed_ = true;
}

}  // namespace kusari::serializers
