#include "course/load.hpp"

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

namespace course {

std::optional<double> load_average() {
  std::ifstream proc("/proc/loadavg");  // Linux: "0.52 0.58 0.59 1/467 12345"
  double one_minute = 0;
  if (proc >> one_minute) {
    return one_minute;
  }
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
  double averages[1];
  if (::getloadavg(averages, 1) == 1) {
    return averages[0];
  }
#endif
  return std::nullopt;
}

std::string load_text(std::optional<double> load) {
  return load ? fmt::format("{:.1f}", *load) : std::string("unknown");
}

bool busy(std::optional<double> load, int cores) {
  return load.has_value() && *load > static_cast<double>(cores);
}

}  // namespace course
