#include "kusari/debug/graph_recorder.h"

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
  e.location = node.location;
  e.inputs.reserve(node.inputs.size());
  for (const Variable& v : node.inputs) e.inputs.push_back(graph_var(v));
  e.outputs.reserve(node.outputs.size());
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    GraphVar g;
    if (auto out = node.outputs[i].lock()) g.id = out->id;
    g.shape = node.output_shapes[i];
    g.dtype = node.output_dtypes[i];
    g.creator = node.id;
    e.outputs.push_back(std::move(g));
  }
  push(std::move(e));
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
}

}  // namespace kusari::debug
