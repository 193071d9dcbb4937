#!/usr/bin/env bash
# Whole-process time of `foamroll status` (and `foamroll today`) with ten years of
# daily post-run sessions (3,650 sessions, 10 rated entries each), imported through
# `foamroll history import` into a fresh data folder. Prints the median of RUNS runs.
# Usage: benches/status.sh [RUNS]   (default 21)
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
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() {
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$bin" "$@" > /dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | median
}
echo "sessions: $(wc -l < "$dir/seed.jsonl"), data folder: $(du -sh "$dir/data" | cut -f1)"
printf '| command | median of %s runs |\n|---|---|\n' "$runs"
for cmd in "--version" "status" "status --json" "today --after-run" "today --rest-day --json"; do
  # shellcheck disable=SC2086
  us=$(measure $cmd)
  printf '| `foamroll %s` | %s.%s ms |\n' "$cmd" $((us / 1000)) $(( (us % 1000) / 100 ))
done
