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

# Class-data sharing: the JVM maps the classes an earlier run loaded and verified instead of doing it
# again (about 1 s of a run's start; 0.4 s of a 1.7 s rescan with nothing to do). The archive belongs to
# this build: a short run on 4 generated tracks writes it once after each build. A JVM that cannot use it
# (another JDK, changed Flink jars) starts without it, silently. TRACKFLOW_CDS=0 turns it off.
CDS=pipeline/target/trackflow-classes.jsa
CDS_OPTS=()
if [ "${TRACKFLOW_CDS:-1}" != 0 ]; then
  CDS_LOG=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ ! -f "$CDS" ] || [ "$JAR" -nt "$CDS" ]; then
    echo "Writing the JVM's class archive for this build (once, about 20 s) ..."
    TRAIN=$(mktemp -d)
    if java ${TRACKFLOW_JAVA_OPTS:-} -cp "testkit/target/trackflow-testkit.jar:$JAR" org.trackflow.testkit.DemoLibrary "$TRAIN/library" 1 > /dev/null 2>&1 &&
      java ${TRACKFLOW_JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$CDS.$$" "${CDS_LOG[@]}" "${JAVA_OPENS[@]}" \
        -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file="$TRAIN/trackflow.log" \
        -cp "$JAR:$(cat "$FLINK_CLASSPATH")" org.trackflow.pipeline.cli.TrackflowJob --local --conf-dir conf \
        --library "$TRAIN/library" --out "$TRAIN/out" > "$TRAIN/run.txt" 2>&1 && [ -s "$CDS.$$" ]; then
      mv -f "$CDS.$$" "$CDS"
    else
      # an empty archive is one the JVM cannot use: no second try until the next build
      rm -f "$CDS.$$" "$CDS" && : > "$CDS"
      echo "  not written (runs start without it)"
    fi
    rm -rf "$TRAIN"
  fi
  CDS_OPTS=(-XX:SharedArchiveFile="$CDS" "${CDS_LOG[@]}")
fi

# No --library (and no subcommand): the demo library, written on first use by the test kit (not part
# of the job jar).
if [ ! -d demo-library ] && ! printf '%s\n' "$@" | grep -Eq '^(--library(=.*)?|similar|path|duplicates|serve|radio|-h|--help|-V|--version)$'; then
  java ${TRACKFLOW_JAVA_OPTS:-} -cp "testkit/target/trackflow-testkit.jar:$JAR" org.trackflow.testkit.DemoLibrary demo-library
fi

# One log file per run: a second run never overwrites the first one's log.
mkdir -p logs
LOG="logs/trackflow-$(date +%Y%m%d-%H%M%S)-$$.log"
exec java ${TRACKFLOW_JAVA_OPTS:-} ${CDS_OPTS[@]+"${CDS_OPTS[@]}"} "${JAVA_OPENS[@]}" \
  -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file="$LOG" \
  -cp "$JAR:$(cat "$FLINK_CLASSPATH")" org.trackflow.pipeline.cli.TrackflowJob --local --conf-dir conf "$@"
