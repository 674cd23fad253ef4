#include "course/cpu_meter.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <ctime>
#include <system_error>

#include <fmt/format.h>

#include "course/log.hpp"

namespace course {
namespace {

double seconds_of(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

// User and system time: both are time on a CPU, spent for this work.
double cpu_seconds_of(int who) {
  rusage usage{};
  if (::getrusage(who, &usage) != 0) {
    throw std::system_error(errno, std::generic_category(), "getrusage");
  }
  return seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
}

double cpu_seconds_now() {
  // The process clock has nanoseconds; getrusage(RUSAGE_SELF) may only have
  // the scheduler's tick. Children are known to getrusage only.
  timespec self{};
  if (::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &self) != 0) {
    throw std::system_error(errno, std::generic_category(), "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
  }
  return static_cast<double>(self.tv_sec) + static_cast<double>(self.tv_nsec) / 1e9 +
         cpu_seconds_of(RUSAGE_CHILDREN);
}

double wall_seconds_now() {
  return seconds_since(start_time());
}

}  // namespace

double CpuUse::cores() const {
  return wall_seconds > 0 ? cpu_seconds / wall_seconds : 0;
}

CpuMeter::CpuMeter() : wall_start_(wall_seconds_now()), cpu_start_(cpu_seconds_now()) {}

double CpuMeter::cpu_seconds() const {
  return cpu_seconds_now() - cpu_start_;
}

CpuUse CpuMeter::read() const {
  return {wall_seconds_now() - wall_start_, cpu_seconds()};
}

double this_thread_cpu_seconds() {
  timespec self{};
  if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &self) != 0) {
    throw std::system_error(errno, std::generic_category(), "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
  }
  return static_cast<double>(self.tv_sec) + static_cast<double>(self.tv_nsec) / 1e9;
}

std::string cores_got_text(double cores) {
  // Work that mostly waits (sleeps, or yields to busier programs) gets a few
  // hundredths of a core: "0.0 cores" would read as a meter that failed.
  return cores < 0.095 ? fmt::format("{:.2f} cores", cores) : fmt::format("{:.1f} cores", cores);
}

}  // namespace course
