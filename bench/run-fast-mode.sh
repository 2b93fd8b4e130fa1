#!/usr/bin/env bash
# Fast mode against full mode on real recordings (issue 16): the similarity evaluation's library (pieces
# of eight Debian music packages; bench/run-similarity.sh builds it) analysed once in full mode and once
# per excerpt plan in fast mode, in one run; writes bench/results/fast-mode.md (+ .json).
#   bench/run-fast-mode.sh [--plans 3x20,6x10,...] [--parallelism N]
set -euo pipefail
cd "$(dirname "$0")/.."
LIB=bench/work/similarity/library
[ -n "$(find -L "$LIB" -type f -print -quit 2>/dev/null)" ] || bench/run-similarity.sh
if [ ! -f bench/target/bench-classpath.txt ] || [ -n "$(find pom.xml */pom.xml */src -newer bench/target/bench-classpath.txt -name '*.java' -print -quit)" ]; then
  echo "Building (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; exit 1; }
fi
mkdir -p logs
source conf/java-opens.sh
java -Xmx4g "${JAVA_OPENS[@]}" -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file=logs/fast-mode.log \
  -cp "bench/target/trackflow-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/bench-classpath.txt)" \
  org.trackflow.bench.FastModeEval --recordings "$LIB" "$@"
