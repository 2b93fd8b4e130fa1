#!/usr/bin/env bash
# Runs trackflow on an embedded Flink MiniCluster (one slot per core, web UI on localhost).
#   ./run-local.sh                          analyse the demo library (generated on first use)
#   ./run-local.sh --library DIR --out DIR  analyse your own library; --help lists every option
# The first run builds the project with Maven.
set -euo pipefail
cd "$(dirname "$0")"

# The job jar (the one `flink run` takes) and Flink itself, which a cluster provides.
JAR=pipeline/target/trackflow-pipeline.jar
FLINK_CLASSPATH=flink-runtime/target/flink-classpath.txt

stale() {
  [ ! -f "$JAR" ] || [ ! -f "$FLINK_CLASSPATH" ] || [ ! -f testkit/target/trackflow-testkit.jar ] && return 0
  [ -n "$(find pom.xml schemas testkit udfs flink-runtime pipeline -newer "$JAR" \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' \) -print -quit)" ]
}
if stale; then
  echo "Building trackflow (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; echo "build failed, see build.log"; exit 1; }
fi

source conf/java-opens.sh

# No --library (and no subcommand): the demo library, written on first use by the test kit (not part
# of the job jar).
if [ ! -d demo-library ] && ! printf '%s\n' "$@" | grep -Eq '^(--library(=.*)?|similar|path|duplicates|-h|--help|-V|--version)$'; then
  java ${TRACKFLOW_JAVA_OPTS:-} -cp "testkit/target/trackflow-testkit.jar:$JAR" org.trackflow.testkit.DemoLibrary demo-library
fi

# One log file per run: a second run never overwrites the first one's log.
mkdir -p logs
LOG="logs/trackflow-$(date +%Y%m%d-%H%M%S)-$$.log"
exec java ${TRACKFLOW_JAVA_OPTS:-} "${JAVA_OPENS[@]}" \
  -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file="$LOG" \
  -cp "$JAR:$(cat "$FLINK_CLASSPATH")" org.trackflow.pipeline.cli.TrackflowJob --local --conf-dir conf "$@"
