#!/usr/bin/env bash
# Renders <out>/report.html in headless Chromium (Debian's `chromium` package) and saves a PNG, to check
# that the self-contained report displays without network access.
#   scripts/screenshot-report.sh [trackflow-out] [docs/report.png]
set -euo pipefail
out=${1:-trackflow-out}
png=${2:-docs/report.png}
command -v chromium >/dev/null || { echo "needs Debian's chromium: apt-get install chromium"; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,2000 --screenshot="$(realpath -m "$png")" "file://$(realpath "$out/report.html")" 2>/dev/null
echo "screenshot: $png"
