// GraphRecorder: a thread-safe buffer of graph events for a live graph view. A forward node
// is recorded when its function finishes (op, label, link path, source line, input and
// output variables); a backward event when the node's backward starts. A reader takes
// the events in batches. Variable ids are Variable::id() (VariableImpl::id, a process-wide
// counter set when the variable is made), stable for the variable's life and never reused.
// The recorder also keeps a weak reference to each recorded variable, so a debugger can show
// the data of a graph node by its id while the variable lives (variable(id)); it keeps nothing
// alive, and references to dead variables are swept as the table grows.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
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
  void clear();  // events and the variable table
  // The recorded variable with this id while it lives; undefined when unknown or gone.
  Variable variable(uint64_t id);
  size_t variable_table_size();  // entries, live or not yet swept (tests)
  // Events not kept because the buffer was full (nobody took them); reset by clear().
  uint64_t dropped() const { return dropped_.load(); }
  size_t size() const { return size_.load(std::memory_order_relaxed); }

 private:
  void push(GraphEvent e);
  void push_locked(GraphEvent e);
  void remember(const std::shared_ptr<VariableImpl>& v);  // with mu_ held

  static constexpr size_t kFirstSweep = 4096;
  size_t capacity_;
  std::mutex mu_;
  std::vector<GraphEvent> events_;
  std::atomic<size_t> size_{0};
  std::atomic<uint64_t> dropped_{0};
  std::unordered_map<uint64_t, std::weak_ptr<VariableImpl>> variables_;
  size_t sweep_at_ = kFirstSweep;
};

GraphVar graph_var(const Variable& v);

}  // namespace kusari::debug
