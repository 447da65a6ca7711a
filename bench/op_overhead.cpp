// op_overhead from C++: a chain of 1,000 elementwise ops on one-element tensors (alternately
// y * x and y + x, as the Python benchmark does) and its backward, timed per iteration.
// Prints the same JSON line as bench/kusari_bench.py, so run_benchmarks.py reads both alike.
//
//   op_overhead [--warmup W] [--iters N] [--threads T]
// Built by bench/run.sh with g++ against build-release/lib/libkusari.so.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "kusari/autograd/variable.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"

using namespace kusari;

int main(int argc, char** argv) {
  int warmup = 5, iters = 30, threads = 1;
  const int ops = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    int v = std::atoi(argv[i + 1]);
    if (a == "--warmup") warmup = v;
    else if (a == "--iters") iters = v;
    else if (a == "--threads") threads = v;
  }
  Variable x(ops::ones({1}), /*requires_grad=*/true);
  std::vector<double> times;
  for (int it = 0; it < warmup + iters; ++it) {
    auto t0 = std::chrono::steady_clock::now();
    Variable y = x;
    for (int k = 0; k < ops / 2; ++k) {
      y = y * x;
      y = y + x;
    }
    y.backward();
    x.cleargrad();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (it >= warmup) times.push_back(s);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"framework\": \"kusari_cpp\", \"name\": \"op_overhead\", \"threads\": %d, \"unit\": \"s\", "
              "\"warmup\": %d, \"ops\": %d, \"maxrss_mib\": %.1f, \"times\": [",
              threads, warmup, ops, ru.ru_maxrss / 1024.0);
  for (size_t i = 0; i < times.size(); ++i) std::printf("%s%.9g", i ? ", " : "", times[i]);
  std::printf("]}\n");
  return 0;
}
