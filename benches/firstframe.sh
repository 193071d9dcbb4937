#!/usr/bin/env bash
# First frame only, the shipped library against tuiperf's minimal reference, measured
# in the same session and interleaved (ref, foamroll, ref, foamroll, ...): medians of 5
# runs each at 80x24. MINREF is the built `minimal-countdown` of
# ../shared/tuiperf/minimal-reference (build it with `cargo build --release` in a copy).
set -euo pipefail
cd "$(dirname "$0")/.."
tuiperf=${TUIPERF:-../shared/tuiperf/tuiperf.py}
minref=${MINREF:?set MINREF to the built minimal-countdown}
rounds=${ROUNDS:-5}
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$rounds"); do
  python3 "$tuiperf" --size 80x24 --ready-marker 'MENU' --until ready+0.3 --duration 10 \
    --quit-keys q --label minimal-reference -- "$minref" 35 --menu > "$tmp/ref-$i.json"
  python3 "$tuiperf" --size 80x24 --env FOAMROLL_DATA_DIR="$tmp/data" --env FOAMROLL_CONFIG_DIR="$tmp/config" \
    --ready-marker 'Regions' --until ready+0.3 --duration 10 --quit-keys q --label foamroll \
    -- ./target/release/foamroll > "$tmp/foamroll-$i.json"
done
python3 - "$tmp" "$rounds" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def frames(label):
    return [json.load(open(f"{tmp}/{label}-{i}.json"))["startup"]["first_frame_s"] * 1000
            for i in range(1, rounds + 1)]
ref, app = frames("ref"), frames("foamroll")
r, a = statistics.median(ref), statistics.median(app)
print(f"| program | first frame, median of {rounds} | runs (ms) |")
print("|---|---|---|")
print(f"| foamroll (shipped library) | {a:.1f} ms | {', '.join(f'{x:.1f}' for x in app)} |")
print(f"| minimal-reference | {r:.1f} ms | {', '.join(f'{x:.1f}' for x in ref)} |")
print(f"\nratio: {a / r:.2f}")
PY
