// The recorded graph behind some outputs, as data and as Graphviz DOT (Chainer's
// computational_graph.build_computational_graph(outputs).dump()).
#pragma once
#include <string>
#include <vector>

#include "kusari/autograd/function_node.h"

namespace kusari {

struct GraphVariable {
  uint64_t id = 0;
  std::string name;
  Shape shape;
  Dtype dtype = Dtype::Float32;
  bool is_parameter = false;
};

struct GraphFunction {
  uint64_t id = 0;
  std::string op;
  std::string link_path;
  SourceLocation location;
  std::vector<uint64_t> inputs;   // GraphVariable ids
  std::vector<uint64_t> outputs;  // GraphVariable ids (0 for an output no longer alive)
};

class ComputationalGraph {
 public:
  // Walks creators back from `outputs`; functions are listed in topological order (inputs first).
  static ComputationalGraph build(const std::vector<Variable>& outputs);
  const std::vector<GraphVariable>& variables() const { return variables_; }
  const std::vector<GraphFunction>& functions() const { return functions_; }
  // DOT with variables as ovals ("name: (shape), dtype") and functions as boxes, flowing top to bottom.
  std::string dump() const;

 private:
  std::vector<GraphVariable> variables_;
  std::vector<GraphFunction> functions_;
};

}  // namespace kusari
