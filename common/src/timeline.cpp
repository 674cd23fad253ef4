#include "course/timeline.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

#include <fmt/core.h>

namespace course {

Timeline::Scope::Scope(Timeline& timeline, std::string lane, std::string label)
    : timeline_(timeline), span_{std::move(lane), std::move(label), Clock::now(), {}} {}

Timeline::Scope::~Scope() {
  span_.end = Clock::now();
  timeline_.add(std::move(span_));
}

void Timeline::add(Span span) {
  std::scoped_lock lock(mutex_);
  spans_.push_back(std::move(span));
}

Timeline::Scope Timeline::measure(std::string lane, std::string label) {
  return Scope(*this, std::move(lane), std::move(label));
}

std::vector<Span> Timeline::spans() const {
  std::scoped_lock lock(mutex_);
  return spans_;
}

std::size_t Timeline::max_overlap() const {
  // Sweep the starts and ends in time order; an end sorts before a start at the same instant.
  std::vector<std::pair<Clock::time_point, int>> events;
  for (const Span& span : spans()) {
    events.emplace_back(span.start, +1);
    events.emplace_back(span.end, -1);
  }
  std::sort(events.begin(), events.end());
  int running = 0;
  int most = 0;
  for (const auto& [when, change] : events) {
    running += change;
    most = std::max(most, running);
  }
  return static_cast<std::size_t>(most);
}

std::string Timeline::render(std::size_t width) const {
  const std::vector<Span> all = spans();
  if (all.empty() || width == 0) {
    return "(no spans recorded)\n";
  }
  Clock::time_point origin = all.front().start;
  Clock::time_point finish = all.front().end;
  std::vector<std::string> lanes;
  std::size_t name_width = 0;
  for (const Span& span : all) {
    origin = std::min(origin, span.start);
    finish = std::max(finish, span.end);
    if (std::find(lanes.begin(), lanes.end(), span.lane) == lanes.end()) {
      lanes.push_back(span.lane);
      name_width = std::max(name_width, span.lane.size());
    }
  }
  const double total = std::max(std::chrono::duration<double>(finish - origin).count(), 1e-9);
  const auto cell_of = [&](Clock::time_point when) {
    const double fraction = std::chrono::duration<double>(when - origin).count() / total;
    return std::min(width - 1, static_cast<std::size_t>(fraction * static_cast<double>(width)));
  };

  std::string chart;
  for (const std::string& lane : lanes) {
    std::string row(width, '.');
    for (const Span& span : all) {
      if (span.lane != lane) {
        continue;
      }
      const char mark = span.label.empty() ? '#' : span.label.front();
      for (std::size_t cell = cell_of(span.start); cell <= cell_of(span.end); ++cell) {
        row[cell] = mark;
      }
    }
    chart += fmt::format("{:<{}} |{}|\n", lane, name_width, row);
  }
  const std::string end_label = fmt::format("{:.0f} ms", total * 1000);
  chart += fmt::format("{:<{}}  0 ms{:>{}}\n", "", name_width, end_label, width - 3);
  return chart;
}

std::string Timeline::encode(const Span& span) {
  const auto clean = [](std::string text) {
    std::replace(text.begin(), text.end(), '\t', ' ');
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  };
  return fmt::format("{}\t{}\t{}\t{}\n", clean(span.lane), clean(span.label),
                     span.start.time_since_epoch().count(), span.end.time_since_epoch().count());
}

Span Timeline::decode(std::string_view line) {
  if (!line.empty() && line.back() == '\n') {
    line.remove_suffix(1);
  }
  std::vector<std::string_view> fields;
  for (std::size_t tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t')) {
    fields.push_back(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  fields.push_back(line);
  const auto time_at = [&](std::string_view text) {
    Clock::rep ticks = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ticks);
    if (error != std::errc{} || end != text.data() + text.size()) {
      throw std::invalid_argument(fmt::format("not a time: '{}'", text));
    }
    return Clock::time_point(Clock::duration(ticks));
  };
  if (fields.size() != 4) {
    throw std::invalid_argument("an encoded span has 4 tab-separated fields");
  }
  return Span{std::string(fields[0]), std::string(fields[1]), time_at(fields[2]), time_at(fields[3])};
}

}  // namespace course
