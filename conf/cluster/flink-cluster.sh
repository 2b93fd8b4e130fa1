#!/usr/bin/env bash
# A standalone Flink 2.3 session cluster on this machine, started from Flink's Maven jars (Flink
# publishes no binary distribution to Maven Central): a JobManager and TaskManagers on loopback ports
# found free, their configuration, logs, pids, checkpoints and savepoints all under one folder.
#
#   conf/cluster/flink-cluster.sh start [--dir DIR] [--taskmanagers N] [--set KEY=VALUE ...]
#                                                                        JobManager + N TaskManagers (default 2);
#                                                                        --set overrides config.yaml (e.g. --set
#                                                                        taskmanager.memory.process.size=4g)
#   conf/cluster/flink-cluster.sh add-taskmanager [--dir DIR]            one more TaskManager
#   conf/cluster/flink-cluster.sh flink [--dir DIR] ARGS...              Flink's CLI on this cluster, e.g.
#       flink run -c org.trackflow.pipeline.cli.TrackflowJob pipeline/target/trackflow-pipeline.jar --library L --out O
#       flink list | flink stop --savepointPath P JOBID | flink cancel JOBID
#   conf/cluster/flink-cluster.sh status [--dir DIR]                     web UI address and processes
#   conf/cluster/flink-cluster.sh stop [--dir DIR]                       stop every process started from DIR
#
# DIR defaults to ./flink-cluster. The TaskManager pids are DIR/pids/taskmanager-N.pid, the web UI address
# is in DIR/rest-url. Class path: flink-runtime/target/flink-classpath.txt (built by Maven on first use).
# Settings: conf/cluster/config.yaml, copied to DIR/conf/config.yaml with the ports appended.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$ROOT/conf/java-opens.sh"

cmd="${1:-}"; shift || true
DIR="$PWD/flink-cluster"
TASKMANAGERS=2
ARGS=()
SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --taskmanagers) TASKMANAGERS="$2"; shift 2 ;;
    --set) SETTINGS+=("$2"); shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
CONF="$DIR/conf"
CLASSPATH_FILE="$ROOT/flink-runtime/target/flink-classpath.txt"

die() { echo "flink-cluster: $*" >&2; exit 1; }

flink_classpath() {
  if [ ! -f "$CLASSPATH_FILE" ]; then
    echo "Building the Flink class path (mvn install -DskipTests) ..." >&2
    (cd "$ROOT" && mvn -B -DskipTests install > "$DIR/build.log" 2>&1) || die "build failed, see $DIR/build.log"
  fi
  cat "$CLASSPATH_FILE"
}

# A loopback port nobody listens on (a small race with other programs is possible; start again then).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# GET on the REST endpoint without curl (a fresh machine may not have it).
rest_get() {
  local port; port="$(sed 's|.*:||' "$DIR/rest-url")"
  (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3 && cat <&3) 2>/dev/null || true
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Starts a Flink process in the background, detached from this shell; its pid goes to DIR/pids/NAME.pid.
# Memory flags come from BashJavaUtils, as Flink's own jobmanager.sh and taskmanager.sh get them.
launch() {
  local name="$1" main="$2" params="$3"; shift 3
  local cp out jvm dynamic cache="$CONF/$params"
  cp="$(flink_classpath)"
  # Every TaskManager of a cluster gets the same sizes: computed once (a JVM start) per configuration.
  if [ ! -f "$cache" ]; then
    out="$(java -cp "$cp" -Dlog4j2.level=WARN org.apache.flink.runtime.util.bash.BashJavaUtils "$params" --configDir "$CONF" 2>&1)" \
      || die "BashJavaUtils $params failed: $out"
    grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' > "$cache"
  fi
  jvm="$(sed -n 1p "$cache")"
  dynamic="$(sed -n 2p "$cache")"
  mkdir -p "$DIR/log" "$DIR/pids"
  # shellcheck disable=SC2086 # the memory flags are words
  setsid java $jvm "${JAVA_OPENS[@]}" ${TRACKFLOW_CLUSTER_JAVA_OPTS:-} \
    -Dtrackflow.cluster.dir="$DIR" -Dlog.file="$DIR/log/$name.log" -Dlog4j.configurationFile="$HERE/log4j2.properties" \
    -cp "$cp" "$main" --configDir "$CONF" $dynamic "$@" > "$DIR/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$DIR/pids/$name.pid"
}

# Waits until the JobManager lists the TaskManager of this resource id.
await_taskmanager() {
  for _ in $(seq 1 120); do
    rest_get /taskmanagers | grep -q "\"id\":\"$1\"" && return 0
    alive "$DIR/pids/$1.pid" || die "$1 exited; see $DIR/log/$1.log and .out"
    sleep 0.5
  done
  die "$1 did not register with the JobManager; see $DIR/log/$1.log"
}

next_taskmanager() {
  local n=1
  while [ -e "$DIR/pids/taskmanager-$n.pid" ]; do n=$((n + 1)); done
  echo "$n"
}

start_taskmanager() {
  local n; n="$(next_taskmanager)"
  launch "taskmanager-$n" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "taskmanager.resource-id=taskmanager-$n"
  echo "taskmanager-$n: pid $(cat "$DIR/pids/taskmanager-$n.pid")"
  STARTED+=("taskmanager-$n")
}
STARTED=()

case "$cmd" in
  start)
    alive "$DIR/pids/jobmanager.pid" && die "a cluster already runs from $DIR (stop it first)"
    rm -rf "$DIR/pids" "$DIR/conf"
    mkdir -p "$CONF" "$DIR/checkpoints" "$DIR/savepoints"
    rpc="$(free_port)"; rest="$(free_port)"
    cp "$HERE/config.yaml" "$CONF/config.yaml"
    cp "$HERE/log4j2.properties" "$CONF/log4j2.properties"
    cat >> "$CONF/config.yaml" <<EOF

