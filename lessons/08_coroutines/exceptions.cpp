// One of three fetches fails. Waiting for all of them and getting each one's
// result or exception is Python's gather(..., return_exceptions=True).
#include <array>
#include <exception>

#include <asio.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>

#include "course/log.hpp"
#include "lesson.hpp"

using namespace std::chrono_literals;

void show_exceptions() {
  course::heading("Three fetches, one fails: every result, and the one exception");
  asio::io_context loop;
  // [snippet:return_exceptions]
  auto first = asio::co_spawn(loop, fake_fetch("page 1", 100ms), asio::experimental::deferred);
  auto broken = asio::co_spawn(loop, fake_fetch("broken", 50ms), asio::experimental::deferred);
  auto third = asio::co_spawn(loop, fake_fetch("page 3", 150ms), asio::experimental::deferred);
  asio::experimental::make_parallel_group(std::move(first), std::move(broken), std::move(third))
      .async_wait(
          asio::experimental::wait_for_all(),
          [](std::array<std::size_t, 3>, std::exception_ptr error1, std::string page1,
             std::exception_ptr error2, std::string page2, std::exception_ptr error3, std::string page3) {
            const std::array<std::exception_ptr, 3> errors = {error1, error2, error3};
            const std::array<std::string, 3> pages = {page1, page2, page3};
            for (std::size_t i = 0; i < 3; ++i) {
              try {
                if (errors[i]) {
                  std::rethrow_exception(errors[i]);
                }
                course::say("fetch {}: {}", i + 1, pages[i]);
              } catch (const std::exception& error) {
                course::say("fetch {} failed: {}", i + 1, error.what());
              }
            }
          });
  loop.run();
  // [/snippet:return_exceptions]
}
