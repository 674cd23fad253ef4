#include "process_pool.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>

#include <fmt/core.h>

#include "course/sanitizer.hpp"

namespace {

// A worker that dies shows as end-of-file, a reset connection or EPIPE: to
// the pool these all mean the same, the other side is gone.

// Reads one number (whole, course::read_value). False when the other side is gone.
bool receive(int fd, std::uint64_t& value) {
  try {
    return course::read_value(fd, value);
  } catch (const std::exception&) {  // reset, or ended in the middle of a number
    return false;
  }
}

// Writes one number (whole, course::write_value). False when the other side is gone.
bool send_value(int fd, std::uint64_t value) {
  try {
    course::write_value(fd, value);
    return true;
  } catch (const std::system_error&) {  // EPIPE: nobody reads any more
    return false;
  }
}

// ThreadSanitizer starts a helper thread of its own along with the program's
// first thread, and keeps it; it holds none of the program's locks.
constexpr std::size_t kSanitizerThreads = course::kThreadSanitizer ? 1 : 0;

// How many threads this process has (Linux); 1 where it cannot tell.
std::size_t threads_in_this_process() {
  std::error_code error;
  std::size_t threads = 0;
  for (std::filesystem::directory_iterator entry("/proc/self/task", error), end; !error && entry != end;
       entry.increment(error)) {
    ++threads;
  }
  return threads == 0 ? 1 : threads;
}

}  // namespace

ProcessPool::ProcessPool(int workers, const Task& task) {
  if (threads_in_this_process() > 1 + kSanitizerThreads) {
    throw std::logic_error(
        "ProcessPool: create it before any other thread starts (fork copies only one thread)");
  }
  for (int i = 0; i < workers; ++i) {
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0) {
      throw std::system_error(errno, std::generic_category(), "socketpair");
    }
    course::UniqueFd parent_end(ends[0]);
    course::UniqueFd worker_end(ends[1]);
    // [snippet:worker_loop]
    course::ChildProcess process = course::ChildProcess::start([&] {
      parent_end.reset();
      for (Worker& sibling : workers_) {
        sibling.socket.reset();  // or a sibling would never see end-of-file
      }
      std::uint64_t input = 0;
      while (receive(worker_end.get(), input)) {  // end-of-file: the pool is closing
        if (!send_value(worker_end.get(), task(input))) {
          break;
        }
      }
      return 0;
    });
    // [/snippet:worker_loop]
    workers_.push_back({std::move(process), std::move(parent_end)});
  }
}

ProcessPool::~ProcessPool() {
  for (Worker& worker : workers_) {
    worker.socket.reset();
  }
  for (Worker& worker : workers_) {
    if (!worker.process.reaped()) {
      worker.process.wait_for(std::chrono::seconds(1));  // still running after that: the destructor kills it
    }
  }
}

std::vector<pid_t> ProcessPool::pids() const {
  std::vector<pid_t> pids;
  for (const Worker& worker : workers_) {
    pids.push_back(worker.process.pid());
  }
  return pids;
}

void ProcessPool::report_death(std::size_t worker, const std::string& doing) {
  const pid_t pid = workers_[worker].process.pid();
  const course::ExitStatus status = workers_[worker].process.wait();
  throw BrokenProcessPool(fmt::format("worker {} (PID {}) {} while {}: the pool is broken", worker + 1, pid,
                                      status.describe(), doing));
}

// [snippet:map]
std::vector<std::uint64_t> ProcessPool::map(const std::vector<std::uint64_t>& inputs) {
  std::vector<std::uint64_t> results(inputs.size());
  std::vector<std::optional<std::size_t>> running(workers_.size());  // which input each worker has
  std::size_t next = 0;
  const auto hand_out = [&](std::size_t w) {
    if (next < inputs.size() && send_value(workers_[w].socket.get(), inputs[next])) {
      running[w] = next++;
    }
  };
  for (std::size_t w = 0; w < workers_.size(); ++w) {
    hand_out(w);
  }
  for (std::size_t done = 0; done < inputs.size();) {
    std::vector<pollfd> sockets;
    for (const Worker& worker : workers_) {
      sockets.push_back({worker.socket.get(), POLLIN, 0});
    }
    if (::poll(sockets.data(), sockets.size(), -1) < 0 && errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (std::size_t w = 0; w < workers_.size(); ++w) {
      if (sockets[w].revents == 0) {
        continue;
      }
      std::uint64_t result = 0;
      if (!running[w]) {
        report_death(w, "idle");  // an idle worker only makes noise when it dies
      }
      if (!receive(workers_[w].socket.get(), result)) {  // end-of-file: the worker is dead
        report_death(w, fmt::format("running task {} (input {})", *running[w] + 1, inputs[*running[w]]));
      }
      results[*running[w]] = result;
      running[w].reset();
      ++done;
      hand_out(w);
    }
  }
  return results;
}
// [/snippet:map]
