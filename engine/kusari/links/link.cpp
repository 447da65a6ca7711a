#include "kusari/links/link.h"

#include <algorithm>

#include "kusari/core/error.h"

namespace kusari {

Variable Link::operator()(const Variable& x) {
  ForwardScope scope(*this);
  return forward(x);
}

Variable Link::forward(const Variable&) {
  throw ValueError("Link" + (name_.empty() ? std::string() : " '" + name_ + "'") +
                   ": this link has no one-input forward");
}

void Link::check_new_name(const std::string& name) const {
  if (name.empty() || name.find('/') != std::string::npos)
    throw ValueError("Link: invalid name '" + name + "' (empty or containing '/')");
  auto same = [&](const auto& e) { return e.first == name; };
  bool taken = std::any_of(params_.begin(), params_.end(), same) ||
               std::any_of(children_.begin(), children_.end(), same) ||
               std::any_of(persistents_.begin(), persistents_.end(), [&](const Persistent& p) { return p.name == name; });
  if (taken) throw ValueError("Link: the name '" + name + "' is already registered");
}

Parameter Link::add_param(const std::string& name, Parameter param) {
  check_new_name(name);
  param.set_name(name);
  params_.emplace_back(name, param);
  return param;
}

Parameter Link::add_param(const std::string& name, initializers::InitializerPtr init, const Shape& shape, Dtype dtype) {
  return add_param(name, Parameter(std::move(init), shape, dtype));
}

void Link::add_persistent(const std::string& name, Tensor* value) {
  check_new_name(name);
  persistents_.push_back({name, value, nullptr});
}

void Link::add_persistent(const std::string& name, double* value) {
  check_new_name(name);
  persistents_.push_back({name, nullptr, value});
}

bool Link::has_param(const std::string& name) const {
  return std::any_of(params_.begin(), params_.end(), [&](const auto& e) { return e.first == name; });
}

Parameter Link::param(const std::string& name) const {
  for (const auto& [n, p] : params_)
    if (n == name) return p;
  throw IndexError("Link: no parameter named '" + name + "'");
}

void Link::add_child(const std::string& name, std::shared_ptr<Link> child) {
  if (!child) throw ValueError("Link: cannot register a null child '" + name + "'");
  check_new_name(name);
  child->name_ = name;
  children_.emplace_back(name, std::move(child));
}

void Link::rename_child(size_t index, const std::string& name) {
  children_.at(index).first = name;
  children_.at(index).second->name_ = name;
}

void Link::collect_params(const std::string& prefix, bool include_uninit,
                          std::vector<std::pair<std::string, Parameter>>& out) const {
  for (const auto& [n, p] : params_)
    if (include_uninit || p.is_initialized()) out.emplace_back(prefix + "/" + n, p);
  for (const auto& [n, c] : children_) c->collect_params(prefix + "/" + n, include_uninit, out);
}

std::vector<std::pair<std::string, Parameter>> Link::namedparams(bool include_uninit) const {
  std::vector<std::pair<std::string, Parameter>> out;
  collect_params("", include_uninit, out);
  return out;
}

std::vector<Parameter> Link::params(bool include_uninit) const {
  std::vector<Parameter> out;
  for (auto& [n, p] : namedparams(include_uninit)) out.push_back(p);
  return out;
}

std::vector<std::pair<std::string, Link*>> Link::namedlinks(bool skipself) {
  std::vector<std::pair<std::string, Link*>> out;
  if (!skipself) out.emplace_back("/", this);
  for (const auto& [n, c] : children_)
    for (auto& [path, l] : c->namedlinks(false)) out.emplace_back(path == "/" ? "/" + n : "/" + n + path, l);
  return out;
}

std::vector<Link*> Link::links(bool skipself) {
  std::vector<Link*> out;
  for (auto& [path, l] : namedlinks(skipself)) out.push_back(l);
  return out;
}

std::vector<Link*> Link::children() const {
  std::vector<Link*> out;
  for (const auto& [n, c] : children_) out.push_back(c.get());
  return out;
}

std::vector<std::pair<std::string, Link*>> Link::namedchildren() const {
  std::vector<std::pair<std::string, Link*>> out;
  for (const auto& [n, c] : children_) out.emplace_back(n, c.get());
  return out;
}

void Link::cleargrads() {
  for (Parameter& p : params()) p.cleargrad();
}

void Link::zerograds() {
  for (Parameter& p : params()) p.zerograd();
}

void Link::copyparams(const Link& other, bool copy_persistent) {
  for (auto& [n, p] : params_) {
    Parameter src = other.param(n);
    if (!src.is_initialized()) continue;
    if (!p.is_initialized() || p.shape() != src.shape()) {
      if (p.is_initialized())
        throw ShapeError("copyparams: parameter '" + n + "' has shape " + shape_to_string(p.shape()) +
                         " but the source has " + shape_to_string(src.shape()));
      p.set_data(Tensor(src.shape(), p.init_dtype()));
    }
    Tensor dst = p.data();
    dst.copy_from(src.data());
  }
  if (copy_persistent) {
    for (Persistent& mine : persistents_) {
      auto it = std::find_if(other.persistents_.begin(), other.persistents_.end(),
                             [&](const Persistent& q) { return q.name == mine.name; });
      if (it == other.persistents_.end()) throw IndexError("copyparams: the source has no persistent '" + mine.name + "'");
      if (mine.scalar && it->scalar) *mine.scalar = *it->scalar;
      if (mine.tensor && it->tensor) *mine.tensor = it->tensor->defined() ? it->tensor->clone() : Tensor();
    }
  }
  for (auto& [n, c] : children_) {
    auto it = std::find_if(other.children_.begin(), other.children_.end(), [&](const auto& e) { return e.first == n; });
    if (it == other.children_.end()) throw IndexError("copyparams: the source has no child link '" + n + "'");
    c->copyparams(*it->second, copy_persistent);
  }
}

int64_t Link::count_params() const {
  int64_t n = 0;
  for (const Parameter& p : params(false)) n += p.numel();
  return n;
}

void Link::enable_update() {
  for (Parameter& p : params()) p.set_update_enabled(true);
}

void Link::disable_update() {
  for (Parameter& p : params()) p.set_update_enabled(false);
}

bool Link::update_enabled() const {
  for (const Parameter& p : params())
    if (p.update_enabled()) return true;
  return false;
}

void Link::serialize(Serializer& serializer) {
  for (auto& [n, p] : params_) {
    Tensor t = p.data();
    serializer(n, t);
    // A lazy parameter loaded from a file, or a loader that replaced rather than overwrote.
    if (t.defined() && !(p.is_initialized() && t.shares_storage(p.data()))) p.set_data(t);
  }
  for (Persistent& q : persistents_) {
    if (q.tensor) serializer(q.name, *q.tensor);
    if (q.scalar) serializer(q.name, *q.scalar);
  }
  for (auto& [n, c] : children_) c->serialize(*serializer.child(n));
}

}  // namespace kusari
