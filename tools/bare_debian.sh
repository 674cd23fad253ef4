#!/usr/bin/env bash
# ./course test bare: a student's first two commands on a Debian 12 that has
# nothing the course needs (no compiler, no CMake, no GoogleTest).
#
#   1. debootstraps a minimal bookworm into <dir>/root, with only git and sudo
#      added: the tools a student used to clone the course;
#   2. clones the course (its committed state, HEAD) into a student's home;
#   3. as that student: ./course start --yes, which must install the rest;
#   4. ./course check 01 must fail on the untouched exercise, and pass once the
#      solution's files are copied in.
# Its mounts are undone, and its processes stopped, on every way out.
#
#   tools/bare_debian.sh <dir>      (needs root; network to a Debian mirror)
set -u
dir=${1:?usage: tools/bare_debian.sh <dir>}
mirror=${COURSE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
target="$dir/root"
log="$dir/bare.log"

say() { printf 'bare: %s\n' "$*"; }
die() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts): sudo ./course test bare"
command -v debootstrap >/dev/null || die "needs debootstrap: ./course start --maintainer installs it"

# What is mounted into the bare system, in mounting order.
mounts=(proc sys dev dev/pts dev/shm)

# Stops every process whose root is the bare system, then unmounts, last
# first. The tree is removed only once nothing is mounted in it: removing it
# with /dev still bound in would remove the host's /dev.
undo() {
  local pid signal i mounted=no
  [ -z "${child:-}" ] || kill -TERM "$child" 2>/dev/null
  for signal in TERM KILL; do
    for pid in /proc/[0-9]*; do
      [ "$(readlink "$pid/root" 2>/dev/null)" = "$target" ] && kill "-$signal" "${pid#/proc/}" 2>/dev/null
    done
    sleep 1
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mountpoint -q "$target/${mounts[i]}" && { umount "$target/${mounts[i]}" || umount -l "$target/${mounts[i]}"; }
  done
  for i in "${mounts[@]}"; do
    mountpoint -q "$target/$i" && mounted=yes
  done
  if [ "$mounted" = yes ]; then
    say "could not unmount everything under $target: left in place (see: findmnt -R $target)"
    return 1
  fi
  rm -rf --one-file-system "$target"
}
trap 'undo' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it: bash runs a trap only
# once its foreground command ends, and a `wait` ends at once on a signal, so
# that a TERM (a CI timeout) undoes the mounts now, not after apt-get.
in_background() {
  "$@" &
  child=$!
  wait "$child"
  local status=$?
  child=""
  return "$status"
}

# As the student, in the clone, inside the bare system; the output also in
# $dir/last.log.
as_student() {
  in_background chroot "$target" runuser -u student -- bash -c "cd ~/course && $1" >"$dir/last.log" 2>&1
  local status=$?
  cat "$dir/last.log" >>"$log"
  return "$status"
}

# Runs one step: its time, and its output in the log.
step() {
  local name=$1 began=$SECONDS status
  shift
  printf '\n== %s ==\n' "$name" >>"$log"
  "$@"
  status=$?
  if [ "$status" -eq 0 ]; then
    say "$name: ok in $((SECONDS - began)) s"
  else
    say "$name: FAILED after $((SECONDS - began)) s"
  fi
  return "$status"
}

setup() {
  in_background debootstrap --variant=minbase --include=git,sudo,ca-certificates bookworm "$target" "$mirror" \
    >>"$log" 2>&1 || return 1
  cp /etc/resolv.conf "$target/etc/resolv.conf"
  printf '127.0.1.1 %s\n' "$(uname -n)" >>"$target/etc/hosts"  # sudo looks its host up
  mount -t proc proc "$target/proc" &&
    mount -t sysfs sys "$target/sys" &&
    mount --bind /dev "$target/dev" &&
    mount --bind /dev/pts "$target/dev/pts" &&
    { ! mountpoint -q /dev/shm || mount --bind /dev/shm "$target/dev/shm"; } || return 1
  chroot "$target" useradd --create-home --shell /bin/bash student || return 1
  echo 'student ALL=(ALL) NOPASSWD:ALL' >"$target/etc/sudoers.d/student"
  git clone --quiet --no-hardlinks "$source_root" "$target/home/student/course" &&
    chroot "$target" chown -R student:student /home/student/course
}

untouched_fails() {
  as_student './course check 01' && { say "the untouched exercise 01 passed its check"; return 1; }
  grep -q "✗" "$dir/last.log" || { say "the check failed, but not on a failing test (see $log)"; return 1; }
}

solved_passes() {
  as_student 'cp solutions/01_processes/* exercises/01_processes/ && ./course check 01'
}

undo 2>/dev/null  # what an earlier run that was killed outright left behind
: >"$log"
say "Debian bookworm from $mirror into ${target}; the course at $(git -C "$source_root" rev-parse --short HEAD) (committed state); log: $log"
began=$SECONDS
step "debootstrap (minbase + git, sudo)" setup || die "could not set up the bare system (log: $log)"
step "./course start --yes" as_student './course start --yes' || die "./course start --yes failed on a bare Debian (log: $log)"
installed=$(chroot "$target" dpkg-query -W -f='${Package}\n' cmake ninja-build g++ libgtest-dev libfmt-dev libasio-dev libtbb-dev patch openmpi-bin libopenmpi-dev 2>/dev/null | tr '\n' ' ')
say "installed by ./course start: $installed"
step "./course check 01, untouched (must fail)" untouched_fails || die "see $log"
step "./course check 01, with the solution (must pass)" solved_passes || die "the solution did not pass its check (log: $log)"
say "passed in $((SECONDS - began)) s"
