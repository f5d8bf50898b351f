#!/usr/bin/env bash
# One command: build the C# benchmark, train the benchmark ViT in Autonet.Tensors and in PyTorch (same shapes,
# same steps, same thread count) in one run, print both samples/s, the ratio, GFLOP/s and the sgemm-peak fraction.
# Usage: bench/tensors/run.sh [threads=2] [batch=128] [steps=10] [warmup=2] [rounds=2]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$root/bench/Autonet.Tensors.Bench" -c Release --nologo -v q >/dev/null
exec dotnet "$root/bench/Autonet.Tensors.Bench/bin/Release/net10.0/Autonet.Tensors.Bench.dll" \
  --torch-script "$root/bench/tensors/vit_torch.py" "$@"
