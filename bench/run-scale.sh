#!/usr/bin/env bash
# The after-scan stage at library scale, through the job (issues 15 and 25): synthetic feature rows (no audio)
# written as an output's current view, beside sparse files of the same sizes and times, so that the job's scan
# finds every file unchanged and only the stage runs (fold, duplicates, stations and playlists, M3U8, report,
# index). Sizes 10^4, 10^5 and 10^6; for each, in one run on a standalone cluster from Maven jars (two
# TaskManagers of one slot each, --tm-memory each): the job at parallelism 1 and at 2 on a fresh copy of
# the output, the stage's seconds (its record) and each TaskManager's peak resident memory; then queries on
# the index the job built (similar, path, recall against exact search), trackflow serve under load on it
# (ServeBenchmark) and, with --watch, the wall time a
# detached watch job takes from a new file in the library to a playlist holding it. Writes
# bench/results/scale.md and scale.json.
#   bench/run-scale.sh [--sizes 10000,100000,1000000] [--tm-memory 7g] [--watch]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
WORK=bench/work/scale
SIZES=10000,100000,1000000
TM_MEMORY=7g
WATCH=0
bench_args --sizes=SIZES --tm-memory=TM_MEMORY --watch+WATCH -- "$@"
bench_build
mkdir -p "$WORK"
JSON="$WORK/scale.jsonl"
: > "$JSON"
CLUSTER="$PWD/$WORK/cluster"
conf/cluster/flink-cluster.sh stop --dir "$CLUSTER" > /dev/null 2>&1 || true
conf/cluster/flink-cluster.sh start --dir "$CLUSTER" --taskmanagers 2 --set taskmanager.numberOfTaskSlots=1 \
  --set taskmanager.memory.process.size="$TM_MEMORY" --set jobmanager.memory.process.size=2g --set parallelism.default=2 \
  --set web.checkpoints.history=200 | tail -1
trap 'conf/cluster/flink-cluster.sh stop --dir "$CLUSTER" > /dev/null 2>&1 || true; pkill -f "ServeBenchmark serve $WORK" || true' EXIT
JAR=$PWD/pipeline/target/trackflow-pipeline.jar
MAIN=org.trackflow.pipeline.cli.TrackflowJob

# Runs the job once on a fresh copy of the generated output; prints a JSON line: the stage's seconds, the
# job's wall time and each TaskManager's peak resident memory (VmHWM) while it ran.
job() { # n, parallelism
  local n=$1 p=$2 out="$PWD/$WORK/n$1-p$2" tms hwm pid t0 t1
  rm -rf "$out" && mkdir -p "$out" && cp -r "$WORK/n$n/current" "$out/"
  tms=$(ls "$CLUSTER"/pids/taskmanager-*.pid)
  declare -A peak=()
  # VmHWM is the process's peak since it started: reset it, so that each job's figure is its own
  for f in $tms; do echo 5 > "/proc/$(cat "$f")/clear_refs" 2>/dev/null || true; done
  t0=$(date +%s%N)
  conf/cluster/flink-cluster.sh flink --dir "$CLUSTER" run -c "$MAIN" "$JAR" --library "$PWD/$WORK/n$n/library" --out "$out" \
    --parallelism "$p" > "$WORK/n$n-p$p.log" 2>&1 &
  local runner=$!
  while kill -0 "$runner" 2>/dev/null; do
    for f in $tms; do
      pid=$(cat "$f")
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$hwm" ] && [ "$hwm" -gt "${peak[$f]:-0}" ] && peak[$f]=$hwm
    done
    sleep 0.5
  done
  wait "$runner" || { tail -30 "$WORK/n$n-p$p.log"; exit 1; }
  t1=$(date +%s%N)
  local stage; stage=$(sed -n 's/^seconds=//p' "$out/after-scan.properties")
  local playlists; playlists=$(sed -n 's/^playlists=//p' "$out/after-scan.properties")
  local steps; steps=$(sed -n 's/^steps=//p' "$out/after-scan.properties")
  local tm=""; for f in $tms; do tm="$tm${tm:+,}$(( ${peak[$f]:-0} / 1024 ))"; done
  echo "{\"n\":$n,\"step\":\"job\",\"parallelism\":$p,\"stage_seconds\":$stage,\"job_seconds\":$(( (t1 - t0) / 1000000 ))e-3,\"playlists\":${playlists:-0},\"steps\":\"$steps\",\"tm_peak_rss_mb\":[$tm],\"index_bytes\":$(du -sb "$out/index" 2>/dev/null | cut -f1 || echo 0),\"report_bytes\":$(stat -c %s "$out/report.html")}" | tee -a "$JSON"
}

