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
median_ms() { # RUNS ARGS... : medians of a whole process's wall time and CPU time (user + system)
  python3 - "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall, cpu = [], []
for _ in range(runs):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, use = os.wait4(p.pid, 0)
    wall.append((time.perf_counter() - t) * 1000)
    cpu.append((use.ru_utime + use.ru_stime) * 1000)
print(f"wall {statistics.median(wall):.1f} ms, CPU {statistics.median(cpu):.1f} ms", end="")
PY
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
  echo "    description: Fifty steps in a row, for a benchmark."
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
export FOAMROLL_DATA_DIR="$work/ten" FOAMROLL_CONFIG_DIR="$work/config"
echo "history --limit 20: $(median_ms 21 "$BIN" history --limit 20) (medians of 21)"
echo "history report (open + every statistic): $(median_ms 21 "$BIN" history report) (medians of 21)"
echo "history (all 3,650, table): $(median_ms 5 "$BIN" history) (medians of 5)"
echo "list (process start and the library): $(median_ms 21 "$BIN" list) (medians of 21)"

# The app itself, from a cold start of the process, with those 3,650 sessions: the first
# screen (history summaries loaded), then H to the review drawn with every statistic.
tuiperf=${TUIPERF:-../shared/tuiperf/tuiperf.py}
if [ -f "$tuiperf" ]; then
  python3 "$tuiperf" --repeat 5 --size 80x24 --env FOAMROLL_DATA_DIR="$work/ten" \
    --env FOAMROLL_CONFIG_DIR="$work/config" --ready-marker 'Regions' \
    --step 'ready+1 keys H' --step 'ready+1 mark go' --marker rev='Sessions (3650)' \
    --until rev+0.5 --duration 20 --quit-keys 'qq' --keep-snapshots none --label review \
    -- "$BIN" >benches/tuiperf-review-3650.json
  python3 - benches/tuiperf-review-3650.json <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["runs"]
ready = statistics.median(r["events"]["ready"] * 1000 for r in runs)
review = statistics.median((r["events"]["rev"] - r["events"]["go"]) * 1000 for r in runs)
print(f"app: first screen {ready:.1f} ms, H to the review drawn {review:.1f} ms (medians of {len(runs)})")
PY
fi
uptime
