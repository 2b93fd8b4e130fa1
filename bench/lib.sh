# Sourced by every benchmark script (after `cd` to the checkout's root): what they share.
#   bench_args SPEC... -- "$@"   options: --name=VAR takes a value into VAR, --name+VAR sets VAR=1; anything
#                                else is an error (exit 2). Defaults are the variables' values before the call.
#   bench_build                  builds the checkout (mvn install) when a source is newer than the bench's class path
#   bench_cp                     this checkout's bench class path
#   bench_java HEAP LOG CLASS... a bench class with the heap, Flink's opens and a log file of its own
#   bench_similarity_library     the real-music library of bench/run-similarity.sh, built on first use
bench_args() {
  local specs=() spec matched
  while [ "$1" != "--" ]; do specs+=("$1"); shift; done
  shift
  while [ $# -gt 0 ]; do
    matched=0
    for spec in "${specs[@]}"; do
      case "$spec" in
        "$1="*) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
                printf -v "${spec#*=}" '%s' "$2"; shift 2; matched=1; break ;;
        "$1+"*) printf -v "${spec#*+}" '%s' 1; shift; matched=1; break ;;
      esac
    done
    [ "$matched" = 1 ] || { echo "unknown option $1 (options: ${specs[*]%%[=+]*})" >&2; exit 2; }
  done
}

bench_build() {
  if [ ! -f bench/target/bench-classpath.txt ] \
      || [ -n "$(find pom.xml */pom.xml */src -newer bench/target/bench-classpath.txt \( -name '*.java' -o -name '*.avsc' -o -name pom.xml \) -print -quit)" ]; then
    echo "Building (mvn install -DskipTests) ..."
    mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; exit 1; }
  fi
}

bench_cp() {
  printf '%s' "bench/target/trackflow-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/bench-classpath.txt)"
}

bench_java() { # heap, log name, then the class and its arguments
  local heap="$1" log="$2"
  shift 2
  mkdir -p logs
  source conf/java-opens.sh
  java -Xmx"$heap" "${JAVA_OPENS[@]}" -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file="logs/$log.log" \
    -cp "${BENCH_CP:-$(bench_cp)}" "$@"
}

bench_similarity_library() {
  [ -n "$(find -L bench/work/similarity/library -type f -print -quit 2>/dev/null)" ] || bench/run-similarity.sh
  [ -n "$(find -L bench/work/similarity/library -type f -print -quit 2>/dev/null)" ] \
    || { echo "no pieces in bench/work/similarity/library: bench/run-similarity.sh did not build it" >&2; exit 1; }
}
