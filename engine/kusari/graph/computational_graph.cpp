#include "kusari/graph/computational_graph.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace kusari {

namespace {
GraphVariable describe_variable(const Variable& v) {
  return {v.id(), v.name(), v.data().defined() ? v.shape() : Shape{}, v.data().defined() ? v.dtype() : Dtype::Float32,
          v.is_parameter()};
}

std::string escape(const std::string& s) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    r += c;
  }
  return r;
}
}  // namespace

ComputationalGraph ComputationalGraph::build(const std::vector<Variable>& outputs) {
  ComputationalGraph g;
  std::unordered_set<uint64_t> seen_vars;
  std::unordered_set<const FunctionNode*> seen_nodes;
  std::vector<std::shared_ptr<FunctionNode>> nodes, stack;
  auto add_var = [&](const Variable& v) {
    if (seen_vars.insert(v.id()).second) g.variables_.push_back(describe_variable(v));
  };
  for (const Variable& y : outputs) {
    add_var(y);
    if (y.creator() && seen_nodes.insert(y.creator().get()).second) stack.push_back(y.creator());
  }
  while (!stack.empty()) {
    auto node = stack.back();
    stack.pop_back();
    nodes.push_back(node);
    for (const Variable& x : node->inputs) {
      add_var(x);
      if (x.creator() && seen_nodes.insert(x.creator().get()).second) stack.push_back(x.creator());
    }
  }
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) {
    return a->generation < b->generation || (a->generation == b->generation && a->id < b->id);
  });
  for (const auto& node : nodes) {
    GraphFunction f{node->id, node->op, node->link_path, node->location(), {}, {}};
    for (const Variable& x : node->inputs) f.inputs.push_back(x.id());
    for (const auto& w : node->outputs) {
      auto live = w.lock();
      if (live) add_var(Variable(live));
      f.outputs.push_back(live ? live->id : 0);
    }
    g.functions_.push_back(std::move(f));
  }
  return g;
}

std::string ComputationalGraph::dump() const {
  std::ostringstream os;
  os << "digraph graphname{rankdir=TB;\n";
  for (const GraphVariable& v : variables_) {
    std::string label = (v.name.empty() ? "" : v.name + ": ") + shape_to_string(v.shape) + ", " +
                        std::string(dtype_name(v.dtype));
    os << "v" << v.id << " [label=\"" << escape(label) << "\",shape=\"oval\""
       << (v.is_parameter ? ",style=\"filled\",fillcolor=\"#E0E0E0\"" : "") << "];\n";
  }
  for (const GraphFunction& f : functions_) {
    os << "f" << f.id << " [label=\"" << escape(f.op) << "\",shape=\"box\"];\n";
    for (uint64_t in : f.inputs) os << "v" << in << " -> f" << f.id << ";\n";
    for (uint64_t out : f.outputs)
      if (out) os << "f" << f.id << " -> v" << out << ";\n";
  }
  os << "}\n";
  return os.str();
}

}  // namespace kusari
