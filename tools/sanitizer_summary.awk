# The first report of ThreadSanitizer, AddressSanitizer or UBSan in a log, said
# in a student's terms: what went wrong, where in their own files, which threads.
#
#   awk -v root=<course root> -v mine=<exercises/NN_topic/> -f sanitizer_summary.awk <log>
#
# Prints nothing when the log holds no report. Frames in `mine` are the
# student's; the first of those is where each access happened.

function relative(path) {
  sub("^" root "/", "", path)
  return path
}

# "#3 count(...) /root/exercises/03_threads/letter_count.cpp:42 (binary+0x12)" -> "exercises/03_threads/letter_count.cpp:42"
function frame_location(line,    fields, n, i) {
  n = split(line, fields, " ")
  for (i = n; i >= 2; i--) {
    if (fields[i] ~ /:[0-9]+(:[0-9]+)?$/) return relative(fields[i])
  }
  return ""
}

function source_line(location,    parts, file, wanted, text, i) {
  split(location, parts, ":")
  file = root "/" parts[1]
  wanted = parts[2] + 0
  text = ""
  for (i = 1; (getline line < file) > 0; i++) {
    if (i == wanted) {
      text = line
      break
    }
  }
  close(file)
  gsub(/^[ \t]+/, "", text)
  return text
}

function show_access(what, who, where) {
  if (where == "") where = "(not in your files: see the full report)"
  printf "  %-11s %-14s %s\n", who, what, where
  if (index(where, mine) == 1) {
    text = source_line(where)
    if (text != "") printf "  %-11s %-14s   %s\n", "", "", text
  }
}

function finish_access() {
  if (access_what != "") {
    show_access(access_what, access_who, access_where)
    access_what = ""
  }
}

BEGIN { state = "none" }

# ---------------------------------------------------------------- ThreadSanitizer
state == "none" && /WARNING: ThreadSanitizer: / {
  kind = $0
  sub(/.*WARNING: ThreadSanitizer: /, "", kind)
  sub(/ \(pid=[0-9]+\)$/, "", kind)
  tool = "tsan"
  state = "report"
  print "ThreadSanitizer found " (kind ~ /^data race/ ? "a data race" : "a problem: " kind) " in your code:"
  next
}

# "  Write of size 8 at 0x.. by thread T2:" or "  Previous read of size 8 at 0x.. by main thread (mutexes: ...):"
state == "report" && tool == "tsan" && /^  (Previous )?(atomic )?([Rr]ead|[Ww]rite|Atomic read|Atomic write) of size/ {
  finish_access()
  verb = tolower($0)
  previous = verb ~ /previous/
  writes = verb ~ /write/
  access_what = previous ? (writes ? "wrote, before" : "read, before") : (writes ? "writes" : "reads")
  access_who = "main thread"
  if ($0 ~ / by thread T[0-9]+/) {
    access_who = $0
    sub(/.* by thread /, "", access_who)
    sub(/[ (:].*/, "", access_who)
    access_who = "thread " access_who
  }
  access_where = ""
  next
}

state == "report" && /^    #[0-9]+ / {
  location = frame_location($0)
  if (access_what != "" && access_where == "" && index(location, mine) == 1) access_where = location
  if (first_mine == "" && index(location, mine) == 1) first_mine = location
  next
}

state == "report" && tool == "tsan" && /^  Location is / {
  finish_access()
  if (located || $0 ~ /<null>/) next
  located = 1
  place = $0
  sub(/^  Location is /, "", place)
  sub(/ at 0x[0-9a-f]+.*/, "", place)
  printf "  on: %s\n", place
  next
}

state == "report" && tool == "tsan" && /^SUMMARY: ThreadSanitizer/ {
  finish_access()
  if (kind ~ /^data race/ && mine ~ /10_atomics/) {
    # Lesson 10's ring: a mutex is the wrong answer there; the memory order is the right one.
    print "A data race: two threads use the same memory, at least one of them writes, and nothing"
    print "orders the two: an atomic index orders the slot's accesses only through a release store"
    print "that the other thread's acquire load reads (relaxed orders nothing). C++ calls that undefined"
    print "behaviour, even where this machine hides it. Write the slot, then store the index with"
    print "memory_order_release; load the other's index with memory_order_acquire before you touch the slot."
  } else if (kind ~ /^data race/ && mine ~ /11_parallel_algorithms/) {
    # Lesson 11: a lock would pass, but the lesson's answer shares nothing.
    print "A data race inside a parallel algorithm: std::execution::par runs your function on several"
    print "threads at once, so whatever the calls share (a map, a vector, a counter) is written by two of"
    print "them at the same time. Share nothing: let each call return its own result (one part's counts)"
    print "and let the algorithm combine them: std::transform_reduce with a merge, starting from its"
    print "identity, an empty map."
  } else if (kind ~ /^data race/) {
    print "A data race: two threads use the same memory at the same time, at least one of them writes,"
    print "and nothing orders the two (no lock that both hold, no atomic). C++ calls that undefined"
    print "behaviour: lost updates are the mild outcome. Guard the shared data with one mutex, or give"
    print "each thread its own and combine the results after join()."
  } else if (kind ~ /lock-order-inversion/) {
    print "Two locks were taken in opposite orders by different threads: a deadlock waiting to happen."
    print "Take them in one global order, or together with std::scoped_lock."
  } else if (first_mine != "") {
    printf "  in your code at %s\n", first_mine
  }
  exit
}

# ---------------------------------------------------------------- AddressSanitizer
state == "none" && /ERROR: (AddressSanitizer|LeakSanitizer): / {
  kind = $0
  sub(/.*ERROR: (AddressSanitizer|LeakSanitizer): /, "", kind)
  sub(/ on address.*| on unknown address.*/, "", kind)
  tool = "asan"
  state = "report"
  print "AddressSanitizer found a memory error in your code: " kind
  next
}

state == "report" && tool == "asan" && /^(READ|WRITE) of size/ {
  access_what = $1 == "READ" ? "reads" : "writes"
  access_who = $0
  sub(/.* thread /, "thread ", access_who)
  access_where = ""
  next
}

state == "report" && tool == "asan" && (/^0x[0-9a-f]+ is located/ || /^SUMMARY: AddressSanitizer/ || /^(freed|previously allocated) by/) {
  finish_access()
  if (/is located/) {
    sub(/^0x[0-9a-f]+ is /, "", $0)
    printf "  the memory: %s\n", $0
    next
  }
  if (/^SUMMARY/) {
    if (first_mine != "") printf "  first seen in your code at %s\n", first_mine
    print "Memory used outside what was allocated, or after it was given back, is undefined behaviour:"
    print "the program may crash, or silently corrupt other data."
    exit
  }
  next
}

# ---------------------------------------------------------------- UBSan
state == "none" && /: runtime error: / {
  location = $1
  sub(/:$/, "", location)
  problem = $0
  sub(/.*: runtime error: /, "", problem)
  print "UndefinedBehaviorSanitizer found undefined behaviour: " problem
  location = relative(location)
  printf "  at %s\n", location
  if (index(location, mine) == 1) {
    text = source_line(location)
    if (text != "") printf "     %s\n", text
  }
  exit
}
