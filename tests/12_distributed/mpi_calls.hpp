#pragma once
// What the code under test asked of MPI, seen through the MPI profiling
// interface: the tests define MPI_Send and the rest, count what each call
// sends, and pass it on to the library's PMPI_Send. (The MPI standard gives
// every function a PMPI_ twin for exactly this.) The tests' own messages use
// the PMPI_ names directly, so they are not counted.

#include <string>

namespace mpi_calls {

struct Counts {
  long bytes_sent = 0;             // by every point-to-point send, in bytes
  int sends_to_others = 0;         // sends to a rank other than the right neighbour
  int requests_unfinished = 0;     // MPI_Isend, MPI_Irecv, ... started and never waited for
  int collectives = 0;             // MPI_Allreduce, MPI_Bcast, MPI_Reduce, ... and the windows and
                                   // topologies that one-sided and neighbourhood calls need
  std::string first_collective{};  // its name, e.g. "MPI_Allreduce"
  int uncounted = 0;               // persistent requests (MPI_Send_init, MPI_Recv_init, ...): not followed here
  std::string first_uncounted{};   // its name
};

// Counting starts from zero, for calls in `comm` whose ring neighbour to the
// right is rank `right` of `comm`.
void start_counting(int right);
Counts stop_counting();

// The blocking call this rank is in now, e.g. "MPI_Send of 2 MiB to rank 1",
// or "" when none: for the deadlock watch, which runs on another thread.
std::string blocking_call_now();

}  // namespace mpi_calls
