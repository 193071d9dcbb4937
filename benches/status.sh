#!/usr/bin/env bash
# Whole-process time of `foamroll status` (and `foamroll today`) with ten years of
# daily post-run sessions (3,650 sessions, 10 rated entries each), imported through
# `foamroll history import` into a fresh data folder. Prints the median of RUNS runs.
# Usage: benches/status.sh [RUNS]   (default 21; needs python3 for the timing)
set -euo pipefail
runs=${1:-21}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/foamroll
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export FOAMROLL_DATA_DIR=$dir/data FOAMROLL_CONFIG_DIR=$dir/config
# One JSON line per session, from 3,650 days ago to yesterday, 07:00.
awk -v days=3650 -v now="$(date +%s)" 'BEGIN {
  split("quad-release quads|hamstring-release hamstrings|glute-release glutes", ex, "|")
  for (i = days; i >= 1; i--) {
    t = now - i * 86400; d = strftime("%Y-%m-%dT07:00:00+00:00", t, 1)
    e = strftime("%Y-%m-%dT07:10:00+00:00", t, 1)
    line = sprintf("{\"format\":1,\"id\":\"s%05d\",\"started_at\":\"%s\",\"ended_at\":\"%s\",\"routine_id\":\"post-run\",\"routine_name\":\"Post-run recovery\",\"style\":\"recovery\",\"status\":\"completed\",\"entries\":[", i, d, e)
    n = 0
    for (k = 1; k <= 3; k++) {
      split(ex[k], p, " ")
      zones = (k == 1) ? 3 : 1
      for (s = 0; s < 2; s++) for (z = 0; z < zones; z++) {
        side = (s == 0) ? "right" : "left"
        line = line sprintf("%s{\"step\":%d,\"exercise_id\":\"%s\",\"region\":\"%s\",\"side\":\"%s\",\"planned_s\":30,\"search_s\":5,\"hold_s\":35,\"move_s\":0,\"points_held\":1,\"points_planned\":1,\"tenderness\":[%d]}", (n++ ? "," : ""), k - 1, p[1], p[2], side, (i + s) % 11)
      }
    }
    print line "]}"
  }
}' > "$dir/seed.jsonl"
"$bin" history import "$dir/seed.jsonl" > /dev/null
"$bin" status > /dev/null   # the first run may build caches; it is not counted
echo "sessions: $(wc -l < "$dir/seed.jsonl"), data folder: $(du -sh "$dir/data" | cut -f1), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Wall time from start to exit and CPU time (user + system, from getrusage), per run.
python3 - "$bin" "$runs" <<'PY'
import resource, statistics, subprocess, sys, time
bin, runs = sys.argv[1], int(sys.argv[2])
print(f"| command | wall, median of {runs} | wall, fastest | CPU, median |")
print("|---|---|---|---|")
for cmd in (["--version"], ["status"], ["status", "--json"], ["today", "--after-run"],
            ["today", "--rest-day", "--json"]):
    walls, cpus = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
        subprocess.run([bin] + cmd, stdout=subprocess.DEVNULL, check=True)
        t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append((t1 - t0) * 1000)
        cpus.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
    print(f"| `foamroll {' '.join(cmd)}` | {statistics.median(walls):.1f} ms "
          f"| {min(walls):.1f} ms | {statistics.median(cpus):.1f} ms |")
PY
