#pragma once
// GoogleTest across MPI ranks. The test program starts itself as 4 ranks (see
// main.cpp); every rank runs every test, and rank 0 alone prints the results.
// So a check is collective: each rank passes its own verdict, and rank 0 fails
// the test once for each rank that says no, with that rank's words.

#include <mpi.h>

#include <source_location>
#include <string>
#include <vector>

namespace mpi_testing {

// The ranks cut into groups of `size`: world ranks 0..size-1 form one group,
// the next `size` the next, and the ranks left over a smaller one. A group
// has a communicator of its own, in which its ranks are numbered from 0.
class Group {
 public:
  explicit Group(int size);
  ~Group();
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

  MPI_Comm comm() const { return comm_; }
  int rank() const { return rank_; }  // in the group
  int size() const { return size_; }  // of this rank's group, which may be the smaller one
  int right() const { return (rank_ + 1) % size_; }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
};

// Called by every rank of the world, in the same order. True on every rank
// when every rank said yes, so that a test can stop at its first failure. A
// rank that waits here 4 s for the others' verdicts says so, and ends the test
// as a likely deadlock (see ring_allreduce_watched).
bool expect_on_every_rank(bool ok, const std::string& what,
                          std::source_location where = std::source_location::current());

// ring_allreduce(group.comm(), values), watched. If it has not returned within
// 4 s, this rank says which MPI call it waits in; rank 0 fails the running test
// as a likely deadlock, and every rank ends (a rank stuck in MPI cannot go on).
std::vector<long> ring_allreduce_watched(const Group& group, std::vector<long> values);

// What MPI_Allreduce(MPI_SUM) gives in the group: the answer to compare with.
std::vector<long> reference_sums(const Group& group, const std::vector<long>& values);

}  // namespace mpi_testing
