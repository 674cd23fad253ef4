#include "course/testing.hpp"

#include <poll.h>
#include <unistd.h>

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <optional>

#include <fmt/core.h>

#include "course/deadlock.hpp"
#include "course/demo.hpp"
#include "course/fd.hpp"

namespace course::testing {
namespace {

constexpr char kReturned = 'R';
constexpr char kThrew = 'E';
// The exit code the course's sanitizer runs give a process they stop at a
// report (TSan's default; ASAN_OPTIONS exitcode=66 where the course sets it).
constexpr int kSanitizerExitCode = 66;

void write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;  // the parent has gone; nobody is left to tell
    }
    written += static_cast<std::size_t>(n);
  }
}

// Reads what is available now; false once the writer has closed its end.
bool read_available(int fd, std::string& into) {
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    into.append(buffer, static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && errno == EINTR;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

// The page a child's step() writes to and the test reads after the child has
// ended. Shared, so that it survives the child being killed at the deadline.
class StepPage {
 public:
  static constexpr std::size_t kSize = 256;
  StepPage() {
    void* memory = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    text_ = memory == MAP_FAILED ? nullptr : static_cast<char*>(memory);  // then steps go unrecorded
  }
  ~StepPage() {
    if (text_ != nullptr) {
      ::munmap(text_, kSize);
    }
  }
  StepPage(const StepPage&) = delete;
  StepPage& operator=(const StepPage&) = delete;

  char* text() const { return text_; }
  std::string read() const { return text_ == nullptr ? std::string() : std::string(text_); }

 private:
  char* text_ = nullptr;  // zeroed by mmap: no step yet
};

// In a child of run_in_child: where step() writes. Only that child writes, so
// a mutex of its own keeps its threads' steps whole.
char* current_step_page = nullptr;
std::mutex current_step_mutex;

}  // namespace

void step(std::string_view what) {
  const std::scoped_lock lock(current_step_mutex);
  if (current_step_page == nullptr) {
    return;
  }
  const std::size_t length = std::min(what.size(), StepPage::kSize - 1);
  std::memcpy(current_step_page, what.data(), length);
  current_step_page[length] = '\0';
}

ChildRun run_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body) {
  Pipe pipe = make_pipe();
  const StepPage step_page;
  ChildProcess child = ChildProcess::start(
      [&]() -> int {
        pipe.read_end.reset();
        current_step_page = step_page.text();
        // A backstop: if the parent itself is killed, the child must not live on.
        ::alarm(static_cast<unsigned>(deadline.count() / 1000 + 10));
        const pid_t me = ::getpid();
        std::string message(1, kReturned);
        try {
          message += body();
        } catch (const std::exception& error) {
          message = std::string(1, kThrew) + error.what();
        } catch (...) {
          message = std::string(1, kThrew) + "an exception that is not a std::exception";
        }
        if (::getpid() != me) {
          std::fprintf(stderr,
                       "a process forked by the test returned into it: a child must end with _exit()\n");
          return kReturnedIntoTestExitCode;
        }
        write_all(pipe.write_end.get(), message);
        return 0;
      },
      ChildProcess::Group::own);
  const pid_t child_pid = child.pid();
  pipe.write_end.reset();

  ChildRun run;
  run.deadline = deadline;
  std::string received;
  bool writer_open = true;
  std::optional<ExitStatus> status;
  const auto give_up_at = std::chrono::steady_clock::now() + deadline;
  while (!status || writer_open) {
    pollfd ready{pipe.read_end.get(), POLLIN, 0};
    if (writer_open && ::poll(&ready, 1, 5) > 0) {
      writer_open = read_available(pipe.read_end.get(), received);
    }
    if (!status) {
      status = child.wait_for(std::chrono::milliseconds(writer_open ? 0 : 5));
    }
    // Something the body forked may hold the pipe open after the child is gone.
    if (status && ::poll(&ready, 1, 0) == 0) {
      break;
    }
    if (!status && std::chrono::steady_clock::now() >= give_up_at) {
      child.kill_group();
      run.status = child.wait();
      run.outcome = ChildRun::Outcome::timed_out;
      run.last_step = step_page.read();
      return run;
    }
  }
  ::kill(-child_pid, SIGKILL);  // anything the body forked and left behind
  run.status = *status;
  run.last_step = step_page.read();
  if (run.status.ok() && !received.empty()) {
    run.outcome = received.front() == kReturned ? ChildRun::Outcome::finished : ChildRun::Outcome::threw;
    run.payload = received.substr(1);
  } else {
    run.outcome = ChildRun::Outcome::crashed;
  }
  return run;
}

