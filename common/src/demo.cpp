#include "course/demo.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "course/log.hpp"

namespace course {

Args::Args(std::vector<std::string> words) : words_(std::move(words)) {}

long Args::number(std::string_view name, long fallback, long min, long max) {
  auto positional = words_.begin();
  while (positional != words_.end() && positional->starts_with("--")) {
    ++positional;
  }
  if (positional == words_.end()) {
    return fallback;
  }
  const std::string word = *positional;
  words_.erase(positional);
  long value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc{} || end != word.data() + word.size() || value < min || value > max) {
    throw UsageError(
        fmt::format("bad number '{}' for <{}>: expected a whole number from {} to {}", word, name, min, max));
  }
  return value;
}

bool Args::flag(std::string_view flag) {
  for (auto word = words_.begin(); word != words_.end(); ++word) {
    if (*word == flag) {
      words_.erase(word);
      return true;
    }
  }
  return false;
}

void Args::check_against(std::string_view arguments) const {
  std::vector<std::string_view> flags;
  std::size_t places = 0;
  for (std::size_t at = arguments.find('['); at != std::string_view::npos; at = arguments.find('[', at + 1)) {
    const std::string_view name = arguments.substr(at + 1, arguments.find(']', at) - at - 1);
    if (name.starts_with("--")) {
      flags.push_back(name);
    } else {
      ++places;
    }
  }
  std::size_t numbers = 0;
  for (const std::string& word : words_) {
    if (word.starts_with("--")) {
      if (std::find(flags.begin(), flags.end(), word) == flags.end()) {
        throw UsageError(fmt::format("unknown option '{}'", word));
      }
      continue;
    }
    if (++numbers > places) {
      throw UsageError(fmt::format("unexpected argument '{}'", word));
    }
    long value = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (error != std::errc{} || end != word.data() + word.size()) {
      throw UsageError(fmt::format("bad number '{}': expected a whole number", word));
    }
  }
}

void Args::done() const {
  if (!words_.empty()) {
    throw UsageError(fmt::format("unexpected argument '{}'", words_.front()));
  }
}

namespace {

std::string program_name(const char* argv0) {
  const std::string path = argv0 != nullptr ? argv0 : "demo";
  return path.substr(path.find_last_of('/') + 1);
}

void print_usage(const Demo& demo, const std::string& program, std::FILE* out) {
  fmt::print(out, "usage: {} [mode] [arguments]\n{}\n\nmodes:\n", program, demo.title);
  for (const Mode& mode : demo.modes) {
    fmt::print(out, "  {:<24} {}\n", fmt::format("{} {}", mode.name, mode.arguments), mode.summary);
  }
  fmt::print(out, "\nWith no mode it runs: {}.\n", fmt::join(demo.default_modes, ", "));
}

std::string_view kind_name(Mode::Kind kind) {
  switch (kind) {
    case Mode::Kind::plain:
      return "plain";
    case Mode::Kind::racy:
      return "racy";
    case Mode::Kind::deadlocks:
      return "deadlocks";
  }
  return "plain";
}

// For the build, one line each, tab-separated: "mode <name> <kind> <forks|-> <smoke arguments>",
// then "default <name>..." for the modes run when none is given.
void print_mode_table(const Demo& demo, std::FILE* out) {
  for (const Mode& mode : demo.modes) {
    fmt::print(out, "mode\t{}\t{}\t{}\t{}\n", mode.name, kind_name(mode.kind), mode.forks ? "forks" : "-",
               mode.smoke_arguments);
  }
  fmt::print(out, "default\t{}\n", fmt::join(demo.default_modes, "\t"));
}

const Mode* find_mode(const Demo& demo, std::string_view name) {
  for (const Mode& mode : demo.modes) {
    if (mode.name == name) {
      return &mode;
    }
  }
  return nullptr;
}

void run_mode(const Mode& mode, Args& args) {
  args.check_against(mode.arguments);
  mode.run(args);
  args.done();
}

}  // namespace

int run_demo(const Demo& demo, int argc, char** argv) {
  const std::string program = program_name(argc > 0 ? argv[0] : nullptr);
  std::vector<std::string> words(argv + (argc > 0 ? 1 : 0), argv + argc);

  if (!words.empty() && (words.front() == "--help" || words.front() == "-h")) {
    print_usage(demo, program, stdout);
    return 0;
  }
  if (words.size() == 1 && words.front() == "--list-modes") {
    print_mode_table(demo, stdout);
    return 0;
  }
  try {
    if (words.empty()) {
      for (const std::string& name : demo.default_modes) {
        const Mode* mode = find_mode(demo, name);
        if (mode == nullptr) {  // a mistake in the demo's own table, not in the user's input
          throw std::logic_error(fmt::format("the default mode '{}' is not one of this demo's modes", name));
        }
        Args no_args({});
        run_mode(*mode, no_args);
      }
      return 0;
    }
    const Mode* mode = find_mode(demo, words.front());
    if (mode == nullptr) {
      throw UsageError(fmt::format("unknown mode '{}'", words.front()));
    }
    Args args({words.begin() + 1, words.end()});
    run_mode(*mode, args);
    return 0;
  } catch (const UsageError& error) {
    fmt::print(stderr, "{}: {}\n\n", program, error.what());
    print_usage(demo, program, stderr);
    return kUsageExitCode;
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}: error: {}\n", program, error.what());
    return 1;
  }
}

}  // namespace course
