#!/usr/bin/env bash
# The whole test suite: installs missing packages, builds a normal and an
# ASan+UBSan tree, runs every test in both (ctest), then builds the web page
# and runs the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
for kind in release asan; do
  dir=build/$kind
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
  [ "$kind" = asan ] && flags=(-DCMAKE_BUILD_TYPE=Debug -DTCVIZ_SANITIZE=ON)
  echo "== $kind build ==" >&2
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "== $kind tests ==" >&2
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done

# The web page: built with Emscripten (libraries cached after the first
# build), then driven in headless Chromium.
echo "== web build ==" >&2
bash scripts/web.sh
echo "== browser tests ==" >&2
bash tests/web/run.sh
