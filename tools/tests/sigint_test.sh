#!/usr/bin/env bash
# Ctrl-C on a demo that forks: once it has a child, SIGINT goes to its process
# group (what a terminal does), and within 5 s no process of it may remain.
# Exit 77 (a skip) when the demo declined to fork on this machine, saying why.
set -u
demo=$1
shift
source "$(dirname "$0")/processes.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

start_job "$demo" "$@"

members=0
has_forked() {
  members=$(group_members "$pid" | wc -l)
  [ "$members" -ge 2 ]
}
ended() { ! kill -0 "$pid" 2>/dev/null; }
forked_or_ended() { has_forked || ended; }
# 30 s: under a sanitizer, a demo may prepare for long before it forks.
wait_until 30 forked_or_ended
if [ "$members" -lt 2 ]; then
  kill -KILL -- "-$pid" 2>/dev/null
  if grep -q "too few" "$out"; then  # e.g. a low open-file limit: the demo explained and stopped
    echo "SKIP: the demo did not fork here: $(grep "too few" "$out")"
    exit 77
  fi
  echo "FAIL: '$(basename "$demo") $*' started no child process within 30 s, or ended before one was seen. Output:"
  tail -5 "$out"
  exit 1
fi
press_ctrl_c || exit 1
echo "sigint: ok ($(basename "$demo") $*: $members processes, all gone after Ctrl-C)"
