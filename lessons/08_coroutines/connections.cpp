// One thread holds 10,000 open connections: a single-threaded server process
// accepts them all and keeps each one in a coroutine, while this process opens
// them, also from one thread. Then the classic server, a thread per connection
// blocked in a read, holds 1000 of them. Both servers are measured the same way:
// what the server process grew by, once every connection was held and waiting.
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <latch>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>

#include "course/child.hpp"
#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/fd.hpp"
#include "course/figures.hpp"
#include "course/limits.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "course/verdict.hpp"
#include "lesson.hpp"

namespace {

using asio::ip::tcp;

// The thread-per-connection server holds at most this many: enough for a
// steady per-thread figure, far below the limits that say_thread_limits() prints.
constexpr int kThreadsMeasured = 1000;

// What this process holds, read from /proc (Linux; zeros where it is missing).
struct Footprint {
  double resident = 0;       // bytes of memory in use in user space (RSS)
  double address_space = 0;  // bytes reserved, used or not (VmSize)
  double mappings = 0;       // regions in /proc/self/maps, which vm.max_map_count limits
  double kernel_stacks = 0;  // bytes of kernel stack of ALL processes (KernelStack in /proc/meminfo)
};

Footprint footprint_now() {
  Footprint now;
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  std::ifstream statm("/proc/self/statm");
  double pages = 0;
  double resident_pages = 0;
  statm >> pages >> resident_pages;
  now.address_space = pages * page;
  now.resident = resident_pages * page;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    ++now.mappings;
  }
  std::ifstream meminfo("/proc/meminfo");
  for (std::string key; meminfo >> key;) {
    double kib = 0;
    meminfo >> kib;
    if (key == "KernelStack:") {
      now.kernel_stacks = kib * 1024;
    }
    meminfo.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return now;
}

// How much each of `connections` added since `before`.
Footprint growth_per_connection(const Footprint& before, int connections) {
  const Footprint now = footprint_now();
  return {(now.resident - before.resident) / connections,
          (now.address_space - before.address_space) / connections,
          (now.mappings - before.mappings) / connections,
          (now.kernel_stacks - before.kernel_stacks) / connections};
}

// The servers report to this process through a pipe, in whole values: a
// read() or write() may move fewer bytes than asked for, or be interrupted by
// a signal, and course::read_value and write_value loop until all of it has
// crossed (lesson 07).
template <typename T>
T receive_value(int fd) {
  T value{};
  if (!course::read_value(fd, value)) {
    throw std::runtime_error("the server process ended before it reported");
  }
  return value;
}

// Completion token for waits that end in an error on purpose: the error (end-of-file
// when the peer hangs up) comes back as a value instead of an exception.
constexpr auto kErrorAsValue = asio::experimental::as_tuple(asio::use_awaitable);

// [snippet:hold_connection]
// The server's side of one connection: wait until the client hangs up.
asio::awaitable<void> hold(tcp::socket socket) {
  char byte = 0;
  co_await socket.async_read_some(asio::buffer(&byte, 1), kErrorAsValue);
}
// [/snippet:hold_connection]

asio::awaitable<void> accept(tcp::acceptor& acceptor, int connections, int report_fd) {
  const Footprint before = footprint_now();
  // [snippet:accept_connections]
  for (int i = 0; i < connections; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), hold(std::move(socket)), asio::detached);
  }
  // [/snippet:accept_connections]
  // Detached above: hold() has no error to report, end-of-file comes back as a value.
  // One turn of the loop lets the last hold() start its read: then every
  // connection is held and waiting, and the server measures itself.
  co_await asio::post(acceptor.get_executor(), asio::use_awaitable);
  course::write_value(report_fd, growth_per_connection(before, connections));
}

