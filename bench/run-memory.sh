#!/usr/bin/env bash
# Memory benchmark (issue #7): peak RSS of a local run (MiniCluster, default heap, one slot per core) on
# one long file against one short one. Memory must not grow with a file's length: a file is streamed
# through in chunks. Writes the two WAVs (5 min, and --minutes, default 120 = 1.3 GB) under DIR.
#   bench/run-memory.sh [--dir DIR] [--minutes M]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DIR=bench/work/memory
MINUTES=120
bench_args --dir=DIR --minutes=MINUTES -- "$@"
bench_build
CP=$(bench_cp)

for m in 5 "$MINUTES"; do
  lib="$DIR/lib-${m}min"
  [ -f "$lib/mix.wav" ] || java -cp "$CP" org.trackflow.bench.LongFile "$lib/mix.wav" "$m"
  rm -rf "$DIR/out-${m}min"
  ./run-local.sh --library "$lib" --out "$DIR/out-${m}min" > "$DIR/run-${m}min.log" 2>&1 &
  runner=$!
  peak=0
  # run-local.sh execs java, so the runner's pid is the JVM's: its VmHWM is the peak RSS so far.
  while kill -0 "$runner" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$runner/status" 2>/dev/null || echo 0)
    [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    sleep 0.2
  done
  wait "$runner"
  printf '%4s min file: peak RSS %d MB; %s\n' "$m" $((peak / 1024)) \
    "$(grep -E 'wall time' "$DIR/run-${m}min.log" | sed 's/^ *//')"
done
