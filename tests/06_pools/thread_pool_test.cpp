// Tests of ThreadPool, against what thread_pool.hpp promises: tasks run on the
// pool's own threads, as many at once as it has threads and no more; futures
// carry results and exceptions; map() keeps the inputs' order; shutdown() runs
// what is queued, shutdown(Queued::cancel) drops it, and both end every thread.
//
// A test that watches what its tasks do, not their futures, drops the futures
// with (void): submit() is [[nodiscard]].
//
// Concurrency is counted (which threads, how many at once), never timed. Each
// test runs in an isolated child with a deadline, and the tests' own waits are
// short: a pool whose threads are never woken fails in about a second, with
// the reason, instead of hanging the run.
#include "thread_pool.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "course/instrument.hpp"
#include "course/testing.hpp"
#include "course/thread_probe.hpp"

namespace probe = course::probe;

using namespace std::chrono_literals;
using course::testing::eventually;
using course::testing::in_child;
using course::testing::step;
using probe::ThreadHandle;

namespace {

constexpr auto kDeadline = 3s;  // for each test's child; the waits inside are shorter

// The pool of a test that is not about shutting down. At the test's end it is
// destroyed (its destructor shuts it down), but waited for only briefly: a
// shutdown that hangs is left behind, and fails the shutdown tests, with their
// reasons, not every test.
class PoolUnderTest {
 public:
  explicit PoolUnderTest(std::size_t threads) : pool_(std::make_shared<ThreadPool>(threads)) {}
  ~PoolUnderTest() {
    probe::returns_within(100ms, [pool = std::move(pool_)]() mutable { pool.reset(); });
  }
  PoolUnderTest(const PoolUnderTest&) = delete;
  PoolUnderTest& operator=(const PoolUnderTest&) = delete;

  ThreadPool& operator*() const { return *pool_; }
  ThreadPool* operator->() const { return pool_.get(); }

 private:
  std::shared_ptr<ThreadPool> pool_;
};

// Calls `shut_down` (a shutdown() or the pool's destruction) on a thread of
// its own; fails the test, saying `if_late`, unless it returns within `limit`.
template <typename ShutDown>
void shut_down_within(std::chrono::milliseconds limit, ShutDown shut_down, const char* if_late) {
  if (!probe::returns_within(limit, std::move(shut_down))) {
    throw std::runtime_error(if_late);
  }
}

// The future's value, if it is ready within 1 s; otherwise the test fails,
// saying that the task was never run.
template <typename T>
T result_of(std::future<T>& future, const char* what = "a submitted task") {
  if (future.wait_for(1s) != std::future_status::ready) {
    throw std::runtime_error(std::string(what) +
                             " did not run within 1 s: no thread of the pool took it from the queue (was a "
                             "thread woken when it was queued?)");
  }
  return future.get();
}

// How long a task waits for company, or at a gate, before it gives up: far
// longer than a pool's thread needs to start a queued task, even on a busy
// machine. Once one task has given up, the others do not wait: a pool that runs
// tasks where it should not fails in a third of a second, not that much a task.
constexpr auto kGiveUp = 300ms;

// Tasks that each wait until `count` of them have been running at once.
class Gathering {
 public:
  explicit Gathering(int count) : count_(count) {}

  // Called by each task.
  void attend() {
    const auto counted = inside_.enter();
    if (::pthread_equal(::pthread_self(), test_thread_)) {
      gave_up_ = true;  // run inline, by the test's own thread: no company can come while it waits
    }
    {
      std::scoped_lock lock(mutex_);
      const ThreadHandle me = probe::this_thread_handle();
      bool known = false;
      for (const ThreadHandle& thread : threads_) {
        known = known || ::pthread_equal(thread.handle, me.handle);
      }
      if (!known) {
        threads_.push_back(me);
      }
    }
    const bool met = eventually([this] { return inside_.max() >= count_ || gave_up_.load(); }, kGiveUp);
    if (!met) {
      gave_up_ = true;
    }
  }

