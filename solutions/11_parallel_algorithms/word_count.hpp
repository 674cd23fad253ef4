#pragma once
// Lesson 11 exercise: a word-frequency count, in parallel, with the standard
// parallel algorithms: no std::thread, no mutex, no atomic in your answer.
//
// The text is cut into pieces, never inside a word; each piece is counted on
// its own (that part is given: count_piece), and the pieces' counts are
// combined into one. std::transform_reduce does both steps at once: the
// transform counts one piece, the reduction merges two counts.
//
// Quick reference
//   #include <execution>   std::execution::par
//   #include <numeric>     std::transform_reduce
//   std::transform_reduce(std::execution::par, first, last, init, reduce, transform)
//     transform(x)   one element's result, e.g. a WordCounts, run on any thread, in any order
//     reduce(a, b)   combines two results; must be associative and commutative, as + is
//     init           the identity of reduce: combined with anything it changes nothing
//   std::execution::seq runs on the calling thread; par on a thread pool (TBB).
//   An exception that leaves transform or reduce calls std::terminate.
//   A word is a run of characters that are not whitespace (' ', '\t', '\n', '\v', '\f', '\r'),
//   as `std::istringstream >> word` reads them.
//
// Check with: ./course check 11      Stuck? ./course hint 11

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// How often each word occurs. std::less<> lets a std::string_view look a word up.
using WordCounts = std::map<std::string, std::size_t, std::less<>>;

// Given: the words of one piece, counted on the calling thread.
WordCounts count_piece(std::string_view piece);

// Cuts `text` into at most `pieces` (at least 1) consecutive parts:
//   - together, in order, they are exactly the text: nothing lost, nothing twice;
//   - none is empty, and an empty text has no parts;
//   - no word is cut: where one part ends and the next begins, at least one of
//     the two characters beside the cut is whitespace;
//   - about equal: each of the first pieces - 1 cuts is at or after
//     k * text.size() / pieces, moved forward to the end of the word it falls in.
std::vector<std::string_view> split_at_spaces(std::string_view text, std::size_t pieces);

// The words of `text`, counted in parallel: split_at_spaces(text, pieces),
// then each part counted and the counts merged with std::execution::par.
// Calls on_piece(), if given, once per part, on the thread that counts it,
// before it counts it: that is how the tests see which threads did the work.
WordCounts count_words(std::string_view text, std::size_t pieces, const std::function<void()>& on_piece = {});
