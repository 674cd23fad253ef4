#pragma once
// A deliberately slow HTTP/1.1 server for the coroutine lessons, and a small
// client to go with it. Everything on 127.0.0.1; the OS picks the port.
//
//   GET /delay/<ms>/<text>   answers <text> after <ms> milliseconds
//   GET /status/<code>       answers with that status code, e.g. 500
//
// Try it: build/default/lesson08_coroutines server, then curl the URL it prints.

#include <cstdint>
#include <memory>
#include <string>

#include <asio/awaitable.hpp>

namespace course::http {

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
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// GET http://127.0.0.1:<port><path> and return the body. Throws
// std::runtime_error for a status other than 200, asio::system_error for
// network errors. Cancelling the coroutine (e.g. by a timeout) closes the connection.
asio::awaitable<std::string> get(std::uint16_t port, std::string path);

// The same, blocking the calling thread.
std::string get_blocking(std::uint16_t port, const std::string& path);

}  // namespace course::http
