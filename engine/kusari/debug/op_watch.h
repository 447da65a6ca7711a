// OpWatch: the op-level debugger's FunctionHook. It decides, in C++, when the program
// should stop, and hands a StopEvent to a callback that runs synchronously on the thread
// running the op (the op waits while it runs):
//
//   kind        when
//   Op          an op named in break_ops finishes its forward (outputs known), or its
//               backward (phase backward: grad_outputs in, grad_inputs out)
//   LinkEnter   the forward of a link whose full path is in break_links starts
//   LinkExit    ...and returns (not when it throws)
//   Nan         nan_watch: the first op whose outputs (forward) or input gradients
//               (backward) hold NaN/Inf while its own inputs (forward: the inputs,
//               parameters excepted; backward: the output gradients) held none, so the
//               op that reports is the one that made the first non-finite value
//   Step        step_next_op: after the next op (forward or backward); then it disarms
//
// One op gives at most one stop (Nan before Op before Step); any op stop disarms the step.
// record_graph puts every recorded forward node and every backward run into graph().
// Ops run by the callback itself (a debugger evaluating an expression) are not watched, nor
// the ops a backward formula runs (the node's backward is the unit there).
// With nothing armed each hook call is one relaxed atomic load.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kusari/autograd/function_hook.h"
#include "kusari/debug/graph_recorder.h"
#include "kusari/debug/tensor_stats.h"

namespace kusari::debug {

enum class StopKind { Op, LinkEnter, LinkExit, Nan, Step };
std::string_view stop_kind_name(StopKind k);  // "op", "link_enter", "link_exit", "nan", "step"

struct StopEvent {
  StopKind kind = StopKind::Op;
  bool backward = false;  // phase: "backward" or "forward"
  std::string op;         // empty for link events
  uint64_t node_id = 0;   // 0 when no graph node (no_backprop_mode, link events)
  const FunctionNode* node = nullptr;  // valid during the callback only
  std::string link_path;
  SourceLocation location;  // the user's line; in backward, the forward call's line
  // Forward: the op's inputs and outputs. Backward: grad_outputs and grad_inputs
  // (an undefined gradient has defined == false). Link events: empty.
  std::vector<TensorStats> inputs, outputs;
  std::string message;  // "log produced NaN (1 of 4 elements) at cell.py:3 in f"
};

using StopCallback = std::function<void(const StopEvent&)>;

class OpWatch : public FunctionHook {
 public:
  std::string_view name() const override { return "OpWatch"; }
  bool needs_location() const override { return false; }  // looked up at a stop only

  void set_break_ops(std::vector<std::string> ops);
  std::vector<std::string> break_ops() const;
  void set_break_links(std::vector<std::string> paths);
  std::vector<std::string> break_links() const;
  void set_nan_watch(bool on);
  bool nan_watch() const { return nan_.load(); }
  void set_step_next_op(bool on);
  bool step_next_op() const { return step_.load(); }
  void set_record_graph(bool on);
  bool record_graph() const { return record_.load(); }
  // May throw; the exception reaches the code that ran the op.
  void set_on_stop(StopCallback callback);

  GraphRecorder& graph() { return graph_; }

  void forward_postprocess(const HookEvent& e) override;
  void backward_preprocess(const HookEvent& e) override;
  void backward_postprocess(const HookEvent& e) override;
  void link_forward_pre(const std::string& path) override;
  void link_forward_post(const std::string& path) override;

 private:
  void update_armed();  // with mu_ held
  bool op_matches(std::string_view op) const;
  bool op_or_step(std::string_view op, StopEvent& ev) const;
  bool link_matches(const std::string& path) const;
  bool take_step();
  void stop(const StopEvent& event);
  void link_event(StopKind kind, const std::string& path);

  mutable std::mutex mu_;
  std::vector<std::string> break_ops_, break_links_;
  std::shared_ptr<const StopCallback> on_stop_;
  std::atomic<bool> nan_{false}, step_{false}, record_{false};
  std::atomic<bool> armed_{false};        // anything that needs a look at ops
  std::atomic<bool> ops_armed_{false};    // break_ops non-empty
  std::atomic<bool> links_armed_{false};  // break_links non-empty
  GraphRecorder graph_;
};

}  // namespace kusari::debug
