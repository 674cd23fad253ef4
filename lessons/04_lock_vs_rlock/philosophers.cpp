// N philosophers around a table, one fork between each pair. Each needs both
// neighbouring forks to eat. If all pick up their left fork first, each waits
// for a right fork that its neighbour holds: a cycle of N.
#include <deque>
#include <latch>
#include <thread>
#include <vector>

#include "course/deadlock.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {

std::deque<course::TrackedMutex> lay_the_table(int philosophers) {
  std::deque<course::TrackedMutex> forks;  // a deque: mutexes never move
  for (int i = 1; i <= philosophers; ++i) {
    forks.emplace_back(fmt::format("fork {}", i));
  }
  return forks;
}

}  // namespace

void show_philosophers_deadlock(int philosophers, bool hang) {
  course::heading(fmt::format("{} philosophers, everyone takes the left fork first", philosophers));
  std::deque<course::TrackedMutex> forks = lay_the_table(philosophers);
  const course::DeadlockWatchdog watchdog(hang ? course::DeadlockWatchdog::OnDeadlock::hang
                                               : course::DeadlockWatchdog::OnDeadlock::exit);
  std::latch everyone_holds_a_fork(philosophers);
  std::vector<std::jthread> table;
  for (int i = 0; i < philosophers; ++i) {
    table.emplace_back([&, i] {
      course::set_actor_name(fmt::format("philosopher-{}", i + 1));
      // [snippet:left_then_right]
      course::TrackedMutex& left = forks[static_cast<std::size_t>(i)];
      course::TrackedMutex& right = forks[static_cast<std::size_t>((i + 1) % philosophers)];
      std::scoped_lock hold_left(left);
      everyone_holds_a_fork.arrive_and_wait();  // the unlucky moment, made certain
      course::say("holding {}, waiting for {}", left.name(), right.name());
      std::scoped_lock hold_right(right);
      // [/snippet:left_then_right]
    });
  }
}

void show_philosophers_fix(int philosophers) {
  course::heading(fmt::format("{} philosophers, everyone takes the lower-numbered fork first", philosophers));
  std::deque<course::TrackedMutex> forks = lay_the_table(philosophers);
  const course::DeadlockWatchdog watchdog;
  constexpr int kMeals = 10'000;
  {
    std::vector<std::jthread> table;
    for (int i = 0; i < philosophers; ++i) {
      table.emplace_back([&, i] {
        course::set_actor_name(fmt::format("philosopher-{}", i + 1));
        // [snippet:lower_fork_first]
        const int left = i;
        const int right = (i + 1) % philosophers;
        course::TrackedMutex& first = forks[static_cast<std::size_t>(std::min(left, right))];
        course::TrackedMutex& second = forks[static_cast<std::size_t>(std::max(left, right))];
        for (int meal = 0; meal < kMeals; ++meal) {
          std::scoped_lock hold_first(first);
          std::scoped_lock hold_second(second);
        }
        // [/snippet:lower_fork_first]
        course::say("ate {} meals", kMeals);
      });
    }
  }
  course::say("the last philosopher reaches across: fork {} before fork {}. No cycle can close.", 1,
              philosophers);
}
