#!/usr/bin/env bash
# Command 2: set everything up, then run the whole test suite and print "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p "$root/artifacts"
log="$root/artifacts/test.log"
dotnet test "$root/Autonet.slnx" -c Release --no-build --nologo --filter "Category!=Slow" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
"$root/scripts/count-tests.sh" "$log"
count_status=$?
[ "$status" -ne 0 ] && exit "$status"
exit $count_status
