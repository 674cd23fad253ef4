#include "course/http.hpp"

#include <charconv>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

#include <fmt/core.h>
#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>

#include "course/instrument.hpp"

namespace course::http {
namespace {

using asio::ip::tcp;

// "GET /delay/250/hello HTTP/1.1\r\n..." -> "/delay/250/hello"
std::string path_of(std::string_view head) {
  const auto path_start = head.find(' ') + 1;
  return std::string(head.substr(path_start, head.find(' ', path_start) - path_start));
}

std::string response_for(const Response& response) {
  const std::string body =
      response.status == 200 ? response.body : "status " + std::to_string(response.status);
  return "HTTP/1.1 " + std::to_string(response.status) + (response.status == 200 ? " OK" : " Error") +
         "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

// The number after `prefix` in `path`, and the text after the next slash:
// ("/delay/250/hello", "/delay/") -> 250 and "hello".
bool number_after(std::string_view path, std::string_view prefix, int& number, std::string& text) {
  if (!path.starts_with(prefix)) {
    return false;
  }
  const std::string_view rest = path.substr(prefix.size());
  std::from_chars(rest.data(), rest.data() + rest.size(), number);
  const auto slash = rest.find('/');
  text = slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
  return true;
}

// The status code and body of a whole response.
std::string body_of(const std::string& response) {
  if (!response.starts_with("HTTP/1.1 200")) {
    throw std::runtime_error("HTTP error: " + response.substr(0, response.find('\r')));
  }
  const auto header_end = response.find("\r\n\r\n");
  return header_end == std::string::npos ? std::string() : response.substr(header_end + 4);
}

// The client went away (a timeout on its side, say), or the server is
// stopping: normal events, with nobody left to answer.
bool client_hung_up(const std::error_code& code) {
  return code == asio::error::eof || code == asio::error::connection_reset ||
         code == asio::error::broken_pipe || code == asio::error::operation_aborted ||
         code == asio::error::not_connected;
}

// A coroutine spawned with asio::detached has nobody to throw to: say it here,
// as Asio's own examples do, rather than drop it.
void report_failed_request(const char* what) {
  fmt::print(stderr, "http server: a request failed: {}\n", what);
}

std::string request_for(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

}  // namespace

struct Server::Impl {
  explicit Impl(Handler handler) : handler(std::move(handler)) {}

  Handler handler;
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::address_v4::loopback(), 0)};
  std::thread thread;
  std::thread::id loop_thread;  // set once, before anyone asks

  asio::awaitable<void> serve(tcp::socket socket) {
    try {
      std::string head;
      co_await asio::async_read_until(socket, asio::dynamic_buffer(head), "\r\n\r\n", asio::use_awaitable);
      std::string path = path_of(head);
      const Response response = co_await handler(std::move(path));
      const std::string bytes = response_for(response);
      co_await asio::async_write(socket, asio::buffer(bytes), asio::use_awaitable);
    } catch (const std::system_error& error) {
      if (!client_hung_up(error.code())) {
        report_failed_request(error.what());
      }
    } catch (const std::exception& error) {
      report_failed_request(error.what());  // the handler threw: a bug worth seeing
    }
  }

  asio::awaitable<void> accept_forever() {
    while (true) {
      tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(Handler handler) : impl_(std::make_unique<Impl>(std::move(handler))) {
  asio::co_spawn(impl_->io, impl_->accept_forever(), asio::detached);
  // The loop's thread records its own id before serving; waiting for that
  // makes the id safe to read from any thread afterwards.
  std::promise<void> started;
  std::future<void> has_started = started.get_future();
  impl_->thread = std::thread([this, started = std::move(started)]() mutable {
    impl_->loop_thread = std::this_thread::get_id();
    started.set_value();
    impl_->io.run();
  });
  has_started.wait();
}

Server::~Server() {
  stop();
}

void Server::stop() {
  impl_->io.stop();
  if (impl_->thread.joinable()) {
    impl_->thread.join();
  }
}

std::uint16_t Server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

std::string Server::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + path;
}

std::thread::id Server::loop_thread() const {
  return impl_->loop_thread;
}

struct SlowServer::Counters {
  InFlight in_flight;
  std::atomic<int> answered = 0;
};

SlowServer::SlowServer()
    : counters_(std::make_unique<Counters>()),
      server_([&counters = *counters_](std::string path) { return answer(std::move(path), counters); }) {}

SlowServer::~SlowServer() = default;

std::uint16_t SlowServer::port() const {
  return server_.port();
}

std::string SlowServer::url(const std::string& path) const {
  return server_.url(path);
}

int SlowServer::max_in_flight() const {
  return counters_->in_flight.max();
}

int SlowServer::requests() const {
  return counters_->answered.load();
}

asio::awaitable<Response> SlowServer::answer(std::string path, Counters& counters) {
  Response response;
  int delay_ms = 0;
  if (!number_after(path, "/delay/", delay_ms, response.body) &&
      !number_after(path, "/status/", response.status, response.body)) {
    response.status = 404;
  }
  const auto counted = counters.in_flight.enter();
  asio::steady_timer delay(co_await asio::this_coro::executor, std::chrono::milliseconds(delay_ms));
  co_await delay.async_wait(asio::use_awaitable);
  counters.answered.fetch_add(1);
  co_return response;
}

asio::awaitable<std::string> get(std::uint16_t port, std::string path) {
  tcp::socket socket(co_await asio::this_coro::executor);
  const tcp::endpoint server(asio::ip::address_v4::loopback(), port);
  co_await socket.async_connect(server, asio::use_awaitable);
  const std::string request = request_for(path);
  co_await asio::async_write(socket, asio::buffer(request), asio::use_awaitable);
  std::string response;
  // Connection: close, so the response ends at end-of-file.
  const auto [error, bytes] = co_await asio::async_read(socket, asio::dynamic_buffer(response),
                                                        asio::experimental::as_tuple(asio::use_awaitable));
  if (error && error != asio::error::eof) {
    throw asio::system_error(error);
  }
  co_return body_of(response);
}

std::string get_blocking(std::uint16_t port, const std::string& path) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  asio::write(socket, asio::buffer(request_for(path)));
  std::string response;
  asio::error_code error;
  asio::read(socket, asio::dynamic_buffer(response), error);
  if (error && error != asio::error::eof) {
    throw asio::system_error(error);
  }
  return body_of(response);
}

}  // namespace course::http
