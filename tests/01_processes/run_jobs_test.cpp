// Tests of run_jobs(). Each test runs run_jobs() inside an isolated child with a
// deadline, so a careless fork (a child returning into the test) or a hang
// fails one test with a message instead of wrecking the whole run.
#include "run_jobs.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::in_child;
using course::testing::SharedScratch;

namespace {

// run_jobs(jobs) in an isolated child; its results come back to the test.
std::vector<JobResult> run_isolated(const std::vector<Job>& jobs) {
  return in_child(5s, [&] { return run_jobs(jobs); });
}

// How each job ended, in words a failure can show: "exit 3", "signal 6".
std::vector<std::string> endings(const std::vector<JobResult>& results) {
  std::vector<std::string> words;
  for (const JobResult& result : results) {
    if (result.exited) {
      words.push_back("exit " + std::to_string(result.exit_code));
    } else if (result.signal != 0) {
      words.push_back("signal " + std::to_string(result.signal));
    } else {
      words.push_back("no status");
    }
  }
  return words;
}

}  // namespace

TEST(RunJobs, CollectsExitCodesInTheJobsOrder) {
  const auto results = run_isolated({[] { return 0; }, [] { return 3; },
                                     [] {
                                       return 42;
                                     }});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].exited && results[0].exit_code == 0) << "job 0 returned 0";
  EXPECT_TRUE(results[1].exited && results[1].exit_code == 3) << "job 1 returned 3";
  EXPECT_TRUE(results[2].exited && results[2].exit_code == 42) << "job 2 returned 42";
}

TEST(RunJobs, ReportsInTheJobsOrderEvenWhenTheyFinishInReverse) {
  // Job i waits until job i+1 has finished, so the last job ends first and the
  // first job ends last. results[i] must still be job i's.
  constexpr int kJobs = 4;
  SharedScratch<std::atomic<bool>> done(kJobs + 1);
  done[kJobs] = true;
  std::vector<Job> jobs;
  for (int i = 0; i < kJobs; ++i) {
    jobs.push_back([&done, i] {
      course::testing::eventually([&] { return done[i + 1].load(); }, 500ms);
      std::this_thread::sleep_for(30ms);  // so that job i+1 has really exited, not just said so
      done[i] = true;
      return 10 + i;
    });
  }
  EXPECT_EQ(endings(run_isolated(jobs)),
            (std::vector<std::string>{"exit 10", "exit 11", "exit 12", "exit 13"}))
      << "results[i] must describe jobs[i], whatever order the children finished in";
}

TEST(RunJobs, RunsEachJobInAProcessOfItsOwn) {
  // Each job writes the PID it sees into memory shared with the test.
  SharedScratch<pid_t> seen(3);
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < 3; ++i) {
    jobs.push_back([&seen, i] {
      seen[i] = ::getpid();
      return 0;
    });
  }
  const auto [caller_pid, results] = in_child(5s, [&] { return std::pair(::getpid(), run_jobs(jobs)); });
  ASSERT_EQ(results.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NE(seen[i], 0) << "job " << i << " never ran";
    EXPECT_NE(seen[i], caller_pid) << "job " << i << " ran in the caller's process, not in a child";
    EXPECT_EQ(results[i].pid, seen[i]) << "results[" << i << "].pid is not the process that ran job " << i;
  }
  EXPECT_NE(seen[0], seen[1]);
  EXPECT_NE(seen[1], seen[2]);
}

TEST(RunJobs, StartsEveryJobBeforeWaitingForAny) {
  // Each job waits until all of them have started. If they run one after
  // another, each gives up after a second and returns 1.
  constexpr int kJobs = 3;
  SharedScratch<std::atomic<int>> started(1);
  std::vector<Job> jobs(kJobs, [&started] {
    started[0].fetch_add(1);
    return course::testing::eventually([&started] { return started[0].load() == kJobs; }, 1s) ? 0 : 1;
  });
  const auto results = in_child(
      8s, [&] { return run_jobs(jobs); }, "the jobs ran one after another, not at the same time");
  EXPECT_EQ(endings(results), std::vector<std::string>(kJobs, "exit 0"))
      << "a job gave up waiting for the others (exit code 1): the jobs did not all run at the same "
         "time. Start every child before waiting for any";
}

