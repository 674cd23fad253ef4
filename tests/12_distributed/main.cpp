// The tests' main: run by hand (or by ctest, or ./course check), it starts
// itself as 4 ranks under mpirun and passes their output through; as a rank,
// it runs GoogleTest, and only rank 0 prints (see mpi_testing.hpp).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <fmt/core.h>

#include "course/mpi.hpp"
#include "course/mpi_rank.hpp"

int main(int argc, char** argv) {
  if (!course::mpi::in_a_rank()) {
    course::mpi::Launch launch{.ranks = 4, .program = {course::mpi::this_program()}, .quiet = true};
    for (int i = 1; i < argc; ++i) {
      launch.program.emplace_back(argv[i]);
    }
    const course::mpi::Outcome outcome = course::mpi::run(launch);
    // --quiet keeps mpirun from saying why the ranks ended; a crash must not pass unexplained.
    if (!outcome.interrupted && outcome.status.exited && outcome.status.code > 128) {
      const int signal = outcome.status.code - 128;
      fmt::print(stderr,
                 "mpirun exited with {}: a rank ended by signal {} ({}), most likely a crash; mpirun then "
                 "ended the others\n",
                 outcome.status.code, signal, strsignal(signal));
    }
    return outcome.status.exited ? outcome.status.code : 1;
  }
  const course::mpi::Session mpi;
  ::testing::InitGoogleTest(&argc, argv);
  if (mpi.rank() != 0) {
    ::testing::TestEventListeners& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  return RUN_ALL_TESTS();
}
