// course_snippets: keeps the code on the slides equal to the code that runs.
//
// A slide's code block names its source in the fence's info string:
//
//   ```cpp snippet:lessons/01_processes/pids.cpp#two_children
//
// and the source marks the region with comment lines:
//
//   // [snippet:two_children]
//   ...
//   // [/snippet:two_children]
//
// `check` fails when a copy differs from its region; `sync` rewrites the copies.
// A C++ block without a snippet must say it was typed by hand: ```cpp hand-typed

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace {

using Lines = std::vector<std::string>;

std::optional<Lines> read_lines(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return std::nullopt;
  }
  Lines lines;
  for (std::string line; std::getline(file, line);) {
    lines.push_back(line);
  }
  return lines;
}

bool is_marker(const std::string& line) {
  return line.find("// [snippet:") != std::string::npos || line.find("// [/snippet:") != std::string::npos;
}

// The lines between the markers, markers of nested regions left out, dedented.
std::optional<Lines> extract_region(const Lines& source, const std::string& name, std::string& error) {
  const std::string open = "// [snippet:" + name + "]";
  const std::string close = "// [/snippet:" + name + "]";
  const auto has = [](const std::string& text) {
    return [&text](const std::string& line) {
      const auto at = line.find(text);
      return at != std::string::npos && line.find_first_not_of(" \t", at + text.size()) == std::string::npos;
    };
  };
  const auto begin = std::find_if(source.begin(), source.end(), has(open));
  if (begin == source.end()) {
    error = fmt::format("no line '{}'", open);
    return std::nullopt;
  }
  const auto end = std::find_if(begin + 1, source.end(), has(close));
  if (end == source.end()) {
    error = fmt::format("'{}' is never closed by '{}'", open, close);
    return std::nullopt;
  }
  Lines region;
  std::size_t indent = std::string::npos;
  for (auto line = begin + 1; line != end; ++line) {
    if (is_marker(*line)) {
      continue;
    }
    region.push_back(*line);
    const auto first = line->find_first_not_of(' ');
    if (first != std::string::npos) {
      indent = std::min(indent, first);
    }
  }
  for (std::string& line : region) {
    line = line.size() > indent ? line.substr(indent) : std::string();
  }
  return region;
}

struct Reference {
  std::string path;
  std::string name;
};

std::optional<Reference> reference_in(const std::string& info) {
  const auto at = info.find("snippet:");
  if (at == std::string::npos) {
    return std::nullopt;
  }
  std::string word = info.substr(at + 8);
  word = word.substr(0, word.find_first_of(" \t"));
  const auto hash = word.find('#');
  if (hash == std::string::npos) {
    return Reference{word, ""};
  }
  return Reference{word.substr(0, hash), word.substr(hash + 1)};
}

// Checks one deck; with `sync`, replaces stale copies. Returns the number of problems.
int process_deck(const std::string& root, const std::string& deck_name, bool sync) {
  const std::string deck_path = root + "/" + deck_name;
  const auto deck = read_lines(deck_path);
  if (!deck) {
    fmt::print(stderr, "{}: cannot read the deck\n", deck_name);
    return 1;
  }
  int problems = 0;
  const auto problem = [&](std::size_t line, const std::string& text) {
    fmt::print(stderr, "{}:{}: {}\n", deck_name, line + 1, text);
    ++problems;
  };
  if (deck->size() < 2 || (*deck)[0] != "---" ||
      std::find(deck->begin(), deck->end(), "marp: true") == deck->end()) {
    problem(0, "a deck starts with front matter that says 'marp: true'");
  }

  Lines output;
  bool changed = false;
  for (std::size_t i = 0; i < deck->size(); ++i) {
    const std::string& line = (*deck)[i];
    output.push_back(line);
    if (!line.starts_with("```") || line == "```") {
      continue;
    }
    const std::string info = line.substr(3);
    const std::string language = info.substr(0, info.find(' '));
    std::size_t close = i + 1;
    while (close < deck->size() && (*deck)[close] != "```") {
      ++close;
    }
    if (close == deck->size()) {
      problem(i, "code block is never closed");
      break;
    }
    const Lines copy(deck->begin() + static_cast<long>(i) + 1, deck->begin() + static_cast<long>(close));
    const auto reference = reference_in(info);
    Lines wanted = copy;
    if (!reference) {
      if ((language == "cpp" || language == "c++") && info.find("hand-typed") == std::string::npos) {
        problem(i,
                "C++ on a slide comes from a snippet (```cpp snippet:path#name) or says ```cpp hand-typed");
      }
    } else if (const auto source = read_lines(root + "/" + reference->path); !source) {
      problem(i, fmt::format("snippet source '{}' does not exist", reference->path));
    } else {
      std::string error;
      if (const auto region = extract_region(*source, reference->name, error)) {
        wanted = *region;
      } else {
        problem(i, fmt::format("{}: {}", reference->path, error));
      }
    }
    if (wanted != copy) {
      if (sync) {
        changed = true;
      } else {
        problem(i, fmt::format("stale copy of {}#{}: run '{} sync {} {}' (or ./course sync-slides)",
                               reference->path, reference->name, "course_snippets", root, deck_name));
      }
    }
    output.insert(output.end(), wanted.begin(), wanted.end());
    output.push_back("```");
    i = close;
  }
  if (sync && changed && problems == 0) {
    std::ofstream file(deck_path);
    for (const std::string& line : output) {
      file << line << '\n';
    }
    fmt::print("{}: updated\n", deck_name);
  }
  return problems;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 3 || (args[0] != "check" && args[0] != "sync")) {
    fmt::print(stderr, "usage: course_snippets check|sync <project root> <slides/deck.md>...\n");
    return 2;
  }
  int problems = 0;
  for (std::size_t i = 2; i < args.size(); ++i) {
    problems += process_deck(args[1], args[i], args[0] == "sync");
  }
  if (problems == 0 && args[0] == "check") {
    fmt::print("snippets up to date in {} deck(s)\n", args.size() - 2);
  }
  return problems == 0 ? 0 : 1;
}
