// An in-memory Serializer for link and optimizer tests: records every saved key in order and
// loads them back, so tests can check Chainer's key layout without a file format.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kusari/serializers/serializer.h"

namespace kusari::test_support {

struct MemoryStore {
  std::vector<std::string> keys;  // in the order they were saved
  std::map<std::string, Tensor> tensors;
  std::map<std::string, double> scalars;
};

class MemorySerializer : public Serializer {
 public:
  MemorySerializer(std::shared_ptr<MemoryStore> store, bool loading, std::string prefix = "")
      : store_(std::move(store)), loading_(loading), prefix_(std::move(prefix)) {}
  std::unique_ptr<Serializer> child(const std::string& name) override {
    return std::make_unique<MemorySerializer>(store_, loading_, prefix_ + name + "/");
  }
  void operator()(const std::string& key, Tensor& value) override {
    const std::string k = prefix_ + key;
    if (!loading_) {
      if (!value.defined()) return;
      store_->keys.push_back(k);
      store_->tensors[k] = value.clone();
      return;
    }
    auto it = store_->tensors.find(k);
    if (it == store_->tensors.end()) throw ValueError("MemorySerializer: no key " + k);
    if (value.defined())
      value.copy_from(it->second);
    else
      value = it->second.clone();
  }
  void operator()(const std::string& key, double& value) override {
    const std::string k = prefix_ + key;
    if (!loading_) {
      store_->keys.push_back(k);
      store_->scalars[k] = value;
      return;
    }
    auto it = store_->scalars.find(k);
    if (it == store_->scalars.end()) throw ValueError("MemorySerializer: no key " + k);
    value = it->second;
  }
  bool is_loading() const override { return loading_; }

 private:
  std::shared_ptr<MemoryStore> store_;
  bool loading_;
  std::string prefix_;
};

}  // namespace kusari::test_support
