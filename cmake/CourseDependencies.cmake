# The course's dependencies, found as system packages. When one is
# missing, stop with the package to install rather than a CMake backtrace.

set(_course_install_hint
  "Run './course start' to install what is missing, or by hand:\n"
  "  Debian/Ubuntu: sudo apt-get install cmake ninja-build g++ libgtest-dev libfmt-dev libasio-dev libtbb-dev openmpi-bin libopenmpi-dev\n"
  "  macOS:         brew install cmake ninja googletest fmt asio tbb libomp open-mpi")

# Debian's libfmt and libgtest are compiled against libstdc++. A build with
# another standard library (clang's libc++, the clang preset) uses fmt as
# headers only and compiles GoogleTest from the sources Debian ships with it.
option(COURSE_FMT_HEADER_ONLY "Use fmt as headers only, not its compiled library" OFF)
option(COURSE_GTEST_FROM_SOURCE "Compile GoogleTest from COURSE_GTEST_SOURCE_DIR instead of using the installed library" OFF)
set(COURSE_GTEST_SOURCE_DIR /usr/src/googletest CACHE PATH "GoogleTest's sources (Debian: libgtest-dev puts them here)")

find_package(fmt CONFIG QUIET)
if(NOT fmt_FOUND)
  message(FATAL_ERROR "fmt was not found (package libfmt-dev, or 'fmt' on Homebrew).\n"
                      ${_course_install_hint})
endif()
add_library(course_fmt INTERFACE)
add_library(course::fmt ALIAS course_fmt)
if(COURSE_FMT_HEADER_ONLY)
  target_link_libraries(course_fmt INTERFACE fmt::fmt-header-only)
else()
  target_link_libraries(course_fmt INTERFACE fmt::fmt)
endif()

if(COURSE_GTEST_FROM_SOURCE)
  if(NOT EXISTS ${COURSE_GTEST_SOURCE_DIR}/CMakeLists.txt)
    message(FATAL_ERROR "COURSE_GTEST_FROM_SOURCE: no GoogleTest sources in ${COURSE_GTEST_SOURCE_DIR} "
                        "(Debian: package libgtest-dev).")
  endif()
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory(${COURSE_GTEST_SOURCE_DIR} ${PROJECT_BINARY_DIR}/googletest EXCLUDE_FROM_ALL SYSTEM)
  # Its own sources are not the course's: our warnings are not errors there.
  target_compile_options(gtest PRIVATE -Wno-error)
  target_compile_options(gtest_main PRIVATE -Wno-error)
else()
  find_package(GTest CONFIG QUIET)
  if(NOT GTest_FOUND)
    message(FATAL_ERROR "GoogleTest was not found (package libgtest-dev, or 'googletest' on Homebrew).\n"
                        ${_course_install_hint})
  endif()
endif()

# std::jthread and std::stop_token are C++20, but libc++ 19 offers them only
# behind -fexperimental-library (libc++ 20 needs no flag), and Apple's libc++
# (Xcode 15, 16) not at all. The lessons use the standard names; a library
# without them gets a message, not a fallback of our own.
include(CheckCXXSourceCompiles)
set(_course_jthread_test "#include <stop_token>\n#include <thread>\nint main() { std::jthread t([](std::stop_token) {}); }")
set(CMAKE_REQUIRED_FLAGS -std=c++20)
check_cxx_source_compiles("${_course_jthread_test}" COURSE_HAS_JTHREAD)
if(NOT COURSE_HAS_JTHREAD)
  set(CMAKE_REQUIRED_FLAGS "-std=c++20 -fexperimental-library")
  check_cxx_source_compiles("${_course_jthread_test}" COURSE_HAS_EXPERIMENTAL_JTHREAD)
  if(COURSE_HAS_EXPERIMENTAL_JTHREAD)
    add_compile_options(-fexperimental-library)
    add_link_options(-fexperimental-library)
  else()
    message(FATAL_ERROR "This C++ standard library has no std::jthread, which the course uses (C++20).\n"
                        "  Debian/Ubuntu: use g++ 12 or later (the default), or clang with libc++ 19 or later.\n"
                        "  macOS: Apple's clang lacks it; install Homebrew's LLVM (brew install llvm) and\n"
                        "  configure with CXX=$(brew --prefix llvm)/bin/clang++.")
  endif()
endif()
unset(CMAKE_REQUIRED_FLAGS)

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
# Asio 1.22 turns coroutines on under clang only when <experimental/coroutine>
# exists, which newer libc++ and libstdc++ do not ship: asio::awaitable would
# silently be missing. Clang has C++20's <coroutine>; say so.
target_compile_definitions(course_asio INTERFACE
  $<$<CXX_COMPILER_ID:Clang,AppleClang>:ASIO_HAS_CO_AWAIT=1;ASIO_HAS_STD_COROUTINE=1>)
find_package(Threads REQUIRED)
target_link_libraries(course_asio INTERFACE Threads::Threads)

# Lesson 11: the C++17 parallel algorithms and OpenMP. libstdc++ runs
# std::execution::par in parallel only through TBB (libtbb-dev): without it,
# silently on the calling thread. So TBB is required, and every program that
# includes <execution> links it (course::tbb, in common/). libc++ 19 offers
# std::execution::par only behind -fexperimental-library, and then runs it on
# the calling thread too (its std::thread backend is serial), which lesson 11's
# tests reject by design: the lesson is left out of a libc++ build, saying so.
check_cxx_source_compiles("#include <version>\n#ifndef _LIBCPP_VERSION\n#error not libc++\n#endif\nint main() {}"
                          COURSE_USES_LIBCXX)
if(COURSE_USES_LIBCXX)
  set(COURSE_PARALLEL_ALGORITHMS OFF)
  message(STATUS "Lesson 11 (parallel algorithms) is left out of this build: libc++ runs std::execution::par "
                 "on the calling thread, so its tests, which prove the work ran on several threads, cannot pass. "
                 "See lessons/11_parallel_algorithms/README.md, platform notes.")
else()
  find_package(TBB CONFIG QUIET)
  if(NOT TBB_FOUND)
    message(FATAL_ERROR "TBB was not found (package libtbb-dev, or 'tbb' on Homebrew): lesson 11 needs it, "
                        "and without it std::execution::par runs on one thread.\n" ${_course_install_hint})
  endif()
  find_package(OpenMP QUIET)
  if(NOT OpenMP_CXX_FOUND)
    message(FATAL_ERROR "OpenMP was not found: g++ brings it (-fopenmp); on macOS, 'libomp' on Homebrew.\n"
                        ${_course_install_hint})
  endif()
  set(COURSE_PARALLEL_ALGORITHMS ON)
endif()

# MPI (lesson 12): Open MPI on Debian (openmpi-bin, libopenmpi-dev), open-mpi on
# Homebrew. The C API only: its old C++ bindings were removed in MPI-3.
set(MPI_CXX_SKIP_MPICXX ON)
find_package(MPI COMPONENTS CXX QUIET)
if(NOT MPI_CXX_FOUND OR NOT MPIEXEC_EXECUTABLE)
  message(FATAL_ERROR "MPI was not found (lesson 12; packages openmpi-bin and libopenmpi-dev, or 'open-mpi' on Homebrew).\n"
                      "Run './course start' to install what is missing, or by hand:\n"
                      "  Debian/Ubuntu: sudo apt-get install openmpi-bin libopenmpi-dev\n"
                      "  macOS:         brew install open-mpi")
endif()
set(COURSE_HAS_MPI ON)
