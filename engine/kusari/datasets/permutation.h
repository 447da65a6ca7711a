// Seeded random permutations that are the same on every platform and standard library (the
// standard's distributions and std::shuffle are implementation-defined).
#pragma once
#include <cstdint>
#include <random>
#include <vector>

namespace kusari::datasets {

// Uniform in [0, n) without modulo bias.
uint64_t uniform_below(std::mt19937_64& rng, uint64_t n);
// A uniformly random permutation of 0..n-1 (Fisher-Yates).
std::vector<int64_t> random_permutation(int64_t n, std::mt19937_64& rng);
// True when `order` holds each of 0..n-1 exactly once.
bool is_permutation_of_range(const std::vector<int64_t>& order, int64_t n);

}  // namespace kusari::datasets
