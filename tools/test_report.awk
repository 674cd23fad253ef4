# GoogleTest's output, as the student's check shows it: one line per test as
# it ends (✓ or ✗, its name in words), the first failure in full, the count.
#
#   <tests binary> 2>&1 | awk -v green=.. -v red=.. -v dim=.. -v reset=.. -f test_report.awk
#
# Exits 0 when every test passed, 1 otherwise. The raw output is for the log.

# "Bank.ATransferToTheSameAccountChangesNothing" -> "Bank: a transfer to the same account changes nothing"
function in_words(name,    suite, test, words, i, c, next_c) {
  suite = name
  sub(/\..*/, "", suite)
  test = name
  sub(/^[^.]*\./, "", test)
  words = ""
  for (i = 1; i <= length(test); i++) {
    c = substr(test, i, 1)
    next_c = substr(test, i + 1, 1)
    if (i > 1 && c ~ /[A-Z]/ && (substr(test, i - 1, 1) ~ /[a-z0-9]/ || next_c ~ /[a-z]/)) words = words " "
    words = words c
  }
  # Lower-case every word but acronyms (two capitals or more).
  n = split(words, parts, " ")
  words = ""
  for (i = 1; i <= n; i++) {
    if (parts[i] !~ /^[A-Z][A-Z0-9]+$/) parts[i] = tolower(parts[i])
    words = words (i > 1 ? " " : "") parts[i]
  }
  return suite ": " words
}

function flush_line() { fflush() }

/^\[ RUN      \] / {
  current = $4
  detail_count = 0
  next
}

/^\[       OK \] / {
  passed++
  printf "%s✓%s %s\n", green, reset, in_words($4)
  flush_line()
  current = ""
  next
}

/^\[  SKIPPED \] / && current != "" {
  skipped++
  printf "%s-%s %s (skipped here)\n", dim, reset, in_words($4)
  flush_line()
  current = ""
  next
}

/^\[  FAILED  \] / && current != "" {
  failed++
  printf "%s✗%s %s\n", red, reset, in_words($4)
  if (failed == 1) {
    for (i = 1; i <= detail_count; i++) printf "    %s\n", detail[i]
    print ""
  }
  flush_line()
  current = ""
  next
}

# What a running test printed: its failure messages, a deadlock's cycle.
current != "" {
  if (detail_count < 60) detail[++detail_count] = $0
  next
}

END {
  if (current != "") {
    # The binary ended inside a test: a crash that took the whole run down, or a kill.
    failed++
    printf "%s✗%s %s: the test program itself ended here\n", red, reset, in_words(current)
    for (i = 1; i <= detail_count; i++) printf "    %s\n", detail[i]
  }
  total = passed + failed + skipped
  if (total == 0) {
    print "No test ran: the test program did not start (see the log)."
    exit 1
  }
  printf "\n%d of %d tests pass%s.\n", passed, total, skipped ? sprintf(" (%d skipped)", skipped) : ""
  exit failed > 0 ? 1 : 0
}