  int most_at_once() const { return inside_.max(); }
  std::vector<ThreadHandle> threads() const {
    std::scoped_lock lock(mutex_);
    return threads_;
  }
  bool ran_on(pthread_t thread) const {
    std::scoped_lock lock(mutex_);
    for (const ThreadHandle& known : threads_) {
      if (::pthread_equal(known.handle, thread)) {
        return true;
      }
    }
    return false;
  }

 private:
  const int count_;
  const pthread_t test_thread_ = ::pthread_self();
  course::InFlight inside_;
  std::atomic<bool> gave_up_ = false;
  mutable std::mutex mutex_;
  std::vector<ThreadHandle> threads_;  // guarded by mutex_
};

// Runs one task on each of the pool's `count` threads at once, and returns
// those threads once their tasks are done (fewer if the pool never ran
// `count` at once).
std::vector<ThreadHandle> meet_every_thread(ThreadPool& pool, int count) {
  Gathering gathering(count);
  std::vector<std::future<void>> done;
  for (int i = 0; i < count; ++i) {
    done.push_back(pool.submit([&gathering] { gathering.attend(); }));
  }
  for (auto& future : done) {
    result_of(future);
  }
  return gathering.threads();
}

// A gate that tasks wait at until the test opens it. If it stays shut too
// long (kGiveUp), the task that gave up opens it for all.
class Gate {
 public:
  explicit Gate(std::chrono::milliseconds give_up = kGiveUp) : give_up_(give_up) {}

  void pass() {
    arrived_.fetch_add(1);
    if (::pthread_equal(::pthread_self(), test_thread_)) {
      return;  // run inline, by the test's own thread: nobody is left to open the gate
    }
    if (!eventually([this] { return open_.load(); }, give_up_)) {
      open_ = true;
    }
  }
  bool all_arrived(int count) const {
    return eventually([&] { return arrived_.load() >= count; }, 1s);
  }
  bool is_open() const { return open_.load(); }
  void open() { open_ = true; }

 private:
  const std::chrono::milliseconds give_up_;
  const pthread_t test_thread_ = ::pthread_self();
  std::atomic<int> arrived_ = 0;
  std::atomic<bool> open_ = false;
};

// A pool of two threads, both held at `gate`, with 50 tasks queued behind
// them that count how many of them ran: what shutting down must finish.
struct QueuedBehindAGate {
  QueuedBehindAGate() {
    for (int i = 0; i < 2; ++i) {
      (void)pool->submit([this] { gate.pass(); });
    }
    gate.all_arrived(2);
    for (int i = 0; i < 50; ++i) {
      (void)pool->submit([ran = ran] { ran->fetch_add(1); });
    }
  }
  Gate gate;  // before the pool: its tasks use it until the pool has ended
  std::shared_ptr<std::atomic<int>> ran = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<ThreadPool> pool = std::make_shared<ThreadPool>(2);
};

// Once `pool` refuses new tasks (shutdown() has begun) and a little longer,
// opens `gate`: the queued tasks wait behind the gate until shutdown() is
// surely under way. (A pool that never refuses is let go after 1 s.)
std::jthread open_once_shutdown_began(ThreadPool& pool, Gate& gate) {
  return std::jthread([&pool, &gate] {
    eventually(
        [&] {
          if (gate.is_open()) {
            return true;  // it gave up waiting: there is nothing left to hold back
          }
          try {
            (void)pool.submit([] {});  // accepted while the pool still takes tasks: it does nothing
            return false;
          } catch (const std::runtime_error&) {
            return true;
          }
        },
        1s);
    std::this_thread::sleep_for(50ms);
    gate.open();
  });
}

}  // namespace

TEST(ThreadPool, SubmitGivesTheTasksResult) {
  EXPECT_EQ(in_child(kDeadline,
                     [] {
                       const PoolUnderTest pool(2);
                       auto answer = pool->submit([] { return 6 * 7; });
                       return result_of(answer);
                     }),
            42);
}

