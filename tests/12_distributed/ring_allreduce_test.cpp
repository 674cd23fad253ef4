// Tests of exercise 12's ring_allreduce(), run by 4 ranks at once (main.cpp),
// in groups of 1 to 4 ranks cut from them (mpi_testing::Group).
#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <source_location>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "mpi_calls.hpp"
#include "mpi_testing.hpp"

using mpi_testing::expect_on_every_rank;
using mpi_testing::Group;

namespace {

// Values that differ from rank to rank and from run to run of the test, so
// that a rank left out of a sum, or counted twice, changes it.
std::vector<long> values_of(std::size_t length, int seed) {
  int world_rank = 0;
  PMPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
  std::mt19937 random(static_cast<unsigned>(seed * 97 + world_rank));
  std::uniform_int_distribution<long> value(-1'000'000, 1'000'000);
  std::vector<long> values(length);
  for (long& v : values) {
    v = value(random);
  }
  return values;
}

// "at element 3: 12 instead of 17", or "" when equal.
std::string first_difference(const std::vector<long>& got, const std::vector<long>& wanted) {
  if (got.size() != wanted.size()) {
    return fmt::format("{} elements instead of {}", got.size(), wanted.size());
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i] != wanted[i]) {
      return fmt::format("at element {} of {}: {} instead of {}", i, got.size(), got[i], wanted[i]);
    }
  }
  return "";
}

bool expect_the_sums(int group_size, std::size_t length, int seed,
                     std::source_location where = std::source_location::current()) {
  const Group group(group_size);
  const std::vector<long> values = values_of(length, seed);
  const std::vector<long> wanted = mpi_testing::reference_sums(group, values);
  const std::vector<long> got = mpi_testing::ring_allreduce_watched(group, values);
  const std::string difference = first_difference(got, wanted);
  return expect_on_every_rank(
      difference.empty(),
      fmt::format("in a group of {} (as its rank {}), {} elements: not the sums over the "
                  "group's ranks, {}",
                  group.size(), group.rank(), length, difference),
      where);
}

}  // namespace

TEST(RingAllreduce, GivesEveryRankTheSumsOfAllItsRanks) {
  for (const int group_size : {1, 2, 3, 4}) {
    if (!expect_the_sums(group_size, 12, group_size)) {
      return;
    }
  }
}

TEST(RingAllreduce, WorksForLengthsTheRanksDoNotDivide) {
  // Up to 301 elements: chunks below the eager limit (see the last test).
  int seed = 100;
  for (const int group_size : {2, 3, 4}) {
    for (const std::size_t length : {0, 1, 2, 3, 5, 7, 10, 301}) {
      if (!expect_the_sums(group_size, length, ++seed)) {
        return;
      }
    }
  }
}

TEST(RingAllreduce, UsesTheCommunicatorItIsGiven) {
  // Two groups of 2 at once: a ring around MPI_COMM_WORLD would sum all 4 ranks.
  expect_the_sums(2, 64, 7);
}

TEST(RingAllreduce, CallsNoCollective) {
  for (const int group_size : {2, 4}) {
    const Group group(group_size);
    const std::vector<long> values = values_of(100, 11);
    mpi_calls::start_counting(group.right());
    mpi_testing::ring_allreduce_watched(group, values);
    const mpi_calls::Counts counts = mpi_calls::stop_counting();
    expect_on_every_rank(
        counts.collectives == 0,
        fmt::format("called {} ({} collective calls in all): the exercise is to pass the chunks "
                    "around the ring with point-to-point messages",
                    counts.first_collective, counts.collectives));
  }
}

TEST(RingAllreduce, SendsEachRankOnlyItsShare) {
  // A ring all-reduce sends 2 (n - 1) chunks of length / n elements from each rank:
  // 2 (n - 1) / n of the vector (under 2, whatever n). Gathering everything on
  // one rank costs that rank n - 1 vectors; passing whole vectors around, 2 or
  // n - 1: no more than the share for n = 2, so 3 and 4 ranks are what reject them.
  // 1,920 bytes: even a whole vector is below Open MPI's 4 KiB eager limit over
  // shared memory, so a deadlock is the last test's to catch, not this one's.
  constexpr std::size_t kLength = 240;
  for (const int group_size : {2, 3, 4}) {
    const Group group(group_size);
    const std::vector<long> values = values_of(kLength, 13);
    mpi_calls::start_counting(group.right());
    mpi_testing::ring_allreduce_watched(group, values);
    const mpi_calls::Counts counts = mpi_calls::stop_counting();
    const int n = group.size();
    if (!expect_on_every_rank(
            counts.uncounted == 0,
            fmt::format("called {}: these tests count what MPI_Send, MPI_Isend, MPI_Sendrecv "
                        "and their kin send, not persistent requests (MPI_Send_init, MPI_Recv_init, ...); "
                        "use one of those",
                        counts.first_uncounted))) {
      return;
    }
    const long share =
        static_cast<long>(2 * (n - 1) * (kLength * sizeof(long)) / static_cast<std::size_t>(n));
    const long slack = 2L * (n - 1) * static_cast<long>(sizeof(long));  // chunks differ by one element
    expect_on_every_rank(counts.bytes_sent <= share + slack,
                         fmt::format("rank {} of {} sent {} bytes of a {}-byte vector; its share is {} bytes "
                                     "(2 (n - 1) / n of the vector)",
                                     group.rank(), n, counts.bytes_sent, kLength * sizeof(long), share));
    expect_on_every_rank(
        counts.sends_to_others == 0,
        fmt::format("rank {} of {} sent {} messages to a rank other than its right neighbour, "
                    "rank {}: a ring passes everything one way round",
                    group.rank(), n, counts.sends_to_others, group.right()));
    expect_on_every_rank(
        counts.requests_unfinished <= 0,
        fmt::format("rank {} of {} returned with {} nonblocking sends or receives never waited for "
                    "(MPI_Wait, MPI_Waitall): MPI may still be reading or writing their buffers",
                    group.rank(), n, counts.requests_unfinished));
  }
}

// Last, since a deadlock ends the ranks: no test could run after it.
TEST(RingAllreduce, DoesNotDeadlockOnBigVectors) {
  // 1 Mi elements: chunks of 2 to 4 MiB, far above the eager limit (Open MPI:
  // 4 KiB over shared memory), so a send waits until its receive is posted.
  for (const int group_size : {2, 3, 4}) {
    if (!expect_the_sums(group_size, 1 << 20, 17 + group_size)) {
      return;
    }
  }
}
