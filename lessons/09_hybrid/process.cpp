// The counting can also go to another process, like Python's ProcessPoolExecutor.
// The loop talks to the worker over a socketpair, wrapped in an Asio stream
// descriptor: writing the job and reading the answer are co_awaits like any
// other I/O, so the loop keeps ticking while the worker computes.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <system_error>

#include <asio.hpp>

#include "course/child.hpp"
#include "course/cpu_work.hpp"
#include "course/fd.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/ticker.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

// Fixed-size messages: both sides are this program, so raw bytes are enough.
struct Job {
  std::uint64_t first;
  std::uint64_t count;
};
struct Answer {
  std::uint64_t primes;
  std::int64_t worker_pid;
};

// The worker's side is plain blocking code, so it does what lesson 07 taught:
// a read() may return part of a message, and a signal may interrupt a read()
// or a write() before it moves anything (EINTR). course::read_value and
// write_value loop until the whole struct has crossed; read_value is false at
// end-of-file before a job's first byte: the loop has hung up.

// The worker process: a job in, an answer out, until the loop hangs up.
int serve_jobs(int socket) {
  course::set_actor_name("worker");
  Job job{};
  while (course::read_value(socket, job)) {
    course::say("counting {} numbers from {}", job.count, job.first);
    const Answer answer{course::count_primes(job.first, job.first + job.count), ::getpid()};
    course::write_value(socket, answer);
  }
  return 0;  // end of file: the loop closed its end
}

// On the loop's side, asio::async_write and asio::async_read run that same
// loop for us: they complete only once every byte has crossed.
// [snippet:stream_descriptor]
asio::awaitable<void> ask_worker(asio::posix::stream_descriptor& worker) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 250ms);
  co_await timer.async_wait(asio::use_awaitable);
  const Job job{kFirstNumber, 150'000};
  course::say("sending the job to the worker process");
  co_await asio::async_write(worker, asio::buffer(&job, sizeof job), asio::use_awaitable);
  Answer answer{};
  co_await asio::async_read(worker, asio::buffer(&answer, sizeof answer), asio::use_awaitable);
  course::say("{} primes, counted by process {}", answer.primes, answer.worker_pid);
}
// [/snippet:stream_descriptor]

}  // namespace

void show_process_offloading() {
  course::heading("A ticker every 100 ms; the heavy counting runs in a worker process");
  // Fork before this process starts any thread (lesson 06's rule).
  auto [loop_end, worker_end] = course::make_socketpair();
  course::ChildProcess worker = course::ChildProcess::start([&] {
    loop_end.reset();
    return serve_jobs(worker_end.get());
  });
  worker_end.reset();
  course::say("this process is {}, the worker is {}", ::getpid(), worker.pid());

  asio::io_context loop;
  asio::posix::stream_descriptor to_worker(loop, loop_end.release());
  double longest_gap = 0;
  asio::co_spawn(loop, course::ticker(10), [&](std::exception_ptr error, double gap) {
    course::rethrow(error);
    longest_gap = gap;
  });
  asio::co_spawn(loop, ask_worker(to_worker), course::rethrow);
  try {
    loop.run();  // rethrows what ask_worker threw
  } catch (const asio::system_error& error) {
    if (error.code() != asio::error::eof) {
      throw;
    }
    throw std::runtime_error("the worker hung up without answering: " + worker.wait().describe());
  }

  to_worker.close();  // the worker reads end of file and exits
  course::say("worker {}; longest gap between ticks: {:.0f} ms", worker.wait().describe(),
              longest_gap * 1000);
}
