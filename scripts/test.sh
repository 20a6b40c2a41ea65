#!/usr/bin/env bash
# The whole test suite: installs missing packages, builds a normal and an
# ASan+UBSan tree and runs every test in both (ctest, which includes
# `tcviz check` on the lessons and an installed copy of tcviz). Two more trees,
# GCC Release and clang, are only built: they catch the warnings that only an
# optimiser or the other compiler sees. Every tree treats warnings as errors.
# Then the web page: built with Emscripten (libraries cached after the first
# build) and driven in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
for kind in release asan gcc-release clang; do
  dir=build/$kind
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
  cc=(env)
  case $kind in
    asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DTCVIZ_SANITIZE=ON) ;;
    gcc-release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
    clang) flags=(-DCMAKE_BUILD_TYPE=Debug); cc=(env CC=clang) ;;
  esac
  echo "== $kind build ==" >&2
  "${cc[@]}" cmake -S . -B "$dir" "${flags[@]}" -DTCVIZ_WERROR=ON >/dev/null
  cmake --build "$dir" -j "$jobs"
  case $kind in gcc-release|clang) continue ;; esac
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
