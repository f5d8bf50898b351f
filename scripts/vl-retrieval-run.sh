#!/usr/bin/env bash
# Issue 18's VL-JEPA run with its log: `autonet train --modality multimodal` in the background, each checkpoint copied
# as it is written with the training process's CPU time so far (utime + stime from /proc), then, after training (so
# the evaluations take no core from it), `autonet eval retrieval` on the copies. Writes OUT/log.md: a table of step,
# wall and 2-core-equivalent minutes, mean loss and InfoNCE term over the last steps, and among the 500 held-out pairs
# R@1 / R@5 both ways, distinct nearest neighbours, the top 10 hubs' share of queries (by centred cosine, then by CSLS)
# and ranks.
# Usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]   (give --checkpoint-every to set the log's cadence)
#        scripts/vl-retrieval-run.sh PAIRS OUT                      (OUT holds a finished run: evaluate what is missing, tabulate)
# EVAL_EVERY=k evaluates every k-th copy (and the last); a copy whose OUT/copies/N.json exists is not evaluated again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:?usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]}
out=${2:?usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]}
shift 2
autonet=${AUTONET:-$root/src/Autonet.Cli/bin/Release/net10.0/autonet} # AUTONET: a copy, so a rebuild cannot change a running run
every=${EVAL_EVERY:-1}
[ -x "$autonet" ] || dotnet build "$root/src/Autonet.Cli" -c Release --nologo -v quiet
if [ $# -eq 0 ] && [ -s "$out/time.txt" ]; then
  echo "$out: a finished run; evaluating its copies"
else
  [ ! -e "$out" ] || { echo "$out exists: choose a new OUT"; exit 1; }
  mkdir -p "$out/copies"
  ticks=$(getconf CLK_TCK)
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/time.txt" "$autonet" train --modality multimodal --pairs "$pairs" --out "$out/run" "$@" >"$out/train.txt" 2>&1 &
  pid=$!
  sleep 1
  train=$(pgrep -P "$pid" | head -1)
  last=""
  copy() {
    local file=$out/run/checkpoint.safetensors
    [ -f "$file" ] || return 0
    local stamp
    stamp=$(stat -c %Y.%s "$file")
    [ "$stamp" != "$last" ] || return 0
    last=$stamp
    local n=$(( $(ls "$out/copies" | grep -c '^[0-9]*\.safetensors$' || true) ))
    cp "$file" "$out/copies/$n.safetensors"
    local cpu
    if [ -r "/proc/$train/stat" ]; then
      cpu=$(awk -v t="$ticks" '{ print ($14 + $15) / t }' "/proc/$train/stat")
    else # finished: /usr/bin/time's user + system seconds
      cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$out/time.txt")
    fi
    echo "$n $(echo "$(date +%s.%N) - $start" | bc -l) $cpu" >>"$out/copies/times.txt"
  }
  while kill -0 "$pid" 2>/dev/null; do
    copy
    sleep 5
  done
  wait "$pid" || { tail -20 "$out/train.txt"; exit 1; }
  copy # the last checkpoint (saved at the final step) may land after the last poll
fi
count=$(wc -l <"$out/copies/times.txt")
while read -r n _; do
  [ ! -s "$out/copies/$n.json" ] || continue
  [ $(( (n + 1) % every )) -eq 0 ] || [ "$n" -eq $((count - 1)) ] || continue
  baseline=--no-random-init
  [ "$n" -ne 0 ] || baseline="" # the first evaluation also scores the model at random init
  "$autonet" eval retrieval --checkpoint "$out/copies/$n.safetensors" --pairs "$pairs" $baseline --json >"$out/copies/$n.json"
done <"$out/copies/times.txt"
python3 - "$out" <<'PY'
import json, os, struct, sys
out = sys.argv[1]
log = [json.loads(l) for l in open(os.path.join(out, "run", "log.jsonl"))]
pct = lambda x: f"{100 * x:.1f}%"
def cells(r):
    d = lambda k, csls=False: (r["csls"] if csls else r)[k]
    both = lambda f: f"{f(d('imageToText'))} / {f(d('textToImageInTextSpace'))}"
    csls = lambda f: f"{f(d('imageToText', True))} / {f(d('textToImageInTextSpace', True))}"
    recall = lambda x: f"{pct(x['recallAt1'])}, {pct(x['recallAt5'])}"
    share = lambda x: f"{100 * x['distinctNeighbours'] / x['queries']:.0f}%"
    hubs = lambda x: f"{100 * x['topHubShare']:.0f}%"
    rank = f"{100 * r['imageQueries']['rankFraction']:.0f}% / {100 * r['textKeys']['rankFraction']:.0f}%"
    return f"{both(recall)} | {both(share)} | {both(hubs)} | {csls(recall)} | {csls(share)} | {csls(hubs)} | {rank}"
rows = []
for line in open(os.path.join(out, "copies", "times.txt")):
    n, wall, cpu = line.split()
    result = os.path.join(out, "copies", f"{n}.json")
    if not os.path.exists(result) or os.path.getsize(result) == 0:
        continue
    with open(os.path.join(out, "copies", f"{n}.safetensors"), "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        step = int(json.loads(f.read(size))["__metadata__"]["autonet.step"])
    r = json.load(open(result))
    if r.get("randomInit"):
        rows.append(f"| 0 (random init) | 0 | 0 | | | {cells(r['randomInit'])} |")
    recent = [l for l in log if step - 50 < l["step"] <= step]
    mean = lambda k: sum(l[k] for l in recent) / len(recent)
    rows.append(f"| {step} | {float(wall) / 60:.1f} | {float(cpu) / 120:.1f} | {mean('loss'):.3f} | {mean('contrast'):.3f} | {cells(r['trained'])} |")
header = ("| step | wall min | 2-core min | loss (last 50) | InfoNCE (last 50) | R@1, R@5 i->t / t->i | distinct nearest i->t / t->i "
          "| on top 10 hubs i->t / t->i | CSLS R@1, R@5 i->t / t->i | CSLS distinct i->t / t->i | CSLS on top 10 hubs | rank image queries / text keys |")
with open(os.path.join(out, "log.md"), "w") as f:
    f.write(header + "\n|" + " --- |" * (header.count("|") - 1) + "\n")
    f.write("\n".join(rows) + "\n")
print(open(os.path.join(out, "log.md")).read())
PY
