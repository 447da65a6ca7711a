// Prints each op with its inputs' shapes and dtypes (chainer.function_hooks.PrintHook).
#pragma once
#include <ostream>

#include "kusari/autograd/function_hook.h"

namespace kusari {

class PrintHook : public FunctionHook {
 public:
  explicit PrintHook(std::ostream& os) : os_(os) {}
  std::string_view name() const override { return "PrintHook"; }
  void forward_preprocess(const HookEvent& e) override { print("forward", e); }
  void backward_preprocess(const HookEvent& e) override { print("backward", e); }

 private:
  void print(const char* pass, const HookEvent& e);
  std::ostream& os_;
};

}  // namespace kusari
