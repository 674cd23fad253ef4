#pragma once
// Exercise 09: an HTTP server whose CPU-heavy requests never block its fast ones.
//
//   GET /ping          answers "pong" at once
//   GET /work/<n>      answers how many primes lie below n: CPU-heavy
//
// The requests are coroutines on one event-loop thread (course::http::Server).
// Everything you change is in hybrid_server.cpp.

#include <cstdint>
#include <string>

#include <asio/awaitable.hpp>
#include <asio/thread_pool.hpp>

#include "course/http.hpp"
#include "course/instrument.hpp"

class HybridServer {
 public:
  // Serves on 127.0.0.1 (the OS picks the port), with `worker_threads`
  // threads for the heavy work.
  explicit HybridServer(int worker_threads);
  // Stops the event loop first, then waits for the workers.
  ~HybridServer();
  HybridServer(const HybridServer&) = delete;
  HybridServer& operator=(const HybridServer&) = delete;

  std::uint16_t port() const { return server_.port(); }

  // What the tests watch: how many /work computations ran on the event loop's
  // own thread, and how many ran at once, now and at most.
  int computed_on_loop() const { return computed_on_loop_.load(); }
  int computing() const { return computing_.current(); }
  int max_computing() const { return computing_.max(); }

 private:
  asio::awaitable<course::http::Response> answer(std::string path);
  // Counts the primes below n, and records where it ran. Blocks its thread.
  std::uint64_t count_primes_below(std::uint64_t n);

  // The pool is made before the server, whose handler uses it.
  asio::thread_pool pool_;
  course::http::Server server_;
  std::atomic<int> computed_on_loop_ = 0;
  course::InFlight computing_;
};
