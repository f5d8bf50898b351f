#!/usr/bin/env bash
# The Byzantine-solver experiment of issue 5: 4 solvers, 3 rounds, one of them sending -10 x its delta (signflip),
# with both coordinators lazy (they vote 10000 bp for everything), so verification lets the attacker through and
# only the aggregation rule stands between it and the global model. Prints probe accuracy by round per run.
# Usage: scripts/byzantine-experiment.sh [extra `network run` flags]   (about 2 minutes per run here)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/src/Autonet.Cli/bin/Release/net10.0/autonet"
[ -x "$cli" ] || "$root/scripts/setup.sh"
home=$(mktemp -d /tmp/autonet-byzantine-XXXX)
runs=(
  "honest, fedavg|--byzantine 0 --aggregation fedavg"
  "honest, median|--byzantine 0 --aggregation median"
  "1 signflip, fedavg|--byzantine 1 --aggregation fedavg"
  "1 signflip, median|--byzantine 1 --aggregation median"
  "1 signflip, trimmed-mean|--byzantine 1 --aggregation trimmed-mean"
)
echo "| run (4 solvers, 2 lazy coordinators) | probe accuracy: genesis -> round 1 -> 2 -> 3 | forced error |"
echo "| --- | --- | --- |"
for run in "${runs[@]}"; do
  name=${run%%|*}; flags=${run#*|}
  # shellcheck disable=SC2086
  NO_COLOR=1 "$cli" --home "$home" network run --solvers 4 --lazy-coordinators 2 $flags "$@" >/dev/null
  report=$(ls -d "$home"/runs/*/ | sort | tail -n 1)report.json
  python3 - "$name" "$report" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
acc = [r["GenesisMetric"]] + [x["Metric"] for x in r["Rounds"]]
forced = ", ".join(x["ForcedError"] or "-" for x in r["Rounds"])
print(f"| {name} | {' -> '.join(f'{a*100:.1f}%' if a is not None else 'none' for a in acc)} | {forced} |")
PY
done
rm -rf "$home"
