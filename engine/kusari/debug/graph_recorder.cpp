#include "kusari/debug/graph_recorder.h"

#include <algorithm>

namespace kusari::debug {

GraphVar graph_var(const Variable& v) {
  GraphVar g;
  if (!v.defined()) return g;
  g.id = v.id();
  g.shape = v.shape();
  g.dtype = v.dtype();
  g.name = v.name();
  g.creator = v.creator() ? v.creator()->id : 0;
  g.param = v.is_parameter() || (!g.name.empty() && !v.creator());
  return g;
}

void GraphRecorder::record_node(const FunctionNode& node) {
  GraphEvent e;
  e.kind = GraphEvent::Kind::Node;
  e.id = node.id;
  e.op = node.op;
  e.label = node.label;
  e.link_path = node.link_path;
  e.location = node.location();
  e.inputs.reserve(node.inputs.size());
  std::vector<std::shared_ptr<VariableImpl>> seen;
  for (const Variable& v : node.inputs) {
    e.inputs.push_back(graph_var(v));
    if (v.defined()) seen.push_back(v.impl());
  }
  e.outputs.reserve(node.outputs.size());
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    GraphVar g;
    if (auto out = node.outputs[i].lock()) {
      g.id = out->id;
      seen.push_back(std::move(out));
    }
    g.shape = node.output_shapes[i];
    g.dtype = node.output_dtypes[i];
    g.creator = node.id;
    e.outputs.push_back(std::move(g));
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& v : seen) remember(v);
  push_locked(std::move(e));
}

void GraphRecorder::record_backward(const FunctionNode& node) {
  GraphEvent e;
  e.kind = GraphEvent::Kind::Backward;
  e.id = node.id;
  e.op = node.op;
  push(std::move(e));
}

void GraphRecorder::push(GraphEvent e) {
  std::lock_guard<std::mutex> lock(mu_);
  push_locked(std::move(e));
}

void GraphRecorder::push_locked(GraphEvent e) {
  if (events_.size() >= capacity_) {
    ++dropped_;
    return;
  }
  events_.push_back(std::move(e));
  size_ = events_.size();
}

std::vector<GraphEvent> GraphRecorder::take() {
  std::vector<GraphEvent> out;
  if (size_.load(std::memory_order_relaxed) == 0) return out;
  std::lock_guard<std::mutex> lock(mu_);
  out.swap(events_);
  size_ = 0;
  return out;
}

void GraphRecorder::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  events_.clear();
  size_ = 0;
  dropped_ = 0;
  variables_.clear();
  sweep_at_ = kFirstSweep;
}

void GraphRecorder::remember(const std::shared_ptr<VariableImpl>& v) {
  if (!v || v->id == 0) return;
  variables_[v->id] = v;
  if (variables_.size() < sweep_at_) return;
  std::erase_if(variables_, [](const auto& entry) { return entry.second.expired(); });
  sweep_at_ = std::max(kFirstSweep, 2 * variables_.size());  // amortized: the table stays within twice the live ones
}

Variable GraphRecorder::variable(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = variables_.find(id);
  if (it == variables_.end()) return {};
  std::shared_ptr<VariableImpl> live = it->second.lock();
  if (!live) variables_.erase(it);
  return live ? Variable(std::move(live)) : Variable();
}

size_t GraphRecorder::variable_table_size() {
  std::lock_guard<std::mutex> lock(mu_);
  return variables_.size();
}

}  // namespace kusari::debug
