// A condition variable: doctors sleep until a patient is in the waiting room;
// every arrival presses the call button (notify_one). The predicate form of
// wait() re-checks the room after every wake-up, under the lock.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

namespace {

struct WaitingRoom {
  std::mutex mutex;
  std::condition_variable call_button;
  std::deque<std::string> patients;  // guarded by mutex
  bool closed = false;               // guarded by mutex
};

}  // namespace

void show_waiting_room() {
  course::heading("Two doctors, one waiting room, a call button");
  WaitingRoom room;
  std::vector<std::jthread> doctors;
  for (int d = 1; d <= 2; ++d) {
    doctors.emplace_back([&room, d] {
      course::set_actor_name(fmt::format("doctor-{}", d));
      while (true) {
        // [snippet:doctor_waits]
        std::unique_lock lock(room.mutex);
        room.call_button.wait(lock, [&] { return !room.patients.empty() || room.closed; });
        if (room.patients.empty()) {
          return;  // closed, and nobody left waiting
        }
        const std::string patient = room.patients.front();
        room.patients.pop_front();
        lock.unlock();  // see the patient without holding up the room
        // [/snippet:doctor_waits]
        course::say("seeing {}", patient);
        std::this_thread::sleep_for(120ms);
      }
    });
  }
  std::jthread reception([&room] {
    course::set_actor_name("reception");
    for (int p = 1; p <= 6; ++p) {
      std::this_thread::sleep_for(50ms);
      // [snippet:patient_arrives]
      {
        std::scoped_lock lock(room.mutex);
        room.patients.push_back(fmt::format("patient {}", p));
      }
      room.call_button.notify_one();  // wake one sleeping doctor, if any
      // [/snippet:patient_arrives]
      course::say("patient {} sits down", p);
    }
    {
      std::scoped_lock lock(room.mutex);
      room.closed = true;
    }
    room.call_button.notify_all();  // every doctor must see that we are closing
    course::say("closing: the doctors finish the queue and go home");
  });
}

void count_empty_wakeups() {
  course::heading("Stolen wake-ups: 3 doctors, 20000 quick patients");
  WaitingRoom room;
  constexpr int kPatients = 20'000;
  long empty_wakeups = 0;  // guarded by room.mutex
  long seen = 0;           // guarded by room.mutex
  std::vector<std::jthread> doctors;
  for (int d = 0; d < 3; ++d) {
    doctors.emplace_back([&] {
      std::unique_lock lock(room.mutex);
      while (true) {
        // [snippet:counted_wait]
        // What wait(lock, predicate) does, with a counter added.
        while (room.patients.empty() && !room.closed) {
          room.call_button.wait(lock);
          if (room.patients.empty() && !room.closed) {
            ++empty_wakeups;  // woken, but someone else already took the patient
          }
        }
        // [/snippet:counted_wait]
        if (room.patients.empty()) {
          return;
        }
        room.patients.pop_front();
        ++seen;
      }
    });
  }
  for (int p = 0; p < kPatients; ++p) {
    {
      std::scoped_lock lock(room.mutex);
      room.patients.push_back("patient");
    }
    room.call_button.notify_one();
  }
  {
    std::scoped_lock lock(room.mutex);
    room.closed = true;
  }
  room.call_button.notify_all();
  doctors.clear();
  course::say("{} patients seen; {} wake-ups found the room empty", seen, empty_wakeups);
  course::say("with 'if' instead of 'while' (or wait without a predicate), each of those {} doctors",
              empty_wakeups);
  course::say("would have taken a patient from an empty queue: undefined behaviour");
}
