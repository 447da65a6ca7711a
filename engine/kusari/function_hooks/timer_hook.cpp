#include "kusari/function_hooks/timer_hook.h"

#include <cstdio>

namespace kusari {

void TimerHook::push() {
  std::lock_guard<std::mutex> lock(mu_);
  starts_[std::this_thread::get_id()].push_back(Clock::now());
}

void TimerHook::pop(const std::string& op) {
  auto now = Clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto& stack = starts_[std::this_thread::get_id()];
  if (stack.empty()) return;  // installed between a pre and its post
  Entry& e = entries_[op];
  e.elapsed_seconds += std::chrono::duration<double>(now - stack.back()).count();
  ++e.occurrence;
  stack.pop_back();
}

double TimerHook::total_time() const {
  std::lock_guard<std::mutex> lock(mu_);
  double t = 0;
  for (const auto& [op, e] : entries_) t += e.elapsed_seconds;
  return t;
}

std::map<std::string, TimerHook::Entry> TimerHook::summary() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_;
}

void TimerHook::print_report(std::ostream& os, const std::string& unit) const {
  auto s = summary();
  char line[256];
  std::snprintf(line, sizeof line, "%24s  %12s  %10s\n", "FunctionName", "ElapsedTime", "Occurrence");
  os << line;
  for (const auto& [op, e] : s) {
    double t = e.elapsed_seconds;
    std::string u = unit;
    if (u == "auto") u = t >= 1 ? "sec" : t >= 1e-3 ? "ms" : "us";
    double scaled = u == "sec" ? t : u == "ms" ? t * 1e3 : t * 1e6;
    std::snprintf(line, sizeof line, "%24s  %9.3f%-3s  %10lld\n", op.c_str(), scaled, u.c_str(),
                  static_cast<long long>(e.occurrence));
    os << line;
  }
}

}  // namespace kusari