# Written by flink-cluster.sh for $DIR
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc
rest.port: $rest
execution.checkpointing.dir: file://$DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$DIR/savepoints
io.tmp.dirs: $DIR/tmp
EOF
    for kv in ${SETTINGS[@]+"${SETTINGS[@]}"}; do
      key="${kv%%=*}"
      # YAML keeps the first of two equal keys: replace the key's line rather than add a second
      grep -v "^$key:" "$CONF/config.yaml" > "$CONF/config.yaml.new" || true
      mv "$CONF/config.yaml.new" "$CONF/config.yaml"
      echo "$key: ${kv#*=}" >> "$CONF/config.yaml"
    done
    mkdir -p "$DIR/tmp"
    echo "http://localhost:$rest" > "$DIR/rest-url"
    t0=$(date +%s%N)
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    echo "jobmanager: pid $(cat "$DIR/pids/jobmanager.pid")"
    for _ in $(seq 1 120); do
      rest_get /config | grep -q '"flink-version"' && break
      alive "$DIR/pids/jobmanager.pid" || die "the JobManager exited; see $DIR/log/jobmanager.log and .out"
      sleep 0.5
    done
    rest_get /config | grep -q '"flink-version"' || die "the JobManager's REST endpoint did not come up; see $DIR/log"
    t1=$(date +%s%N)
    for _ in $(seq 1 "$TASKMANAGERS"); do start_taskmanager; done
    for tm in "${STARTED[@]}"; do await_taskmanager "$tm"; done
    t2=$(date +%s%N)
    printf 'cluster up: web UI %s (JobManager %.1f s, %d TaskManagers %.1f s later)\n' \
      "$(cat "$DIR/rest-url")" "$(( (t1 - t0) / 1000000 ))e-3" "$TASKMANAGERS" "$(( (t2 - t1) / 1000000 ))e-3"
    ;;
  add-taskmanager)
    alive "$DIR/pids/jobmanager.pid" || die "no cluster runs from $DIR"
    start_taskmanager
    await_taskmanager "${STARTED[0]}"
    ;;
  flink)
    [ -f "$CONF/config.yaml" ] || die "no cluster configuration in $DIR (start one first)"
    FLINK_CONF_DIR="$CONF" exec java "${JAVA_OPENS[@]}" ${TRACKFLOW_CLUSTER_JAVA_OPTS:-} \
      -Dlog.file="$DIR/log/client.log" -Dlog4j.configurationFile="$HERE/log4j2.properties" \
      -cp "$(flink_classpath)" org.apache.flink.client.cli.CliFrontend "${ARGS[@]}"
    ;;
  status)
    [ -f "$DIR/rest-url" ] && echo "web UI: $(cat "$DIR/rest-url")"
    for f in "$DIR"/pids/*.pid; do
      [ -e "$f" ] || continue
      if alive "$f"; then s=running; else s=gone; fi
      echo "$(basename "$f" .pid): pid $(cat "$f") $s"
    done
    ;;
  stop)
    pids=()
    for f in "$DIR"/pids/*.pid; do alive "$f" && pids+=("$(cat "$f")"); done
    # Also any JVM started from DIR whose pid file was lost.
    while read -r p; do
      [ -n "$p" ] && [[ " ${pids[*]} " != *" $p "* ]] && pids+=("$p")
    done < <(pgrep -f -- "-Dtrackflow.cluster.dir=$DIR( |$)" || true)
    [ ${#pids[@]} -eq 0 ] && { echo "nothing runs from $DIR"; exit 0; }
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 40); do
      left=(); for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
      [ ${#left[@]} -eq 0 ] && break
      sleep 0.5
    done
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true; done
    echo "stopped ${#pids[@]} processes"
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$cmd" ] || [ "$cmd" = help ] || [ "$cmd" = --help ] || exit 2
    ;;
esac
