#!/usr/bin/env bash
# Command 1: set everything up, check the machine (autonet doctor), then run the main job on embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh"
cli="$root/src/Autonet.Cli/bin/Release/net10.0/autonet"
"$cli" doctor || exit 1
# The main job: a whole network on a local anvil (1 proposer, 3 solvers, 2 coordinators, 1 aggregator, 3 rounds);
# extra arguments go to `autonet network run` (e.g. ./run.sh --rounds 5 --aggregation median).
"$cli" network run "$@"
