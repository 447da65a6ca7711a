#include "kusari/autograd/source_location.h"

namespace kusari {
namespace {
SourceLocationProvider& provider() {
  static SourceLocationProvider p;
  return p;
}
}  // namespace

std::string SourceLocation::to_string() const {
  if (!known()) return "<unknown location>";
  std::string s = file + ":" + std::to_string(line);
  if (!function.empty()) s += " in " + function;
  return s;
}

void set_source_location_provider(SourceLocationProvider p) { provider() = std::move(p); }

SourceLocationPtr current_source_location_shared() {
  const auto& p = provider();
  return p ? p() : nullptr;
}

SourceLocation current_source_location() {
  SourceLocationPtr loc = current_source_location_shared();
  return loc ? *loc : SourceLocation{};
}

const SourceLocation& unknown_source_location() {
  static const SourceLocation none;
  return none;
}

}  // namespace kusari
