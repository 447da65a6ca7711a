#include "kusari/autograd/function_hook.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace kusari {
namespace {

struct GlobalHooks {
  std::mutex mu;
  std::vector<std::shared_ptr<FunctionHook>> hooks;
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
  g.hooks.push_back(std::move(hook));
  g.count = g.hooks.size();
}

void remove_global_hook(const FunctionHook* hook) {
  auto& g = globals();
  std::lock_guard<std::mutex> lock(g.mu);
  g.hooks.erase(std::remove_if(g.hooks.begin(), g.hooks.end(), [&](const auto& h) { return h.get() == hook; }),
                g.hooks.end());
  g.count = g.hooks.size();
}

HookScope::HookScope(std::shared_ptr<FunctionHook> hook) : hook_(std::move(hook)) { scoped().push_back(hook_); }
HookScope::~HookScope() {
  auto& s = scoped();
  auto it = std::find(s.rbegin(), s.rend(), hook_);
  if (it != s.rend()) s.erase(std::next(it).base());
}

bool any_hooks() { return globals().count.load(std::memory_order_relaxed) > 0 || !scoped().empty(); }

std::vector<std::shared_ptr<FunctionHook>> active_hooks() {
  std::vector<std::shared_ptr<FunctionHook>> all;
  {
    auto& g = globals();
    std::lock_guard<std::mutex> lock(g.mu);
    all = g.hooks;
  }
  const auto& s = scoped();
  all.insert(all.end(), s.begin(), s.end());
  return all;
}

}  // namespace kusari
