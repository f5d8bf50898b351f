#!/usr/bin/env bash
# Issue 16's proof attempt: do the K-vectors carry information about the next turn? Trains a text JEPA on the Debian
# conversation corpus, a FiLM decoder on its K-vectors and the same decoder on zeros (the ablation), then scores both
# in bits per byte on the held-out conversations. About 25 minutes on the shared 2-core machine.
# Usage: [ATTENTION_HEADS=4] [DECODER_FLAGS='--aligned-slots 2 --plan-gain 0.1'] [EVAL_FLAGS='--max-turns 3000']
#        scripts/kvector-ablation.sh [JEPA_STEPS [DECODER_STEPS]]   (README figures: 3000 and 6000, FiLM only)
# DECODER_FLAGS go to both decoder runs (the same architecture; a zeroed plan never reads the plan path's weights).
set -euo pipefail
cd "$(dirname "$0")/.."
jepa_steps=${1:-3000}
decoder_steps=${2:-6000}
out=artifacts/kvector-ablation
corpus=artifacts/text-corpus
[ -d $corpus/train/conversations ] || python3 scripts/make-text-corpus.py
dotnet build src/Autonet.Cli -c Release -v q -nologo
mkdir -p $out && rm -rf $out/bin && cp -r src/Autonet.Cli/bin/Release/net10.0 $out/bin
autonet=$out/bin/autonet
$autonet train --modality text --text-dir $corpus/train/conversations --width 64 --depth 2 --heads 4 --predictor-width 32 \
  --predictor-depth 1 --max-tokens 128 --steps "$jepa_steps" --batch-size 32 --threads 1 --out $out/jepa
model=$out/jepa/model.safetensors
$autonet decoder train --model $model --conversations $corpus/train/conversations --out $out/dec.safetensors --steps "$decoder_steps" --threads 1 --attention-heads "${ATTENTION_HEADS:-0}" ${DECODER_FLAGS:-}
$autonet decoder train --model $model --conversations $corpus/train/conversations --out $out/dec-zero.safetensors --steps "$decoder_steps" --threads 1 --zero-kvectors --attention-heads "${ATTENTION_HEADS:-0}" ${DECODER_FLAGS:-}
$autonet decoder eval --decoder $out/dec.safetensors --ablation $out/dec-zero.safetensors --model $model --conversations $corpus/heldout/conversations --threads 1 ${EVAL_FLAGS:-}
