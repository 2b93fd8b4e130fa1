#!/usr/bin/env bash
# Builds a library of real recordings in six formats from the similarity evaluation's pieces
# (bench/run-similarity.sh writes them: Vorbis and Opus from seven Debian music packages, FLAC rendered
# from an eighth's General MIDI songs; the committed figures of e2e.md are from the first seven's 178):
#   bench/make-format-library.sh [--out DIR]      default bench/work/formats/library
# Pieces are dealt in turn, per package, to: kept as they are (Ogg Vorbis, Opus or FLAC), MP3 (LAME VBR -q 2),
# FLAC (16-bit), M4A (AAC 192 kb/s), WAV (16-bit PCM). Source rate and channels are kept. A file already
# written is not written again. Needs ffmpeg (bench/run-accuracy.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
OUT=bench/work/formats/library
bench_args --out=OUT -- "$@"
SRC=bench/work/similarity/library
bench_similarity_library
command -v ffmpeg > /dev/null || { echo "ffmpeg is missing (apt-get install ffmpeg)"; exit 1; }
mkdir -p "$OUT"
written=0
for dir in "$SRC"/*/; do
  pkg=$(basename "$dir")
  mkdir -p "$OUT/$pkg"
  i=0
  while IFS= read -r f; do
    name=$(basename "${f%.*}")
    case $((i % 5)) in
      0) target="$OUT/$pkg/$(basename "$f")"; [ -e "$target" ] || ln -s "$(readlink -f "$f")" "$target" ;;
      1) target="$OUT/$pkg/$name.mp3"; [ -e "$target" ] || ffmpeg -v error -nostdin -i "$f" -vn -c:a libmp3lame -q:a 2 "$target" ;;
      2) target="$OUT/$pkg/$name.flac"; [ -e "$target" ] || ffmpeg -v error -nostdin -i "$f" -vn -c:a flac -sample_fmt s16 "$target" ;;
      3) target="$OUT/$pkg/$name.m4a"; [ -e "$target" ] || ffmpeg -v error -nostdin -i "$f" -vn -c:a aac -b:a 192k "$target" ;;
      4) target="$OUT/$pkg/$name.wav"; [ -e "$target" ] || ffmpeg -v error -nostdin -i "$f" -vn -c:a pcm_s16le "$target" ;;
    esac
    i=$((i + 1))
    written=$((written + 1))
  done < <(find -L "$dir" -maxdepth 1 -type f | sort)
done
echo "$written files in $OUT:"
find -L "$OUT" -type f | sed 's/.*\.//' | sort | uniq -c
