#include "word_count.hpp"

#include <algorithm>
#include <execution>
#include <numeric>

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Adds b's counts to a's: associative and commutative, with the empty map as identity.
WordCounts merge(WordCounts a, const WordCounts& b) {
  for (const auto& [word, count] : b) {
    a[word] += count;
  }
  return a;
}

}  // namespace

WordCounts count_piece(std::string_view piece) {
  WordCounts counts;
  std::size_t at = 0;
  while (at < piece.size()) {
    while (at < piece.size() && is_space(piece[at])) {
      ++at;
    }
    const std::size_t begin = at;
    while (at < piece.size() && !is_space(piece[at])) {
      ++at;
    }
    if (at > begin) {
      ++counts[std::string(piece.substr(begin, at - begin))];
    }
  }
  return counts;
}

std::vector<std::string_view> split_at_spaces(std::string_view text, std::size_t pieces) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (std::size_t k = 1; k <= pieces && begin < text.size(); ++k) {
    std::size_t end = k == pieces ? text.size() : std::max(begin, text.size() * k / pieces);
    while (end < text.size() && !is_space(text[end])) {
      ++end;  // to the end of the word the cut fell in
    }
    if (end > begin) {
      parts.push_back(text.substr(begin, end - begin));
    }
    begin = end;
  }
  return parts;
}

WordCounts count_words(std::string_view text, std::size_t pieces, const std::function<void()>& on_piece) {
  // [snippet:solution]
  const std::vector<std::string_view> parts = split_at_spaces(text, pieces);
  const auto count_one = [&on_piece](std::string_view part) {
    if (on_piece) {
      on_piece();  // on the thread that counts this part
    }
    return count_piece(part);
  };
  // WordCounts{} is the identity of merge: merged with any counts, it changes nothing.
  const WordCounts identity;
  const auto first = parts.begin(), last = parts.end();
  return std::transform_reduce(std::execution::par, first, last, identity, merge, count_one);
  // [/snippet:solution]
}
