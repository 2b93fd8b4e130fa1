#!/usr/bin/env bash
# Runs trackflow's benchmark (see bench/README.md): generates bench-library/ on first use (40 tracks of
# 3-5 min; a few minutes), then profiles stages and runs the job; writes bench/results/latest.json.
#   bench/run-bench.sh [--tracks N] [--parallelism N] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/target/bench-classpath.txt ] || [ -n "$(find pom.xml */pom.xml */src -newer bench/target/bench-classpath.txt -name '*.java' -print -quit)" ]; then
  echo "Building (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; exit 1; }
fi
mkdir -p logs
source conf/java-opens.sh
exec java -Xmx4g "${JAVA_OPENS[@]}" \
  -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file=logs/bench.log \
  -cp "bench/target/trackflow-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/bench-classpath.txt)" \
  org.trackflow.bench.Benchmark "$@"
