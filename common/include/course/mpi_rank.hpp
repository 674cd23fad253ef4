#pragma once
// The ranks' side of course/mpi.hpp: MPI started and finished, and what each
// rank tells the launcher.

#include <mpi.h>

#include <string_view>

#include <fmt/core.h>

namespace course::mpi {

// MPI_Init_thread and MPI_Finalize, as a scope. FUNNELED: only the thread that
// made the Session calls MPI; another thread may exist (a watchdog), as long as
// it makes no MPI call.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// One line for the launcher (kReportMarker, then `text`), written and flushed at once.
void report_line(std::string_view text);

template <typename... Args>
void report(fmt::format_string<Args...> format, Args&&... args) {
  report_line(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace course::mpi
