// Tests of count_letters(): exact counts, and the work really spread over the
// threads it was given (the WorkLog sees which threads counted what). Each test
// runs in an isolated child: an unguarded shared container may crash, and that
// must fail one test, not the whole run.
#include "letter_count.hpp"

#include <chrono>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "course/testing.hpp"

using namespace std::chrono_literals;
using course::testing::finished;
using course::testing::run_in_child;

namespace {

struct Outcome {
  LetterCounts counts{};
  std::size_t distinct_threads = 0;
  std::size_t characters = 0;
};

Outcome count_isolated(const std::string& text, int threads) {
  const auto run = run_in_child(10s, [&] {
    WorkLog log;
    const LetterCounts counts = count_letters(text, threads, log);
    std::ostringstream out;
    out << log.distinct_threads() << ' ' << log.characters();
    for (const long count : counts) {
      out << ' ' << count;
    }
    return out.str();
  });
  EXPECT_TRUE(finished(run));
  Outcome outcome;
  std::istringstream in(run.payload);
  in >> outcome.distinct_threads >> outcome.characters;
  for (long& count : outcome.counts) {
    in >> count;
  }
  return outcome;
}

// Many letters that many threads will count at once.
std::string big_text() {
  std::mt19937 random(2024);
  std::uniform_int_distribution<int> letter(0, 25);
  std::string text(2'000'000, ' ');
  for (char& c : text) {
    c = static_cast<char>('a' + letter(random));
  }
  return text;
}

}  // namespace

TEST(CountLetters, CountsExactlyLikeTheOneThreadVersion) {
  const std::string text =
      "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs!";
  EXPECT_EQ(count_isolated(text, 3).counts, count_letters_in(text));
}

TEST(CountLetters, UsesEveryThreadItIsGiven) {
  const std::string text = big_text();
  const Outcome outcome = count_isolated(text, 4);
  EXPECT_EQ(outcome.distinct_threads, 4u) << "4 threads were asked for; the WorkLog saw "
                                          << outcome.distinct_threads << " distinct thread(s) record a chunk";
  EXPECT_EQ(outcome.characters, text.size()) << "the chunks must cover the text exactly once";
}

TEST(CountLetters, StaysExactWhenManyThreadsCountAtOnce) {
  // Threads adding into one shared array without a lock lose counts here.
  const std::string text = big_text();
  const LetterCounts expected = count_letters_in(text);
  for (int round = 0; round < 3; ++round) {
    const Outcome outcome = count_isolated(text, 8);
    ASSERT_EQ(outcome.counts, expected) << "counts were lost or doubled (round " << round << ")";
    ASSERT_EQ(outcome.distinct_threads, 8u);
  }
}

TEST(CountLetters, WorksWithMoreThreadsThanLetters) {
  const Outcome outcome = count_isolated("abc", 8);
  EXPECT_EQ(outcome.counts, count_letters_in("abc"));
  EXPECT_EQ(outcome.characters, 3u);
}

TEST(CountLetters, WorksWithOneThread) {
  const Outcome outcome = count_isolated("Hello, World", 1);
  EXPECT_EQ(outcome.counts, count_letters_in("Hello, World"));
  EXPECT_EQ(outcome.distinct_threads, 1u);
}
