// Scene 4, fixed: the same 1 MiB exchange as the deadlock, written so that no
// rank waits in a send that only the other's receive could end.
#include <stdexcept>
#include <string>
#include <vector>

#include "course/log.hpp"
#include "course/mpi_rank.hpp"
#include "lesson.hpp"
#include "ranks.hpp"

namespace {

constexpr std::size_t kBytes = 1 << 20;

enum class Fix { sendrecv, nonblocking };

void exchange_as_a_rank(Fix fix) {
  const course::mpi::Session mpi;
  if (mpi.size() != 2) {
    throw std::runtime_error("the exchange needs exactly 2 ranks");
  }
  const int other = 1 - mpi.rank();
  const int count = static_cast<int>(kBytes);
  std::vector<char> mine(kBytes, static_cast<char>('a' + mpi.rank()));
  std::vector<char> theirs(kBytes);
  const double started = MPI_Wtime();
  // [snippet:fixes]
  if (fix == Fix::sendrecv) {
    // One call that sends and receives: MPI makes progress on both at once.
    MPI_Sendrecv(mine.data(), count, MPI_CHAR, other, 0, theirs.data(), count, MPI_CHAR, other, 0,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  } else {
    // Start both, wait for both: neither call blocks, so no order can deadlock.
    MPI_Request requests[2];
    MPI_Irecv(theirs.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD, &requests[0]);
    MPI_Isend(mine.data(), count, MPI_CHAR, other, 0, MPI_COMM_WORLD, &requests[1]);
    MPI_Waitall(2, requests, MPI_STATUSES_IGNORE);
  }
  // [/snippet:fixes]
  const double seconds = MPI_Wtime() - started;
  if (theirs.front() != 'a' + other || theirs.back() != 'a' + other) {
    throw std::logic_error("the message that arrived is not the other rank's");
  }
  course::say("sent {} to rank {} and received its {} in {:.2f} ms", bytes_text(kBytes), other,
              bytes_text(kBytes), seconds * 1e3);
  if (mpi.rank() == 0) {
    course::mpi::report("exchanged seconds={}", seconds);
  }
}

void show_exchange(Fix fix, const std::string& mode, const std::string& how) {
  if (course::mpi::in_a_rank()) {
    exchange_as_a_rank(fix);
    return;
  }
  course::heading(fmt::format("The 1 MiB exchange again, with {}", how));
  const course::mpi::Outcome outcome = launch_ranks(2, {mode});
  if (!outcome.status.ok() || outcome.reports.size() != 1) {
    throw std::runtime_error("mpirun " + outcome.status.describe() + ", without rank 0's report");
  }
  course::say("both ranks have the other's 1 MiB: {} has no cycle of waits", how);
}

}  // namespace

void show_sendrecv() {
  show_exchange(Fix::sendrecv, "sendrecv", "MPI_Sendrecv");
}

void show_nonblocking() {
  show_exchange(Fix::nonblocking, "nonblocking", "MPI_Irecv + MPI_Isend + MPI_Waitall");
}
