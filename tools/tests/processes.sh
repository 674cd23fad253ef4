# Shell helpers for the process-hygiene tests; source it. Reads /proc: Linux only.

# The live (not zombie) processes of process group $1, one PID per line.
group_members() {
  local group=$1 dir line state pgrp
  for dir in /proc/[0-9]*; do
    read -r line 2>/dev/null <"$dir/stat" || continue
    # After "pid (name) " come: state ppid pgrp ...
    read -r state _ pgrp _ <<<"${line##*) }"
    [ "$pgrp" = "$group" ] && [ "$state" != Z ] && echo "${dir#/proc/}"
  done
}

# True while process $1 runs (a zombie has ended: it only waits to be reaped).
alive() {
  local line state
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  read -r state _ <<<"${line##*) }"
  [ "$state" != Z ]
}

# Waits until `condition` (a command) succeeds, checking every 50 ms, for at
# most $1 seconds. Fails when time runs out.
wait_until() {
  local seconds=$1 give_up
  shift
  give_up=$(( ${EPOCHREALTIME/./} + seconds * 1000000 ))
  until "$@"; do
    (( ${EPOCHREALTIME/./} < give_up )) || return 1
    sleep 0.05
  done
}

# Starts "$@" as a job in a process group of its own, as a terminal would,
# with its output in the file $out. Sets $pid (also the group's id).
start_job() {
  set -m
  "$@" >"$out" 2>&1 &
  pid=$!
  set +m
}

# Ctrl-C: SIGINT to the job's whole process group. Fails, killing what is
# left, unless every process of the group is gone within 5 s.
press_ctrl_c() {
  all_gone() { [ -z "$(group_members "$pid")" ]; }
  kill -INT -- "-$pid"
  if ! wait_until 5 all_gone; then
    echo "FAIL: still running 5 s after Ctrl-C: $(group_members "$pid" | tr '\n' ' ')"
    kill -KILL -- "-$pid" 2>/dev/null
    return 1
  fi
  wait "$pid" 2>/dev/null
  return 0
}