TEST(ThreadPool, SubmitQueuesTheTaskAndReturnsAtOnce) {
  // The task waits (up to 500 ms) until submit() has returned. Run on the
  // caller's thread, inside submit(), it waits in vain.
  const auto [ran_after_submit_returned, ran_on_the_caller] = in_child(kDeadline, [] {
    const PoolUnderTest pool(2);
    std::atomic<bool> submit_returned = false;
    const pthread_t caller = ::pthread_self();
    auto task = pool->submit([&] {
      const bool waited = eventually([&] { return submit_returned.load(); }, 500ms);
      return std::pair(waited, ::pthread_equal(::pthread_self(), caller) != 0);
    });
    submit_returned = true;
    return result_of(task);
  });
  EXPECT_FALSE(ran_on_the_caller)
      << "submit() ran the task on the caller's thread: it must queue it for one of the pool's threads";
  EXPECT_TRUE(ran_after_submit_returned)
      << "the task ran before submit() returned, inside it: submit() must queue the task and return at once";
}

TEST(ThreadPool, RunsTasksOnAllOfItsOwnThreads) {
  const auto [threads, on_the_caller] = in_child(kDeadline, [] {
    constexpr int kThreads = 4;
    const PoolUnderTest pool(kThreads);
    Gathering gathering(kThreads);
    std::vector<std::future<void>> done;
    for (int i = 0; i < 2 * kThreads; ++i) {
      done.push_back(pool->submit([&gathering] { gathering.attend(); }));
    }
    for (auto& future : done) {
      result_of(future);
    }
    return std::pair(gathering.threads().size(), gathering.ran_on(::pthread_self()));
  });
  EXPECT_FALSE(on_the_caller) << "a task ran on the caller's thread, not on one of the pool's";
  EXPECT_EQ(threads, 4u) << "a pool of 4 threads must run its tasks on 4 threads, 4 at once";
}

TEST(ThreadPool, RunsAsManyTasksAtOnceAsItHasThreadsAndNoMore) {
  // 3 tasks hold the pool's 3 threads at a gate; a fourth, queued behind them,
  // must not start until the gate opens.
  const auto [held_at_once, fourth_started_early, fourth_ran] = in_child(kDeadline, [] {
    constexpr int kThreads = 3;
    const PoolUnderTest pool(kThreads);
    Gate gate;
    course::InFlight inside;
    std::vector<std::future<void>> held;
    for (int i = 0; i < kThreads; ++i) {
      held.push_back(pool->submit([&] {
        const auto counted = inside.enter();
        gate.pass();
      }));
    }
    gate.all_arrived(kThreads);
    std::atomic<bool> started = false;
    std::atomic<bool> started_while_shut = false;
    auto fourth = pool->submit([&] {
      started_while_shut = !gate.is_open();  // a correct pool starts it only once a held task is done
      started = true;
    });
    eventually([&] { return started.load(); }, 200ms);  // the time for a fourth thread, if any, to take it
    const int at_once = inside.max();
    gate.open();
    for (auto& future : held) {
      result_of(future);
    }
    const bool ran = fourth.wait_for(1s) == std::future_status::ready;
    const bool early = started_while_shut.load();
    return std::tuple(at_once, early, ran);
  });
  ASSERT_EQ(held_at_once, 3) << "a pool of 3 threads must run 3 tasks at once: fewer means fewer threads, or "
                                "a thread that keeps the mutex locked while its task runs";
  EXPECT_FALSE(fourth_started_early) << "a fourth task started while the 3 threads were busy with the first "
                                        "three: the pool has more threads than it was asked for";
  EXPECT_TRUE(fourth_ran) << "the fourth task never ran once a thread was free";
}

TEST(ThreadPool, MapKeepsTheInputsOrderThoughTheyFinishInReverse) {
  // map() over 4 inputs on 4 threads; the call for input i waits (up to
  // 300 ms) until the one for input i + 1 has finished, so they finish last
  // input first.
  const auto squares = in_child(kDeadline, [] {
    const PoolUnderTest pool(4);
    std::vector<std::atomic<bool>> finished(5);
    finished[4] = true;
    std::atomic<bool> gave_up = false;  // one waited in vain: the others stop waiting
    return pool->map(
        [&](int i) {
          if (!eventually([&] { return finished[i + 1].load() || gave_up.load(); }, 300ms)) {
            gave_up = true;
          }
          finished[i] = true;
          return (i + 1) * (i + 1);
        },
        std::vector<int>{0, 1, 2, 3});
  });
  EXPECT_EQ(squares, (std::vector<int>{1, 4, 9, 16}))
      << "map()'s results must follow the inputs' order, whatever order the calls finished in";
}

