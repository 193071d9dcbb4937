#!/usr/bin/env bash
# Opening the review with ten years of history (3,650 daily sessions, every hold rated),
# in the real release binary in a pseudo-terminal, measured with ../shared/tuiperf
# (5 runs a size): from the H key to the review's first frame on screen, from v to the
# tenderness map drawn, and the process's peak memory (VmHWM). Results:
# benches/tuiperf-review-<SIZE>.json and a table on the output (copied to the README).
# Usage: benches/review.sh [SIZE...]   (default: 80x24 120x40 200x50)
set -euo pipefail
cd "$(dirname "$0")/.."
tuiperf=${TUIPERF:-../shared/tuiperf/tuiperf.py}
[ -f "$tuiperf" ] || tuiperf=../../shared/tuiperf/tuiperf.py
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(80x24 120x40 200x50)
[ -n "${BIN:-}" ] || { cargo build --release -q; BIN=target/release/foamroll; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FOAMROLL_DATA_DIR="$work/data" FOAMROLL_CONFIG_DIR="$work/config"
"$BIN" --speed 1000 play post-run --plain </dev/null >/dev/null
"$BIN" history --json >"$work/one.json"
python3 - "$work" <<'PY'
import copy, datetime, json, sys, uuid
work = sys.argv[1]
template = json.load(open(f"{work}/one.json"))[0]
today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=1)))
out = []
for i in range(3650):
    s = copy.deepcopy(template)
    s["id"] = str(uuid.UUID(int=i + 1))
    t = today - datetime.timedelta(days=3650 - i)
    s["started_at"] = t.isoformat()
    s["ended_at"] = (t + datetime.timedelta(seconds=600)).isoformat()
    for k, e in enumerate(s["entries"]):
        if e["points_held"] > 0:
            e["tenderness"] = [(i + k) % 11]
    out.append(s)
json.dump(out, open(f"{work}/ten.json", "w"))
PY
rm -rf "$FOAMROLL_DATA_DIR"
"$BIN" history import "$work/ten.json" >/dev/null
for size in "${sizes[@]}"; do
  python3 "$tuiperf" --repeat 5 --size "$size" --env FOAMROLL_DATA_DIR="$FOAMROLL_DATA_DIR" \
    --env FOAMROLL_CONFIG_DIR="$FOAMROLL_CONFIG_DIR" --ready-marker 'Regions' \
    --step 'ready+1 keys H' --step 'ready+1 mark go' --marker rev='Sessions (3650)' \
    --step 'rev+1 keys v' --step 'rev+1 mark v' --marker map='Tenderness map' \
    --until map+0.5 --duration 25 --quit-keys 'qq' --keep-snapshots none --label "review $size" \
    -- "$BIN" >"benches/tuiperf-review-$size.json"
done
python3 - "${sizes[@]}" <<'PY'
import json, statistics, sys
print("| size | H to the review drawn | v to the map drawn | peak memory (VmHWM) |")
print("|---|---|---|---|")
for size in sys.argv[1:]:
    runs = json.load(open(f"benches/tuiperf-review-{size}.json"))["runs"]
    ev = [r["events"] for r in runs]
    h = sorted((e["rev"] - e["go"]) * 1000 for e in ev)
    v = sorted((e["map"] - e["v"]) * 1000 for e in ev)
    mem = sorted(r["memory"]["vmhwm_kb"] / 1024 for r in runs)
    print(f"| {size} | median {statistics.median(h):.1f} ms ({h[0]:.1f}-{h[-1]:.1f}) | median {statistics.median(v):.1f} ms ({v[0]:.1f}-{v[-1]:.1f}) | {statistics.median(mem):.1f} MB |")
PY
uptime
