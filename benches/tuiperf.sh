#!/usr/bin/env bash
# Measures the release binary in a pseudo-terminal with ../shared/tuiperf (medians of
# 5 runs), at 80x24 and at 200x50 (where the countdown draws 15-row digits), and the
# minimal ratatui reference the same way in the same run: first frame, peak memory,
# 10 s idle on the browse screen, 20 s of a running countdown (the pre-run's get ready
# and first side: one phase change inside the window), the drift of the "Switch to
# the left" cue (35 s after Enter), and resizes to 20x6, 1x1 and back.
# Usage: benches/tuiperf.sh [SIZE...]   (default: 80x24 200x50)
set -euo pipefail
cd "$(dirname "$0")/.."
tuiperf=${TUIPERF:-../shared/tuiperf/tuiperf.py}
[ -f "$tuiperf" ] || tuiperf=../../shared/tuiperf/tuiperf.py
reference_src=${REFERENCE:-$(dirname "$tuiperf")/minimal-reference}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(80x24 200x50)
cargo build --release -q
tmp=$(mktemp -d)
cp -r "$reference_src"/. "$tmp/reference"
CARGO_TARGET_DIR="$tmp/reference/target" cargo build --release -q --manifest-path "$tmp/reference/Cargo.toml"
reference=$(find "$tmp/reference/target/release" -maxdepth 1 -type f -perm -u+x -name 'minimal*' | head -n 1)
for size in "${sizes[@]}"; do
  python3 "$tuiperf" --repeat 5 --size "$size" --env FOAMROLL_DATA_DIR="$tmp/data" --env FOAMROLL_CONFIG_DIR="$tmp/config" \
    --ready-marker 'Regions' --window idle=ready+2:ready+12 \
    --step 'ready+12.5 keys <Tab><Tab><Down><Enter>' --step 'ready+12.5 mark go' \
    --marker sw='Switch to the left' --drift switch=go:sw:35 \
    --window countdown=go+2:go+22 \
    --step 'go+36 resize 20x6' --step 'go+37 snap tiny' --step 'go+38 resize 1x1' --step "go+39 resize $size" --step 'go+40 snap back' \
    --until go+41 --duration 80 --quit-keys 'qy' --label "foamroll $size" -- ./target/release/foamroll > "benches/tuiperf-foamroll-$size.json"
  python3 "$tuiperf" --repeat 5 --size "$size" \
    --ready-marker 'Enter' --window idle=ready+2:ready+12 \
    --step 'ready+12.5 keys <Enter>' --step 'ready+12.5 mark go' \
    --window countdown=go+2:go+22 \
    --step 'go+23 resize 20x6' --step 'go+24 snap tiny' --step "go+25 resize $size" --step 'go+26 snap back' \
    --until go+27 --duration 60 --quit-keys q --label "minimal-reference $size" -- "$reference" 35 --menu > "benches/tuiperf-minimal-reference-$size.json"
done
files=()
for size in "${sizes[@]}"; do
  files+=("benches/tuiperf-foamroll-$size.json" "benches/tuiperf-minimal-reference-$size.json")
done
python3 "$tuiperf" --table "${files[@]}"
