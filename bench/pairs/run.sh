#!/usr/bin/env bash
# Pair-set building speed, ours beside the brief's other route, in one run: `autonet data pairs` (one xterm on Xvfb
# redrawing each text, grabbed by our X11 client) against one `chromium --headless --screenshot` process per text
# (the same 320 x 315 page size, the same texts). Prints seconds per pair for both and the ratio.
# Usage: bench/pairs/run.sh [PAIRS=500] [CHROMIUM_PAIRS=20]   (needs chromium: AUTONET_BENCH=1 scripts/setup.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pairs=${1:-500}
chromium_pairs=${2:-20}
autonet=$root/src/Autonet.Cli/bin/Release/net10.0/autonet
[ -x "$autonet" ] || dotnet build "$root/src/Autonet.Cli" -c Release --nologo -v quiet
command -v chromium >/dev/null || { echo "chromium is not installed: AUTONET_BENCH=1 scripts/setup.sh"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
"$autonet" data pairs --out "$work/ours" --count "$pairs" --heldout 1 >/dev/null
ours=$(echo "($(date +%s.%N) - $start) / $pairs" | bc -l)

python3 - "$work/ours/pairs.jsonl" "$chromium_pairs" "$work/page" <<'PY'
import html, json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1])][: int(sys.argv[2])]
os.makedirs(sys.argv[3], exist_ok=True)
for i, r in enumerate(rows):
    with open(os.path.join(sys.argv[3], f"{i}.html"), "w") as f:
        f.write('<html><body style="margin:0;background:#fff;color:#000;font:12px \'DejaVu Sans Mono\';width:320px;word-wrap:break-word">'
                + html.escape(r["text"]) + "</body></html>")
PY
start=$(date +%s.%N)
for page in "$work"/page/*.html; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=320,315 \
    --screenshot="${page%.html}.png" "file://$page" >/dev/null 2>&1
done
theirs=$(echo "($(date +%s.%N) - $start) / $chromium_pairs" | bc -l)
made=$(find "$work/page" -name '*.png' | wc -l)
[ "$made" -eq "$chromium_pairs" ] || { echo "chromium wrote $made of $chromium_pairs screenshots"; exit 1; }
printf 'autonet data pairs (xterm on Xvfb, X11 grabs): %.4f s a pair over %d pairs\n' "$ours" "$pairs"
printf 'chromium --headless --screenshot, a process a text: %.4f s a pair over %d pairs\n' "$theirs" "$chromium_pairs"
printf 'ratio (chromium / ours): %.1fx; load average: %s\n' "$(echo "$theirs / $ours" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
