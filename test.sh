#!/usr/bin/env bash
# Command 2: set everything up, then run the whole test suite (C# with dotnet test, the contracts with node --test
# against anvil) and print "N passed, N failed, N skipped" as the last line.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p "$root/artifacts"
log="$root/artifacts/test.log"
dotnet test "$root/Autonet.slnx" -c Release --no-build --nologo --filter "Category!=Slow" 2>&1 | tee "$log"
dotnet_status=${PIPESTATUS[0]}
(cd "$root/contracts" && node --test --test-reporter=tap test/) 2>&1 | tee -a "$log"
node_status=${PIPESTATUS[0]}
"$root/scripts/count-tests.sh" "$log"
count_status=$?
[ "$dotnet_status" -ne 0 ] && exit "$dotnet_status"
[ "$node_status" -ne 0 ] && exit "$node_status"
exit $count_status
