#!/usr/bin/env bash
# Duplicate detection on real music (issue 13): the similarity corpus (bench/run-similarity.sh: pieces from
# eight Debian music packages, all different recordings) plus copies of every 5th piece made with ffmpeg:
# MP3 128 kb/s, Opus 96 kb/s, FLAC at 48 kHz, a WAV with 1 s of silence in front, and 24-bit FLAC at 48, 88.2
# and 96 kHz (a hi-res download beside its CD rip). trackflow analyses the
# library; then the groups it finds are checked against the truth: missed merges (a copy not in its
# original's group) and false merges (two different recordings in one group). Writes bench/results/duplicates.md.
#   bench/run-duplicates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
WORK=bench/work/duplicates
SRC=bench/work/similarity/library
bench_similarity_library
bench_build
LIB=$WORK/library
rm -rf "$LIB"
mkdir -p "$LIB"
cp -rs "$PWD/$SRC/." "$LIB/"
i=0
while IFS= read -r f; do
  i=$((i + 1))
  [ $((i % 5)) -eq 0 ] || continue
  rel=${f#"$SRC"/}
  base="$LIB/copies/${rel%.*}"
  mkdir -p "$(dirname "$base")"
  ffmpeg -nostdin -v error -y -i "$f" -c:a libmp3lame -b:a 128k "$base.copy-128.mp3"
  ffmpeg -nostdin -v error -y -i "$f" -c:a libopus -b:a 96k "$base.copy-96.opus"
  ffmpeg -nostdin -v error -y -i "$f" -ar 48000 -c:a flac "$base.copy-48k.flac"
  ffmpeg -nostdin -v error -y -i "$f" -af "adelay=1000:all=1" -c:a pcm_s16le "$base.copy-padded.wav"
  # hi-res copies of the same master: resampled to 48, 88.2 and 96 kHz at 24 bits (issue 26)
  for rate in 48000 88200 96000; do
    ffmpeg -nostdin -v error -y -i "$f" -ar "$rate" -sample_fmt s32 -bits_per_raw_sample 24 -c:a flac "$base.copy-${rate}-24.flac"
  done
done < <(find "$SRC" -type l -o -type f | sort)
OUT=$WORK/out
./run-local.sh --library "$LIB" --out "$OUT" --reanalyze-outdated | tail -14
bench_java 4g duplicates org.trackflow.bench.DuplicatesEval --out "$OUT" --results bench/results/duplicates.md
