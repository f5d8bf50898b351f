#!/usr/bin/env bash
# The default three-round `autonet network run` in one go: in-process lockstep (time jumped once every node acted),
# with every node a daemon on real block time (a block a second, nobody driving, three storage providers), and, as
# root with `ip`, the same with the chain, every provider and every daemon each on a host of its own (--hosts).
# Prints each run's wall seconds (the run's own "seconds", set-up included), its set-up (those seconds less its rounds':
# chain, deploy, funding, providers and daemons started, genesis placed), the commit window it ran with (a daemon run
# sizes it from the machine's measured training pace, never below --commit-window), its commits per round and final
# probe, then the ratios to lockstep and the load average before and after. Run it on a quiet machine.
# Usage: bench/network/daemons-vs-lockstep.sh [extra args for both runs, e.g. --commit-window 40 --window 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
autonet=src/Autonet.Cli/bin/Release/net10.0/autonet
[ -x "$autonet" ] || dotnet build src/Autonet.Cli -c Release >/dev/null
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
summary() { # seconds, set-up seconds, commit window, commits per round (a/b/c), final probe: from the run's summary line
  python3 -c "
import json, sys
s = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{') and '\"summary\"' in l][-1]
setup = s['seconds'] - sum(r.get('seconds') or 0 for r in s['rounds'])
print(round(s['seconds'], 1), round(setup, 1), s.get('commitWindowSeconds') or '-', '/'.join(str(r['commits']) for r in s['rounds']), s['metrics'][-1])" "$1"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A run with a round that published nothing exits 1; its summary still counts.
"$autonet" --home "$home/lockstep" network run --json "$@" > "$home/lockstep.out" || true
"$autonet" --home "$home/daemons" network run --daemons --json "$@" > "$home/daemons.out" || true
hosts=$([ "$(id -u)" = 0 ] && command -v ip >/dev/null && echo yes || true)
if [ -n "$hosts" ]; then
  "$autonet" --home "$home/hosts" network run --daemons --hosts --json "$@" > "$home/hosts.out" || true
fi
read -r lock locks _ lockc lockp < <(summary "$home/lockstep.out")
read -r dmn dmns dmnw dmnc dmnp < <(summary "$home/daemons.out")
printf 'lockstep (in-process):     %6.1f s  set-up %5.1f s                   commits/round %s  final probe %s\n' "$lock" "$locks" "$lockc" "$lockp"
printf 'daemons (block time 1 s):  %6.1f s  set-up %5.1f s  commit window %s s  commits/round %s  final probe %s\n' "$dmn" "$dmns" "$dmnw" "$dmnc" "$dmnp"
python3 -c "print(f'daemons / lockstep: {$dmn / $lock:.2f}x')"
if [ -n "$hosts" ]; then
  read -r hst hsts hstw hstc hstp < <(summary "$home/hosts.out")
  printf 'daemons, separate hosts:   %6.1f s  set-up %5.1f s  commit window %s s  commits/round %s  final probe %s\n' "$hst" "$hsts" "$hstw" "$hstc" "$hstp"
  python3 -c "print(f'hosts / lockstep: {$hst / $lock:.2f}x')"
else
  echo "daemons on separate hosts: skipped (needs root and ip)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