TEST(RunJobs, ReportsTheSignalThatKilledACrashedJob) {
  const auto results = run_isolated({
      []() -> int { std::abort(); },
      [] { return 0; },
      []() -> int {
        ::raise(SIGKILL);
        return 0;
      },
  });
  ASSERT_EQ(results.size(), 3u);
  EXPECT_FALSE(results[0].exited);
  EXPECT_EQ(results[0].signal, SIGABRT) << "job 0 called abort()";
  EXPECT_TRUE(results[1].exited && results[1].exit_code == 0) << "a crash must not affect the other jobs";
  EXPECT_FALSE(results[2].exited);
  EXPECT_EQ(results[2].signal, SIGKILL) << "job 2 was killed by SIGKILL";
}

TEST(RunJobs, AJobThatThrowsEndsItsChildWithTheAgreedCode) {
  const auto results = run_isolated({[]() -> int { throw std::runtime_error("bad job"); },
                                     [] {
                                       return 5;
                                     }});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].exited);
  EXPECT_EQ(results[0].exit_code, kJobThrewExitCode)
      << "a job that throws ends its child with kJobThrewExitCode; an exception that escapes the "
         "child's branch runs the caller's code a second time, in the child (exit code "
      << course::testing::kReturnedIntoTestExitCode << " is the test harness stopping it there)";
  EXPECT_EQ(results[1].exit_code, 5);
}

namespace {

SharedScratch<std::atomic<int>> exit_handler_runs(1);
void count_exit_handler_run() {
  exit_handler_runs[0].fetch_add(1);
}

}  // namespace

TEST(RunJobs, ChildrenEndWithoutRunningExitHandlers) {
  // The caller registered cleanup with atexit(). exit() in a child would run it
  // there too: a second flush of the caller's buffers, a second "goodbye".
  exit_handler_runs[0] = 0;
  const auto results = in_child(5s, [] {
    std::atexit(count_exit_handler_run);
    return run_jobs({[] { return 0; }, [] { return 1; },
                     []() -> int {
                       throw std::runtime_error("x");
                     }});
  });
  EXPECT_EQ(endings(results),
            (std::vector<std::string>{"exit 0", "exit 1", "exit " + std::to_string(kJobThrewExitCode)}));
  EXPECT_EQ(exit_handler_runs[0].load(), 0)
      << "a child ran the caller's atexit handlers: end a child with _exit(), not exit() or return";
}

namespace {

void ignore_signal(int) {}

}  // namespace

TEST(RunJobs, WaitingSurvivesSignals) {
  // Another thread interrupts the caller every 5 ms with a signal whose handler
  // was installed without SA_RESTART, as many programs have: waitpid() then
  // returns -1 with EINTR. The status it did not fill in is not an answer.
  const auto results = in_child(5s, [] {
    struct sigaction action {};
    action.sa_handler = ignore_signal;
    action.sa_flags = 0;  // no SA_RESTART: an interrupted call fails with EINTR
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGUSR1, &action, nullptr);
    const pthread_t caller = ::pthread_self();
    std::jthread interrupter([caller](std::stop_token stop) {
      while (!stop.stop_requested()) {
        ::pthread_kill(caller, SIGUSR1);
        std::this_thread::sleep_for(5ms);
      }
    });
    return run_jobs({[] {
                       std::this_thread::sleep_for(200ms);
                       return 7;
                     },
                     [] {
                       std::this_thread::sleep_for(100ms);
                       return 8;
                     }});
  });
  EXPECT_EQ(endings(results), (std::vector<std::string>{"exit 7", "exit 8"}))
      << "waitpid() returned -1 with errno EINTR (a signal arrived): call it again, and only read the "
         "status once it has returned the child's PID";
}

TEST(RunJobs, LeavesNoZombieBehind) {
  const std::string problems = in_child(5s, [] {
    const auto results = run_jobs({[] {
                                     std::this_thread::sleep_for(100ms);  // still running a while
                                     return 0;
                                   },
                                   [] { return 1; },
                                   []() -> int {
                                     std::abort();
                                   }});
    std::string found;
    for (const JobResult& result : results) {
      if (result.pid <= 0) {
        found += "a job has no PID; ";
      } else if (::kill(result.pid, 0) == 0) {
        found += "child " + std::to_string(result.pid) + " still exists (a zombie, or running); ";
      }
    }
    // Nothing at all is left to wait for.
    if (::waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD) {
      found += "a child was never reaped; ";
    }
    return found;
  });
  EXPECT_EQ(problems, "") << "every child must be waited for before run_jobs() returns";
}

TEST(RunJobs, NoJobsNoResults) {
  EXPECT_TRUE(run_isolated({}).empty());
}
