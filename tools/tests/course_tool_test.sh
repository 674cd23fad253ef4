#!/usr/bin/env bash
# Tests of ./course that need no build: arguments, messages, hints, list,
# solution, reset. Each runs with a state folder of its own.
set -u
root=$1
course="$root/course"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COURSE_STATE_DIR="$work/state" NO_COLOR=1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect <exit code> <text in the output> <command...>
expect() {
  local code=$1 text=$2 out status
  shift 2
  out=$("$@" 2>&1)
  status=$?
  [ "$status" -eq "$code" ] || fail "'$*' exited $status, expected $code. Output: $out"
  grep -qF -- "$text" <<<"$out" || fail "'$*' did not say '$text'. Output: $out"
}

expect 0 "./course check NN" "$course" help
expect 2 "unknown command 'chek'" "$course" chek
expect 2 "Did you mean: ./course check" "$course" chek
expect 2 "unknown lesson '99'" "$course" check 99
expect 2 "01_processes" "$course" check 99
expect 2 "which lesson?" "$course" run
expect 2 "usage: ./course check NN" "$course" check 01 02
expect 2 "unknown option '--now'" "$course" start --now
expect 2 "usage: ./course reset NN" "$course" reset
expect 2 "usage: ./course claims" "$course" claims now
expect 2 "unknown part 'fast'" "$course" test fast
expect 2 "usage: ./course load [N]" "$course" load many
expect 2 "usage: ./course load [N]" "$course" load 0
expect 2 "which lesson?" "$course" hint
expect 2 "unknown lesson 'abc'" "$course" run abc
expect 2 "--hosts is for lesson 12" "$course" run 03 --hosts "$work/none"
expect 2 "usage: ./course run 12 --hosts FILE" "$course" run 12 --hosts
expect 2 "no hostfile '$work/none' to read" "$course" run 12 --hosts "$work/none"
expect 2 "unknown format 'gif'" "$course" slides gif
expect 2 "usage: ./course slides [html|pdf|check]" "$course" slides html pdf
# macOS ships bash 3.2: the tool stops at once and names what to install.
COURSE_PRETEND_BASH_VERSION=3.2.57 expect 2 "needs bash 4 or newer" "$course" list
COURSE_PRETEND_BASH_VERSION=3.2.57 expect 2 "brew install bash" "$course" check 01

# Lesson 00 has a demo but no exercise: the tool says so instead of failing.
expect 0 "has no exercise" "$course" check 00
expect 0 "no hints" "$course" hint 0
expect 0 "(no exercise)" "$course" list

# Lesson names: a number, a zero-padded number, the folder, or the topic.
for name in 1 01 01_processes processes; do
  expect 0 "hint" "$course" hint "$name"
done
rm -rf "$COURSE_STATE_DIR"

# Hints stay out of the READMEs a student reads: ./course hint shows them.
for readme in "$root"/exercises/*/README.md; do
  grep -qiE '^#+ *hint' "$readme" && fail "${readme#$root/} shows hints; they belong in solutions/*/HINTS.md"
done

# Hints come one more at a time, and stop at the last.
expect 0 "hint 1 of 3" "$course" hint 01
expect 0 "hint 2 of 3" "$course" hint 01
expect 0 "hint 3 of 3" "$course" hint 01
expect 0 "That was the last hint" "$course" hint 01

# Nothing is solved yet: list says so, and the solution stays hidden.
expect 0 "← next: ./course check 01" "$course" list
expect 1 "Solve it first" "$course" solution 01
expect 1 "solve it first" "$course" mistakes 01
expect 2 "unknown lesson '99'" "$course" mistakes 99
expect 2 "usage: ./course mistakes NN" "$course" mistakes
expect 0 "caught by: RunJobs." "$course" mistakes 01 --force
expect 0 "+++ solutions/01_processes/run_jobs.cpp" "$course" solution 01 --force

# In a fresh clone, in a folder whose name has a space, with no state folder
# yet: the commands work, and reset restores the exercise as the course
# published it, even after the student committed their attempt.
if git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
  clone="$work/my course"
  git clone -q "$root" "$clone"
  (
    unset COURSE_STATE_DIR
    cd "$clone/exercises" || exit 1
    expect 0 "← next: ./course check 01" ../course list
    [ -d "$clone/build/.course" ] || fail "the tool did not make its state folder"
    expect 0 "hint 1 of" ../course hint 01
    exit "$failures"
  ) || fail "the fresh clone's commands failed (above)"
  echo "// my attempt" >>"$clone/exercises/01_processes/run_jobs.cpp"
  expect 0 "+++ solutions/01_processes/run_jobs.cpp" "$clone/course" solution 01 --force
  git -C "$clone" -c user.name=student -c user.email=student@example.org commit -qam "my attempt"
  expect 0 "Your files are saved in" "$clone/course" reset 01
  grep -q "my attempt" "$clone/exercises/01_processes/run_jobs.cpp" && fail "reset kept the committed attempt"
  grep -rq "my attempt" "$COURSE_STATE_DIR/backup" || fail "reset kept no backup of the attempt"
fi

[ "$failures" -eq 0 ] && echo "course tool: ok"
exit "$failures"
