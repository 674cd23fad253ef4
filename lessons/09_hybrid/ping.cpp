// The exercise's server, finished: /work counts on a pool, /ping answers on
// the loop. Four clients start heavy /work requests; a fifth pings meanwhile.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "course/figures.hpp"
#include "course/http.hpp"
#include "course/log.hpp"
#include "hybrid_server.hpp"
#include "lesson.hpp"

void show_ping_during_work(int worker_threads) {
  course::heading(fmt::format("/ping while four /work requests compute ({} worker threads)", worker_threads));
  HybridServer server(worker_threads);
  course::say("serving on 127.0.0.1:{}: try curl http://127.0.0.1:{}/work/3000000 in another terminal",
              server.port(), server.port());

  std::vector<std::jthread> clients;
  for (int client = 1; client <= 4; ++client) {
    clients.emplace_back([&server, client] {
      course::set_actor_name("client-" + std::to_string(client));
      course::say("GET /work/3000000");
      const std::string primes = course::http::get_blocking(server.port(), "/work/3000000");
      course::say("answer: {} primes", primes);
    });
  }
  // Ping once the pool is busy (or after 5 s, on a machine too loaded to get there).
  const auto give_up = course::Clock::now() + std::chrono::seconds(5);
  while (server.computing() < std::min(worker_threads, 4) && course::Clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  double slowest_ms = 0;
  for (int ping = 1; ping <= 5; ++ping) {
    const auto sent = course::Clock::now();
    const std::string answer = course::http::get_blocking(server.port(), "/ping");
    const double latency_ms = course::seconds_since(sent) * 1000;
    slowest_ms = std::max(slowest_ms, latency_ms);
    course::say("/ping -> {} in {:.1f} ms, with {} /work computing", answer, latency_ms, server.computing());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  clients.clear();  // waits for the answers
  course::say("slowest ping {:.1f} ms. /work computed at most {} at once, {} times on the loop's thread",
              slowest_ms, server.max_computing(), server.computed_on_loop());
  course::record_figure("ping.slowest_ms", slowest_ms);
}
