#pragma once
// Records when named tasks ran and draws them as an ASCII Gantt chart:
//
//   worker-1 |#########.........|
//   worker-2 |.........#########|
//             0 ms          820 ms
//
// Threads add spans directly (add() is thread-safe). A child process sends
// its span to the parent as one encoded line, e.g. over a pipe.

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "course/log.hpp"

namespace course {

struct Span {
  std::string lane;   // one row of the chart: a thread or a process
  std::string label;  // its first letter fills the bar; empty draws '#'
  Clock::time_point start;
  Clock::time_point end;
};

class Timeline {
 public:
  // Measures from construction to destruction and adds the span then.
  class Scope {
   public:
    Scope(Timeline& timeline, std::string lane, std::string label);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Timeline& timeline_;
    Span span_;
  };

  void add(Span span);
  [[nodiscard]] Scope measure(std::string lane, std::string label = {});

  std::vector<Span> spans() const;
  // The most spans that were running at one instant (across all lanes).
  std::size_t max_overlap() const;
  std::string render(std::size_t width = 60) const;

  static std::string encode(const Span& span);
  static Span decode(std::string_view line);  // throws std::invalid_argument

 private:
  mutable std::mutex mutex_;
  std::vector<Span> spans_;
};

}  // namespace course
