// Tests of run_jobs(). Each test runs run_jobs() inside an isolated child with a
// deadline, so a careless fork (a child returning into the test) or a hang
// fails one test with a message instead of wrecking the whole run.
#include "run_jobs.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;
using course::testing::SharedScratch;

namespace {

std::string encode(const std::vector<JobResult>& results) {
  std::ostringstream out;
  for (const JobResult& r : results) {
    out << r.pid << ' ' << r.exited << ' ' << r.exit_code << ' ' << r.signal << '\n';
  }
  return out.str();
}

std::vector<JobResult> decode(const std::string& text) {
  std::istringstream in(text);
  std::vector<JobResult> results;
  JobResult r;
  while (in >> r.pid >> r.exited >> r.exit_code >> r.signal) {
    results.push_back(r);
  }
  return results;
}

// run_jobs(jobs) in an isolated child; its results come back to the test.
std::vector<JobResult> run_isolated(const std::vector<Job>& jobs) {
  const auto run = run_in_child(5s, [&] { return encode(run_jobs(jobs)); });
  EXPECT_TRUE(finished(run));
  return decode(run.payload);
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
  const auto run =
      run_in_child(5s, [&] { return std::to_string(::getpid()) + "\n" + encode(run_jobs(jobs)); });
  ASSERT_TRUE(finished(run));
  const pid_t caller_pid = std::stoi(run.payload);
  const auto results = decode(run.payload.substr(run.payload.find('\n') + 1));
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
  // another, the first one gives up after 2 s and returns 1.
  constexpr int kJobs = 4;
  SharedScratch<std::atomic<int>> started(1);
  std::vector<Job> jobs(kJobs, [&started] {
    started[0].fetch_add(1);
    return course::testing::eventually([&started] { return started[0].load() == kJobs; }, 2s) ? 0 : 1;
  });
  const auto results = run_isolated(jobs);
  ASSERT_EQ(results.size(), static_cast<std::size_t>(kJobs));
  for (const JobResult& result : results) {
    EXPECT_TRUE(result.exited && result.exit_code == 0)
        << "the jobs did not all run at the same time: start every child before waiting for any";
  }
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
  EXPECT_EQ(results[0].exit_code, kJobThrewExitCode);
  EXPECT_EQ(results[1].exit_code, 5);
}

TEST(RunJobs, LeavesNoZombieBehind) {
  const auto run = run_in_child(5s, [] {
    const auto results = run_jobs({[] { return 0; }, [] { return 1; },
                                   []() -> int {
                                     std::abort();
                                   }});
    std::string problems;
    for (const JobResult& result : results) {
      if (result.pid <= 0) {
        problems += "a job has no PID; ";
      } else if (::kill(result.pid, 0) == 0) {
        problems += "child " + std::to_string(result.pid) + " still exists (a zombie, or running); ";
      }
    }
    // Nothing at all is left to wait for.
    if (::waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD) {
      problems += "a child was never reaped; ";
    }
    return problems;
  });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "") << "every child must be waited for";
}

TEST(RunJobs, NoJobsNoResults) {
  const auto run = run_in_child(5s, [] { return encode(run_jobs({})); });
  ASSERT_TRUE(finished(run));
  EXPECT_EQ(run.payload, "");
}
