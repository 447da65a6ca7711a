// Times every op's forward and backward (chainer.function_hooks.TimerHook).
#pragma once
#include <chrono>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "kusari/autograd/function_hook.h"

namespace kusari {

class TimerHook : public FunctionHook {
 public:
  struct Entry {
    double elapsed_seconds = 0;
    int64_t occurrence = 0;
  };
  std::string_view name() const override { return "TimerHook"; }
  void forward_preprocess(const HookEvent&) override { push(); }
  void forward_postprocess(const HookEvent& e) override { pop(std::string(e.op)); }
  void backward_preprocess(const HookEvent&) override { push(); }
  void backward_postprocess(const HookEvent& e) override { pop(std::string(e.op) + " (backward)"); }

  double total_time() const;
  std::map<std::string, Entry> summary() const;
  // Chainer's table: FunctionName, ElapsedTime, Occurrence; unit "auto" picks sec/ms/us.
  void print_report(std::ostream& os, const std::string& unit = "auto") const;

 private:
  using Clock = std::chrono::steady_clock;
  void push();
  void pop(const std::string& op);
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  std::map<std::thread::id, std::vector<Clock::time_point>> starts_;
};

}  // namespace kusari
