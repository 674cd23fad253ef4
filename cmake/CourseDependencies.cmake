# The course's three dependencies, found as system packages. When one is
# missing, stop with the package to install rather than a CMake backtrace.

set(_course_install_hint
  "Run './course start' to install what is missing, or by hand:\n"
  "  Debian/Ubuntu: sudo apt-get install cmake ninja-build g++ libgtest-dev libfmt-dev libasio-dev\n"
  "  macOS:         brew install cmake ninja googletest fmt asio")

find_package(fmt CONFIG QUIET)
if(NOT fmt_FOUND)
  message(FATAL_ERROR "fmt was not found (package libfmt-dev, or 'fmt' on Homebrew).\n"
                      ${_course_install_hint})
endif()

find_package(GTest CONFIG QUIET)
if(NOT GTest_FOUND)
  message(FATAL_ERROR "GoogleTest was not found (package libgtest-dev, or 'googletest' on Homebrew).\n"
                      ${_course_install_hint})
endif()

# Standalone Asio ships headers only, with no CMake config: find the header.
find_path(ASIO_INCLUDE_DIR asio.hpp)
if(NOT ASIO_INCLUDE_DIR)
  message(FATAL_ERROR "Standalone Asio was not found (package libasio-dev, or 'asio' on Homebrew).\n"
                      ${_course_install_hint})
endif()
add_library(course_asio INTERFACE)
add_library(course::asio ALIAS course_asio)
target_include_directories(course_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
# ASIO_DISABLE_STD_ALIGNED_ALLOC: Asio 1.22 decides between aligned_alloc and
# operator new from a libstdc++ macro that exists only if a standard header
# came before <asio.hpp>. Files that include in different orders would then
# disagree about one inline allocator: memory from operator new freed with
# free(), which ASan reports. One choice for every file.
target_compile_definitions(course_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED ASIO_DISABLE_STD_ALIGNED_ALLOC)
find_package(Threads REQUIRED)
target_link_libraries(course_asio INTERFACE Threads::Threads)
