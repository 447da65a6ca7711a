#include "kusari/autograd/backward.h"

#include <algorithm>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "kusari/autograd/config.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"

namespace kusari {

void check_backward_finite(const FunctionNode& node, const std::vector<Variable>& grads);  // apply.cpp

namespace {

struct ByGeneration {
  bool operator()(const std::shared_ptr<FunctionNode>& a, const std::shared_ptr<FunctionNode>& b) const {
    return a->generation < b->generation || (a->generation == b->generation && a->id < b->id);
  }
};

Variable accumulate(const Variable& acc, const Variable& g) { return acc.defined() ? add(acc, g) : g; }

// Sums g into a gradient slot (a pending gradient or a leaf's grad). Without double backprop
// (nothing records the sum) and when the slot holds the only reference to its Variable and to
// that Variable's array, g is added into the array in place, as PyTorch's AccumulateGrad does:
// a weight used at every step of an unrolled RNN then costs one pass per use instead of a new
// array per use. Anyone else holding the gradient (a retained grad, a NumPy view, the same
// gradient passed to two inputs, an array the user assigned as grad, whose memory NumPy owns)
// makes the slot shared, and the sum a new array.
void accumulate_into(std::shared_ptr<VariableImpl>& slot, const Variable& g) {
  if (!slot) {
    slot = g.impl();
    return;
  }
  const auto& storage = slot->data.storage();
  if (!config().enable_backprop && slot.use_count() == 1 && storage && storage.use_count() == 1 &&
      !storage->borrowed() && ops::add_in_place(slot->data, g.data()))
    return;
  slot = add(Variable(slot), g).impl();
}

// The core of backward and grad. `targets` non-null: collect gradients for those
// variables instead of accumulating into leaves.
void traverse(const std::vector<Variable>& outputs, const std::vector<Variable>& grad_outputs, bool retain_grad,
              bool enable_double_backprop, const std::unordered_set<const VariableImpl*>* targets,
              std::unordered_map<const VariableImpl*, Variable>& collected) {
  UsingConfig backprop_scope(&Config::enable_backprop, enable_double_backprop);
  std::unordered_map<const VariableImpl*, std::shared_ptr<VariableImpl>> pending;
  std::priority_queue<std::shared_ptr<FunctionNode>, std::vector<std::shared_ptr<FunctionNode>>, ByGeneration> heap;
  std::unordered_set<const FunctionNode*> seen;

  for (size_t i = 0; i < outputs.size(); ++i) {
    const Variable& y = outputs[i];
    Variable gy = i < grad_outputs.size() ? grad_outputs[i] : Variable();
    if (!gy.defined()) gy = y.grad();
    if (!gy.defined()) {
      if (y.numel() != 1)
        throw ValueError("backward: " + y.describe() + " is not a scalar; set its grad or pass grad_outputs");
      gy = Variable(ops::ones_like(y.data()));
    }
    if (targets && targets->count(y.impl().get())) collected[y.impl().get()] = accumulate(collected[y.impl().get()], gy);
    if (!y.creator()) {
      if (!targets && y.requires_grad()) accumulate_into(y.impl()->grad, gy);
      continue;
    }
    accumulate_into(pending[y.impl().get()], gy);
    if (seen.insert(y.creator().get()).second) heap.push(y.creator());
  }

  const bool hooks = any_hooks();
  while (!heap.empty()) {
    std::shared_ptr<FunctionNode> node = heap.top();
    heap.pop();
    std::vector<Variable> gys(node->outputs.size());
    bool any = false;
    for (size_t i = 0; i < node->outputs.size(); ++i) {
      auto out = node->outputs[i].lock();
      if (!out) continue;
      auto it = pending.find(out.get());
      if (it == pending.end()) continue;
      gys[i] = Variable(it->second);
      any = true;
      if (!retain_grad) pending.erase(it);
    }
    if (!any) continue;
    std::vector<bool> needs(node->inputs.size());
    for (size_t i = 0; i < needs.size(); ++i) needs[i] = node->inputs[i].requires_grad();
    if (hooks) {
      HookEvent e{node->op, node.get(), &node->inputs, nullptr, &gys, nullptr, &node->location()};
      const auto active = active_hooks();  // alive for the loop
      for (const auto& h : *active) h->backward_preprocess(e);
    }
    std::vector<Variable> gxs;
    {
      BackwardFormulaScope formula;
      gxs = node->backward(gys, needs);
    }
    if (config().debug) check_backward_finite(*node, gxs);
    if (hooks) {
      HookEvent e{node->op, node.get(), &node->inputs, nullptr, &gys, &gxs, &node->location()};
      const auto active = active_hooks();  // alive for the loop
      for (const auto& h : *active) h->backward_postprocess(e);
    }
    for (size_t i = 0; i < gxs.size(); ++i) {
      if (!gxs[i].defined()) continue;
      const Variable& x = node->inputs[i];
      const VariableImpl* key = x.impl().get();
      if (targets && targets->count(key)) collected[key] = accumulate(collected[key], gxs[i]);
      if (x.creator()) {
        std::shared_ptr<VariableImpl>& slot = pending[key];
        accumulate_into(slot, gxs[i]);
        if (retain_grad && !targets) x.impl()->grad = slot;
        if (seen.insert(x.creator().get()).second) heap.push(x.creator());
      } else if (!targets && x.requires_grad()) {
        accumulate_into(x.impl()->grad, gxs[i]);
      }
    }
  }
}

}  // namespace

void run_backward(const std::vector<Variable>& outputs, const std::vector<Variable>& grad_outputs, bool retain_grad,
                  bool enable_double_backprop) {
  std::unordered_map<const VariableImpl*, Variable> unused;
  traverse(outputs, grad_outputs, retain_grad, enable_double_backprop, nullptr, unused);
}

std::vector<Variable> grad(const std::vector<Variable>& outputs, const std::vector<Variable>& inputs,
                           const std::vector<Variable>& grad_outputs, bool enable_double_backprop) {
  std::unordered_set<const VariableImpl*> targets;
  for (const Variable& x : inputs) targets.insert(x.impl().get());
  std::unordered_map<const VariableImpl*, Variable> collected;
  traverse(outputs, grad_outputs, false, enable_double_backprop, &targets, collected);
  std::vector<Variable> result;
  for (const Variable& x : inputs) {
    auto it = collected.find(x.impl().get());
    result.push_back(it == collected.end() ? Variable() : it->second);
  }
  return result;
}

}  // namespace kusari
