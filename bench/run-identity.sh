#!/usr/bin/env bash
# Does a change leave the numbers as they are? Analyses the same files with this checkout and with another
# commit's build (FeatureDump: every frame-feature moment, tempo, key, fluctuation pattern, loudness and
# fingerprint, each double written so that it reads back exactly) and compares the two dumps bit for bit.
#   bench/run-identity.sh --against REF [--files LIST] [--every N]
# Default files: every 10th piece of the similarity library (bench/run-similarity.sh), or the lines of LIST.
# Exit 0 when every number is the same, 1 (with the first differing lines) otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
AGAINST=""
FILES=""
EVERY=10
while [ $# -gt 0 ]; do
  case "$1" in
    --against) AGAINST="${2:?--against needs a commit}"; shift 2 ;;
    --files) FILES="${2:?--files needs a file}"; shift 2 ;;
    --every) EVERY="${2:?--every needs a number}"; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
[ -n "$AGAINST" ] || { echo "--against REF is required"; exit 2; }
WORK=bench/work/identity
mkdir -p "$WORK" logs
if [ -z "$FILES" ]; then
  [ -n "$(find -L bench/work/similarity/library -type f -print -quit 2>/dev/null)" ] || bench/run-similarity.sh
  FILES="$WORK/files.txt"
  find -L "$PWD/bench/work/similarity/library" -type f | sort | awk -v n="$EVERY" 'NR % n == 1' > "$FILES"
fi
if [ ! -f bench/target/bench-classpath.txt ] || [ -n "$(find pom.xml */pom.xml */src -newer bench/target/bench-classpath.txt -name '*.java' -print -quit)" ]; then
  echo "Building (mvn install -DskipTests) ..."
  mvn -B -DskipTests install > build.log 2>&1 || { tail -50 build.log; exit 1; }
fi
source bench/baseline.sh
baseline_build "$AGAINST"
source conf/java-opens.sh
CURRENT_CP="bench/target/trackflow-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/bench-classpath.txt)"
BASE_CP=$(baseline_classpath "$CURRENT_CP")
dump() { # classpath, output
  java -Xmx2g "${JAVA_OPENS[@]}" -Dlog4j.configurationFile=conf/log4j2.properties -Dlog.file=logs/identity.log \
    -cp "$1" org.trackflow.bench.FeatureDump --files "$FILES" --out "$2"
}
echo "$(wc -l < "$FILES") files: $AGAINST ..."
dump "$BASE_CP" "$WORK/baseline.txt"
echo "$(wc -l < "$FILES") files: this checkout ..."
dump "$CURRENT_CP" "$WORK/current.txt"
if cmp -s "$WORK/baseline.txt" "$WORK/current.txt"; then
  echo "identical: every number of $(grep -c '^file ' "$WORK/current.txt") files is the same ($(wc -c < "$WORK/current.txt") bytes)"
else
  echo "different:"
  diff "$WORK/baseline.txt" "$WORK/current.txt" | cut -c1-200 | head -20
  exit 1
fi
