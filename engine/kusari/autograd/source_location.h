// Where in the user's code a graph node was created. The Python layer installs a provider
// that reads the current frame; C++ programs may install their own or none.
#pragma once
#include <functional>
#include <string>

namespace kusari {

struct SourceLocation {
  std::string file;
  int line = 0;
  std::string function;

  bool known() const { return line > 0; }
  std::string to_string() const;  // "model.py:12 in forward"
};

using SourceLocationProvider = std::function<SourceLocation()>;
void set_source_location_provider(SourceLocationProvider provider);  // empty to remove
SourceLocation current_source_location();  // empty when no provider is installed

}  // namespace kusari
