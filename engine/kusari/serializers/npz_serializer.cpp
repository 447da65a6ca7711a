#include "kusari/serializers/npz_serializer.h"

#include <algorithm>

#include "kusari/core/error.h"
#include "kusari/core/ops.h"

namespace kusari::serializers {
namespace {

// Chainer's key rules: leading slashes of a key and surrounding ones of a child are dropped.
std::string strip_leading(const std::string& s) {
  size_t i = s.find_first_not_of('/');
  return i == std::string::npos ? std::string() : s.substr(i);
}
std::string strip(const std::string& s) {
  std::string t = strip_leading(s);
  while (!t.empty() && t.back() == '/') t.pop_back();
  return t;
}

}  // namespace

// ---- saving ----

NpzSerializer::NpzSerializer() : target_(std::make_shared<Target>()) {}
NpzSerializer::NpzSerializer(std::shared_ptr<Target> target, std::string prefix)
    : target_(std::move(target)), prefix_(std::move(prefix)) {}

std::unique_ptr<Serializer> NpzSerializer::child(const std::string& name) {
  return std::unique_ptr<Serializer>(new NpzSerializer(target_, prefix_ + strip(name) + "/"));
}

void NpzSerializer::put(const std::string& key, Tensor value) {
  std::string full = prefix_ + strip_leading(key);
  auto [it, inserted] = target_->index.emplace(full, target_->entries.size());
  if (inserted) target_->entries.emplace_back(full, std::move(value));
  else target_->entries[it->second].second = std::move(value);
}

void NpzSerializer::operator()(const std::string& key, Tensor& value) {
  if (value.defined()) put(key, value.clone());
}

void NpzSerializer::operator()(const std::string& key, double& value) {
  put(key, ops::scalar(value, Dtype::Float64));
}

void NpzSerializer::save(const std::string& path, bool compress) const {
  write_npz(path, target_->entries, compress);
}

// ---- loading ----

NpzDeserializer::NpzDeserializer(const std::string& file, std::string prefix, bool strict,
                                 std::vector<std::string> ignore_names)
    : prefix_(std::move(prefix)) {
  auto archive = std::make_shared<Archive>();
  archive->file = file;
  for (auto& [key, t] : read_npz(file)) archive->arrays.emplace(key, std::move(t));
  archive->root_length = prefix_.size();
  archive->strict = strict;
  archive->ignore_names = std::move(ignore_names);
  archive_ = std::move(archive);
}

NpzDeserializer::NpzDeserializer(std::shared_ptr<const Archive> archive, std::string prefix)
    : archive_(std::move(archive)), prefix_(std::move(prefix)) {}

std::unique_ptr<Serializer> NpzDeserializer::child(const std::string& name) {
  return std::unique_ptr<Serializer>(new NpzDeserializer(archive_, prefix_ + strip(name) + "/"));
}

const Tensor* NpzDeserializer::find(const std::string& key, bool required) const {
  std::string full = prefix_ + strip_leading(key);
  const auto& ignored = archive_->ignore_names;
  std::string relative = full.substr(std::min(archive_->root_length, full.size()));
  if (std::find(ignored.begin(), ignored.end(), relative) != ignored.end()) return nullptr;
  auto it = archive_->arrays.find(full);
  if (it != archive_->arrays.end()) return &it->second;
  if (archive_->strict && required)
    throw FormatError("NpzDeserializer: key '" + full + "' not found in " + archive_->file);
  return nullptr;
}

void NpzDeserializer::operator()(const std::string& key, Tensor& value) {
  // An undefined value was skipped when saved, so its absence is no error.
  const Tensor* loaded = find(key, value.defined());
  if (!loaded) return;
  std::string full = prefix_ + strip_leading(key);
  if (!value.defined()) {
    value = loaded->clone();
    return;
  }
  if (value.shape() != loaded->shape())
    throw ShapeError("NpzDeserializer: key '" + full + "' in " + archive_->file + " has shape " +
                     shape_to_string(loaded->shape()) + ", the destination " + shape_to_string(value.shape()));
  if (value.dtype() != loaded->dtype() && !(is_floating(value.dtype()) && is_floating(loaded->dtype())))
    throw DtypeError("NpzDeserializer: key '" + full + "' in " + archive_->file + " is " +
                     std::string(dtype_name(loaded->dtype())) + ", the destination " +
                     std::string(dtype_name(value.dtype())));
  value.copy_from(*loaded);
}

void NpzDeserializer::operator()(const std::string& key, double& value) {
  const Tensor* loaded = find(key, true);
  if (!loaded) return;
  if (loaded->numel() != 1)
    throw ShapeError("NpzDeserializer: key '" + prefix_ + strip_leading(key) + "' in " + archive_->file +
                     " has shape " + shape_to_string(loaded->shape()) + ", expected a scalar");
  value = loaded->item();
}

// ---- convenience ----

void save_npz(const std::string& path, const std::function<void(Serializer&)>& serialize, bool compress) {
  NpzSerializer s;
  serialize(s);
  s.save(path, compress);
}

void load_npz(const std::string& path, const std::function<void(Serializer&)>& serialize, const std::string& prefix,
              bool strict, const std::vector<std::string>& ignore_names) {
  NpzDeserializer d(path, prefix, strict, ignore_names);
  serialize(d);
}

}  // namespace kusari::serializers
