// The exercise's server, finished: /work counts on a pool, /ping answers on
// the loop. Four clients start heavy /work requests; a fifth pings meanwhile.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "course/conclusion.hpp"
#include "course/cpu_meter.hpp"
#include "course/figures.hpp"
#include "course/http.hpp"
#include "course/load.hpp"
#include "course/log.hpp"
#include "course/verdict.hpp"
#include "hybrid_server.hpp"
#include "lesson.hpp"

namespace {
// A ping waits for no /work; on a busy machine it may wait a little for a CPU.
constexpr double kPingBelowMs = 100;
}  // namespace

void show_ping_during_work(int worker_threads) {
  course::heading(fmt::format("/ping while four /work requests compute ({} worker threads)", worker_threads));
  const course::CpuMeter meter;
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
  const course::CpuUse used = meter.read();
  course::say("slowest ping {:.1f} ms. /work computed at most {} at once, {} times on the loop's thread",
              slowest_ms, server.max_computing(), server.computed_on_loop());
  course::say("the server's threads got {} (load average {})", course::cores_got_text(used.cores()),
              course::load_text(course::load_average()));
  // A ping waits for no /work: it should take a few ms, far less than one /work.
  const course::Verdict responsive =
      course::judge_at_most(slowest_ms, kPingBelowMs, course::given_here(worker_threads, used.cores()));
  if (responsive.holds) {
    course::say("/ping stayed fast while /work computed: the loop never ran the counting");
  } else {
    course::say("a ping took {:.0f} ms (under {:.0f} ms expected). {}", slowest_ms, kPingBelowMs,
                course::reason_sentence(responsive));
  }
  course::record_figure("ping.slowest_ms", slowest_ms);
}
