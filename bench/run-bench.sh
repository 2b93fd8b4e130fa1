#!/usr/bin/env bash
# Runs trackflow's benchmark (see bench/README.md): generates bench-library/ on first use (40 tracks of
# 3-5 min; a few minutes), then profiles stages and runs the job; writes bench/results/latest.json.
#   bench/run-bench.sh [--tracks N] [--parallelism N] [--library DIR] [--json FILE]
# With --against REF (a commit, e.g. HEAD~1): builds REF in a worktree of its own and measures both builds
# in this one invocation, alternating (REF first: its run is also the machine's warm-up), --rounds times
# (default 2), with the quick benchmark (stage profile, full and fast job); then prints the ratio
# current / REF per stage (bench/results/compare.md) and exits 1 if a stage is more than 10 % slower.
set -euo pipefail
cd "$(dirname "$0")/.."
AGAINST=""
ROUNDS=2
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --against) AGAINST="${2:?--against needs a commit}"; shift 2 ;;
    --rounds) ROUNDS="${2:?--rounds needs a number}"; shift 2 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
source bench/lib.sh
bench_build
CURRENT_CP=$(bench_cp)
bench() { # classpath, then Benchmark options
  local cp="$1"; shift
  BENCH_CP="$cp" bench_java 4g bench org.trackflow.bench.Benchmark "$@"
}
if [ -z "$AGAINST" ]; then
  bench "$CURRENT_CP" ${PASS[@]+"${PASS[@]}"}
  exit $?
fi

# The other build: REF's own modules (schemas, udfs, pipeline) under this benchmark's code and libraries.
source bench/baseline.sh
baseline_build "$AGAINST"
for o in ${PASS[@]+"${PASS[@]}"}; do
  case "$o" in --json|--work) echo "$o: --against writes bench/work/guard and bench/results/compare.*"; exit 2 ;; esac
done
BASE_CP=$(baseline_classpath "$CURRENT_CP")

RESULTS=bench/results
mkdir -p "$RESULTS" bench/work/guard
baseline=()
current=()
for ((r = 1; r <= ROUNDS; r++)); do
  echo "Round $r of $ROUNDS: $AGAINST ..."
  bench "$BASE_CP" --quick --work bench/work/guard ${PASS[@]+"${PASS[@]}"} --json "bench/work/guard/baseline-$r.json" > "logs/bench-baseline-$r.out"
  baseline+=("bench/work/guard/baseline-$r.json")
  echo "Round $r of $ROUNDS: this checkout ..."
  bench "$CURRENT_CP" --quick --work bench/work/guard ${PASS[@]+"${PASS[@]}"} --json "bench/work/guard/current-$r.json" > "logs/bench-current-$r.out"
  current+=("bench/work/guard/current-$r.json")
done
cp "bench/work/guard/current-1.json" "$RESULTS/latest-quick.json"
IFS=,
node bench/compare.mjs --baseline "${baseline[*]}" --current "${current[*]}" --md "$RESULTS/compare.md" --json "$RESULTS/compare.json"
