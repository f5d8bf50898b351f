#!/usr/bin/env bash
# Command 2: set everything up, then run the whole test suite and print "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh" || exit 1
results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test "$root/Autonet.slnx" -c Release --no-build --nologo --filter "Category!=Slow" \
  --logger "trx;LogFilePrefix=autonet" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000
status=$?
"$root/scripts/count-tests.sh" "$results"
count_status=$?
[ $status -ne 0 ] && exit $status
exit $count_status
