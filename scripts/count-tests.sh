#!/usr/bin/env bash
# Sums the counters of every TRX file under $1 and prints "N passed, N failed, N skipped" on its own line.
# Exits non-zero when a test failed or none ran.
set -euo pipefail
dir=${1:?usage: count-tests.sh RESULTS_DIR}
passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
skipped=$((total - passed - failed))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
