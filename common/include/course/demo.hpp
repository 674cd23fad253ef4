#pragma once
// Every lesson's demo is one executable with modes:
//   lesson01_processes            runs the default modes in order
//   lesson01_processes speedup 4  runs one mode with its arguments
//   lesson01_processes --help     lists the modes
//   lesson01_processes --list-modes   the modes for the build: name, kind, forks, smoke arguments
// Bad input (an unknown mode, a bad number, a stray argument) prints a usage
// line and exits 2.

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace course {

inline constexpr int kUsageExitCode = 2;
inline constexpr int kDeadlockExitCode = 3;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The words after the mode name, taken one at a time.
class Args {
 public:
  explicit Args(std::vector<std::string> words);

  // The next word as a whole number in [min, max], or `fallback` when there is none.
  long number(std::string_view name, long fallback, long min, long max);
  // True (and consumed) when `flag`, e.g. "--hang", was given anywhere.
  bool flag(std::string_view flag);
  // Throws UsageError when a word was not taken. Call it after reading the arguments.
  void done() const;
  // Throws UsageError unless the words fit `arguments`, a mode's argument list
  // such as "[N] [--hang]": only the flags it names, and no more whole numbers
  // than it has other places. Checked before a mode runs, so bad input never
  // starts a demo.
  void check_against(std::string_view arguments) const;

 private:
  std::vector<std::string> words_;
};

// One demo mode. What it does on purpose is part of it, and decides how the
// course tests it (cmake/CourseLesson.cmake reads the table from --list-modes):
// a plain mode must exit 0; a racy one too, but stays out of the sanitizer
// runs; one that deadlocks must be reported and exit 3, and stay hung with
// --hang; one that forks must end every child on Ctrl-C.
struct Mode {
  enum class Kind { plain, racy, deadlocks };

  // Every member has a default, so a table entry names only what it needs.
  std::string name{};
  std::string arguments{};  // for the usage line, e.g. "[jobs]"; empty: takes none
  std::string summary{};
  Kind kind = Kind::plain;
  bool forks = false;
  std::string smoke_arguments{};  // what its smoke test passes, e.g. "1" (second) to a server
  std::function<void(Args&)> run{};
};

struct Demo {
  std::string title;
  std::vector<Mode> modes;
  std::vector<std::string> default_modes;  // run in order when no mode is given
};

int run_demo(const Demo& demo, int argc, char** argv);

}  // namespace course
