// Link: a piece of a model that owns parameters, persistent state and child links
// (Chainer's chainer.Link; Chain, ChainList and Sequential add ways to hold children).
//
//   struct MLP : Chain {
//     std::shared_ptr<Linear> l1, l2;
//     MLP() { l1 = add_link("l1", std::make_shared<Linear>(std::nullopt, 100)); ... }
//     Variable forward(const Variable& x) override { return (*l2)(relu((*l1)(x))); }
//   };
//
// Parameters, persistents and children are kept by name in registration order; paths are
// Chainer's ("/l1/W" from namedparams, "l1/W" in serialized files). A link's forward runs
// inside a LinkPathScope, so graph nodes it creates know "predictor/l1": the path is the
// nesting of forward calls (a root's name is empty). Links are held by
// shared_ptr and never copied or moved (persistents are registered by address).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kusari/autograd/function_node.h"
#include "kusari/links/parameter.h"
#include "kusari/serializers/serializer.h"

namespace kusari {

class Link {
 public:
  Link() = default;
  virtual ~Link() = default;
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;

  // The name the parent gave this link ("l1", "0"); empty for a root.
  const std::string& name() const { return name_; }

  // Runs forward(x) inside this link's LinkPathScope.
  Variable operator()(const Variable& x);
  // One-input forward; links with other signatures define their own operator() with a
  // ForwardScope and leave this throwing.
  virtual Variable forward(const Variable& x);

  // ---- registration ----
  // Registers `param` under `name` (its Variable name becomes `name` too) and returns it.
  Parameter add_param(const std::string& name, Parameter param);
  Parameter add_param(const std::string& name, initializers::InitializerPtr init, const Shape& shape,
                      Dtype dtype = Dtype::Float32);
  // Persistent state saved with the model but not optimized (BatchNormalization's avg_mean, N).
  void add_persistent(const std::string& name, Tensor* value);
  void add_persistent(const std::string& name, double* value);
  bool has_param(const std::string& name) const;
  Parameter param(const std::string& name) const;  // throws IndexError when absent

  // ---- traversal (this link first, then children depth-first in registration order) ----
  std::vector<Parameter> params(bool include_uninit = true) const;
  std::vector<std::pair<std::string, Parameter>> namedparams(bool include_uninit = true) const;
  std::vector<Link*> links(bool skipself = false);
  std::vector<std::pair<std::string, Link*>> namedlinks(bool skipself = false);  // "/", "/l1", ...
  std::vector<Link*> children() const;
  std::vector<std::pair<std::string, Link*>> namedchildren() const;

  // ---- state ----
  void cleargrads();
  void zerograds();
  // Copies parameter data (and persistents) from a link of the same structure, by name.
  void copyparams(const Link& other, bool copy_persistent = true);
  int64_t count_params() const;  // elements of the initialized parameters
  void enable_update();
  void disable_update();
  bool update_enabled() const;  // true when any parameter is enabled
  // Saves or loads parameters and persistents, then children under their names.
  virtual void serialize(Serializer& serializer);

 protected:
  // Pushes this link's name on the link path for the duration of a forward call.
  class ForwardScope {
   public:
    explicit ForwardScope(const Link& link) : scope_(link.name()) {}

   private:
    LinkPathScope scope_;
  };

  // For Chain/ChainList: registers a child, setting its name.
  void add_child(const std::string& name, std::shared_ptr<Link> child);
  void clear_children() { children_.clear(); }
  void rename_child(size_t index, const std::string& name);

 private:
  struct Persistent {
    std::string name;
    Tensor* tensor = nullptr;
    double* scalar = nullptr;
  };
  void check_new_name(const std::string& name) const;
  void collect_params(const std::string& prefix, bool include_uninit,
                      std::vector<std::pair<std::string, Parameter>>& out) const;

  std::string name_;
  std::vector<std::pair<std::string, Parameter>> params_;
  std::vector<Persistent> persistents_;
  std::vector<std::pair<std::string, std::shared_ptr<Link>>> children_;
};

}  // namespace kusari
