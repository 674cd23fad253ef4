// Exercise 09: keep /ping fast while /work requests compute.
//
// Goal: the event loop runs every request's coroutine on ONE thread. While that
// thread counts primes, no other request moves: a /ping waits for the whole
// computation. Run the computation on pool_ instead, and let the loop serve
// others while it waits for the answer. (Python: await loop.run_in_executor(pool, f, n).)
//
// Quick reference:
//   asio::co_spawn(executor, coroutine(...), asio::use_awaitable)
//       starts coroutine(...) on `executor`, e.g. pool_.get_executor() (or just pool_);
//       co_await-ing it suspends you until it finishes, then resumes you on the
//       loop's thread with its result
//   asio::awaitable<T>        the return type of a coroutine that co_returns a T
//   co_return value;          how a coroutine gives back its result
//
// The tests check that /work never computes on the loop's thread, and that
// /ping answers quickly while four /work requests are computing.
#include "hybrid_server.hpp"

#include <charconv>
#include <optional>
#include <string_view>
#include <thread>

#include <asio/co_spawn.hpp>
#include <asio/use_awaitable.hpp>

#include "course/cpu_work.hpp"

namespace {

// "/work/3000000" -> 3000000; anything else -> nothing.
std::optional<std::uint64_t> work_size(std::string_view path) {
  constexpr std::string_view prefix = "/work/";
  if (!path.starts_with(prefix)) {
    return std::nullopt;
  }
  std::uint64_t n = 0;
  const std::string_view digits = path.substr(prefix.size());
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return n;
}

}  // namespace

HybridServer::HybridServer(int worker_threads)
    : pool_(static_cast<std::size_t>(worker_threads)),
      server_([this](std::string path) { return answer(std::move(path)); }) {}

HybridServer::~HybridServer() {
  // Loop first: once it has stopped, nothing hands the pool new work. Then the
  // pool finishes what it has; its answers go to a loop that no longer runs.
  server_.stop();
  pool_.join();
}

std::uint64_t HybridServer::count_primes_below(std::uint64_t n) {
  if (std::this_thread::get_id() == server_.loop_thread()) {
    computed_on_loop_.fetch_add(1);
  }
  const auto counted = computing_.enter();
  return course::count_primes(0, n);
}

asio::awaitable<course::http::Response> HybridServer::answer(std::string path) {
  if (path == "/ping") {
    co_return course::http::Response{200, "pong"};
  }
  const std::optional<std::uint64_t> n = work_size(path);
  if (!n) {
    co_return course::http::Response{404, "try /ping or /work/<n>"};
  }
  // TODO: this line computes on the event loop's own thread, so every other
  //       request (every /ping) waits until it is done. Run it on pool_ instead
  //       and co_await the result. co_spawn needs a coroutine to start: write a
  //       small one that co_returns count_primes_below(n).
  const std::uint64_t primes = count_primes_below(*n);
  co_return course::http::Response{200, std::to_string(primes)};
}
