// GraphRecorder: a thread-safe buffer of graph events for a live graph view. A forward node
// is recorded when its function finishes (op, label, link path, source line, input and
// output variables); a backward event when the node's backward starts. A reader takes
// the events in batches. Variable ids are Variable::id() (VariableImpl::id, a process-wide
// counter set when the variable is made), stable for the variable's life and never reused.
#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "kusari/autograd/function_node.h"

namespace kusari::debug {

struct GraphVar {
  uint64_t id = 0;
  Shape shape;
  Dtype dtype = Dtype::Float32;
  std::string name;
  bool param = false;    // a Parameter, or a named variable without a creator
  uint64_t creator = 0;  // the node that made it; 0 for leaves
};

struct GraphEvent {
  enum class Kind { Node, Backward };
  Kind kind = Kind::Node;
  uint64_t id = 0;  // FunctionNode::id
  std::string op, label, link_path;
  SourceLocation location;
  std::vector<GraphVar> inputs, outputs;  // Node only
};

class GraphRecorder {
 public:
  explicit GraphRecorder(size_t capacity = 200000) : capacity_(capacity) {}
  void record_node(const FunctionNode& node);
  void record_backward(const FunctionNode& node);
  // The events since the last take, oldest first; cheap when there are none.
  std::vector<GraphEvent> take();
  void clear();
  // Events not kept because the buffer was full (nobody took them); reset by clear().
  uint64_t dropped() const { return dropped_.load(); }
  size_t size() const { return size_.load(std::memory_order_relaxed); }

 private:
  void push(GraphEvent e);

  size_t capacity_;
  std::mutex mu_;
  std::vector<GraphEvent> events_;
  std::atomic<size_t> size_{0};
  std::atomic<uint64_t> dropped_{0};
};

GraphVar graph_var(const Variable& v);

}  // namespace kusari::debug
