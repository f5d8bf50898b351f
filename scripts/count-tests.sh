#!/usr/bin/env bash
# Sums the per-assembly summaries of a `dotnet test` log ("Passed!  - Failed: 0, Passed: 50, Skipped: 0, ...")
# and prints "N passed, N failed, N skipped" on its own line. Exits non-zero when a test failed or none ran.
set -euo pipefail
log=${1:?usage: count-tests.sh DOTNET_TEST_LOG}
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
