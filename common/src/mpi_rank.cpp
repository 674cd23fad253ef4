#include "course/mpi_rank.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "course/log.hpp"
#include "course/mpi.hpp"

namespace course::mpi {

Session::Session() {
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("this MPI library cannot have a second thread beside the one that calls MPI");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  set_actor_name("rank-" + std::to_string(rank_));
}

Session::~Session() {
  MPI_Finalize();
}

void report_line(std::string_view text) {
  std::string line{kReportMarker};
  line += text;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

}  // namespace course::mpi
