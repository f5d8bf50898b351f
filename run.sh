#!/usr/bin/env bash
# Command 1: set everything up, put `autonet` on the PATH, check the machine (autonet doctor), then run the main job
# on embedded defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
"$root/scripts/setup.sh"
cli="$root/src/Autonet.Cli/bin/Release/net10.0/autonet"

# `autonet` on the PATH: a launcher that runs this checkout's Release build. A launcher, not `dotnet tool install`:
# a tool is copied into ~/.dotnet/tools, away from contracts/ (the compiled contracts, anvil) that `chain up` and
# `network run` find beside the build. $AUTONET_BIN_DIR chooses the folder; else /usr/local/bin when writable
# (root), else ~/.local/bin (on Debian's PATH from the next login once it exists).
bin_dir=${AUTONET_BIN_DIR:-}
if [ -z "$bin_dir" ]; then
  if [ -w /usr/local/bin ]; then bin_dir=/usr/local/bin; else bin_dir="$HOME/.local/bin"; fi
fi
mkdir -p "$bin_dir"
printf '#!/bin/sh\n# written by %s/run.sh: runs that checkout'"'"'s build of autonet\nexec "%s" "$@"\n' "$root" "$cli" > "$bin_dir/autonet.tmp"
chmod 755 "$bin_dir/autonet.tmp" && mv -f "$bin_dir/autonet.tmp" "$bin_dir/autonet"
case ":$PATH:" in
  *":$bin_dir:"*) echo "run.sh: \`autonet\` is on the PATH ($bin_dir/autonet)" ;;
  *) echo "run.sh: installed $bin_dir/autonet; add $bin_dir to PATH to type \`autonet\` (export PATH=\"$bin_dir:\$PATH\")" ;;
esac

"$cli" doctor || exit 1
# The main job: a whole network on a local anvil (1 proposer, 3 solvers, 2 coordinators, 1 aggregator, 3 rounds);
# extra arguments go to `autonet network run` (e.g. ./run.sh --rounds 5 --aggregation median).
"$cli" network run "$@"
