#pragma once
// A pool of worker processes, like Python's multiprocessing.Pool: forked once,
// before the program starts any thread, then fed tasks over socketpairs.

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "course/child.hpp"
#include "course/fd.hpp"

// A worker died, so the work it had cannot be finished (Python: BrokenProcessPool).
class BrokenProcessPool : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ProcessPool {
 public:
  // What each worker runs for each input. It runs in the worker process, so it
  // may crash: the pool reports that instead of hanging.
  using Task = std::function<std::uint64_t(std::uint64_t)>;

  // Forks the workers. Throws std::logic_error if this process already has a
  // second thread: a mutex it holds at fork time stays locked in every child.
  ProcessPool(int workers, const Task& task);
  // Closes the sockets (each worker sees end-of-file and exits), and reaps every worker.
  ~ProcessPool();
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // task(input) for every input, spread over the workers; results in input order.
  std::vector<std::uint64_t> map(const std::vector<std::uint64_t>& inputs);
  std::vector<pid_t> pids() const;

 private:
  [[noreturn]] void report_death(std::size_t worker, const std::string& doing);

  struct Worker {
    course::ChildProcess process;
    course::UniqueFd socket;  // the parent's end of the socketpair
  };
  std::vector<Worker> workers_;
};