TEST(ThreadPool, MapRunsTheCallsOnThePoolsThreadsAtOnce) {
  const auto [at_once, on_the_caller] = in_child(kDeadline, [] {
    const PoolUnderTest pool(4);
    Gathering gathering(4);
    pool->map(
        [&gathering](int) {
          gathering.attend();
          return 0;
        },
        std::vector<int>(4, 0));
    return std::pair(gathering.most_at_once(), gathering.ran_on(::pthread_self()));
  });
  EXPECT_FALSE(on_the_caller) << "map() ran a call on the caller's thread";
  EXPECT_EQ(at_once, 4) << "map() over 4 inputs on 4 threads must run the 4 calls at once";
}

TEST(ThreadPool, MapOfManyInputsGivesEveryResultInOrder) {
  const auto squares = in_child(kDeadline, [] {
    const PoolUnderTest pool(3);
    std::vector<long> inputs;
    for (long i = 0; i < 500; ++i) {
      inputs.push_back(i);
    }
    return pool->map([](long x) { return x * x; }, inputs);
  });
  std::vector<long> expected;
  for (long i = 0; i < 500; ++i) {
    expected.push_back(i * i);
  }
  EXPECT_EQ(squares, expected);
}

TEST(ThreadPool, AnExceptionComesOutOfItsOwnFutureOnly) {
  const auto [first, error, third] = in_child(kDeadline, [] {
    const PoolUnderTest pool(2);
    auto fine = pool->submit([] { return 1; });
    auto failing = pool->submit([]() -> int { throw std::runtime_error("task 2 failed"); });
    auto also_fine = pool->submit([] { return 3; });
    std::string what = "no exception";
    try {
      result_of(failing, "the throwing task");
    } catch (const std::exception& thrown) {
      what = thrown.what();
    }
    return std::tuple(result_of(fine), what, result_of(also_fine));
  });
  EXPECT_EQ(first, 1);
  EXPECT_EQ(error, "task 2 failed") << "the task's exception must come out of its own future's get()";
  EXPECT_EQ(third, 3);
}

TEST(ThreadPool, MapRethrowsAFailingTask) {
  const std::string what = in_child(kDeadline, [] {
    const PoolUnderTest pool(2);
    try {
      pool->map(
          [](int x) {
            if (x == 3) {
              throw std::invalid_argument("no threes");
            }
            return x;
          },
          std::vector<int>{1, 2, 3, 4});
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    } catch (const std::exception& other) {
      return std::string("another exception: ") + other.what();
    }
    return std::string("no exception");
  });
  EXPECT_EQ(what, "no threes") << "map() must rethrow the exception its failing call threw";
}

TEST(ThreadPool, ConcurrentSubmitsLoseNoTask) {
  // 4 threads submit 2,000 tasks each, at once, into a pool of 3 threads.
  const long total = in_child(kDeadline, [] {
    const PoolUnderTest pool(3);
    std::vector<std::vector<std::future<long>>> futures(4);
    {
      std::vector<std::jthread> submitters;
      for (long s = 0; s < 4; ++s) {
        submitters.emplace_back([&pool, &futures, s] {
          for (long i = 0; i < 2000; ++i) {
            futures[s].push_back(pool->submit([s, i] { return s * 2000 + i; }));
          }
        });
      }
    }
    long sum = 0;
    for (auto& batch : futures) {
      for (auto& future : batch) {
        sum += result_of(future);
      }
    }
    return sum;
  });
  EXPECT_EQ(total, 7999L * 8000 / 2) << "every task submitted, from whatever thread, must run exactly once";
}

