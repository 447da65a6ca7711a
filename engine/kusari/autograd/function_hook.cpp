#include "kusari/autograd/function_hook.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace kusari {
namespace {

struct GlobalHooks {
  std::mutex mu;
  std::shared_ptr<const HookList> hooks = std::make_shared<const HookList>();  // replaced, never changed
  std::atomic<size_t> count{0};
};
GlobalHooks& globals() {
  static GlobalHooks g;
  return g;
}
std::vector<std::shared_ptr<FunctionHook>>& scoped() {
  thread_local std::vector<std::shared_ptr<FunctionHook>> s;
  return s;
}

}  // namespace

void add_global_hook(std::shared_ptr<FunctionHook> hook) {
  auto& g = globals();
  std::lock_guard<std::mutex> lock(g.mu);
  auto next = std::make_shared<HookList>(*g.hooks);
  next->push_back(std::move(hook));
  g.count = next->size();
  g.hooks = std::move(next);
}

void remove_global_hook(const FunctionHook* hook) {
  auto& g = globals();
  std::lock_guard<std::mutex> lock(g.mu);
  auto next = std::make_shared<HookList>(*g.hooks);
  next->erase(std::remove_if(next->begin(), next->end(), [&](const auto& h) { return h.get() == hook; }), next->end());
  g.count = next->size();
  g.hooks = std::move(next);
}

HookScope::HookScope(std::shared_ptr<FunctionHook> hook) : hook_(std::move(hook)) { scoped().push_back(hook_); }
HookScope::~HookScope() {
  auto& s = scoped();
  auto it = std::find(s.rbegin(), s.rend(), hook_);
  if (it != s.rend()) s.erase(std::next(it).base());
}

namespace {
thread_local int t_backward_formula_depth = 0;
}  // namespace
bool in_backward_formula() { return t_backward_formula_depth > 0; }
BackwardFormulaScope::BackwardFormulaScope() { ++t_backward_formula_depth; }
BackwardFormulaScope::~BackwardFormulaScope() { --t_backward_formula_depth; }

bool any_hooks() { return globals().count.load(std::memory_order_relaxed) > 0 || !scoped().empty(); }

std::shared_ptr<const HookList> active_hooks() {
  std::shared_ptr<const HookList> global;
  {
    auto& g = globals();
    std::lock_guard<std::mutex> lock(g.mu);
    global = g.hooks;
  }
  const auto& s = scoped();
  if (s.empty()) return global;
  auto all = std::make_shared<HookList>(*global);
  all->insert(all->end(), s.begin(), s.end());
  return all;
}

}  // namespace kusari
