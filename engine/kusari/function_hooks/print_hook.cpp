#include "kusari/function_hooks/print_hook.h"

namespace kusari {

void PrintHook::print(const char* pass, const HookEvent& e) {
  os_ << "function\t" << e.op << " (" << pass << ")\n";
  if (e.inputs)
    for (size_t i = 0; i < e.inputs->size(); ++i) os_ << "input " << i << "\t" << (*e.inputs)[i].data().describe() << "\n";
  if (e.grad_outputs)
    for (size_t i = 0; i < e.grad_outputs->size(); ++i) {
      const Variable& g = (*e.grad_outputs)[i];
      os_ << "output gradient " << i << "\t" << (g.defined() ? g.data().describe() : "None") << "\n";
    }
  if (e.location && e.location->known()) os_ << "at\t" << e.location->to_string() << "\n";
}

}  // namespace kusari