TEST(ThreadPool, AThreadWokenForATaskAnotherThreadTookWaitsAgain) {
  // A wake-up can find nothing to do: a spurious one, or one whose task
  // another thread took first. Made on purpose here: thread B is held in a
  // signal handler while asleep in wait(); thread A runs a task that queues a
  // second one, whose wake-up goes to B, the only sleeper, and then takes that
  // second task itself. When B is let go, the queue is empty: B must wait
  // again, not end, and not take a task that is not there.
  const auto [threads_before, lined_up, threads_after] = in_child(kDeadline, [] {
    const PoolUnderTest pool(2);
    const std::vector<ThreadHandle> threads = meet_every_thread(*pool, 2);
    if (threads.size() != 2) {
      return std::tuple(threads.size(), false, threads.size());
    }
    probe::SignalHold hold;
    const ThreadHandle sleeper = threads[1];
    bool ready = probe::all_settle(threads) && hold.hold(sleeper);

    step("a task queues a second task, which its own thread then takes");
    std::future<void> second;
    std::atomic<bool> second_started = false;
    auto first = pool->submit([&] { second = pool->submit([&second_started] { second_started = true; }); });
    result_of(first);
    ready = eventually([&] { return second_started.load(); }, 1s) && ready;

    step("let go of the thread woken for a task that is gone: it must wait again");
    hold.release();
    probe::settles(sleeper);  // asleep again, or ended
    return std::tuple(threads.size(), ready, meet_every_thread(*pool, 2).size());
  });
  ASSERT_EQ(threads_before, 2u) << "the pool never ran 2 tasks at once";
  ASSERT_TRUE(lined_up)
      << "the test could not line the threads up (a task did not run, or a thread never slept)";
  EXPECT_EQ(threads_after, 2u)
      << "after a wake-up that found the queue empty (another thread had taken the task), the pool no longer "
         "runs 2 tasks at once: a thread ended. A wait() checked once with `if` lets a thread through "
         "without a task; wait with a predicate, which checks again after every wake-up and waits again";
}

TEST(ThreadPool, IdleThreadsSleepInsteadOfPolling) {
  // 4 idle threads, watched for 300 ms. Asleep in wait(), they are never found
  // awake, use no CPU and are not switched out, however busy the machine is.
  // Threads that spin are awake in every sample; threads that poll (look at
  // the queue, sleep a little, look again) are switched out at every look.
  const auto [threads, watched] = in_child(kDeadline, [] {
    const PoolUnderTest pool(4);
    // Every thread has started and run a task, and now has nothing to do.
    const std::vector<ThreadHandle> threads = meet_every_thread(*pool, 4);
    if (threads.size() != 4) {
      return std::pair(threads.size(), probe::Watched{});
    }
    probe::all_settle(threads);
    return std::pair(threads.size(), probe::watch(threads, 300ms));
  });
  ASSERT_EQ(threads, 4u) << "the pool never ran 4 tasks at once";
  if (watched.share_awake >= 0) {
    EXPECT_LT(watched.share_awake, 0.2)
        << "the 4 idle threads were awake (running, or ready to run) in "
        << static_cast<int>(watched.share_awake * 100)
        << "% of the samples taken over 300 ms. Threads asleep in wait() until a task is queued are never "
           "found awake; threads that spin, or poll (sleep a little and look again), are";
  }
  EXPECT_LT(watched.cpu_ms, 30)
      << "4 idle threads used " << watched.cpu_ms
      << " ms of CPU in 300 ms: they spin, checking the queue, instead of sleeping in wait()";
  EXPECT_LT(watched.switches, 40) << "4 idle threads woke up " << watched.switches
                                  << " times in 300 ms: they poll (sleep a little and look again) instead of "
                                     "sleeping in wait() until a task is queued";
}

// ------------------------------------------------------------ shutting down

