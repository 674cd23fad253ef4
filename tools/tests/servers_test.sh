#!/usr/bin/env bash
# Every server in the course listens on 127.0.0.1, on a port the OS picks
# (port 0): tests run side by side without colliding, and nothing is exposed
# to the classroom's network. Checked in the sources: each place that makes a
# listening socket must say loopback and port 0 on the same line.
set -u
root=$1
cd "$root" || exit 1
servers=$(grep -rnE 'tcp::acceptor [a-z_]+[({]|::bind\(|[a-z_]\.bind\(' --include=*.cpp --include=*.hpp \
  common lessons exercises solutions tests)
[ -n "$servers" ] || { echo "FAIL: found no server at all: has the code moved?"; exit 1; }
bad=$(grep -vE 'address_v4::loopback\(\), 0\)' <<<"$servers")
if [ -n "$bad" ]; then
  echo "FAIL: a server that does not bind 127.0.0.1 on port 0:"
  echo "$bad"
  exit 1
fi
echo "servers: ok ($(wc -l <<<"$servers") places bind 127.0.0.1:0)"
