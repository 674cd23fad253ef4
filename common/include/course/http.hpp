#pragma once
// A small HTTP/1.1 server and client for the coroutine lessons. Everything on
// 127.0.0.1; the OS picks the port, so tests can run side by side.
//
// Server answers each GET with a coroutine of yours, on one event-loop thread.
// SlowServer is a Server that answers slowly, on purpose:
//
//   GET /delay/<ms>/<text>   answers <text> after <ms> milliseconds
//   GET /status/<code>       answers with that status code, e.g. 500
//
// Try it: build/default/lesson08_coroutines server, then curl the URL it prints.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <asio/awaitable.hpp>

namespace course::http {

struct Response {
  int status = 200;
  std::string body;
};

// Answers one request for `path`, e.g. "/ping". It runs on the server's loop
// thread; whatever it co_awaits does not block the other requests.
using Handler = std::function<asio::awaitable<Response>(std::string path)>;

class Server {
 public:
  // Starts listening, and serving on a thread of its own: the event loop.
  explicit Server(Handler handler);
  // Stops the loop and joins its thread, as stop() does.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>" + path
  std::string url(const std::string& path) const;
  // The thread that runs the event loop, so tests can prove what ran where.
  std::thread::id loop_thread() const;
  // Stops the event loop and joins its thread. Requests still in progress are
  // abandoned; their coroutines are destroyed with the server. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class SlowServer {
 public:
  // Starts listening, and serving on a thread of its own.
  SlowServer();
  // Stops serving and joins the thread.
  ~SlowServer();
  SlowServer(const SlowServer&) = delete;
  SlowServer& operator=(const SlowServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>" + path
  std::string url(const std::string& path) const;
  // How many requests were being answered at once, at most; how many were answered.
  int max_in_flight() const;
  int requests() const;

 private:
  struct Counters;
  static asio::awaitable<Response> answer(std::string path, Counters& counters);

  std::unique_ptr<Counters> counters_;
  Server server_;
};

// GET http://127.0.0.1:<port><path> and return the body. Throws
// std::runtime_error for a status other than 200, asio::system_error for
// network errors. Cancelling the coroutine (e.g. by a timeout) closes the connection.
asio::awaitable<std::string> get(std::uint16_t port, std::string path);

// The same, blocking the calling thread.
std::string get_blocking(std::uint16_t port, const std::string& path);

}  // namespace course::http
