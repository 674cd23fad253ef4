#pragma once
// A completion handler for asio::co_spawn that rethrows the coroutine's
// exception: what Python's asyncio.run(main()) does when main() raises.
//
// asio::detached drops the exception without a word, and the program goes on
// as if the coroutine had succeeded. With course::rethrow the exception leaves
// io_context::run() on the thread that runs the loop, where the caller can
// catch it (the demos' course::run_demo prints it and exits with 1):
//
//   asio::co_spawn(loop, main_coroutine(), course::rethrow);
//   loop.run();  // throws what main_coroutine() threw
//
// It takes any result after the exception_ptr, so it fits awaitable<void> and
// awaitable<T> alike. Keep detached for coroutines that handle their own errors.

#include <exception>

namespace course {

inline constexpr auto rethrow = [](std::exception_ptr error, auto&&...) {
  if (error) {
    std::rethrow_exception(error);
  }
};

}  // namespace course
