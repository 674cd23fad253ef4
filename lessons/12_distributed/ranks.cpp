#include "ranks.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/core.h>

course::mpi::Outcome launch_ranks(int ranks, const std::vector<std::string>& words,
                                  const course::mpi::Launch& how, const course::mpi::OnReport& on_report) {
  course::mpi::Launch launch = how;
  launch.ranks = ranks;
  launch.program = {course::mpi::this_program()};
  launch.program.insert(launch.program.end(), words.begin(), words.end());
  course::mpi::Outcome outcome = course::mpi::run(launch, on_report);
  if (outcome.interrupted) {
    fmt::print("Interrupted: mpirun ended the ranks ({}).\n", outcome.status.describe());
    std::fflush(stdout);
    std::exit(130);
  }
  return outcome;
}

double report_value(std::string_view report, std::string_view key) {
  const std::string wanted = fmt::format("{}=", key);
  for (std::size_t at = report.find(wanted); at != std::string_view::npos; at = report.find(wanted, at + 1)) {
    if (at != 0 && report[at - 1] != ' ') {
      continue;  // "seconds=" inside "cpu_seconds="
    }
    // strtod, not std::from_chars: libc++ 19 has no from_chars for double.
    const std::string_view rest = report.substr(at + wanted.size());
    const std::string number(rest.substr(0, rest.find(' ')));
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (!number.empty() && end == number.c_str() + number.size()) {
      return value;
    }
  }
  throw std::runtime_error(fmt::format("a rank's report has no number {}: \"{}\"", wanted, report));
}

std::string bytes_text(std::size_t bytes) {
  if (bytes >= 1 << 20) {
    return fmt::format("{} MiB", bytes >> 20);
  }
  if (bytes >= 1 << 10) {
    return fmt::format("{} KiB", bytes >> 10);
  }
  return fmt::format("{} B", bytes);
}
