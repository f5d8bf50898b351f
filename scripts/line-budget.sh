#!/usr/bin/env bash
# Keeps the ML core readable in an afternoon (as tinygrad does): fails when a project's C# lines exceed its budget,
# or when one C# or Solidity file is over the project's 600-line ceiling per file.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {
  local dir=$1 budget=$2
  [ -d "$dir" ] || return 0
  local lines
  lines=$(find "$dir" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 | xargs -0 -r cat | wc -l)
  echo "line budget: $dir $lines / $budget"
  if [ "$lines" -gt "$budget" ]; then echo "line budget: $dir is over budget ($lines > $budget)"; status=1; fi
}
check src/Autonet.Tensors 6000
check src/Autonet.Models 4000
while IFS= read -r file; do
  n=$(wc -l < "$file")
  if [ "$n" -gt 600 ]; then echo "line budget: $file has $n lines (ceiling 600)"; status=1; fi
done < <(find src -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*'; find contracts/src -name '*.sol')
exit $status
