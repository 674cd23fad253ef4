// What the scenes share: the work, and what the thread count says of the backend.
#include <fmt/core.h>

#include "course/cores.hpp"
#include "course/cpu_work.hpp"
#include "lesson.hpp"

std::uint64_t count_slice(std::uint64_t slice) {
  const std::uint64_t begin = kFirst + slice * kSliceWidth;
  return course::count_primes(begin, begin + kSliceWidth);
}

std::string backend_text(std::size_t threads, int usable_cores) {
  if (threads >= 2) {
    return fmt::format("parallel: {} threads (TBB)", threads);
  }
  if (usable_cores < 2) {
    return fmt::format("1 thread: this process may use {}", course::cores_text(usable_cores));
  }
  return "SERIAL: 1 thread on a machine with more cores (no TBB? libstdc++ then runs par serially)";
}