// The coroutine server: one thread, one event loop, a coroutine per connection.
int serve_with_coroutines(int connections, int report_fd) {
  asio::io_context loop;
  tcp::acceptor acceptor(loop, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  acceptor.listen(asio::socket_base::max_listen_connections);
  course::write_value<std::uint16_t>(report_fd, acceptor.local_endpoint().port());
  asio::co_spawn(loop, accept(acceptor, connections, report_fd), course::rethrow);
  loop.run();  // ends when every client has hung up
  return 0;
}

// The thread server: the same sockets, each held by a thread blocked in a read.
int serve_with_threads(int connections, int report_fd) {
  asio::io_context io;  // owns the sockets; nothing runs it, every call below blocks
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  acceptor.listen(asio::socket_base::max_listen_connections);
  course::write_value<std::uint16_t>(report_fd, acceptor.local_endpoint().port());
  const Footprint before = footprint_now();
  // [snippet:thread_per_connection]
  std::latch waiting(connections);
  std::vector<std::jthread> threads;
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&waiting, socket = acceptor.accept()]() mutable {
      waiting.count_down();  // started; about to block
      char byte = 0;
      asio::error_code hung_up;
      socket.read_some(asio::buffer(&byte, 1), hung_up);  // until the client hangs up
    });
  }
  waiting.wait();  // measure only once every thread has started
  // [/snippet:thread_per_connection]
  course::write_value(report_fd, growth_per_connection(before, connections));
  return 0;  // the jthreads join as their clients hang up
}

struct Measured {
  double seconds_to_connect;
  Footprint per_connection;  // what the server reported
};

// Starts `serve` in a server process of its own, opens `connections` to it
// from this one thread (a coroutine each), and once the server has measured
// itself, lets them all go.
Measured measure_server(int (*serve)(int connections, int report_fd), int connections) {
  course::Pipe report = course::make_pipe();
  const pid_t parent = ::getpid();
  course::ChildProcess server = course::ChildProcess::start([&] {
    course::set_actor_name("server");
#ifdef __linux__
    // Should this process die before it lets the connections go (killed, or its
    // output piped into head), the server would wait in accept() for ever: have
    // the kernel end it with its parent.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      return 1;  // already gone
    }
#endif
    report.read_end.reset();
    return serve(connections, report.write_end.get());
  });
  report.write_end.reset();
  const auto port = receive_value<std::uint16_t>(report.read_end.get());

  const auto start = course::Clock::now();
  asio::io_context loop;
  asio::steady_timer let_go(loop, asio::steady_timer::time_point::max());
  int connected = 0;
  std::vector<tcp::socket> sockets;
  sockets.reserve(static_cast<std::size_t>(connections));
  // A capturing coroutine lambda: its captures live in the lambda object, not
  // in the coroutine's frame. That is safe here because co_spawn is handed the
  // lambda itself (it keeps a copy alive while the coroutine runs), never
  // client() invoked as a temporary (CP.51), and what it captures by reference
  // outlives loop.run().
  const auto client = [&]() -> asio::awaitable<void> {
    tcp::socket& socket = sockets.emplace_back(loop);
    co_await socket.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port), asio::use_awaitable);
    ++connected;
    co_await let_go.async_wait(kErrorAsValue);
    socket.close();  // the server sees end-of-file
  };
  for (int i = 0; i < connections; ++i) {
    asio::co_spawn(loop, client, course::rethrow);  // a failed connect ends the demo, with its error
  }
  while (connected < connections && loop.run_one() > 0) {
  }
  const Measured measured{course::seconds_since(start), receive_value<Footprint>(report.read_end.get())};
  let_go.cancel();
  loop.run();
  server.wait();
  return measured;
}

std::string bytes_text(double bytes) {
  if (bytes >= 1024 * 1024) {
    return fmt::format("{:.1f} MiB", bytes / (1024 * 1024));
  }
  if (bytes >= 10 * 1024) {
    return fmt::format("{:.1f} KiB", bytes / 1024);
  }
  return fmt::format("{:.0f} B", std::max(0.0, bytes));  // a few bytes below 0 are noise
}

long read_number_from(const char* path) {
  std::ifstream file(path);
  long value = 0;
  file >> value;
  return value;
}

// What stops a thread per connection long before memory runs out.
void say_thread_limits(double mappings_per_thread) {
  const long max_map_count = read_number_from("/proc/sys/vm/max_map_count");
  const long pid_max = read_number_from("/proc/sys/kernel/pid_max");
  const long threads_max = read_number_from("/proc/sys/kernel/threads-max");
  if (max_map_count <= 0 || mappings_per_thread < 0.5) {
    return;  // not Linux, or nothing to divide by
  }
  const long by_mappings = static_cast<long>(static_cast<double>(max_map_count) / mappings_per_thread);
  fmt::print("Thread limits here: vm.max_map_count {} per process (~{} threads at {:.0f} mappings each),\n",
             max_map_count, by_mappings, mappings_per_thread);
  fmt::print("kernel.pid_max {} (a thread takes a PID) and kernel.threads-max {} for the machine:\n", pid_max,
             threads_max);
  fmt::print("a thread per connection stops near {} here, whatever the memory.\n",
             std::min({by_mappings, pid_max, threads_max}));
}

}  // namespace

