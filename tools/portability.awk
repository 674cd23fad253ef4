# Linux-only calls outside a Linux guard, in the course's C++ sources.
#
#   awk -f tools/portability.awk FILE...
#
# Prints "file:line: <name> is Linux-only: guard it with #ifdef __linux__ (with
# a portable path or a clear message on other systems)" for each, and exits 1
# if there was any. A line counts as guarded inside an #if branch whose
# condition names __linux__ (#ifdef __linux__, #if defined(__linux__), or the
# #else of #ifndef __linux__). Reading /proc is a run-time matter (the file is
# missing elsewhere): not checked here.

BEGIN {
  split("pipe2 accept4 dup3 SOCK_CLOEXEC SOCK_NONBLOCK sched_setaffinity sched_getaffinity cpu_set_t CPU_ZERO CPU_SET " \
        "pthread_setaffinity_np pthread_getaffinity_np pthread_barrier_t pthread_barrier_init epoll_create epoll_wait " \
        "eventfd signalfd timerfd_create memfd_create SYS_gettid gettid prctl F_SETPIPE_SZ F_GETPIPE_SZ MAP_POPULATE " \
        "sem_init sem_destroy splice vmsplice", names, " ")
  for (i in names) linux_only[names[i]] = 1
}

FNR == 1 { depth = 0; in_comment = 0 }

# Preprocessor nesting: guarded[d] is 1 when depth d is a branch taken only on Linux.
/^[ \t]*#[ \t]*if/ {
  depth++
  condition = $0
  negated = condition ~ /#[ \t]*ifndef[ \t]+__linux__/ || condition ~ /!defined\(__linux__\)/
  names_linux = condition ~ /__linux__/
  guarded[depth] = names_linux && !negated
  flips[depth] = names_linux && negated  # its #else is the Linux branch
  next
}
/^[ \t]*#[ \t]*elif/ { guarded[depth] = $0 ~ /__linux__/ && $0 !~ /!defined\(__linux__\)/; flips[depth] = 0; next }
/^[ \t]*#[ \t]*else/ { guarded[depth] = flips[depth]; next }
/^[ \t]*#[ \t]*endif/ { if (depth > 0) depth--; next }

{
  line = $0
  # Comments and strings are not calls.
  if (in_comment) {
    if (index(line, "*/") == 0) next
    sub(/^.*\*\//, "", line)
    in_comment = 0
  }
  gsub(/\/\*.*\*\//, "", line)
  if (index(line, "/*") > 0) { sub(/\/\*.*$/, "", line); in_comment = 1 }
  sub(/\/\/.*$/, "", line)
  gsub(/"([^"\\]|\\.)*"/, "\"\"", line)

  inside_guard = 0
  for (d = 1; d <= depth; d++) if (guarded[d]) inside_guard = 1
  if (inside_guard) next

  n = split(line, words, /[^A-Za-z0-9_]+/)
  for (i = 1; i <= n; i++) {
    if (words[i] in linux_only) {
      printf "%s:%d: %s is Linux-only: guard it with #ifdef __linux__ (and a portable path or a clear message elsewhere)\n", FILENAME, FNR, words[i]
      found++
    }
  }
}

END { exit found > 0 ? 1 : 0 }
