// What comes out of `&&` when one fetch fails. Not the exception it threw:
// Asio 1.22 cancels the other operand, whose wait then ends with an exception
// too (operation_aborted), and with two exceptions it throws
// asio::multiple_exceptions holding the FIRST OPERAND's one. Then the fix:
// fetches that return their error as a value, so && never throws and every
// outcome arrives, the real error with it.
#include <exception>
#include <stdexcept>
#include <string>

#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include "course/log.hpp"
#include "course/rethrow.hpp"
#include "lesson.hpp"

using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

namespace {

// Says what an exception is, and whether the real failure (fake_fetch's
// runtime_error) is in it. A multiple_exceptions is opened: it holds the first
// operand's exception, which may be another multiple_exceptions.
bool say_what_is_inside(const std::exception_ptr& error, const std::string& indent) {
  try {
    std::rethrow_exception(error);
  } catch (const asio::multiple_exceptions& several) {
    course::say("{}asio::multiple_exceptions, whose first_exception() is", indent);
    return say_what_is_inside(several.first_exception(), indent + "  ");
  } catch (const asio::system_error& error) {  // before runtime_error: it is one
    const bool cancelled = error.code() == asio::error::operation_aborted;
    course::say("{}asio::system_error: {}{}", indent, error.what(), cancelled ? "  <- a cancellation" : "");
    return false;
  } catch (const std::runtime_error& error) {
    course::say("{}std::runtime_error: {}  <- the real failure", indent, error.what());
    return true;
  }
}

// Awaits the gathered fetches and says what it caught; true if the real
// failure could be found in it.
// [snippet:gather_fails]
template <typename Results>
asio::awaitable<bool> gather_and_catch(asio::awaitable<Results> gathered) {
  try {
    co_await std::move(gathered);
  } catch (const std::runtime_error& error) {  // what fake_fetch throws
    course::say("caught the std::runtime_error: {}", error.what());
    co_return true;
  } catch (const asio::multiple_exceptions& error) {  // what && throws
    course::say("caught asio::multiple_exceptions, not the runtime_error. Inside:");
    co_return say_what_is_inside(error.first_exception(), "  ");
  }
  co_return false;  // nothing failed
}
// [/snippet:gather_fails]

// A fetch that never throws: its page, or the exception it threw, as a value.
// [snippet:error_as_value]
struct Fetched {
  std::string page;
  std::exception_ptr error;  // null when the fetch succeeded
};

asio::awaitable<Fetched> fetch_or_error(std::string what, std::chrono::milliseconds delay) {
  Fetched outcome;
  try {
    outcome.page = co_await fake_fetch(std::move(what), delay);
  } catch (...) {
    outcome.error = std::current_exception();
  }
  co_return outcome;
}
// [/snippet:error_as_value]

void say_outcome(int fetch, const Fetched& outcome) {
  if (!outcome.error) {
    course::say("fetch {}: {}", fetch, outcome.page);
    return;
  }
  try {
    std::rethrow_exception(outcome.error);
  } catch (const std::runtime_error& error) {  // caught now: it is the real one
    course::say("fetch {} failed: {}", fetch, error.what());
  }
}

asio::awaitable<void> gather_failures() {
  {
    course::heading("broken && page 1: the failure is the first operand");
    auto broken = fake_fetch("broken", 50ms);
    auto page = fake_fetch("page 1", 100ms);
    auto both = std::move(broken) && std::move(page);
    co_await gather_and_catch(std::move(both));
  }
  {
    course::heading("page 1 && broken: the same failure, second operand");
    auto page = fake_fetch("page 1", 100ms);
    auto broken = fake_fetch("broken", 50ms);
    auto both = std::move(page) && std::move(broken);
    co_await gather_and_catch(std::move(both));
  }
  {
    course::heading("page 1 && page 2 && broken");
    auto first = fake_fetch("page 1", 100ms);
    auto second = fake_fetch("page 2", 100ms);
    auto broken = fake_fetch("broken", 50ms);
    auto all_three = std::move(first) && std::move(second) && std::move(broken);
    if (!co_await gather_and_catch(std::move(all_three))) {
      course::say("no runtime_error anywhere in it: the real error is lost");
    }
  }

  course::heading("Errors as values: && never throws, every outcome arrives");
  // [snippet:gather_values]
  auto one = fetch_or_error("page 1", 100ms);
  auto two = fetch_or_error("broken", 50ms);
  auto three = fetch_or_error("page 3", 150ms);
  auto all_three = std::move(one) && std::move(two) && std::move(three);
  const auto [page1, page2, page3] = co_await std::move(all_three);
  say_outcome(1, page1);
  say_outcome(2, page2);
  say_outcome(3, page3);
  // [/snippet:gather_values]
  course::say("nobody was cancelled: && now waits for all, like gather(return_exceptions=True)");
  course::say("to cancel the rest and still see each exception: make_parallel_group, wait_for_one_error()");
}

}  // namespace

void show_gather_failures() {
  asio::io_context loop;
  asio::co_spawn(loop, gather_failures(), course::rethrow);
  loop.run();
}
