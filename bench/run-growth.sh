#!/usr/bin/env bash
# Growth benchmark (issue #7): does a long run's memory grow with the number of tracks? Builds a library
# of N files as hard links to the demo library's 24 tracks (20-60 s; five formats; different paths, so
# each is analysed), runs ./run-local.sh on it (default heap, one slot per core) and samples the JVM
# every 5 s: resident set size and, every 30 s, the live heap (old generation right after a full GC
# forced with jcmd). Compares the first and last quarter of the run.
#   bench/run-growth.sh [--tracks N] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DIR=bench/work/growth
TRACKS=5000
bench_args --tracks=TRACKS --dir=DIR -- "$@"
[ -d demo-library ] || { echo "run ./run-local.sh once first (it writes demo-library/)"; exit 1; }
mapfile -t demo < <(find "$PWD/demo-library" -type f ! -name '.*' | sort)
lib="$DIR/library-$TRACKS"
if [ ! -d "$lib" ]; then
  mkdir -p "$lib"
  for i in $(seq 0 $((TRACKS - 1))); do
    src="${demo[$((i % ${#demo[@]}))]}"
    d="$lib/$((i / 500))"
    mkdir -p "$d"
    ln "$src" "$d/$(printf '%05d' "$i").${src##*.}"
  done
fi
rm -rf "$DIR/out"
./run-local.sh --library "$lib" --out "$DIR/out" > "$DIR/run.log" 2>&1 &
pid=$!
samples="$DIR/samples.tsv"
printf 'seconds\trss_mb\tlive_heap_mb\n' > "$samples"
t0=$(date +%s)
i=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || true)
  old=""
  if [ $((i % 6)) -eq 5 ]; then
    jcmd "$pid" GC.run > /dev/null 2>&1 || true
    # jstat -gc: OU (old generation used, KB) is column 8; after a full GC it is the live heap
    old=$(jstat -gc "$pid" 2>/dev/null | awk 'NR == 2 {print int($8 / 1024)}' || true)
  fi
  [ -n "$rss" ] && printf '%d\t%s\t%s\n' $(( $(date +%s) - t0 )) "$rss" "$old" >> "$samples"
  i=$((i + 1))
  sleep 5
done
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || echo "run-local.sh failed (exit $status); see $DIR/run.log"
grep -E "scan:|wall time|throughput" "$DIR/run.log" || true
awk -F'\t' 'NR > 1 && $3 != "" {n++; r[n] = $2; o[n] = $3}
  END {
    q = int(n / 4); if (q < 1) { print "too few samples"; exit }
    for (i = 1; i <= q; i++) { r1 += r[i]; o1 += o[i] }
    for (i = n - q + 1; i <= n; i++) { r4 += r[i]; o4 += o[i] }
    printf "%d samples; first quarter: RSS %d MB, live heap %d MB; last quarter: RSS %d MB, live heap %d MB\n", n, r1 / q, o1 / q, r4 / q, o4 / q
  }' "$samples"
