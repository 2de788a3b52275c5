#!/usr/bin/env bash
# The whole test suite: system packages (as root), build, lint, typecheck, C tests, ava tests and
# the Python client test. Prints each suite's outcome and ends with one line over all of them:
# "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# A check counts as one test: it passes when the command exits 0.
check() {
  local name=$1
  shift
  if "$@" >"$logs/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    tail -n 60 "$logs/$name.log"
  fi
}

# A suite reports its own counts; a suite that fails without reporting counts as one failure.
suite() {
  local name=$1 parser=$2
  shift 2
  "$@" 2>&1 | tee "$logs/$name.log"
  local status=${PIPESTATUS[0]}
  local counts
  counts=$("$parser" "$logs/$name.log")
  local p=${counts% *} f=${counts#* }
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  echo "$name: $p passed, $f failed"
}

count_c() {
  local line
  line=$(grep -E '^C: [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  [ -n "$line" ] || { echo "0 0"; return; }
  echo "$line" | sed -E 's/^C: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/'
}

count_ava() {
  local p f
  p=$(grep -Eo '^\s*[0-9]+ tests? passed' "$1" | grep -Eo '[0-9]+' | tail -n 1)
  f=$(grep -Eo '^\s*[0-9]+ tests? failed' "$1" | grep -Eo '[0-9]+' | tail -n 1)
  local u
  u=$(grep -Eo '^\s*[0-9]+ (uncaught exceptions?|unhandled rejections?)' "$1" | awk '{ n += $1 } END { print n + 0 }')
  echo "${p:-0} $(( ${f:-0} + ${u:-0} ))"
}

count_python() {
  local ran f
  ran=$(grep -Eo '^Ran [0-9]+ tests?' "$1" | grep -Eo '[0-9]+' | tail -n 1)
  f=$(grep -Eo '^FAILED \(.*\)' "$1" | grep -Eo '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
  echo "$(( ${ran:-0} - ${f:-0} )) ${f:-0}"
}

# First: lint needs clang-format, the cluster tests Debian's etcd.
check system-deps bash scripts/system-deps.sh
check build npm run -s build
check lint npm run -s lint
check typecheck npm run -s typecheck
suite c-tests count_c make -s -C native/model test
suite ava count_ava npx ava
if [ -d clients/python/tests ]; then
  suite python count_python /usr/bin/python3 -m unittest discover -s clients/python/tests -t clients/python -v
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
