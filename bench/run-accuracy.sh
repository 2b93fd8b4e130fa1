#!/usr/bin/env bash
# Accuracy report: trackflow against the tools users trust, on real recordings from Debian's music packages
# and on General MIDI songs of known tempo and key rendered with fluidsynth. Writes bench/results/accuracy.md.
#   bench/run-accuracy.sh                      build the corpus (first run), analyse, compare, write the report
#   bench/run-accuracy.sh --label before       also keep the numbers as bench/results/accuracy-before.json
#   bench/run-accuracy.sh --per-package 8 --excerpt 60
#   bench/run-accuracy.sh --label before --trackflow DIR   run the trackflow checked out in DIR (e.g. an older
#                                                          commit: git archive COMMIT | tar -x -C DIR)
# Needs root (or the packages already installed) for apt-get, and npm. The reference tools are external
# programs of this script only, never dependencies of trackflow: Essentia (essentia.js from npm, AGPL),
# Queen Mary's DSP library (Debian libqm-dsp-dev behind bench/accuracy/qm-host.cpp), aubio, ffmpeg's
# ebur128 filter and loudgain (libebur128). A tool that cannot be installed is skipped and the report says so.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/work/accuracy
CORPUS=$WORK/corpus
REF=$WORK/ref
LABEL=""
PER_PACKAGE=8
EXCERPT=60
TRACKFLOW=$ROOT
source "$ROOT/bench/lib.sh"
bench_args --label=LABEL --per-package=PER_PACKAGE --excerpt=EXCERPT --trackflow=TRACKFLOW -- "$@"
TRACKFLOW=$(cd "$TRACKFLOW" && pwd)
mkdir -p "$WORK" "$CORPUS" "$REF" "$ROOT/bench/results"
NICE="nice -n 10"

# 1. Tools and music, from Debian and npm.
PACKAGES="wesnoth-music warzone2100-music singularity-music supertux-data freedroidrpg-data ufoai-music
  fluidsynth fluid-soundfont-gm aubio-tools libqm-dsp-dev loudgain ffmpeg g++ unzip"
missing=""
for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y $missing > "$WORK/apt.log" 2>&1 || { apt-get update > /dev/null 2>&1; apt-get install -y $missing > "$WORK/apt.log" 2>&1 || echo "apt-get failed, see $WORK/apt.log: missing tools are skipped"; }
  else
    echo "not root: install them yourself; missing tools are skipped"
  fi
fi
command -v node > /dev/null && command -v npm > /dev/null || { echo "node and npm are needed (Debian: nodejs, npm)"; exit 1; }
cp "$ROOT/bench/accuracy/package.json" "$WORK/package.json"
[ -d "$WORK/node_modules/essentia.js" ] || (cd "$WORK" && npm install --no-audit --no-fund > npm.log 2>&1) || echo "npm install failed: Essentia skipped"
export ACCURACY_NODE_MODULES=$WORK/node_modules
QM=""
if [ -f /usr/include/qm-dsp/dsp/tempotracking/TempoTrackV2.h ]; then
  g++ -O2 -I/usr/include/qm-dsp -o "$WORK/qm-host" "$ROOT/bench/accuracy/qm-host.cpp" -lqm-dsp && QM="$WORK/qm-host"
fi
[ -n "$QM" ] || echo "libqm-dsp-dev not available: QM tempo and key skipped"

