// A coroutine without any library: a function that can suspend in the middle
// and be resumed later. The compiler turns it into a state machine; the
// promise_type says what it does at the start, at each co_yield, and at the end.
#include <coroutine>
#include <exception>
#include <utility>

#include "course/log.hpp"
#include "lesson.hpp"

namespace {

// [snippet:generator]
// The smallest useful coroutine type: it yields numbers, one per resume.
class Countdown {
 public:
  struct promise_type {
    int current = 0;
    Countdown get_return_object() { return Countdown(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }  // do not start until asked
    std::suspend_always yield_value(int value) noexcept {          // co_yield: store, then suspend
      current = value;
      return {};
    }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::terminate(); }
  };
  using Handle = std::coroutine_handle<promise_type>;

  explicit Countdown(Handle handle) : handle_(handle) {}
  Countdown(Countdown&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~Countdown() {
    if (handle_) {
      handle_.destroy();  // the coroutine's frame lives on the heap until destroyed
    }
  }
  // Runs the coroutine to its next co_yield; false once it has finished.
  bool next() {
    handle_.resume();
    return !handle_.done();
  }
  int value() const { return handle_.promise().current; }

 private:
  Handle handle_;
};

Countdown count_down(int from) {
  course::say("  coroutine: started");
  for (int n = from; n > 0; --n) {
    course::say("  coroutine: yielding {}", n);
    co_yield n;  // suspends here; the caller's next() returns
    course::say("  coroutine: resumed after {}", n);
  }
  course::say("  coroutine: done");
}
// [/snippet:generator]

}  // namespace

void show_hand_written_coroutine() {
  course::heading("A coroutine by hand: suspend, resume, repeat");
  // [snippet:generator_use]
  Countdown countdown = count_down(3);  // creates the frame; initial_suspend: nothing runs yet
  course::say("caller: created the coroutine, nothing printed yet");
  while (countdown.next()) {
    course::say("caller: got {}", countdown.value());
  }
  course::say("caller: the coroutine has finished");
  // [/snippet:generator_use]
}
