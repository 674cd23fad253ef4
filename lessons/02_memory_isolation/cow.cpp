// fork() does not copy memory at once: parent and child share every page
// read-only, and a page is copied the first time either one writes to it.
// The page-fault counter shows when that happens.
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <new>

#include "course/child.hpp"
#include "course/log.hpp"
#include "lesson.hpp"

namespace {

long minor_page_faults() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Touches one byte in every page: reading them, or writing them.
void visit_pages(unsigned char* buffer, std::size_t bytes, bool write) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t pages = bytes / page;
  const long faults_before = minor_page_faults();
  const auto start = course::Clock::now();
  unsigned long checksum = 0;
  for (std::size_t offset = 0; offset < bytes; offset += page) {
    if (write) {
      buffer[offset] = 2;
    } else {
      checksum += buffer[offset];
    }
  }
  const double ms = course::seconds_since(start) * 1000;
  const long faults = minor_page_faults() - faults_before;
  course::say("{} {} pages in {:6.1f} ms: {:6} page faults{}", write ? "wrote to" : "read   ", pages, ms,
              faults, write ? "  <- one copy per page" : fmt::format("  (checksum {})", checksum));
}

}  // namespace

void show_copy_on_write(int mebibytes) {
  course::heading(fmt::format("Copy-on-write: a child reads, then a child writes, {} MiB", mebibytes));
  const std::size_t bytes = static_cast<std::size_t>(mebibytes) << 20;
  void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    throw std::bad_alloc();
  }
#ifdef MADV_NOHUGEPAGE
  ::madvise(memory, bytes, MADV_NOHUGEPAGE);  // 4 KiB pages, so the count means what it says
#endif
  auto* buffer = static_cast<unsigned char*>(memory);
  std::memset(buffer, 1, bytes);  // the parent owns every page now
  course::say("the parent filled {} MiB with 1s", mebibytes);

  // [snippet:read_vs_write]
  for (const bool write : {false, true}) {
    course::ChildProcess child = course::ChildProcess::start([&] {
      course::set_actor_name(write ? "writer" : "reader");
      visit_pages(buffer, bytes, write);
      return 0;
    });
    child.wait();
  }
  // [/snippet:read_vs_write]
  course::say("and in the parent the bytes are still {}: the writer changed its own copies", buffer[0]);
  ::munmap(memory, bytes);
}
