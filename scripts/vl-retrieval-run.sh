#!/usr/bin/env bash
# Issue 18's VL-JEPA run with its log: `autonet train --modality multimodal` in the background, each checkpoint copied
# as it is written with the training process's CPU time so far (utime + stime from /proc), then, after training (so
# the evaluations take no core from it), `autonet eval retrieval` on every copy. Writes OUT/log.md: a table of step,
# wall and 2-core-equivalent minutes, mean loss and InfoNCE term over the last steps, R@1 / R@5 both ways, distinct
# nearest neighbours and ranks among the 500 held-out pairs.
# Usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]   (give --checkpoint-every to set the log's cadence)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:?usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]}
out=${2:?usage: scripts/vl-retrieval-run.sh PAIRS OUT [train options...]}
shift 2
autonet=${AUTONET:-$root/src/Autonet.Cli/bin/Release/net10.0/autonet} # AUTONET: a copy, so a rebuild cannot change a running run
[ -x "$autonet" ] || dotnet build "$root/src/Autonet.Cli" -c Release --nologo -v quiet
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
  local n=$(( $(ls "$out/copies" | grep -c safetensors || true) ))
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
for f in "$out"/copies/*.safetensors; do
  "$autonet" eval retrieval --checkpoint "$f" --pairs "$pairs" --json >"${f%.safetensors}.json"
done
python3 - "$out" <<'PY'
import json, os, struct, sys
out = sys.argv[1]
log = [json.loads(l) for l in open(os.path.join(out, "run", "log.jsonl"))]
rows = []
for line in open(os.path.join(out, "copies", "times.txt")):
    n, wall, cpu = line.split()
    path = os.path.join(out, "copies", f"{n}.safetensors")
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        step = int(json.loads(f.read(size))["__metadata__"]["autonet.step"])
    r = json.load(open(os.path.join(out, "copies", f"{n}.json")))["trained"]
    recent = [l for l in log if step - 50 < l["step"] <= step]
    mean = lambda k: sum(l[k] for l in recent) / len(recent)
    d = lambda k: r[k]
    pct = lambda x: f"{100 * x:.1f}%"
    share = lambda k: f"{100 * r[k]['distinctNeighbours'] / r[k]['queries']:.0f}%"
    rank = lambda k: f"{100 * r[k]['rankFraction']:.0f}%"
    rows.append(f"| {step} | {float(wall) / 60:.1f} | {float(cpu) / 120:.1f} | {mean('loss'):.3f} | {mean('contrast'):.3f} | "
                f"{pct(d('imageToText')['recallAt1'])} / {pct(d('imageToText')['recallAt5'])} | "
                f"{pct(d('textToImageInTextSpace')['recallAt1'])} / {pct(d('textToImageInTextSpace')['recallAt5'])} | "
                f"{share('imageToText')} / {share('textToImageInTextSpace')} | "
                f"{rank('imageQueries')} / {rank('textKeys')} |")
with open(os.path.join(out, "log.md"), "w") as f:
    f.write("| step | wall min | 2-core min | loss (last 50) | InfoNCE (last 50) | image -> text R@1 / R@5 | text -> image R@1 / R@5 | distinct nearest i->t / t->i | rank image queries / text keys |\n")
    f.write("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    f.write("\n".join(rows) + "\n")
print(open(os.path.join(out, "log.md")).read())
PY
