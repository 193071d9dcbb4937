#!/usr/bin/env bash
# Whole-process start-up of the release binary: `foamroll list` (parses and validates
# the embedded library, prints it) against `foamroll --version` (the same process that
# does no work), interleaved, medians of N runs (default 31). Output to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
runs=${1:-31}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FOAMROLL_DATA_DIR="$tmp/data" FOAMROLL_CONFIG_DIR="$tmp/config" python3 - "$runs" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1])
cases = {
    "foamroll --version": ["./target/release/foamroll", "--version"],
    "foamroll list": ["./target/release/foamroll", "list"],
    "foamroll list --json": ["./target/release/foamroll", "list", "--json"],
    "foamroll check": ["./target/release/foamroll", "check"],
}
times = {name: [] for name in cases}
for _ in range(runs):
    for name, cmd in cases.items():
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append((time.perf_counter() - t) * 1000)
base = statistics.median(times["foamroll --version"])
print(f"| command | median of {runs} | vs --version |")
print("|---|---|---|")
for name, ts in times.items():
    m = statistics.median(ts)
    print(f"| `{name}` | {m:.2f} ms | {m / base:.2f}x |")
PY
