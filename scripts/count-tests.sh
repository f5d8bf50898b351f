#!/usr/bin/env bash
# Sums a test log's results and prints "N passed, N failed, N skipped" on its own line:
# dotnet test's per-assembly summaries ("Passed!  - Failed: 0, Passed: 50, Skipped: 0, ...") and
# node --test's TAP summary ("# pass 40", "# fail 0", "# skipped 0", "# todo 0").
# Before that line, the names and first error lines of failed tests. Exits non-zero when a test failed or none ran.
set -euo pipefail
log=${1:?usage: count-tests.sh TEST_LOG}
read -r passed failed skipped < <(
  {
    grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
      sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' || true
    grep -E '^# (pass|fail|skipped|todo) [0-9]+$' "$log" | awk '
      $2=="pass" {print $3, 0, 0} $2=="fail" {print 0, $3, 0} $2=="skipped" || $2=="todo" {print 0, 0, $3}' || true
  } | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$failed" -ne 0 ]; then
  # The failing tests' names and first error lines, so a CI log's tail says which test failed and why.
  echo "failed tests:"
  { grep -E -A4 '^ +Failed [A-Za-z_]' "$log" | grep -v -E '^ +(Stack Trace:|at )' || true
    grep -E '^not ok [0-9]+ - ' "$log" || true; } | cut -c1-300 | head -n 60
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
