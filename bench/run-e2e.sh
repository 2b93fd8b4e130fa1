#!/usr/bin/env bash
# End to end, as a user runs it: ./run-local.sh's own java command (JVM and MiniCluster start, the job,
# playlists, report) on a library, for this checkout's job jar and for another commit's, alternating, in
# one invocation; full mode, fast mode, and a rescan with nothing to do (its whole process wall time).
#   bench/run-e2e.sh --against REF [--library DIR] [--rounds N] [--parallelism N]
# Default library: bench/work/formats/library (bench/make-format-library.sh). Writes bench/results/e2e.md
# and e2e.json: per build and mode the least wall time of the rounds, tracks per hour as measured and
# normalised to 3.5-minute tracks (audio minutes / 3.5 per wall hour), and the ratio current / REF.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
AGAINST=""
LIBRARY=bench/work/formats/library
ROUNDS=2
PARALLELISM=2
bench_args --against=AGAINST --library=LIBRARY --rounds=ROUNDS --parallelism=PARALLELISM -- "$@"
[ -n "$AGAINST" ] || { echo "--against REF is required"; exit 2; }
[ -d "$LIBRARY" ] || { echo "no library $LIBRARY (bench/make-format-library.sh builds the default one)"; exit 1; }
./run-local.sh --help > /dev/null # builds this checkout if its sources are newer than its jar
source bench/baseline.sh
baseline_build "$AGAINST"
source conf/java-opens.sh
FLINK_CP=$(cat flink-runtime/target/flink-classpath.txt)
WORK=bench/work/e2e
mkdir -p "$WORK" logs bench/results
TSV="$WORK/runs.tsv"
printf 'build\tround\tmode\twall_s\tsummary\n' > "$TSV"

run() { # build-root label round mode(full|fast|rescan) out
  local root="$1" label="$2" round="$3" mode="$4" out="$5" extra=()
  [ "$mode" = fast ] && extra=(--fast)
  [ "$mode" = rescan ] || rm -rf "$out"
  local t0 t1
  # run-local.sh's class archive, where that build's run-local.sh wrote one
  local cds=()
  [ -f "$root/pipeline/target/trackflow-classes.jsa" ] &&
    cds=(-XX:SharedArchiveFile="$root/pipeline/target/trackflow-classes.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  t0=$(date +%s.%N)
  java ${cds[@]+"${cds[@]}"} "${JAVA_OPENS[@]}" -Dlog4j.configurationFile="$root/conf/log4j2.properties" -Dlog.file="logs/e2e-$label-$mode.log" \
    -cp "$root/pipeline/target/trackflow-pipeline.jar:$FLINK_CP" org.trackflow.pipeline.cli.TrackflowJob --local \
    --conf-dir "$root/conf" --library "$LIBRARY" --out "$out" --parallelism "$PARALLELISM" ${extra[@]+"${extra[@]}"} \
    > "$WORK/$label-$mode-$round.out" 2>&1
  t1=$(date +%s.%N)
  local summary
  summary=$(grep -E '^  (scan|wall time|throughput):' "$WORK/$label-$mode-$round.out" | tr -s ' ' | tr '\n' ' ')
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$round" "$mode" "$(echo "$t1 - $t0" | bc)" "$summary" >> "$TSV"
  echo "  $label $mode: $(echo "$t1 - $t0" | bc) s"
}
for ((r = 1; r <= ROUNDS; r++)); do
  echo "Round $r of $ROUNDS"
  for b in baseline current; do
    root=$PWD
    [ "$b" = baseline ] && root=$BASE
    run "$root" "$b" "$r" full "$WORK/$b-full"
    run "$root" "$b" "$r" rescan "$WORK/$b-full"
    run "$root" "$b" "$r" fast "$WORK/$b-fast"
  done
done
node bench/e2e-report.mjs --tsv "$TSV" --library "$LIBRARY" --baseline "$AGAINST ($(git rev-parse --short "$SHA"))" \
  --current "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- udfs pipeline schemas || echo +changes)" \
  --md bench/results/e2e.md --json bench/results/e2e.json
cat bench/results/e2e.md
