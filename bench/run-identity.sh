#!/usr/bin/env bash
# Does a change leave the numbers as they are? Analyses the same files with this checkout and with another
# commit's build (FeatureDump: every frame-feature moment, tempo, key, fluctuation pattern, loudness and
# fingerprint, each double written so that it reads back exactly) and compares the two dumps bit for bit.
#   bench/run-identity.sh --against REF [--files LIST] [--every N]
# Default files: every 10th piece of the similarity library (bench/run-similarity.sh), or the lines of LIST.
# Exit 0 when every number is the same, 1 (with the first differing lines) otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
AGAINST=""
FILES=""
EVERY=10
bench_args --against=AGAINST --files=FILES --every=EVERY -- "$@"
[ -n "$AGAINST" ] || { echo "--against REF is required"; exit 2; }
WORK=bench/work/identity
mkdir -p "$WORK" logs
if [ -z "$FILES" ]; then
  bench_similarity_library
  FILES="$WORK/files.txt"
  find -L "$PWD/bench/work/similarity/library" -type f | sort | awk -v n="$EVERY" 'NR % n == 1' > "$FILES"
fi
bench_build
source bench/baseline.sh
baseline_build "$AGAINST"
CURRENT_CP=$(bench_cp)
BASE_CP=$(baseline_classpath "$CURRENT_CP")
dump() { # classpath, output
  BENCH_CP="$1" bench_java 2g identity org.trackflow.bench.FeatureDump --files "$FILES" --out "$2"
}
echo "$(wc -l < "$FILES") files: $AGAINST ..."
dump "$BASE_CP" "$WORK/baseline.txt"
echo "$(wc -l < "$FILES") files: this checkout ..."
dump "$CURRENT_CP" "$WORK/current.txt"
if cmp -s "$WORK/baseline.txt" "$WORK/current.txt"; then
  echo "identical: every number of $(grep -c '^file ' "$WORK/current.txt") files is the same ($(wc -c < "$WORK/current.txt") bytes)"
else
  echo "different:"
  diff "$WORK/baseline.txt" "$WORK/current.txt" | cut -c1-200 | head -20
  exit 1
fi
