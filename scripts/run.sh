#!/usr/bin/env bash
# Build tcviz (installing missing packages first) and run it with any arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
exec build/release/tcviz "$@"
