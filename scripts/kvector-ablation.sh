#!/usr/bin/env bash
# Issue 16's proof attempt: do the K-vectors carry information about the next turn? Trains a text JEPA on the Debian
# conversation corpus, a FiLM decoder on its K-vectors and the same decoder on zeros (the ablation), then scores both
# in bits per byte on the held-out conversations. About 20 minutes at the README's size (one thread, shared machine).
# Usage: [SEED=1] [PREDICTOR=32x1] [NEXT_TURN=0.5] [ATTENTION_HEADS=4] [DECODER_FLAGS='--aligned-slots 2 --plan-gain 0.1'] [EVAL_FLAGS='--max-turns 3000']
#        [TAG=name] scripts/kvector-ablation.sh [JEPA_STEPS [DECODER_STEPS]]   (README figures: 3000 and 6000)
# SEED seeds the JEPA and both decoders (init and draws). PREDICTOR is the JEPA predictor's width x depth. NEXT_TURN is
# the JEPA's --next-turn-fraction (share of steps trained on the served K-vector query; unset: the CLI's default). DECODER_FLAGS
# go to both decoder runs (the same architecture; a zeroed plan never reads the plan path's weights). Output:
# artifacts/kvector-ablation/seed-N[-pWxD][-ntF][-TAG]; a JEPA of the same seed, steps, predictor and next-turn fraction
# already trained there (seed-N-jepa-STEPS[-pWxD][-ntF]/model.safetensors) is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
jepa_steps=${1:-3000}
decoder_steps=${2:-6000}
seed=${SEED:-1}
root=artifacts/kvector-ablation
corpus=artifacts/text-corpus
[ -d $corpus/train/conversations ] || python3 scripts/make-text-corpus.py
dotnet build src/Autonet.Cli -c Release -v q -nologo
rm -rf $root/bin && cp -r src/Autonet.Cli/bin/Release/net10.0 $root/bin
autonet=$root/bin/autonet
predictor=${PREDICTOR:-32x1}
[[ $predictor =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "PREDICTOR='$predictor': must be WIDTHxDEPTH, as 32x1" >&2; exit 2; }
predictor_width=${BASH_REMATCH[1]} predictor_depth=${BASH_REMATCH[2]}
next_turn=${NEXT_TURN:-}
[[ -z $next_turn || $next_turn =~ ^(0|1|0?\.[0-9]+)$ ]] || { echo "NEXT_TURN='$next_turn': must be a fraction in [0, 1], as 0.5" >&2; exit 2; }
out=$root/seed-$seed${PREDICTOR:+-p$predictor}${NEXT_TURN:+-nt$next_turn}${TAG:+-$TAG}
jepa=$root/seed-$seed-jepa-$jepa_steps${PREDICTOR:+-p$predictor}${NEXT_TURN:+-nt$next_turn}
if [ ! -f $jepa/model.safetensors ]; then
  rm -rf $jepa
  $autonet train --modality text --text-dir $corpus/train/conversations --width 64 --depth 2 --heads 4 --predictor-width "$predictor_width" \
    --predictor-depth "$predictor_depth" --max-tokens 128 --steps "$jepa_steps" --batch-size 32 --threads 1 --seed "$seed" \
    ${NEXT_TURN:+--next-turn-fraction "$next_turn"} --out $jepa
fi
mkdir -p $out
model=$jepa/model.safetensors
decoder() {
  $autonet decoder train --model $model --conversations $corpus/train/conversations --steps "$decoder_steps" --threads 1 \
    --seed "$seed" --attention-heads "${ATTENTION_HEADS:-4}" ${DECODER_FLAGS:-} "$@"
}
decoder --out $out/dec.safetensors
decoder --out $out/dec-zero.safetensors --zero-kvectors
$autonet decoder eval --decoder $out/dec.safetensors --ablation $out/dec-zero.safetensors --model $model \
  --conversations $corpus/heldout/conversations --threads 1 ${EVAL_FLAGS:-}
