// The course's slow HTTP server on its own, for curl or a browser.
#include <chrono>
#include <thread>

#include "course/http.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

void run_slow_server(int seconds) {
  course::heading("The slow HTTP server");
  const course::http::SlowServer server;
  course::say("listening on 127.0.0.1:{} for {} s (Ctrl-C stops it sooner). Try:", server.port(), seconds);
  course::say("  curl {}", server.url("/delay/1000/hello"));
  course::say("  curl -i {}", server.url("/status/500"));
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  course::say("answered {} requests, at most {} at once", server.requests(), server.max_in_flight());
}
