// Pinning a thread to one core: the CPU affinity mask, Linux's sched_setaffinity.
// macOS has no way to pin a thread, so there lesson 00 shows the free run only.
#include <stdexcept>
#include <system_error>

#include "lesson.hpp"

#if defined(__linux__)
#include <sched.h>

namespace {

std::vector<int> cores_of_this_thread() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  ::sched_getaffinity(0, sizeof mask, &mask);  // 0: the calling thread
  std::vector<int> cores;
  for (int core = 0; core < CPU_SETSIZE; ++core) {
    if (CPU_ISSET(core, &mask)) {
      cores.push_back(core);
    }
  }
  return cores;
}

bool set_cores_of_this_thread(const std::vector<int>& cores) {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  for (const int core : cores) {
    CPU_SET(core, &mask);
  }
  return ::sched_setaffinity(0, sizeof mask, &mask) == 0;
}

}  // namespace

// [snippet:pin_to_one_core]
OneCoreOnly::OneCoreOnly() : allowed_(cores_of_this_thread()) {
  if (!set_cores_of_this_thread({allowed_.front()})) {
    throw std::system_error(errno, std::system_category(), "sched_setaffinity");
  }
}

OneCoreOnly::~OneCoreOnly() {
  set_cores_of_this_thread(allowed_);  // all of them again
}
// [/snippet:pin_to_one_core]

#else

OneCoreOnly::OneCoreOnly() {
  throw std::runtime_error(
      "pinning a thread to one core needs Linux (sched_setaffinity); try the two-cores mode");
}

OneCoreOnly::~OneCoreOnly() = default;

#endif
