#!/usr/bin/env bash
# Similarity evaluation on real music (issue 14): a library of recordings from several Debian music
# packages, one folder per package (each package is one "source": one game's soundtrack, one composer),
# analysed by trackflow; then the share of each track's 5 nearest neighbours from its own source and the
# playlists' purity, for trackflow's measures and two baselines. Writes bench/results/similarity.md.
# --trials also scores the measures tried and not kept (SimilarityTrials), one of them learnt on a
# background library of other Debian packages gathered the same way: bench/results/similarity-trials.md.
#   bench/run-similarity.sh [--per-package N] [--min-seconds S] [--trials]
# Needs root (or the packages already installed) for apt-get. Only the packages' own files are used; the
# General MIDI songs of openttd-openmsx are rendered with fluidsynth and Debian's FluidR3 GM sound font.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work/similarity
source bench/lib.sh
PER_PACKAGE=30
MIN_SECONDS=45
TRIALS=0
bench_args --per-package=PER_PACKAGE --min-seconds=MIN_SECONDS --trials+TRIALS -- "$@"
PACKAGES="wesnoth-1.16-music warzone2100-music singularity-music supertux-data freedroidrpg-data ufoai-music drascula-music
  openttd-openmsx"
# other games' music, none of it in the evaluation: what --trials learns from
BACKGROUND="hyperrogue-music fillets-ng-data colobot-common-sounds xmoto-data extremetuxracer-data flare-game openclonk-data
  warmux-data"
SF2=/usr/share/sounds/sf2/FluidR3_GM.sf2
missing=""
for p in $PACKAGES $([ "$TRIALS" = 1 ] && echo "$BACKGROUND") ffmpeg unzip fluidsynth fluid-soundfont-gm; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  [ "$(id -u)" = 0 ] || { echo "not root: install$missing yourself"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing > /dev/null 2>&1 \
    || { apt-get update -q > /dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing > /dev/null; }
fi

# A package's audio files: those it installs (some under several names, links: each once, by its real
# path), and those inside its game archives (ufoai-music ships its music in a .pk3, a zip).
package_audio() {
  local p="$1" f z d
  # (no match is no error: grep's status would end this subshell under errexit + pipefail)
  while read -r f; do
    if [ -f "$f" ]; then readlink -f "$f"; fi
  done < <(dpkg -L "$p" | { grep -Ei '\.(ogg|oga|mp3|flac|opus|wav)$' || true; })
  while read -r z; do
    [ -f "$z" ] || continue
    d="$WORK/archives/$p/$(basename "$z" .pk3)"
    if [ ! -f "$d/.unpacked" ]; then
      rm -rf "$d" && mkdir -p "$d"
      if unzip -q -o "$z" -d "$d" > /dev/null 2>&1; then touch "$d/.unpacked"; else echo "$z: could not unpack" >&2; continue; fi
    fi
    find "$d" -type f | { grep -Ei '\.(ogg|oga|mp3|flac|opus|wav)$' || true; } | while read -r f; do readlink -f "$f"; done
  done < <(dpkg -L "$p" | { grep -Ei '\.pk3$' || true; })
  # General MIDI songs, rendered once (44.1 kHz, FLAC), each peak-normalised to -1 dBFS as a mastered
  # record is: fluidsynth's default gain leaves them some 10 dB quieter than the other packages, which
  # the loudness features would tell apart whatever the music.
  while read -r z; do
    [ -f "$z" ] || continue
    d="$WORK/rendered/$p"
    f="$d/$(basename "${z%.*}").flac"
    if [ ! -f "$f" ]; then
      mkdir -p "$d"
      local peak=""
      if fluidsynth -ni -q -F "$d/render.wav" -r 44100 "$SF2" "$z" > /dev/null 2>&1; then
        peak=$(ffmpeg -nostdin -i "$d/render.wav" -af volumedetect -f null - 2>&1 | sed -n 's/.*max_volume: \(-\{0,1\}[0-9.]*\) dB.*/\1/p' || true)
      fi
      if [ -n "$peak" ] && ffmpeg -v error -nostdin -y -i "$d/render.wav" -af "volume=$(awk -v p="$peak" 'BEGIN { print -1 - p }')dB" \
          -c:a flac "$d/render.flac"; then
        mv "$d/render.flac" "$f"
      else
        echo "$z: could not render" >&2
      fi
      rm -f "$d/render.wav" "$d/render.flac"
    fi
    if [ -f "$f" ]; then readlink -f "$f"; fi
  done < <(dpkg -L "$p" | { grep -Ei '\.midi?$' || true; })
}
# A library: up to PER_PACKAGE pieces of music (at least MIN_SECONDS long: sound effects are left out)
# per package, spread evenly over its sorted file list, linked as <package>/<file>.
gather() { # LIB PACKAGES...
  local lib="$1" p f d n take i
  shift
  rm -rf "$lib"
  mkdir -p "$lib"
  for p in "$@"; do
    mapfile -t files < <(package_audio "$p" | sort -u)
    music=()
    for f in "${files[@]}"; do
      [ -f "$f" ] || continue
      d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f" 2>/dev/null || echo 0)
      awk -v d="${d:-0}" -v m="$MIN_SECONDS" 'BEGIN { exit !(d + 0 >= m) }' && music+=("$f")
    done
    n=${#music[@]}
    [ "$n" -gt 0 ] || { echo "$p: no music of ${MIN_SECONDS}s or more, skipped"; continue; }
    take=$(( n < PER_PACKAGE ? n : PER_PACKAGE ))
    mkdir -p "$lib/$p"
    for ((i = 0; i < take; i++)); do
      f=${music[$(( i * n / take ))]}
      ln -sf "$f" "$lib/$p/$(printf '%03d' "$i")-$(basename "$f")"
    done
    echo "$p: $take of $n pieces"
  done
}
LIB=$WORK/library
# shellcheck disable=SC2086 # the lists are words
gather "$LIB" $PACKAGES

OUT=$WORK/out
# Kept between runs: a rerun analyses only what changed (and what an older feature set analysed).
./run-local.sh --library "$LIB" --out "$OUT" --reanalyze-outdated | tail -12
bench_build
bench_java 4g similarity org.trackflow.bench.SimilarityEval --out "$OUT" --results bench/results/similarity.md
if [ "$TRIALS" = 1 ]; then
  # shellcheck disable=SC2086
  gather "$WORK/background/library" $BACKGROUND
  ./run-local.sh --library "$WORK/background/library" --out "$WORK/background/out" --reanalyze-outdated | tail -3
  bench_java 8g similarity org.trackflow.bench.trials.SimilarityTrials --out "$OUT" --library "$LIB" \
    --background "$WORK/background/out" --results bench/results/similarity-trials.md
fi