TEST(ThreadPool, ShutdownRunsEveryQueuedTaskFirst) {
  // Both threads wait at a gate, with 50 tasks queued behind them, until
  // shutdown() has begun; shutdown() must still run all 50.
  const int ran = in_child(kDeadline, [] {
    QueuedBehindAGate queued;
    const std::jthread opener = open_once_shutdown_began(*queued.pool, queued.gate);
    step("shutdown() with 50 tasks queued");
    shut_down_within(
        2s, [pool = queued.pool] { pool->shutdown(); },
        "shutdown() did not return within 2 s, with 50 short tasks to run: it waits for something that never "
        "happens");
    return queued.ran->load();
  });
  EXPECT_EQ(ran, 50) << "shutdown() must let every queued task run first: a thread may end only when the "
                        "pool is stopping AND the queue is empty";
}

TEST(ThreadPool, TheDestructorRunsEveryQueuedTaskThenJoins) {
  const int ran = in_child(kDeadline, [] {
    QueuedBehindAGate queued;
    const std::jthread opener([&gate = queued.gate] {
      std::this_thread::sleep_for(100ms);  // while the destructor waits
      gate.open();
    });
    step("destroying the pool with 50 tasks queued");
    shut_down_within(
        2s, [last = std::move(queued.pool)]() mutable { last.reset(); },
        "the pool's destructor did not return within 2 s, with 50 short tasks to run");
    return queued.ran->load();  // what ran before the destructor returned
  });
  EXPECT_EQ(ran, 50) << "the destructor must run every queued task, and join the threads, before it returns";
}

TEST(ThreadPool, ShutdownWakesEveryIdleThread) {
  // 4 threads, each has run a task and is now asleep, waiting for the next.
  const auto [threads, returned] = in_child(kDeadline, [] {
    auto pool = std::make_shared<ThreadPool>(4);
    const std::vector<ThreadHandle> threads = meet_every_thread(*pool, 4);
    if (threads.size() != 4) {
      return std::pair(threads.size(), false);
    }
    probe::all_settle(threads);
    step("shutdown() of a pool whose 4 threads are asleep");
    return std::pair(threads.size(), probe::returns_within(1s, [pool] { pool->shutdown(); }));
  });
  ASSERT_EQ(threads, 4u) << "the pool never ran 4 tasks at once";
  EXPECT_TRUE(returned)
      << "shutdown() did not return within 1 s: threads asleep in wait() were never woken. notify_one() "
         "wakes one thread; shutdown() must wake them all (notify_all), so that each sees stopping_ and ends";
}

TEST(ThreadPool, TheDestructorOfAnIdlePoolReturns) {
  const auto [threads, returned] = in_child(kDeadline, [] {
    auto pool = std::make_shared<ThreadPool>(3);
    const std::vector<ThreadHandle> threads = meet_every_thread(*pool, 3);
    if (threads.size() != 3) {
      return std::pair(threads.size(), false);
    }
    probe::all_settle(threads);
    step("destroying a pool whose 3 threads are asleep");
    return std::pair(threads.size(),
                     probe::returns_within(1s, [last = std::move(pool)]() mutable { last.reset(); }));
  });
  ASSERT_EQ(threads, 3u) << "the pool never ran 3 tasks at once";
  EXPECT_TRUE(returned) << "the destructor of an idle pool did not return within 1 s: its threads, asleep "
                           "in wait(), were never woken (notify_all), or never end";
}

TEST(ThreadPool, SubmitAfterShutdownThrows) {
  const auto [refused, ran] = in_child(kDeadline, [] {
    auto pool = std::make_shared<ThreadPool>(1);
    pool->shutdown();
    auto ran = std::make_shared<std::atomic<bool>>(false);
    bool refused = false;
    try {
      (void)pool->submit([ran] { *ran = true; });
    } catch (const std::runtime_error&) {
      refused = true;
    }
    shut_down_within(
        1s, [last = std::move(pool)]() mutable { last.reset(); },
        "the destructor, after shutdown(), did not return within 1 s");
    return std::pair(refused, ran->load());
  });
  EXPECT_TRUE(refused) << "submit() after shutdown() must throw std::runtime_error";
  EXPECT_FALSE(ran) << "a task submitted after shutdown() ran";
}

