#include "mpi_testing.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

#include <fmt/core.h>

#include "mpi_calls.hpp"
#include "ring_allreduce.hpp"

namespace mpi_testing {
namespace {

constexpr auto kPatience = std::chrono::seconds(4);

int world_rank() {
  int rank = 0;
  PMPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

// Watches one wait from another thread (which makes no MPI call: the ranks run
// MPI_THREAD_FUNNELED): if it has not ended within kPatience, this rank says
// what it waits for (`waiting`, asked then), rank 0 fails the running test as
// a likely deadlock, and the rank ends: a rank stuck in MPI cannot go on.
class DeadlockWatch {
 public:
  DeadlockWatch(std::string test_name, std::function<std::string()> waiting)
      : rank_(world_rank()), thread_([this, test_name = std::move(test_name), waiting = std::move(waiting)] {
          watch(test_name, waiting);
        }) {}
  ~DeadlockWatch() {
    {
      const std::scoped_lock lock(mutex_);
      returned_ = true;
    }
    returned_changed_.notify_one();
    thread_.join();
  }
  DeadlockWatch(const DeadlockWatch&) = delete;
  DeadlockWatch& operator=(const DeadlockWatch&) = delete;

 private:
  void watch(const std::string& test_name, const std::function<std::string()>& waiting) {
    std::unique_lock lock(mutex_);
    if (returned_changed_.wait_for(lock, kPatience, [this] { return returned_; })) {
      return;
    }
    const int rank = rank_;
    fmt::print("rank {}: {}\n", rank, waiting());
    std::fflush(stdout);
    // A moment for every rank to say where it waits; longer for the others than
    // for rank 0, since mpirun ends every rank once one exits, and rank 0 has the
    // verdict to print.
    returned_changed_.wait_for(lock, std::chrono::milliseconds(rank == 0 ? 500 : 1500),
                               [this] { return returned_; });
    if (rank == 0) {
      // The test ends here, in GoogleTest's words, since this rank cannot go on.
      fmt::print(
          "Failure\nA likely deadlock: ring_allreduce did not return within {} s on every rank (each "
          "rank's wait is above).\n"
          "Some rank waits for what no rank will do: a receive that no send matches (its source, tag or\n"
          "communicator), or, when every rank sends before it receives, a send above MPI's eager limit\n"
          "that waits for a receive no rank has reached: a cycle of waits around the ring.\n"
          "[  FAILED  ] {} ({} ms)\n",
          kPatience.count(), test_name, std::chrono::milliseconds(kPatience).count());
      std::fflush(stdout);
    }
    std::_Exit(1);
  }

  const int rank_;  // in MPI_COMM_WORLD, asked on the calling thread
  std::mutex mutex_;
  std::condition_variable returned_changed_;
  bool returned_ = false;
  std::thread thread_;
};

std::string current_test_name() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(test->test_suite_name()) + "." + test->name();
}

}  // namespace

Group::Group(int size) {
  PMPI_Comm_split(MPI_COMM_WORLD, world_rank() / size, world_rank(), &comm_);
  PMPI_Comm_rank(comm_, &rank_);
  PMPI_Comm_size(comm_, &size_);
}

Group::~Group() {
  PMPI_Comm_free(&comm_);
}

bool expect_on_every_rank(bool ok, const std::string& what, std::source_location where) {
  constexpr std::size_t kRoom = 512;
  int world_size = 1;
  PMPI_Comm_size(MPI_COMM_WORLD, &world_size);
  std::array<char, kRoom> mine{};
  std::strncpy(mine.data(), what.c_str(), kRoom - 1);
  int my_verdict = ok ? 1 : 0;
  std::vector<int> verdicts(static_cast<std::size_t>(world_size));
  std::vector<char> words(kRoom * static_cast<std::size_t>(world_size));
  int every_rank_ok = 0;
  {
    // A rank that returned while another still hangs waits here, for the verdicts.
    const DeadlockWatch watch(current_test_name(), [] {
      return fmt::format(
          "returned, but after {} s still waits for the other ranks' verdicts: a rank has "
          "not finished ring_allreduce",
          kPatience.count());
    });
    PMPI_Gather(&my_verdict, 1, MPI_INT, verdicts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    PMPI_Gather(mine.data(), kRoom, MPI_CHAR, words.data(), kRoom, MPI_CHAR, 0, MPI_COMM_WORLD);
    PMPI_Allreduce(&my_verdict, &every_rank_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  }
  if (world_rank() == 0 && every_rank_ok == 0) {
    // The first rank that says no, in its words; the others by number.
    std::string first;
    std::string others;
    for (int rank = 0; rank < world_size; ++rank) {
      if (verdicts[static_cast<std::size_t>(rank)] == 1) {
        continue;
      }
      if (first.empty()) {
        first = fmt::format("rank {}: {}", rank, &words[kRoom * static_cast<std::size_t>(rank)]);
      } else {
        others += fmt::format("{}{}", others.empty() ? "" : ", ", rank);
      }
    }
    ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
        << first << (others.empty() ? "" : "\n(ranks " + others + " too)");
  }
  return every_rank_ok == 1;
}

std::vector<long> ring_allreduce_watched(const Group& group, std::vector<long> values) {
  const DeadlockWatch watch(current_test_name(), [] {
    const std::string call = mpi_calls::blocking_call_now();
    return fmt::format("ring_allreduce has not returned after {} s; it waits in {}", kPatience.count(),
                       call.empty() ? "no MPI call (a loop of its own?)" : call);
  });
  return ring_allreduce(group.comm(), std::move(values));
}

std::vector<long> reference_sums(const Group& group, const std::vector<long>& values) {
  std::vector<long> sums(values.size());
  PMPI_Allreduce(values.data(), sums.data(), static_cast<int>(values.size()), MPI_LONG, MPI_SUM,
                 group.comm());
  return sums;
}

}  // namespace mpi_testing
