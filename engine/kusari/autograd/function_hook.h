// FunctionHook: the one attachment point for timers, printers, the debugger and graph
// recording. Global hooks see every op of every thread; scoped hooks only this thread's
// ops while their scope is alive.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "kusari/autograd/function_node.h"

namespace kusari {

struct HookEvent {
  std::string_view op;
  const FunctionNode* node = nullptr;  // null when no graph is recorded (no_backprop_mode)
  const std::vector<Variable>* inputs = nullptr;
  const std::vector<Tensor>* outputs = nullptr;        // forward_postprocess
  const std::vector<Variable>* grad_outputs = nullptr; // backward pre/post
  const std::vector<Variable>* grad_inputs = nullptr;  // backward_postprocess
  const SourceLocation* location = nullptr;
};

class FunctionHook {
 public:
  virtual ~FunctionHook() = default;
  virtual std::string_view name() const { return "FunctionHook"; }
  virtual void forward_preprocess(const HookEvent&) {}
  virtual void forward_postprocess(const HookEvent&) {}
  virtual void backward_preprocess(const HookEvent&) {}
  virtual void backward_postprocess(const HookEvent&) {}
};

void add_global_hook(std::shared_ptr<FunctionHook> hook);
void remove_global_hook(const FunctionHook* hook);

// Installs a hook on this thread for the scope's lifetime (`with hook:` in Chainer).
class HookScope {
 public:
  explicit HookScope(std::shared_ptr<FunctionHook> hook);
  ~HookScope();
  HookScope(const HookScope&) = delete;
  HookScope& operator=(const HookScope&) = delete;

 private:
  std::shared_ptr<FunctionHook> hook_;
};

// Every hook that applies to this thread now: global first, then scoped (outermost first).
bool any_hooks();
std::vector<std::shared_ptr<FunctionHook>> active_hooks();

}  // namespace kusari
