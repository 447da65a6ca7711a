// The kernel's Python support modules (app/kernel/python), compiled into the executable.
#pragma once

#include <vector>

namespace kusari::kernel {

struct EmbeddedModule {
  const char* name;      // import name, e.g. "_kusari_kernel_execute"
  const char* filename;  // shown in tracebacks: "<kusari-kernel/execute.py>"
  const char* source;
};

// In dependency order: a module may import only the ones before it.
const std::vector<EmbeddedModule>& embeddedModules();

}  // namespace kusari::kernel
