#!/usr/bin/env bash
# Command 1: set everything up, then run the main job on embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh"
cli="$root/src/Autonet.Cli/bin/Release/net10.0/autonet"
"$cli" doctor || exit 1
if [ $# -gt 0 ]; then "$cli" "$@"; fi
