#include "course/cpu_work.hpp"

namespace course {

std::uint64_t count_primes(std::uint64_t begin, std::uint64_t end) {
  std::uint64_t primes = 0;
  for (std::uint64_t n = begin < 2 ? 2 : begin; n < end; ++n) {
    bool is_prime = true;
    for (std::uint64_t divisor = 2; divisor * divisor <= n; ++divisor) {
      if (n % divisor == 0) {
        is_prime = false;
        break;
      }
    }
    primes += is_prime ? 1 : 0;
  }
  return primes;
}

}  // namespace course