void hold_many_connections(int connections) {
  course::heading(fmt::format("{} connections, held open by one thread", connections));
  const int requested = connections;
  const course::CpuMeter meter;
  // Each side of a connection is a file descriptor, and each process has a limit.
  const std::size_t got = course::raise_open_file_limit(static_cast<std::size_t>(connections) + 64);
  if (got < static_cast<std::size_t>(connections) + 64) {
    const int fit = static_cast<int>(got) - 64;
    if (fit < 100) {
      course::say("this machine allows only {} open files per process: too few to show many connections.",
                  got);
      course::say("to allow more: ulimit -n 20000 (as root, or raise nofile in /etc/security/limits.conf)");
      return;
    }
    course::say("this machine allows {} open files per process, so {} connections do not fit.", got,
                connections);
    course::say("to allow more, as root: ulimit -Hn {} (or raise nofile in /etc/security/limits.conf);",
                connections + 64);
    course::say("going on with {} connections", fit);
    connections = fit;
  }

  const Measured coroutines = measure_server(serve_with_coroutines, connections);
  course::say("{} connections open after {:.2f} s; the server held them all on one thread", connections,
              coroutines.seconds_to_connect);
  const int threads = std::min(connections, kThreadsMeasured);
  const Measured blocked_threads = measure_server(serve_with_threads, threads);
  course::say("then {} connections to a server with a thread each, blocked in a read: {:.2f} s", threads,
              blocked_threads.seconds_to_connect);

  const Footprint& c = coroutines.per_connection;
  const Footprint& t = blocked_threads.per_connection;
  fmt::print("\n{:<44} {:>11} {:>11}\n", "what the server grew by, per connection", "coroutine", "thread");
  fmt::print("{:<44} {:>11} {:>11}\n", "memory in use, user space (resident)", bytes_text(c.resident),
             bytes_text(t.resident));
  fmt::print("{:<44} {:>11} {:>11}\n", "kernel stack (counted machine-wide)", bytes_text(c.kernel_stacks),
             bytes_text(t.kernel_stacks));
  fmt::print("{:<44} {:>11.2f} {:>11.2f}\n", "memory mappings", c.mappings, t.mappings);
  fmt::print("{:<44} {:>11} {:>11}\n", "address space reserved (mostly never used)",
             bytes_text(c.address_space), bytes_text(t.address_space));
  fmt::print("\nBoth hold the same kind of socket; its kernel buffers come on top, the same either way.\n");
  fmt::print("A thread's reserved stack costs address space only, until it is touched.\n");
  say_thread_limits(t.mappings);

  // The CPU this mode used: this process and its two server processes, reaped by now.
  const course::CpuUse used = meter.read();
  const course::Given given = course::given_here(1, used.cores());
  const course::Verdict all_open = connections >= requested
                                       ? course::Verdict{true, course::Reason::none}
                                       : course::Verdict{false, course::Reason::machine_limit};
  constexpr double kLessMemoryBy = 2;  // at least: a thread's bookkeeping and stack against a small frame
  const course::Verdict less_memory = course::judge_at_least(t.resident / c.resident, kLessMemoryBy, given);
  fmt::print("\nThis process and its two servers got {} (load average {}).",
             course::cores_got_text(used.cores()), course::load_text(course::load_average()));
  if (all_open.holds) {
    fmt::print("\nOne thread held all {} connections.", connections);
  } else {
    fmt::print("\nOne thread held {} connections, not {}: the open-file limit (above).", connections,
               requested);
  }
  if (less_memory.holds) {
    fmt::print(" A coroutine's connection took {:.0f}x less memory in use than a thread's.\n",
               t.resident / c.resident);
  } else {
    fmt::print(" A coroutine's connection took only {:.1f}x less memory in use than a thread's. {}\n",
               t.resident / c.resident, course::reason_sentence(less_memory));
  }
  course::record_figure("connections.open", connections);
  course::record_figure("connections.requested", requested);
  course::record_verdict("connections", all_open, given);
  course::record_figure("connections.bytes_per_connection", c.resident);
  course::record_figure("connections.bytes_per_thread", t.resident);
  course::record_figure("connections.memory.wanted", kLessMemoryBy);
  course::record_verdict("connections.memory", less_memory, given);
}
