#!/usr/bin/env bash
# Fuzzes every decoder of issues 15 and 18 (the X11 capture client, Xauthority, frame files) with AFL++ (Debian afl++) through SharpFuzz 2.3.0, for a bounded time, and fails
# on any crash: an exception other than the documented one, a wrong value, or an allocation over 64 bytes per input
# byte + 4 MiB. Then replays each target's queue in-process and prints one JSON line per target with the inputs
# AFL++ tried, the crashes and the worst allocation per input byte (the README's "Decoders under fuzzing" table).
# JSON targets get an AFL++ dictionary of their member names (the seed step writes corpus/TARGET.dict).
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 12)] [TARGET...]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-12}
shift || true
out="$root/artifacts/fuzz"
bin="$out/bin"       # plain: seeding and replay (instrumented code needs AFL++'s shared memory to run)
afl_bin="$out/bin-afl" # instrumented copy that AFL++ runs

if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz: installing Debian afl++"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq afl++ >/dev/null \
    || { echo "fuzz: cannot install afl++"; exit 1; }
fi
if [ ! -x "$out/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null \
    || { echo "fuzz: cannot install SharpFuzz.CommandLine 2.3.0"; exit 1; }
fi

rm -rf "$bin" "$afl_bin" "$out/corpus" "$out/findings"
dotnet publish fuzz/Autonet.Fuzz -c Release -o "$bin" --nologo -v quiet -clp:ErrorsOnly || { echo "fuzz: publish failed"; exit 1; }
dotnet "$bin/Autonet.Fuzz.dll" seed "$out/corpus" || { echo "fuzz: seeding failed"; exit 1; }
cp -r "$bin" "$afl_bin"
# Instrument only our decoders' assemblies: AFL++ then sees their branches, not the runtime's.
for assembly in Autonet.Core Autonet.Chain Autonet.Tensors Autonet.Models Autonet.Training Autonet.Node Autonet.Data; do
  "$out/tools/sharpfuzz" "$afl_bin/$assembly.dll" >/dev/null || { echo "fuzz: sharpfuzz could not instrument $assembly"; exit 1; }
done

targets=("$@")
[ ${#targets[@]} -eq 0 ] && read -r -a targets <<< "$(dotnet "$bin/Autonet.Fuzz.dll" list)"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_QUIET=1 AFL_NO_CRASH_README=1 AFL_FAST_CAL=1
failed=0
mkdir -p "$out/findings"
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  dictionary=(); [ -s "$out/corpus/$target.dict" ] && dictionary=(-x "$out/corpus/$target.dict") # JSON targets' member names
  # -V: stop after this many seconds; -t: a .NET start is slow, so a generous per-input timeout (ms).
  timeout $((seconds + 120)) afl-fuzz -i "$out/corpus/$target" -o "$findings" "${dictionary[@]}" -V "$seconds" -t 5000 -m none \
    -- dotnet "$afl_bin/Autonet.Fuzz.dll" afl "$target" > "$out/$target.afl.log" 2>&1
  status=$?
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz: $target: AFL++ did not start (exit $status); see $out/$target.afl.log"; tail -5 "$out/$target.afl.log"
    failed=1; continue
  fi
  execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  echo "fuzz: $target: $execs inputs tried, $crashes crashes, $hangs hangs"
  # The queue and any crashes, replayed in-process for the exception and allocation figures.
  dotnet "$bin/Autonet.Fuzz.dll" replay "$target" "$findings/default/queue" "$findings/default/crashes" | sed "s/^{/{\"afl_execs\":$execs,\"afl_crashes\":$crashes,\"afl_hangs\":$hangs,/"
  replay_status=${PIPESTATUS[0]}
  if [ "$crashes" -ne 0 ] || [ "$replay_status" -ne 0 ]; then failed=1; fi
  [ "$crashes" -ne 0 ] && find "$findings/default/crashes" -type f -name 'id:*' | head -3 | while read -r f; do echo "fuzz: $target crash input: $f"; done
done
[ "$failed" -eq 0 ] && echo "fuzz: no crashes" || echo "fuzz: FAILED (inputs under $out/findings)"
exit $failed
