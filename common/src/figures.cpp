#include "course/figures.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "course/fd.hpp"

namespace course {

void record_figure(std::string_view name, double value) {
  const char* path = std::getenv("COURSE_FIGURES");
  if (path == nullptr || *path == '\0') {
    return;
  }
  // O_APPEND and one write() per line: processes and threads may record at
  // once without tearing each other's lines.
  const UniqueFd file(::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!file) {
    return;
  }
  const std::string line = fmt::format("{} {}\n", name, value);
  [[maybe_unused]] const auto written = ::write(file.get(), line.data(), line.size());
}

}  // namespace course
