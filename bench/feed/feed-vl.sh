#!/usr/bin/env bash
# The live feed's VL-JEPA on a real pair set: the first N turns of `autonet data pairs` output as conversation turns
# 10 s apart, their screenshots as frame files stamped at the same times; every 4th frame removed (its turn text-only)
# and every 5th turn removed (its frame visual-only). Runs `autonet data watch --train` (Release build of src/Autonet.Cli)
# for SECONDS and prints the losses by modality of the first and last batch. Usage: bench/feed/feed-vl.sh PAIRS [N] [SECONDS]
set -euo pipefail
pairs=$(realpath "${1:?pair folder from autonet data pairs}"); n=${2:-400}; work=$(mktemp -d /tmp/autonet-feed-vl-XXXX)
cd "$(dirname "$0")/../.."
python3 - "$pairs" "$n" "$work" <<'PY'
import json, os, shutil, sys, datetime
pairs, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(f"{work}/conversations"); os.makedirs(f"{work}/frames")
t0 = datetime.datetime(2026, 12, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
with open(f"{pairs}/pairs.jsonl") as src, open(f"{work}/conversations/chat.jsonl", "w") as out:
    for i, line in enumerate(src):
        if i >= n: break
        p = json.loads(line); at = t0 + datetime.timedelta(seconds=10 * i)
        if i % 5 != 4:
            out.write(json.dumps({"role": "user", "content": p["text"], "timestamp": at.isoformat().replace("+00:00", "Z")}) + "\n")
        if i % 4 != 3:
            dst = f"{work}/frames/{i:06d}.png"; shutil.copyfile(f"{pairs}/{p['image']}", dst); os.utime(dst, (at.timestamp(), at.timestamp()))
PY
home="$work/home"; a="dotnet src/Autonet.Cli/bin/Release/net10.0/autonet.dll --home $home"
for kv in "data.train_on_agent_data true" "data.screen_capture true" "data.conversations_directory $work/conversations" "data.agents_directory $work/agents" "data.frames_directory $work/frames"; do $a config set $kv >/dev/null; done
timeout -s INT "${3:-600}" $a data watch --train --batch-interactions 64 --json > "$work/watch.jsonl" 2>"$work/watch.err" || true
python3 - "$work/watch.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if '"batch"' in l]
t = [r["trained"] for r in rows if r.get("trained") and r["trained"]["losses"]]
print(f"{len(t)} batches, {sum(len(x['losses']) for x in t)} steps; samples {sum(x['paired'] for x in t)} pairs, {sum(x['textOnly'] for x in t)} text-only, {sum(x['visualOnly'] for x in t)} visual-only")
for name, x in (("first", t[0]), ("last", t[-1])):
    print(f"{name} batch: loss {x['losses'][-1]:.4f}; image {x['imageLoss']:.4f}, text {x['textLoss']:.4f}, cross-modal {x['crossModalLoss']:.4f}")
PY
echo "work: $work"
