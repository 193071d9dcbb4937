#!/usr/bin/env bash
# Whole-process timings and sizes of the history database, with the release binary
# (results in the README, "Benchmarks / History"):
#  - 5 instances each recording 40 post-run sessions at --speed 1000 into one folder:
#    every session must be there, completed;
#  - the database after 1,000 post-run sessions and after one 50-step session;
#  - ten years of daily sessions (3,650, every hold rated): its size, and the medians of
#    21 runs of `foamroll history --limit 20` and of `foamroll history report` (a new
#    process that opens the database and computes every statistic, as the review does).
# The 1,000 and 3,650 sessions are copies of one session recorded by plain mode, with
# new ids, days and ratings, brought in with `history import`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${BIN:-}" ] || { cargo build --release -q; BIN=target/release/foamroll; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fr() { # DATA-FOLDER ARGS...
  local data=$1
  shift
  FOAMROLL_DATA_DIR="$work/$data" FOAMROLL_CONFIG_DIR="$work/config" "$BIN" "$@"
}
size() { # bytes of the database and its WAL, if any
  cat "$work/$1"/history.db* 2>/dev/null | wc -c
}
median_ms() { # RUNS ARGS... : median wall time of a whole process, in ms
  local runs=$1
  shift
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

echo "## 5 instances x 40 sessions at --speed 1000"
start=$(date +%s)
for i in 1 2 3 4 5; do
  (for _ in $(seq 40); do fr conc --speed 1000 play post-run --plain </dev/null >/dev/null; done) &
done
wait
fr conc history --json >"$work/conc.json"
python3 - "$work/conc.json" "$(($(date +%s) - start))" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
done = sum(1 for x in s if x["status"] == "completed")
print(f"sessions: {len(s)} (expected 200), completed: {done}, ids unique: {len({x['id'] for x in s}) == len(s)}, {sys.argv[2]} s")
EOF

echo "## one recorded post-run session, copied"
fr one --speed 1000 play post-run --plain </dev/null >/dev/null
fr one history --json >"$work/one.json"
python3 - "$work/one.json" "$work" <<'EOF'
import copy, datetime, json, sys, uuid
template = json.load(open(sys.argv[1]))[0]
def copies(n):
    out = []
    start = datetime.datetime(2016, 1, 1, 7, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    for i in range(n):
        s = copy.deepcopy(template)
        s["id"] = str(uuid.UUID(int=i + 1))
        t = start + datetime.timedelta(days=i)
        s["started_at"] = t.isoformat()
        s["ended_at"] = (t + datetime.timedelta(seconds=600)).isoformat()
        for k, e in enumerate(s["entries"]):
            if e["points_held"] > 0:
                e["tenderness"] = [(i + k) % 11]
        out.append(s)
    return out
for n in (1000, 3650):
    json.dump(copies(n), open(f"{sys.argv[2]}/copies-{n}.json", "w"))
print(f"entries per session: {len(template['entries'])}")
EOF
fr thousand history import "$work/copies-1000.json"
echo "1,000 post-run sessions: $(size thousand) bytes"

echo "## one 50-step session"
mkdir -p "$work/config/routines"
{
  echo "version: 1"
  echo "routines:"
  echo "  - id: long"
  echo "    name: Fifty steps"
  echo "    style: recovery"
  echo "    steps:"
  for i in $(seq 50); do
    case $((i % 3)) in
      0) echo "      - exercise: quad-release" ;;
      1) echo "      - exercise: hamstring-release" ;;
      2) echo "      - exercise: glute-release" ;;
    esac
  done
} >"$work/config/routines/long.yaml"
fr fifty --speed 1000 play long --plain </dev/null >/dev/null
echo "entries: $(fr fifty history --csv | tail -n +2 | wc -l); database: $(size fifty) bytes"
fr fifty history --json | wc -c | xargs echo "the same session as JSON:"

echo "## ten years: 3,650 sessions"
fr ten history import "$work/copies-3650.json"
echo "database: $(size ten) bytes"
echo "history --limit 20: $(median_ms 21 fr ten history --limit 20) ms (median of 21)"
echo "history report (open + every statistic): $(median_ms 21 fr ten history report) ms (median of 21)"
echo "history (all 3,650, table): $(median_ms 5 fr ten history) ms (median of 5)"
echo "--version (process start alone): $(median_ms 21 "$BIN" --version) ms (median of 21)"
