#!/usr/bin/env bash
# Checks that every C source and header (tracked or new, not ignored) is formatted as .clang-format
# says; prints the offending lines and fails otherwise. With --fix, reformats them in place.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "clang-format is missing (run: bash scripts/system-deps.sh)" >&2
  exit 1
}
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.c' '*.h')
[ "${#files[@]}" -eq 0 ] && exit 0
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
fi