TEST(ThreadPool, ShutdownWithCancelDropsQueuedTasksAndFinishesTheRunningOne) {
  // The pool's one thread runs a task held at a gate; 5 more are queued behind
  // it. shutdown(Queued::cancel) drops the 5; the gate opens only once it has begun.
  struct Outcome {
    bool running_task_finished_first;  // before shutdown(Queued::cancel) returned
    int queued_that_ran;
    int dropped_futures_ready;  // ready as soon as shutdown(Queued::cancel) returned
    int dropped_with_broken_promise;
  };
  const Outcome outcome = in_child(kDeadline, [] {
    auto pool = std::make_shared<ThreadPool>(1);
    Gate gate(1s);  // held until shutdown(Queued::cancel) has begun, even on a very busy machine
    auto running_finished = std::make_shared<std::atomic<bool>>(false);
    (void)pool->submit([&gate, running_finished] {
      gate.pass();
      *running_finished = true;
    });
    gate.all_arrived(1);
    auto ran = std::make_shared<std::atomic<int>>(0);
    std::vector<std::future<void>> queued;
    for (int i = 0; i < 5; ++i) {
      queued.push_back(pool->submit([ran] { ran->fetch_add(1); }));
    }
    Outcome seen{};
    {
      const std::jthread opener = open_once_shutdown_began(*pool, gate);
      step("shutdown(Queued::cancel) with 5 tasks queued and 1 running");
      auto finished_first = std::make_shared<std::atomic<bool>>(false);
      shut_down_within(
          2s,
          [pool, running_finished, finished_first] {
            pool->shutdown(ThreadPool::Queued::cancel);
            *finished_first = running_finished->load();
          },
          "shutdown(Queued::cancel) did not return within 2 s, though its one running task is short");
      seen.running_task_finished_first = finished_first->load();
    }
    for (auto& future : queued) {
      if (future.wait_for(0s) == std::future_status::ready) {
        ++seen.dropped_futures_ready;
        try {
          future.get();
        } catch (const std::future_error& error) {
          seen.dropped_with_broken_promise += error.code() == std::future_errc::broken_promise ? 1 : 0;
        }
      }
    }
    seen.queued_that_ran = ran->load();
    return seen;
  });
  EXPECT_TRUE(outcome.running_task_finished_first)
      << "shutdown(Queued::cancel) returned while a task was still running: it must still join the threads";
  EXPECT_EQ(outcome.queued_that_ran, 0)
      << "shutdown(Queued::cancel) must drop the queued tasks that have not started";
  EXPECT_EQ(outcome.dropped_futures_ready, 5)
      << "the futures of the dropped tasks must be ready when shutdown(Queued::cancel) returns: destroy the "
         "dropped "
         "jobs; a packaged_task destroyed unrun stores broken_promise in its future";
  EXPECT_EQ(outcome.dropped_with_broken_promise, 5)
      << "a dropped task's future must throw std::future_error (broken_promise)";
}

TEST(ThreadPool, ASecondShutdownDoesNoHarm) {
  // shutdown(), then shutdown(Queued::cancel), then the destructor's own shutdown().
  const std::string problem = in_child(kDeadline, [] {
    auto pool = std::make_shared<ThreadPool>(1);  // one thread: this test is not about waking them all
    auto task = pool->submit([] {});
    result_of(task);
    try {
      shut_down_within(
          2s, [pool] { pool->shutdown(); }, "the first shutdown() did not return within 2 s");
      shut_down_within(
          2s, [pool] { pool->shutdown(ThreadPool::Queued::cancel); },
          "a second shutdown() did not return within 2 s");
      shut_down_within(
          1s, [last = std::move(pool)]() mutable { last.reset(); },
          "the destructor, after two shutdowns, did not return within 1 s");
    } catch (const std::system_error& error) {
      return std::string("a shutdown after the first threw: ") + error.what();
    }
    return std::string();
  });
  EXPECT_EQ(problem, "") << "shutdown() may be called again (the destructor does): it must do no harm, e.g. "
                            "join only the threads that are still joinable()";
}
