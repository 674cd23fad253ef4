#include "course/limits.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace course {

std::size_t raise_open_file_limit(std::size_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(static_cast<rlim_t>(wanted), limit.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);  // what the system actually granted
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace course
