#!/usr/bin/env bash
# Rescans after a retag (issue 26), on real recordings: the accuracy corpus's pieces (bench/run-accuracy.sh
# builds it) as MP3, Ogg Vorbis, M4A and FLAC, 200 files. First what recognising a retag costs per file and per
# GB against decoding (RetagBenchmark: the audio packet hash, one demuxer pass, against a full decode). Then,
# for the build of REF (default 4c9f089, before retags were recognised) and this checkout: analyse the library,
# rewrite every file's tags with ffmpeg's stream copy (as Picard or beets would: other bytes, the same audio),
# and time the rescan as a user runs it (run-local.sh's java command, JVM start included). Writes
# bench/results/retag.md and retag.json.
#   bench/run-retag.sh [--against REF] [--files N]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
AGAINST=4c9f089
FILES=200
bench_args --against=AGAINST --files=FILES -- "$@"
WORK=bench/work/retag
CORPUS=bench/work/accuracy/corpus
[ -d "$CORPUS" ] || bench/run-accuracy.sh
bench_build
./run-local.sh --help > /dev/null
source bench/baseline.sh
baseline_build "$AGAINST"
source conf/java-opens.sh
FLINK_CP=$(cat flink-runtime/target/flink-classpath.txt)
mkdir -p "$WORK" bench/results logs
JSON="$WORK/retag.jsonl"
: > "$JSON"

# the library: each piece in four formats until FILES files
if [ ! -f "$WORK/library/.complete" ]; then
  rm -rf "$WORK/library" && mkdir -p "$WORK/library"
  n=0
  for f in "$CORPUS"/*; do
    base=$(basename "${f%.*}")
    for fmt in mp3 ogg m4a flac; do
      [ "$n" -lt "$FILES" ] || break 2
      case $fmt in
        mp3) c=(-c:a libmp3lame -b:a 192k) ;;
        ogg) c=(-c:a libvorbis -q:a 5) ;;
        m4a) c=(-c:a aac -b:a 192k) ;;
        flac) c=(-c:a flac) ;;
      esac
      ffmpeg -nostdin -v error -y -i "$f" "${c[@]}" -metadata title="$base" -metadata artist="corpus" "$WORK/library/$base.$fmt"
      n=$((n + 1))
    done
  done
  touch "$WORK/library/.complete"
fi

bench_java 2g retag org.trackflow.bench.RetagBenchmark "$WORK/library" | tee -a "$JSON"

run() { # build-root label out library
  local root="$1" label="$2" out="$3" lib="$4" t0 t1
  t0=$(date +%s.%N)
  java "${JAVA_OPENS[@]}" -Dlog4j.configurationFile="$root/conf/log4j2.properties" -Dlog.file="logs/retag-$label.log" \
    -cp "$root/pipeline/target/trackflow-pipeline.jar:$FLINK_CP" org.trackflow.pipeline.cli.TrackflowJob --local \
    --conf-dir "$root/conf" --library "$lib" --out "$out" --parallelism 2 > "$WORK/$label.out" 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

for b in baseline current; do
  root=$PWD
  [ "$b" = baseline ] && root=$BASE
  lib="$WORK/lib-$b"
  out="$WORK/out-$b"
  rm -rf "$lib" "$out" && cp -r "$WORK/library" "$lib" && rm -f "$lib/.complete"
  first=$(run "$root" "$b-first" "$out" "$lib")
  for f in "$lib"/*; do
    ext=${f##*.}
    ffmpeg -nostdin -v error -y -i "$f" -map 0 -c copy -metadata comment="retagged by bench/run-retag.sh" \
      -metadata:s:a:0 comment="retagged by bench/run-retag.sh" "$f.tmp.$ext"
    mv "$f.tmp.$ext" "$f"
  done
  rescan=$(run "$root" "$b-rescan" "$out" "$lib")
  scan=$(grep -E '^  scan:' "$WORK/$b-rescan.out" | sed 's/^ *scan: *//')
  decoded=$(grep -E '^  not decoded:' "$WORK/$b-rescan.out" | sed 's/^ *not decoded: *//' || true)
  echo "{\"step\":\"rescan\",\"build\":\"$b\",\"first_s\":$first,\"rescan_s\":$rescan,\"scan\":\"$scan\",\"not_decoded\":\"$decoded\"}" | tee -a "$JSON"
done
node bench/retag-report.mjs "$JSON" "$AGAINST" bench/results/retag.md bench/results/retag.json
cat bench/results/retag.md
