// Tests of ThreadPool. A pool that runs tasks inline, drops tasks at shutdown
// or swallows exceptions fails here. Concurrency is counted (which threads,
// how many at once), never timed. Each test runs in an isolated child with a
// deadline, so a pool whose threads never wake fails instead of hanging.
#include "thread_pool.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/instrument.hpp"
#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;

namespace {

// Waits until `count` tasks are inside at once, or 200 ms have passed.
void wait_for_company(const course::InFlight& inside, int count) {
  course::testing::eventually([&] { return inside.current() >= count; }, 200ms);
}

// Queues 50 tasks of 1 ms, each counting itself in `ran` when it has run.
void submit_fifty_counting_tasks(ThreadPool& pool, std::atomic<int>& ran) {
  for (int i = 0; i < 50; ++i) {
    pool.submit([&ran] {
      std::this_thread::sleep_for(1ms);
      ran.fetch_add(1);
    });
  }
}

}  // namespace

TEST(ThreadPool, SubmitGivesTheTasksResult) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(2);
    return std::to_string(pool.submit([] { return 6 * 7; }).get());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "42");
}

TEST(ThreadPool, MapKeepsTheInputsOrder) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(4);
    std::vector<int> inputs;
    for (int i = 1; i <= 40; ++i) {
      inputs.push_back(i);
    }
    // Later inputs finish first, so completion order is not input order.
    const auto squares = pool.map(
        [](int x) {
          std::this_thread::sleep_for(std::chrono::microseconds(2000 - 40 * x));
          return x * x;
        },
        inputs);
    std::string text;
    for (const int square : squares) {
      text += std::to_string(square) + " ";
    }
    return text;
  });
  ASSERT_TRUE(finished(run));
  std::string expected;
  for (int i = 1; i <= 40; ++i) {
    expected += std::to_string(i * i) + " ";
  }
  EXPECT_EQ(run.payload, expected);
}

TEST(ThreadPool, RunsTasksOnAllOfItsOwnThreads) {
  const auto run = run_in_child(5s, [] {
    constexpr int kThreads = 4;
    ThreadPool pool(kThreads);
    course::InFlight inside;
    std::mutex ids_mutex;
    std::set<std::thread::id> ids;
    std::vector<std::future<void>> done;
    for (int i = 0; i < 2 * kThreads; ++i) {
      done.push_back(pool.submit([&] {
        const auto counted = inside.enter();
        {
          std::scoped_lock lock(ids_mutex);
          ids.insert(std::this_thread::get_id());
        }
        wait_for_company(inside, kThreads);
      }));
    }
    for (auto& future : done) {
      future.get();
    }
    const bool on_caller = ids.count(std::this_thread::get_id()) > 0;
    return std::to_string(ids.size()) + (on_caller ? " on the caller's thread" : "");
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "4") << "4 threads must run the tasks, none of them the caller's";
}

TEST(ThreadPool, RunsAtMostItsThreadCountAtOnceAndReachesIt) {
  const auto run = run_in_child(5s, [] {
    constexpr int kThreads = 3;
    ThreadPool pool(kThreads);
    course::InFlight inside;
    std::vector<std::future<void>> done;
    for (int i = 0; i < 12; ++i) {
      done.push_back(pool.submit([&] {
        const auto counted = inside.enter();
        wait_for_company(inside, kThreads);
      }));
    }
    for (auto& future : done) {
      future.get();
    }
    return std::to_string(inside.max());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "3") << "the most tasks running at once must be exactly the number of threads";
}

TEST(ThreadPool, ShutdownRunsEveryTaskSubmittedBeforeIt) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(2);
    std::atomic<int> ran = 0;
    submit_fifty_counting_tasks(pool, ran);
    pool.shutdown();
    return std::to_string(ran.load());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "50") << "shutdown() must let every queued task run first";
}

TEST(ThreadPool, TheDestructorRunsEveryQueuedTaskAndJoins) {
  const auto run = run_in_child(5s, [] {
    std::atomic<int> ran = 0;
    {
      ThreadPool pool(2);
      submit_fifty_counting_tasks(pool, ran);
    }
    return std::to_string(ran.load());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "50");
}

TEST(ThreadPool, AnExceptionComesOutOfItsOwnFutureOnly) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(2);
    auto fine = pool.submit([] { return 1; });
    auto failing = pool.submit([]() -> int { throw std::runtime_error("task 2 failed"); });
    auto also_fine = pool.submit([] { return 3; });
    std::string text = std::to_string(fine.get()) + " ";
    try {
      failing.get();
      text += "no exception ";
    } catch (const std::runtime_error& error) {
      text += std::string(error.what()) + " ";
    }
    return text + std::to_string(also_fine.get());
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "1 task 2 failed 3");
}

TEST(ThreadPool, MapRethrowsAFailingTask) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(2);
    try {
      pool.map(
          [](int x) {
            if (x == 3) {
              throw std::invalid_argument("no threes");
            }
            return x;
          },
          std::vector<int>{1, 2, 3, 4});
      return std::string("no exception");
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "no threes");
}

TEST(ThreadPool, SubmitAfterShutdownThrows) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(1);
    pool.shutdown();
    try {
      pool.submit([] { return 0; });
      return std::string("accepted");
    } catch (const std::runtime_error&) {
      return std::string("refused");
    }
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "refused");
}

TEST(ThreadPool, ShutdownWithCancelDropsTasksThatHaveNotStarted) {
  const auto run = run_in_child(5s, [] {
    ThreadPool pool(1);
    std::atomic<bool> started = false;
    std::atomic<bool> release = false;
    std::atomic<int> ran = 0;
    auto busy = pool.submit([&] {
      started = true;
      while (!release.load()) {
        std::this_thread::sleep_for(1ms);
      }
      ran.fetch_add(1);
    });
    std::vector<std::future<void>> queued;
    for (int i = 0; i < 5; ++i) {
      queued.push_back(pool.submit([&ran] { ran.fetch_add(1); }));
    }
    course::testing::eventually([&started] { return started.load(); }, 2s);  // the first task is running
    std::jthread releaser([&release] {
      std::this_thread::sleep_for(300ms);  // long after shutdown() has emptied the queue
      release = true;
    });
    pool.shutdown(true);
    int broken = 0;
    for (auto& future : queued) {
      try {
        future.get();
      } catch (const std::future_error&) {
        ++broken;
      }
    }
    return std::to_string(ran.load()) + " " + std::to_string(broken);
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "1 5")
      << "the running task finishes; the 5 queued ones are dropped (broken_promise)";
}
