#include "kusari/debug/op_watch.h"

#include <algorithm>

#include "kusari/autograd/source_location.h"

namespace kusari::debug {

namespace {

// True while this thread runs a stop callback: its own ops are not watched.
thread_local bool t_in_callback = false;

struct CallbackGuard {
  CallbackGuard() { t_in_callback = true; }
  ~CallbackGuard() { t_in_callback = false; }
};

std::vector<TensorStats> stats_of(const std::vector<Variable>* vs) {
  std::vector<TensorStats> out;
  if (!vs) return out;
  out.reserve(vs->size());
  for (const Variable& v : *vs) out.push_back(v.defined() ? tensor_stats(v.data()) : TensorStats{});
  return out;
}

std::vector<TensorStats> stats_of(const std::vector<Tensor>* ts) {
  std::vector<TensorStats> out;
  if (!ts) return out;
  out.reserve(ts->size());
  for (const Tensor& t : *ts) out.push_back(tensor_stats(t));
  return out;
}

int first_nonfinite(const std::vector<Tensor>& ts) {
  for (size_t i = 0; i < ts.size(); ++i)
    if (has_nonfinite(ts[i])) return static_cast<int>(i);
  return -1;
}

int first_nonfinite(const std::vector<Variable>& vs) {
  for (size_t i = 0; i < vs.size(); ++i)
    if (vs[i].defined() && has_nonfinite(vs[i].data())) return static_cast<int>(i);
  return -1;
}

// The forward event's line: known when a node was recorded or another hook asked for it;
// otherwise looked up now (still on the op's thread, under the same caller).
SourceLocation event_location(const HookEvent& e) {
  if (e.location && e.location->known()) return *e.location;
  return current_source_location();
}

std::string at_text(const SourceLocation& loc) { return loc.known() ? " at " + loc.to_string() : std::string(); }

void normalize(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

}  // namespace

std::string_view stop_kind_name(StopKind k) {
  switch (k) {
    case StopKind::Op: return "op";
    case StopKind::LinkEnter: return "link_enter";
    case StopKind::LinkExit: return "link_exit";
    case StopKind::Nan: return "nan";
    case StopKind::Step: return "step";
  }
  return "op";
}

// ---- settings ----

void OpWatch::update_armed() {
  armed_ = !break_ops_.empty() || nan_ || step_ || record_;
  ops_armed_ = !break_ops_.empty();
  links_armed_ = !break_links_.empty();
}

void OpWatch::set_break_ops(std::vector<std::string> ops) {
  normalize(ops);
  std::lock_guard<std::mutex> lock(mu_);
  break_ops_ = std::move(ops);
  update_armed();
}
std::vector<std::string> OpWatch::break_ops() const {
  std::lock_guard<std::mutex> lock(mu_);
  return break_ops_;
}
void OpWatch::set_break_links(std::vector<std::string> paths) {
  normalize(paths);
  std::lock_guard<std::mutex> lock(mu_);
  break_links_ = std::move(paths);
  update_armed();
}
std::vector<std::string> OpWatch::break_links() const {
  std::lock_guard<std::mutex> lock(mu_);
  return break_links_;
}
void OpWatch::set_nan_watch(bool on) {
  std::lock_guard<std::mutex> lock(mu_);
  nan_ = on;
  update_armed();
}
void OpWatch::set_step_next_op(bool on) {
  std::lock_guard<std::mutex> lock(mu_);
  step_ = on;
  update_armed();
}
void OpWatch::set_record_graph(bool on) {
  std::lock_guard<std::mutex> lock(mu_);
  record_ = on;
  update_armed();
}
void OpWatch::set_on_stop(StopCallback callback) {
  auto p = callback ? std::make_shared<const StopCallback>(std::move(callback)) : nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  on_stop_ = std::move(p);
}

bool OpWatch::op_matches(std::string_view op) const {
  if (!ops_armed_.load(std::memory_order_relaxed)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  return std::binary_search(break_ops_.begin(), break_ops_.end(), op);
}
bool OpWatch::link_matches(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::binary_search(break_links_.begin(), break_links_.end(), path);
}

bool OpWatch::take_step() {
  std::lock_guard<std::mutex> lock(mu_);
  bool was = step_.exchange(false);
  update_armed();
  return was;
}

// ---- stopping ----

void OpWatch::stop(const StopEvent& event) {
  std::shared_ptr<const StopCallback> cb;
  {
    std::lock_guard<std::mutex> lock(mu_);
    cb = on_stop_;
  }
  if (!cb) return;
  CallbackGuard guard;
  (*cb)(event);
}

void OpWatch::forward_postprocess(const HookEvent& e) {
  // The ops of backward formulas are the engine's, not the user's: backward_postprocess
  // reports the node whose backward ran them.
  if (!armed_.load(std::memory_order_relaxed) || t_in_callback || in_backward_formula()) return;
  if (record_.load(std::memory_order_relaxed) && e.node) graph_.record_node(*e.node);
  StopEvent ev;
  bool hit = false;
  if (nan_.load(std::memory_order_relaxed) && e.outputs) {
    int bad = first_nonfinite(*e.outputs);
    if (bad >= 0) {
      // Culprit only if no input (parameters aside) was already non-finite.
      std::string from_param;
      bool inherited = false;
      if (e.inputs)
        for (const Variable& v : *e.inputs) {
          if (!v.defined() || !has_nonfinite(v.data())) continue;
          if (v.is_parameter()) {
            if (from_param.empty()) from_param = v.name().empty() ? "a parameter" : "parameter " + v.name();
          } else {
            inherited = true;
            break;
          }
        }
      if (!inherited) {
        hit = true;
        ev.kind = StopKind::Nan;
        ev.outputs = stats_of(e.outputs);
        ev.message = std::string(e.op) + " produced " + nonfinite_text(ev.outputs[bad]);
        if (e.outputs->size() > 1) ev.message += " in output " + std::to_string(bad);
        ev.location = event_location(e);
        ev.message += at_text(ev.location);
        if (!from_param.empty()) ev.message += " (its input " + from_param + " already holds NaN/Inf)";
      }
    }
  }
  if (!hit) hit = op_or_step(e.op, ev);
  if (!hit) return;
  take_step();
  ev.op = std::string(e.op);
  ev.node = e.node;
  ev.node_id = e.node ? e.node->id : 0;
  ev.link_path = e.node ? e.node->link_path : LinkPathScope::current();
  if (!ev.location.known()) ev.location = event_location(e);
  ev.inputs = stats_of(e.inputs);
  if (ev.outputs.empty()) ev.outputs = stats_of(e.outputs);
  if (ev.message.empty())
    ev.message = (ev.kind == StopKind::Step ? "stepped to " : "breakpoint on ") + ev.op + " (forward)" + at_text(ev.location);
  stop(ev);
}

// An op breakpoint, else a pending "next op": either stops here (a NaN stop is decided first).
bool OpWatch::op_or_step(std::string_view op, StopEvent& ev) const {
  if (op_matches(op)) ev.kind = StopKind::Op;
  else if (step_.load(std::memory_order_relaxed)) ev.kind = StopKind::Step;
  else return false;
  return true;
}

void OpWatch::backward_preprocess(const HookEvent& e) {
  if (!armed_.load(std::memory_order_relaxed) || t_in_callback) return;
  if (record_.load(std::memory_order_relaxed) && e.node) graph_.record_backward(*e.node);
}

void OpWatch::backward_postprocess(const HookEvent& e) {
  if (!armed_.load(std::memory_order_relaxed) || t_in_callback || !e.node) return;
  const FunctionNode& node = *e.node;
  StopEvent ev;
  bool hit = false;
  if (nan_.load(std::memory_order_relaxed) && e.grad_inputs) {
    int bad = first_nonfinite(*e.grad_inputs);
    if (bad >= 0 && !(e.grad_outputs && first_nonfinite(*e.grad_outputs) >= 0)) {
      hit = true;
      ev.kind = StopKind::Nan;
      ev.outputs = stats_of(e.grad_inputs);
      ev.message = "backward of " + node.op + " produced " + nonfinite_text(ev.outputs[bad]) +
                   " in the gradient of input " + std::to_string(bad);
      if (node.location().known()) ev.message += "; " + node.op + " was called at " + node.location().to_string();
    }
  }
  if (!hit) hit = op_or_step(node.op, ev);
  if (!hit) return;
  take_step();
  ev.backward = true;
  ev.op = node.op;
  ev.node = &node;
  ev.node_id = node.id;
  ev.link_path = node.link_path;
  ev.location = node.location();
  ev.inputs = stats_of(e.grad_outputs);
  if (ev.outputs.empty()) ev.outputs = stats_of(e.grad_inputs);
  if (ev.message.empty())
    ev.message = (ev.kind == StopKind::Step ? "stepped to " : "breakpoint on ") + ev.op + " (backward)" +
                 (node.location().known() ? "; called at " + node.location().to_string() : std::string());
  stop(ev);
}

void OpWatch::link_event(StopKind kind, const std::string& path) {
  StopEvent ev;
  ev.kind = kind;
  ev.link_path = path;
  ev.location = current_source_location();
  ev.message = (kind == StopKind::LinkEnter ? "entering link " : "leaving link ") + path + at_text(ev.location);
  stop(ev);
}

void OpWatch::link_forward_pre(const std::string& path) {
  if (!links_armed_.load(std::memory_order_relaxed) || t_in_callback || !link_matches(path)) return;
  link_event(StopKind::LinkEnter, path);
}

void OpWatch::link_forward_post(const std::string& path) {
  if (!links_armed_.load(std::memory_order_relaxed) || t_in_callback || !link_matches(path)) return;
  link_event(StopKind::LinkExit, path);
}

}  // namespace kusari::debug
