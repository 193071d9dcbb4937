#!/usr/bin/env bash
# Measures the release binary in a pseudo-terminal with ../shared/tuiperf (medians of
# 5 runs at 80x24): first frame, peak memory, 10 s idle on the browse screen, 20 s of
# a running countdown, the drift of the pre-run's get-ready plus first 30 s side (the
# "Switch to the left" cue must appear 35 s after Enter), and resizes to 20x6, 1x1, back.
set -euo pipefail
cd "$(dirname "$0")/.."
tuiperf=${TUIPERF:-../shared/tuiperf/tuiperf.py}
cargo build --release -q
tmp=$(mktemp -d)
python3 "$tuiperf" --repeat 5 --size 80x24 --env FOAMROLL_DATA_DIR="$tmp/data" --env FOAMROLL_CONFIG_DIR="$tmp/config" \
  --ready-marker 'Regions' --window idle=ready+2:ready+12 \
  --step 'ready+12.5 keys <Tab><Tab><Down><Enter>' --step 'ready+12.5 mark go' \
  --marker sw='Switch to the left' --drift switch=go:sw:35 \
  --window countdown=go+2:go+22 \
  --step 'go+36 resize 20x6' --step 'go+37 snap tiny' --step 'go+38 resize 1x1' --step 'go+39 resize 80x24' --step 'go+40 snap back' \
  --until go+41 --duration 80 --quit-keys 'qy' --label foamroll -- ./target/release/foamroll > benches/tuiperf-foamroll.json
python3 "$tuiperf" --table benches/tuiperf-foamroll.json benches/tuiperf-minimal-reference.json
