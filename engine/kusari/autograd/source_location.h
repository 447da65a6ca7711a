// Where in the user's code a graph node was created. The Python layer installs a provider
// that reads the current frame; C++ programs may install their own or none.
#pragma once
#include <functional>
#include <memory>
#include <string>

namespace kusari {

struct SourceLocation {
  std::string file;
  int line = 0;
  std::string function;

  bool known() const { return line > 0; }
  std::string to_string() const;  // "model.py:12 in forward"
};

// Locations are shared and immutable: every op recorded from one place of the user's code holds the
// same object (a provider may cache them), so recording one costs a reference count, not strings.
using SourceLocationPtr = std::shared_ptr<const SourceLocation>;
using SourceLocationProvider = std::function<SourceLocationPtr()>;  // null = unknown
void set_source_location_provider(SourceLocationProvider provider);  // empty to remove
SourceLocationPtr current_source_location_shared();  // null when unknown or no provider is installed
SourceLocation current_source_location();            // a copy; empty when unknown
const SourceLocation& unknown_source_location();     // the empty one (for a null pointer)

}  // namespace kusari
