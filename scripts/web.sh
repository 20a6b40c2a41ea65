#!/usr/bin/env bash
# Build the web page: build/web/ (index.html, tcviz.js, tcviz.wasm,
# tcviz.data), any static file server serves it, e.g.
#   cd build/web && python3 -m http.server
# Installs Debian's emscripten (and the tools to fetch Debian sources) when
# missing, builds the libraries once into a cache (scripts/web_deps.sh),
# then tcviz itself with the EMSCRIPTEN branch of CMakeLists.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh emscripten dpkg-dev
# Debian's emcc finds its JavaScript modules (acorn, ...) only through NODE_PATH.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

prefix=$(bash scripts/web_deps.sh)
jobs=$(nproc 2>/dev/null || echo 2)
emcmake cmake -S . -B build/web-cmake -DCMAKE_BUILD_TYPE=Release \
  -DTCVIZ_WEB_PREFIX="$prefix" >/dev/null
cmake --build build/web-cmake -j "$jobs" --target tcviz
mkdir -p build/web
for f in index.html tcviz.js tcviz.wasm tcviz.data; do
  cp "build/web-cmake/$f" build/web/
done
echo "web page: build/web/ (serve it: cd build/web && python3 -m http.server)" >&2
