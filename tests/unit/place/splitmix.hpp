#pragma once
// Test-side random numbers (SplitMix64) for the generated sheets and the property tests.
// Seeded as seed * golden ratio + salt: each user keeps its own stream from one
// implementation, so the instances a seed gives do not change.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace place_test_random {

class SplitMix {
public:
    SplitMix(uint64_t seed, uint64_t salt) : s_(seed * 0x9E3779B97F4A7C15ull + salt) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uni() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    /// Uniform in [a, b).
    double uni(double a, double b) { return a + (b - a) * uni(); }
    int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
    bool chance(double p) { return uni() < p; }
    /// Standard normal (Box-Muller).
    double gauss() {
        const double u = std::max(1e-12, uni()), v = uni();
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
    }

private:
    uint64_t s_;
};

}  // namespace place_test_random
