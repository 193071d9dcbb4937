#!/usr/bin/env bash
# Renders `foamroll history report --html` of a seeded three months (40 sessions ending
# yesterday: the right hamstring falling from 8 to 4) in a real headless browser, at A4
# width and at a phone's, and fails unless both PNGs come out. Installs Debian's
# chromium when it is missing. Writes docs/report/example.html and the PNGs there.
# Usage: docs/render-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
cargo build --release -q
cargo build --release -q --example seed_history
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOAMROLL_DATA_DIR="$work/data" FOAMROLL_CONFIG_DIR="$work/config"
target/release/examples/seed_history >"$work/seed.json"
target/release/foamroll history import "$work/seed.json"
out=docs/report
mkdir -p "$out"
target/release/foamroll history report --weeks 13 --html "$out/example.html"
render() { # WIDTH HEIGHT PNG
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$work/profile-$1" --hide-scrollbars --window-size="$1,$2" \
    --screenshot="$3" "file://$PWD/$out/example.html" 2>"$work/chromium-$1.log" || {
    cat "$work/chromium-$1.log" >&2
    return 1
  }
  [ -s "$3" ] || { echo "no $3" >&2; return 1; }
  echo "rendered $3 (${1}x$2)"
}
# A4 at 96 dpi is 794 px wide; a phone, 390.
render 794 3000 "$out/report-a4.png"
render 390 5200 "$out/report-phone.png"
