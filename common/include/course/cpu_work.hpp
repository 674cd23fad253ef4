#pragma once
// CPU-bound work the optimiser cannot fold away: every step depends on the
// one before, and the caller uses the answer. It lives in its own
// translation unit, so a call cannot be precomputed at compile time.

#include <cstdint>

namespace course {

// How many primes lie in [begin, end), by trial division.
std::uint64_t count_primes(std::uint64_t begin, std::uint64_t end);

}  // namespace course
