// Chainer's npz serializers: NpzSerializer collects an object's state under slash-separated
// keys ("predictor/l1/W") and writes it as an .npz; NpzDeserializer loads it back in place.
//   save_npz("model.npz", model);                        // any T with serialize(Serializer&)
//   load_npz("snapshot.npz", [&](Serializer& s) { model.serialize(s); }, "updater/model:main/");
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kusari/serializers/npz.h"
#include "kusari/serializers/serializer.h"

namespace kusari::serializers {

class NpzSerializer : public Serializer {
 public:
  NpzSerializer();
  std::unique_ptr<Serializer> child(const std::string& name) override;
  // Records a snapshot (a copy) of `value`; an undefined tensor is skipped. Scalars become
  // 0-d float64 arrays. A repeated key replaces the earlier value.
  void operator()(const std::string& key, Tensor& value) override;
  void operator()(const std::string& key, double& value) override;
  bool is_loading() const override { return false; }

  const NpzEntries& entries() const { return target_->entries; }
  void save(const std::string& path, bool compress = false) const;  // atomic

 private:
  struct Target {
    NpzEntries entries;
    std::map<std::string, size_t> index;
  };
  NpzSerializer(std::shared_ptr<Target> target, std::string prefix);
  void put(const std::string& key, Tensor value);

  std::shared_ptr<Target> target_;
  std::string prefix_;
};

class NpzDeserializer : public Serializer {
 public:
  // Reads `file` whole. `prefix` is where the object's state lives in it ("updater/model:main/").
  // When `strict`, a key absent from the file raises FormatError naming the key and the file;
  // otherwise the value is left as it is. Keys in `ignore_names` (relative to `prefix`) are
  // never loaded.
  explicit NpzDeserializer(const std::string& file, std::string prefix = "", bool strict = true,
                           std::vector<std::string> ignore_names = {});
  std::unique_ptr<Serializer> child(const std::string& name) override;
  // Overwrites `value` in place: the shapes must match and the dtypes must be equal or both
  // floating (then converted). An undefined `value` becomes the file's array, or stays
  // undefined when the file lacks it (the saver skipped it), even when strict.
  void operator()(const std::string& key, Tensor& value) override;
  void operator()(const std::string& key, double& value) override;  // from a one-element array
  bool is_loading() const override { return true; }

 private:
  struct Archive {
    std::string file;
    std::map<std::string, Tensor> arrays;
    size_t root_length = 0;  // prefix length of the root deserializer, for ignore_names
    bool strict = true;
    std::vector<std::string> ignore_names;
  };
  NpzDeserializer(std::shared_ptr<const Archive> archive, std::string prefix);
  // The array for `key`, or nullptr when it is ignored or absent (FormatError for an absent
  // key when strict and `required`).
  const Tensor* find(const std::string& key, bool required) const;

  std::shared_ptr<const Archive> archive_;
  std::string prefix_;
};

void save_npz(const std::string& path, const std::function<void(Serializer&)>& serialize, bool compress = false);
template <typename T>
  requires requires(T& obj, Serializer& s) { obj.serialize(s); }
void save_npz(const std::string& path, T& obj, bool compress = false) {
  save_npz(path, [&obj](Serializer& s) { obj.serialize(s); }, compress);
}

void load_npz(const std::string& path, const std::function<void(Serializer&)>& serialize, const std::string& prefix = "",
              bool strict = true, const std::vector<std::string>& ignore_names = {});
template <typename T>
  requires requires(T& obj, Serializer& s) { obj.serialize(s); }
void load_npz(const std::string& path, T& obj, const std::string& prefix = "", bool strict = true,
              const std::vector<std::string>& ignore_names = {}) {
  load_npz(path, [&obj](Serializer& s) { obj.serialize(s); }, prefix, strict, ignore_names);
}

}  // namespace kusari::serializers

namespace kusari {
using serializers::load_npz;
using serializers::NpzDeserializer;
using serializers::NpzSerializer;
using serializers::save_npz;
}  // namespace kusari
