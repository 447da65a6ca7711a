// FunctionHook: the one attachment point for timers, printers, the debugger and graph
// recording. Global hooks see every op of every thread; scoped hooks only this thread's
// ops while their scope is alive.
#pragma once
#include <memory>
#include <string>
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
  // Whether forward events must carry the user's line even when no graph node is made (the
  // lookup walks the Python stack). A hook answering false may get an unknown location in
  // forward_preprocess/postprocess and can call current_source_location() itself.
  virtual bool needs_location() const { return true; }
  virtual void forward_preprocess(const HookEvent&) {}
  virtual void forward_postprocess(const HookEvent&) {}
  virtual void backward_preprocess(const HookEvent&) {}
  virtual void backward_postprocess(const HookEvent&) {}
  // A link's forward starts (after its name is pushed: `path` is its full path, e.g.
  // "predictor/l2") or has returned normally (before the pop). Not called when the forward
  // throws. LinkPathScope calls these only while hooks are active.
  virtual void link_forward_pre(const std::string& /*path*/) {}
  virtual void link_forward_post(const std::string& /*path*/) {}
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

// While a node's backward formula runs on this thread (backward.cpp holds the scope). The
// differentiable ops a formula calls fire forward hooks like any op; a hook that cares only
// for the user's ops (the debugger's OpWatch) skips them when this is true.
bool in_backward_formula();
class BackwardFormulaScope {
 public:
  BackwardFormulaScope();
  ~BackwardFormulaScope();
  BackwardFormulaScope(const BackwardFormulaScope&) = delete;
  BackwardFormulaScope& operator=(const BackwardFormulaScope&) = delete;
};

// Every hook that applies to this thread now: global first, then scoped (outermost first).
// A snapshot (shared, not copied, when only global hooks apply): hooks added or removed
// while it is used take effect from the next call.
using HookList = std::vector<std::shared_ptr<FunctionHook>>;
bool any_hooks();
std::shared_ptr<const HookList> active_hooks();

}  // namespace kusari
