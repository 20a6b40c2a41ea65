#!/usr/bin/env bash
# Regenerate the README's pictures in assets/readme/ with `tcviz export`
# (headless; builds build/release first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/tcviz
[ -x "$bin" ] || { cmake -S . -B build/release >/dev/null && cmake --build build/release -j2; }
out=assets/readme
mkdir -p "$out"
"$bin" export --step 14 --size 1280x720 -o "$out/scatter-and-conv2d.png"
"$bin" export lessons/04-transpose-of-conv2d.yaml --view matrix --step 9 --size 1280x720 \
  -o "$out/matrix.png"
"$bin" export --view scatter --size 960x540 --delay 400 --gif "$out/scatter.gif"
