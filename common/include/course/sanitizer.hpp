#pragma once
// Whether this build is instrumented with ThreadSanitizer: g++ says so with a
// macro, clang with __has_feature. Code that must allow for it (TSan runs a
// program several times slower, with a helper thread of its own) asks here.

namespace course {

#if defined(__SANITIZE_THREAD__)
inline constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
inline constexpr bool kThreadSanitizer = __has_feature(thread_sanitizer);
#else
inline constexpr bool kThreadSanitizer = false;
#endif

}  // namespace course
