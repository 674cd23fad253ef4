// A counting semaphore holds N permits: acquire() takes one (waiting while
// there are none), release() gives one back. Ten lockers, thirty swimmers.
#include <chrono>
#include <semaphore>
#include <thread>
#include <vector>

#include "course/instrument.hpp"
#include "course/log.hpp"
#include "course/timeline.hpp"
#include "lesson.hpp"

void show_lockers() {
  course::heading("10 lockers, 30 swimmers: std::counting_semaphore");
  course::InFlight using_a_locker;
  course::Timeline timeline;
  // [snippet:lockers]
  std::counting_semaphore<10> free_lockers(10);
  std::vector<std::jthread> swimmers;
  for (int swimmer = 1; swimmer <= 30; ++swimmer) {
    swimmers.emplace_back([&, swimmer] {
      free_lockers.acquire();  // no free locker: wait here
      {
        const auto counted = using_a_locker.enter();
        const auto span = timeline.measure(fmt::format("swimmer {:2}", swimmer));
        std::this_thread::sleep_for(std::chrono::milliseconds(40 + 15 * (swimmer % 4)));
      }
      free_lockers.release();  // the locker is free for the next swimmer
    });
  }
  swimmers.clear();
  // [/snippet:lockers]
  fmt::print("{}", timeline.render());
  course::say("at most {} swimmers had a locker at once (the timeline agrees: {})", using_a_locker.max(),
              timeline.max_overlap());
}
