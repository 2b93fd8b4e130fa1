#!/usr/bin/env bash
# Runs trackflow on an embedded Flink MiniCluster (one slot per core, web UI on localhost).
#   ./run-local.sh                          analyse the demo library (generated on first use)
#   ./run-local.sh --library DIR --out DIR  analyse your own library; --help lists every option
# The first run builds the project with Maven.
set -euo pipefail
cd "$(dirname "$0")"

VERSION=0.1.0-SNAPSHOT
JAR=pipeline/target/trackflow-pipeline-$VERSION.jar
CLASSPATH_FILES=(pipeline/target/runtime-classpath.txt pipeline/target/flink-classpath.txt)

stale() {
  [ ! -f "$JAR" ] || [ ! -f "${CLASSPATH_FILES[0]}" ] || [ ! -f "${CLASSPATH_FILES[1]}" ] && return 0
  [ -n "$(find pom.xml schemas udfs pipeline -newer "$JAR" \( -name '*.java' -o -name '*.avsc' -o -name 'pom.xml' \) -print -quit)" ]
}
if stale; then
  echo "Building trackflow (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; echo "build failed, see build.log"; exit 1; }
fi

# Java 17 module opens that Flink needs (the list of Flink's own config.yaml).
JAVA_OPENS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)
mkdir -p logs
exec java ${TRACKFLOW_JAVA_OPTS:-} "${JAVA_OPENS[@]}" \
  -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file=logs/trackflow-local.log \
  -cp "$JAR:$(cat "${CLASSPATH_FILES[0]}"):$(cat "${CLASSPATH_FILES[1]}")" org.trackflow.pipeline.TrackflowJob --local --conf-dir conf "$@"