# 2. The corpus: PER_PACKAGE recordings per package, evenly spread over its sorted list, as EXCERPT-second
#    FLAC excerpts (from 20 s in; source rate and channels kept), plus the rendered MIDI songs and one
#    5-channel WAV without a channel mask (EBU Tech 3341 case 6).
pick() { # package-label glob...
  local label=$1; shift
  local files; files=$(ls "$@" 2>/dev/null | sort) || true
  local n; n=$(echo "$files" | grep -c . || true)
  [ "$n" -gt 0 ] || { echo "no files for $label"; return; }
  local i=0 k=0
  echo "$files" | while read -r f; do
    if [ $(( i * PER_PACKAGE / n )) -eq $k ] && [ $k -lt $PER_PACKAGE ]; then
      local base; base=$(basename "${f%.*}" | tr -c 'A-Za-z0-9_\n-' '_')
      local out="$CORPUS/$label-$base.flac"
      if [ ! -f "$out" ]; then
        local d; d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f" | cut -d. -f1)
        local start=20; [ "${d:-0}" -lt $(( EXCERPT + 20 )) ] && start=0
        if [ "${d:-0}" -ge 30 ]; then
          ffmpeg -v error -nostdin -y -ss $start -t $EXCERPT -i "$f" -map 0:a:0 -c:a flac "$out" || rm -f "$out"
        fi
      fi
      k=$(( k + 1 ))
    fi
    i=$(( i + 1 ))
  done
}
if [ ! -f "$CORPUS/.done" ]; then
  pick wesnoth /usr/share/games/wesnoth/*/data/core/music/*.ogg
  pick warzone /usr/share/games/warzone2100/music/albums/*/*.opus
  pick singularity /usr/share/games/singularity/music/*.ogg /usr/share/games/singularity/music/*/*.ogg
  pick supertux /usr/share/games/supertux2/music/*/*.ogg
  pick freedroid /usr/share/freedroidrpg/data/sound/music/*.ogg
  if [ -f /usr/share/games/ufoai/base/0music.pk3 ]; then
    mkdir -p "$WORK/ufoai" && unzip -q -o /usr/share/games/ufoai/base/0music.pk3 'music/*.ogg' -d "$WORK/ufoai"
    pick ufoai "$WORK"/ufoai/music/*.ogg
  fi
  node "$ROOT/bench/accuracy/make-midi.mjs" "$WORK/midi" > "$WORK/midi-truth.tsv"
  SF2=/usr/share/sounds/sf2/FluidR3_GM.sf2
  while IFS=$'\t' read -r mid bpm key scale; do
    out="$CORPUS/${mid%.mid}.flac"
    [ -f "$out" ] || { fluidsynth -ni -q -F "$WORK/midi/${mid%.mid}.wav" -r 44100 "$SF2" "$WORK/midi/$mid" > /dev/null 2>&1 &&
      ffmpeg -v error -nostdin -y -i "$WORK/midi/${mid%.mid}.wav" -t $EXCERPT -c:a flac "$out"; }
  done < "$WORK/midi-truth.tsv"
  node "$ROOT/bench/accuracy/make-case6.mjs" "$CORPUS/surround-tech3341-case6.wav"
  touch "$CORPUS/.done"
fi
echo "corpus: $(ls "$CORPUS" | grep -c .) files in $CORPUS"

# 3. Reference tools, once per file (cached in $REF).
for f in "$CORPUS"/*; do
  name=$(basename "$f")
  j="$REF/$name.json"
  [ -f "$j" ] && continue
  echo "reference tools: $name"
  {
    echo "{"
    ff=$(ffmpeg -nostdin -nostats -hide_banner -i "$f" -af ebur128 -f null - 2>&1 | sed -n '/Summary:/,$p')
    echo "\"ffmpeg_lufs\": $(echo "$ff" | sed -n 's/^ *I: *\(-\?[0-9.]*\) LUFS/\1/p' | head -1 | sed 's/^$/null/'),"
    echo "\"ffmpeg_lra\": $(echo "$ff" | sed -n 's/^ *LRA: *\(-\?[0-9.]*\) LU$/\1/p' | head -1 | sed 's/^$/null/'),"
    if command -v loudgain > /dev/null; then
      lg=$(loudgain -q -O -s s "$f" 2>/dev/null | awk -F'\t' 'NR==2 {print $2}' | sed 's/ LUFS//')
      echo "\"loudgain_lufs\": ${lg:-null},"
    fi
    if command -v aubio > /dev/null; then
      ab=$(aubio tempo "$f" 2>/dev/null | sed -n 's/^\([0-9.]*\) bpm/\1/p' | head -1)
      echo "\"aubio_bpm\": ${ab:-null},"
    fi
    echo "\"name\": \"$name\"}"
  } > "$j.tmp"
  case "$name" in surround-*) mv "$j.tmp" "$j"; continue ;; esac
  ffmpeg -v error -nostdin -y -i "$f" -ac 2 -ar 44100 -f f32le "$WORK/tmp-stereo.f32"
  $NICE node "$ROOT/bench/accuracy/essentia.mjs" "$WORK/tmp-stereo.f32" "$WORK/tmp-mono.f32" "$WORK/tmp-essentia.json" || echo '{}' > "$WORK/tmp-essentia.json"
  if [ -n "$QM" ]; then $NICE "$QM" "$WORK/tmp-mono.f32" 44100 > "$WORK/tmp-qm.json" || echo '{}' > "$WORK/tmp-qm.json"; else echo '{}' > "$WORK/tmp-qm.json"; fi
  node -e '
    const fs = require("fs");
    const [base, ess, qm, out] = process.argv.slice(1);
    const o = JSON.parse(fs.readFileSync(base, "utf8"));
    o.essentia = JSON.parse(fs.readFileSync(ess, "utf8"));
    o.qm = JSON.parse(fs.readFileSync(qm, "utf8"));
    fs.writeFileSync(out, JSON.stringify(o));' "$j.tmp" "$WORK/tmp-essentia.json" "$WORK/tmp-qm.json" "$j"
  rm -f "$j.tmp"
done
rm -f "$WORK"/tmp-*

# 4. trackflow on the whole corpus, from scratch.
OUT=$WORK/out${LABEL:+-$LABEL}
rm -rf "$OUT"
(cd "$TRACKFLOW" && { mvn -B -q package -DskipTests > "$WORK/build.log" 2>&1 || mvn -B -o -q package -DskipTests > "$WORK/build.log" 2>&1; }) || { tail -30 "$WORK/build.log"; exit 1; }
$NICE "$TRACKFLOW/run-local.sh" --library "$CORPUS" --out "$OUT" --playlists 2 2>&1 | tee "$WORK/trackflow${LABEL:+-$LABEL}.log" | grep -E "scan:|wall time|throughput|CPU by stage"

# 5. The report.
node "$ROOT/bench/accuracy/report.mjs" "$OUT/current/tracks.parquet" "$REF" "$WORK/midi-truth.tsv" \
  "$WORK/trackflow${LABEL:+-$LABEL}.log" "$ROOT/bench/results" "${LABEL:-latest}"
echo "wrote bench/results/accuracy.md"
