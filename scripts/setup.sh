#!/usr/bin/env bash
# Installs what Autonet needs on a fresh Debian 12 machine (idempotent; quick when all is present):
# Debian packages (OpenBLAS, Fashion-MNIST, Xvfb and X clients for screen capture, PyTorch for benchmarks), the contracts' npm packages, NuGet restore, build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# xvfb, xterm, x11-apps (xwd), x11-utils (xmessage), xauth, fonts-dejavu-core: screen capture and `autonet data pairs`.
apt_packages=(libopenblas0-pthread dataset-fashion-mnist xvfb xterm x11-apps x11-utils xauth fonts-dejavu-core)
[ "${AUTONET_BENCH:-0}" = 1 ] && apt_packages+=(python3-torch chromium bc)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x contracts/node_modules/.bin/anvil ] || [ contracts/package.json -nt contracts/node_modules/.installed ]; then
  echo "setup: installing npm packages under contracts/"
  (cd contracts && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

client=tests/Autonet.Inference.Tests/openai-client
if [ ! -f $client/node_modules/openai/package.json ] || [ $client/package.json -nt $client/node_modules/.installed ]; then
  echo "setup: installing the openai npm client under $client/"
  (cd $client && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

if [ -f contracts/scripts/compile.mjs ]; then
  (cd contracts && node scripts/compile.mjs)
fi

echo "setup: dotnet build"
dotnet build Autonet.slnx -c Release --nologo -v quiet -clp:ErrorsOnly