for n in ${SIZES//,/ }; do
  if [ ! -f "$WORK/n$n/current/tracks.parquet" ]; then
    echo "== $n tracks: writing the synthetic output and library"
    bench_java 4g scale org.trackflow.bench.ScaleBenchmark generate "$n" "$WORK/n$n" "$WORK/n$n/library" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  fi
  echo "== $n tracks"
  rm -rf "$WORK/n$n/library/new" # what an interrupted watch step added
  job "$n" 1
  job "$n" 2
  bench_java 4g scale org.trackflow.bench.ScaleBenchmark query "$n" "$WORK/n$n-p2" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  # trackflow serve on the job's output, in a JVM of its own (2 GB heap): latency, 32 clients, a swap under load, memory
  bench_java 2g serve org.trackflow.bench.ServeBenchmark serve "$WORK/n$n-p2" > "$WORK/serve-n$n.log" 2>&1 &
  server=$!
  until grep -q '^port ' "$WORK/serve-n$n.log"; do
    kill -0 "$server" 2>/dev/null || { cat "$WORK/serve-n$n.log"; exit 1; }
    sleep 0.5
  done
  spid=$(pgrep -f "ServeBenchmark serve $WORK/n$n-p2" | head -1)
  bench_java 1g serve-load org.trackflow.bench.ServeBenchmark load "$(sed -n 's/^port //p' "$WORK/serve-n$n.log")" "$WORK/n$n-p2" \
    "$spid" 32 30 | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  kill "$spid"; wait "$server" 2>/dev/null || true
  if [ "$WATCH" = 1 ]; then
    # a detached watch job on the output; a new file; how long until a playlist holds it. Meanwhile another
    # file every 5 s, so that files are analysed and checkpointed while the stage rebuilds the playlists:
    # the checkpoints that completed during that stage, and the history files they committed, say whether
    # the stage held the analysis up
    out="$PWD/$WORK/n$n-p2"
    id=$(conf/cluster/flink-cluster.sh flink --dir "$CLUSTER" run -d -c "$MAIN" "$JAR" --library "$PWD/$WORK/n$n/library" --out "$out" \
      --mode watch --scan-interval 10s | sed -n 's/.*JobID \([0-9a-f]*\).*/\1/p')
    sleep 15
    rm -rf "$WORK/n$n/library/new" && mkdir -p "$WORK/n$n/library/new"
    # real tracks to add: the test kit's demo tracks (written once), 3 of each style
    [ "$(find "$WORK/demo" -type f 2>/dev/null | wc -l)" -ge 12 ] \
      || { rm -rf "$WORK/demo"; bench_java 1g demo org.trackflow.testkit.DemoLibrary "$WORK/demo" 3 > /dev/null; }
    first=$(find "$WORK/demo" -name '*.flac' | sort | head -1)
    t0=$(date +%s%N)
    cp "$first" "$WORK/n$n/library/new/added.flac"
    mapfile -d '' extras < <(find "$WORK/demo" -type f ! -path "$first" -print0 | sort -z)
    # the loop in the subshell itself (no pipe), so that killing it stops the copies
    ( k=0; for f in "${extras[@]}"; do sleep 5; cp "$f" "$WORK/n$n/library/new/extra-$k.${f##*.}"; k=$((k + 1)); done ) &
    adder=$!
    deadline=$(( $(date +%s) + 3600 )) # a job that died or a stage that failed must not hang the benchmark
    until bench_java 1g scale org.trackflow.bench.PlaylistHas "$out" new/added.flac > /dev/null 2>&1; do
      [ "$(date +%s)" -lt "$deadline" ] || { echo "n=$n: the new file reached no playlist within an hour" >&2; exit 1; }
      sleep 1
    done
    t1=$(date +%s%N)
    kill "$adder" 2>/dev/null || true
    # the playlists are written before the stage's record: wait for the record of this scan, not the job's before
    until [ "$(sed -n 's/^scan=//p' "$out/after-scan.properties")" -gt 1 ] 2>/dev/null; do
      [ "$(date +%s)" -lt "$deadline" ] || { echo "n=$n: no stage record of the new scan within an hour" >&2; exit 1; }
      sleep 0.2
    done
    stage_ms=$(sed -n 's/^seconds=//p' "$out/after-scan.properties" | awk '{printf "%d", $1 * 1000}')
    from_ms=$(( t1 / 1000000 - stage_ms ))
    cps=$(node bench/checkpoints.mjs "$(cat "$CLUSTER/rest-url")" "$id" "$from_ms" "$(( t1 / 1000000 ))")
    committed=$(find "$out/tracks" -name '*.parquet' -newermt "@$(( from_ms / 1000 ))" ! -newermt "@$(( t1 / 1000000000 ))" | wc -l)
    echo "{\"n\":$n,\"step\":\"watch\",\"new_file_to_playlist_seconds\":$(( (t1 - t0) / 1000000 ))e-3,\"scan_interval_seconds\":10,\"stage_ms\":$stage_ms,\"during_stage\":$cps,\"history_files_committed_during_stage\":$committed}" | tee -a "$JSON"
    conf/cluster/flink-cluster.sh flink --dir "$CLUSTER" cancel "$id" > /dev/null
    rm -rf "$WORK/n$n/library/new"
  fi
done
node bench/scale-report.mjs "$JSON" "$TM_MEMORY" bench/results/scale.md bench/results/scale.json
cat bench/results/scale.md
