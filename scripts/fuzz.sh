#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...] - fuzz every harness in tests/fuzz/fuzz_*.c
# (or only the TARGETs named, e.g. `lesson url_state`) with libFuzzer (clang,
# -fsanitize=fuzzer,address,undefined) for SECONDS each (default 60), one
# after the other.
# Each run starts from the committed seed corpus (tests/fuzz/corpus/<target>/)
# and grows a working copy in build/fuzz/corpus/<target>/; a crash, leak or
# timeout is saved as build/fuzz/findings/<target>/crash-* and fails the script.
# Prints executions and exec/s per target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
dir=build/fuzz
CC=clang cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCVIZ_FUZZ=ON >/dev/null

targets=()
if [ $# -gt 0 ]; then
  for t in "$@"; do
    [ -f "tests/fuzz/fuzz_$t.c" ] || {
      echo "fuzz: no target '$t' (tests/fuzz/fuzz_$t.c); there are:" \
        $(basename -a tests/fuzz/fuzz_*.c | sed 's/^fuzz_//; s/\.c$//') >&2
      exit 2
    }
    targets+=("fuzz_$t")
  done
else
  for src in tests/fuzz/fuzz_*.c; do
    targets+=("$(basename "$src" .c)")
  done
fi
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]}"

failed=0
for name in "${targets[@]}"; do
  target=${name#fuzz_}
  work=$dir/corpus/$target findings=$dir/findings/$target log=$dir/$name.log
  mkdir -p "$work" "$findings"
  seeds=tests/fuzz/corpus/$target
  [ -d "$seeds" ] || seeds=
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/$name" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$work" $seeds >"$log" 2>&1 || failed=1
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  found=$(find "$findings" -type f | wc -l)
  printf '%-16s %12s executions %8s exec/s  %d findings\n' "$target" "${runs:-?}" "${speed:-?}" "$found"
  [ "$found" -eq 0 ] || failed=1
done
[ "$failed" -eq 0 ] || { echo "fuzz: findings or failures; see $dir/*.log" >&2; exit 1; }
