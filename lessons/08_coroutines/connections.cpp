// One thread holds 10,000 open connections: a single-threaded server process
// accepts them all and keeps each one in a coroutine, while this process opens
// them, also from one thread. Then: what a connection costs in memory, next to
// what a thread costs.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>

#include "course/child.hpp"
#include "course/fd.hpp"
#include "course/figures.hpp"
#include "course/limits.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {

using asio::ip::tcp;

long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

void write_number(int fd, long value) {
  ::write(fd, &value, sizeof value);
}

long read_number(int fd) {
  long value = 0;
  ::read(fd, &value, sizeof value);
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
  const long before = resident_bytes();
  // [snippet:accept_connections]
  for (int i = 0; i < connections; ++i) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), hold(std::move(socket)), asio::detached);
  }
  // [/snippet:accept_connections]
  write_number(report_fd, resident_bytes() - before);  // every connection is open and held now
}

// The server process: one thread, one event loop, `connections` coroutines.
int serve(int connections, int report_fd) {
  course::raise_open_file_limit(static_cast<std::size_t>(connections) + 64);
  asio::io_context loop;
  tcp::acceptor acceptor(loop, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  acceptor.listen(asio::socket_base::max_listen_connections);
  write_number(report_fd, acceptor.local_endpoint().port());
  asio::co_spawn(loop, accept(acceptor, connections, report_fd), asio::detached);
  loop.run();  // ends when every client has hung up
  return 0;
}

// Resident memory per thread, for threads that only wait.
long bytes_per_waiting_thread(int threads) {
  std::latch release(1);
  const long before = resident_bytes();
  std::vector<std::jthread> waiting;
  for (int i = 0; i < threads; ++i) {
    waiting.emplace_back([&release] { release.wait(); });
  }
  const long per_thread = (resident_bytes() - before) / threads;
  release.count_down();
  return per_thread;
}

}  // namespace

void hold_many_connections(int connections) {
  course::heading(fmt::format("{} connections, held open by one thread", connections));
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
  course::Pipe report = course::make_pipe();
  course::ChildProcess server = course::ChildProcess::start([&] {
    course::set_actor_name("server");
    report.read_end.reset();
    return serve(connections, report.write_end.get());
  });
  report.write_end.reset();
  const auto port = static_cast<std::uint16_t>(read_number(report.read_end.get()));

  // The clients: one coroutine each, connecting and then waiting to be let go.
  const auto start = course::Clock::now();
  asio::io_context loop;
  asio::steady_timer let_go(loop, asio::steady_timer::time_point::max());
  int connected = 0;
  std::vector<tcp::socket> sockets;
  sockets.reserve(static_cast<std::size_t>(connections));
  const auto client = [&]() -> asio::awaitable<void> {
    tcp::socket& socket = sockets.emplace_back(loop);
    co_await socket.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port), asio::use_awaitable);
    ++connected;
    co_await let_go.async_wait(kErrorAsValue);
    socket.close();  // the server's hold() sees end-of-file
  };
  for (int i = 0; i < connections; ++i) {
    asio::co_spawn(loop, client, asio::detached);
  }
  while (connected < connections && loop.run_one() > 0) {
  }
  const long server_bytes = read_number(report.read_end.get());
  course::say("{} connections open after {:.2f} s; the server holds them all on one thread", connected,
              course::seconds_since(start));
  let_go.cancel();
  loop.run();
  server.wait();

  const long per_thread = bytes_per_waiting_thread(1000);
  fmt::print("\n{:<36} {:>10}\n", "memory (resident, in user space)", "bytes each");
  fmt::print("{:<36} {:>10}\n", "a connection held by a coroutine", server_bytes / connections);
  fmt::print("{:<36} {:>10}   (measured over 1000 threads)\n", "a thread waiting on a latch", per_thread);
  fmt::print(
      "\nEach thread also reserves an 8 MiB stack of address space: {} threads would reserve {} GiB.\n",
      connections, connections * 8 / 1024);
  fmt::print("The kernel's socket buffers come on top of both, and are the same either way.\n");
  course::record_figure("connections.open", connected);
  course::record_figure("connections.bytes_per_connection", static_cast<double>(server_bytes) / connections);
  course::record_figure("connections.bytes_per_thread", static_cast<double>(per_thread));
}
