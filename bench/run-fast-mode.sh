#!/usr/bin/env bash
# Fast mode against full mode on real recordings (issue 16): the similarity evaluation's library (pieces
# of eight Debian music packages; bench/run-similarity.sh builds it) analysed once in full mode and once
# per excerpt plan in fast mode, in one run; writes bench/results/fast-mode.md (+ .json).
#   bench/run-fast-mode.sh [--plans 3x20,6x10,...] [--parallelism N]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_similarity_library
bench_build
bench_java 4g fast-mode org.trackflow.bench.FastModeEval --recordings bench/work/similarity/library "$@"
