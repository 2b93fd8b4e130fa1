#!/usr/bin/env bash
# Playlists and the neighbour index at library scale (issue 15): synthetic feature rows (no audio) written
# as the output's current view, 10^4, 10^5 and 10^6 tracks; for each, in its own JVM with a 4 GB heap:
# the playlist stage as the post-run step runs it (stations and playlists, M3U8, report, index), the index
# build alone, and queries on the index (similar, path, recall against exact search). Writes
# bench/results/scale.md and scale.json.
#   bench/run-scale.sh [--sizes 10000,100000,1000000] [--heap 4g]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work/scale
SIZES=10000,100000,1000000
HEAP=4g
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
if [ ! -f bench/target/bench-classpath.txt ] || [ -n "$(find pom.xml */pom.xml */src -newer bench/target/bench-classpath.txt -name '*.java' -print -quit)" ]; then
  echo "Building (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; exit 1; }
fi
# the classes are copied aside so that a rebuild during the run cannot change them under it
CLASSES="$WORK/classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
cp bench/target/trackflow-bench-0.1.0-SNAPSHOT.jar "$CLASSES/"
CP="$CLASSES/trackflow-bench-0.1.0-SNAPSHOT.jar"
for j in $(tr ':' '\n' < bench/target/bench-classpath.txt); do
  case "$j" in */trackflow-*) cp "$j" "$CLASSES/"; CP="$CP:$CLASSES/$(basename "$j")" ;; *) CP="$CP:$j" ;; esac
done
source conf/java-opens.sh
step() {
  java -Xmx"$HEAP" "${JAVA_OPENS[@]}" -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file="$WORK/scale.log" \
    -cp "$CP" org.trackflow.bench.ScaleBenchmark "$@"
}
JSON="$WORK/scale.jsonl"
: > "$JSON"
for n in ${SIZES//,/ }; do
  out="$WORK/n$n"
  if [ ! -f "$out/current/tracks.parquet" ]; then
    echo "== $n tracks: writing the synthetic library"
    step generate "$n" "$out" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  fi
  echo "== $n tracks"
  step playlists "$out" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  step index "$out" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
  step query "$n" "$out" | sed "s/^{/{\"n\":$n,/" | tee -a "$JSON"
done
mkdir -p bench/results
node bench/scale-report.mjs "$JSON" "$HEAP" bench/results/scale.md bench/results/scale.json
cat bench/results/scale.md