namespace {

// COURSE_HANG=1 keeps a deadlocked test hung, for a debugger, as --hang does for the demos.
bool keep_deadlocks_hung() {
  const char* hang = std::getenv("COURSE_HANG");
  return hang != nullptr && *hang != '\0' && std::string_view(hang) != "0";
}

}  // namespace

ChildRun run_watched_in_child(std::chrono::milliseconds deadline, const std::function<std::string()>& body) {
  const bool hang = keep_deadlocks_hung();
  using OnDeadlock = DeadlockWatchdog::OnDeadlock;
  // Kept hung, the test waits until the person at the debugger ends it (Ctrl-C).
  return run_in_child(hang ? std::chrono::hours(24) : deadline, [&body, hang] {
    const DeadlockWatchdog watchdog(hang ? OnDeadlock::hang : OnDeadlock::end_test,
                                    std::chrono::milliseconds(200));
    return body();
  });
}

namespace {

std::string last_step_text(const ChildRun& run) {
  return run.last_step.empty() ? std::string() : "; its last step: " + run.last_step;
}

// The command that runs the current test alone, with its deadlock kept hung.
std::string hang_command() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  char program[4096] = {};
  const ssize_t length = ::readlink("/proc/self/exe", program, sizeof program - 1);
  const std::string path =
      length > 0 ? std::string(program, static_cast<std::size_t>(length)) : "<this test program>";
  const std::string filter =
      test == nullptr ? "<the test>" : std::string(test->test_suite_name()) + "." + test->name();
  return "COURSE_HANG=1 " + path + " --gtest_filter=" + filter;
}

}  // namespace

::testing::AssertionResult finished(const ChildRun& run, std::string_view if_late) {
  switch (run.outcome) {
    case ChildRun::Outcome::finished:
      return ::testing::AssertionSuccess();
    case ChildRun::Outcome::threw:
      return ::testing::AssertionFailure() << "the code under test threw: " << run.payload;
    case ChildRun::Outcome::crashed:
      if (!run.status.exited && run.status.signal == SIGALRM) {
        return ::testing::AssertionFailure() << "did not finish within " << seconds_text(run.deadline) << ": "
                                             << if_late << last_step_text(run);
      }
      if (run.status.exited && run.status.code == kDeadlockExitCode) {
        return ::testing::AssertionFailure()
               << "DEADLOCK: the watchdog found threads waiting for each other in a cycle (printed above)"
               << last_step_text(run)
               << ".\nTo keep it hung and see its threads in gdb, run this test alone:\n  " << hang_command();
      }
      if (run.status.exited && run.status.code == kSanitizerExitCode) {
        return ::testing::AssertionFailure()
               << "a sanitizer stopped the code under test: ThreadSanitizer found a data race, or "
                  "AddressSanitizer a memory error (its report is printed above)"
               << last_step_text(run);
      }
      return ::testing::AssertionFailure()
             << "the process running the code under test " << run.status.describe() << last_step_text(run);
    case ChildRun::Outcome::timed_out:
      return ::testing::AssertionFailure() << "did not finish within " << seconds_text(run.deadline) << ": "
                                           << if_late << "; it was killed" << last_step_text(run);
  }
  return ::testing::AssertionFailure() << "unknown outcome";
}

namespace detail {

void stop_unless_finished(const ChildRun& run, std::string_view if_late, const std::source_location& where) {
  const ::testing::AssertionResult result = finished(run, if_late);
  if (result) {
    return;
  }
  const ::testing::TestPartResult failure(::testing::TestPartResult::kFatalFailure, where.file_name(),
                                          static_cast<int>(where.line()), result.message());
  ADD_FAILURE_AT(where.file_name(), where.line()) << result.message();
  // GoogleTest knows this exception: the failure is reported already, and the
  // test stops here, as after a failed ASSERT.
  throw ::testing::AssertionException(failure);
}

}  // namespace detail

}  // namespace course::testing
