#!/usr/bin/env bash
# `history import` at 1k, 4k, 16k and 50k sessions, as a JSON array (a `history
# --json` export) and as JSON Lines, into a new data folder, then the same array again
# (every session already there); and the peak memory of `history --json`, `history`
# and the app with 50,000 sessions. Whole processes, release binary, one run each.
# Results: docs/benchmarks.md, "History import and export".
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
seconds() { # ARGS... : wall seconds of one run
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}
peak_mib() { # ARGS... : peak resident memory of the process and what it waited for
  /usr/bin/time -f 'peak %M' "$@" 2>&1 >/dev/null | grep '^peak ' | tail -1 | python3 -c "import sys; print(f'{int(sys.stdin.read().split()[1]) / 1024:.0f}')"
}

# One recorded post-run session, copied with new ids and days.
fr one --speed 1000 play post-run --plain </dev/null >/dev/null
fr one history --json >"$work/one.json"
python3 - "$work" <<'PY'
import copy, datetime, json, sys, uuid
work = sys.argv[1]
template = json.load(open(f"{work}/one.json"))[0]
start = datetime.datetime.fromisoformat(template["started_at"])
for n in (1000, 4000, 16000, 50000):
    sessions = []
    for i in range(n):
        s = copy.deepcopy(template)
        s["id"] = str(uuid.UUID(int=i + 1))
        t = start - datetime.timedelta(hours=i)
        s["started_at"] = t.isoformat()
        s["ended_at"] = (t + datetime.timedelta(seconds=620)).isoformat()
        sessions.append(s)
    # Compact: a pretty export of 50,000 sessions of 14 entries passes the 256 MiB
    # import limit; the importer reads both the same way.
    with open(f"{work}/s{n}.json", "w") as f:
        json.dump(sessions, f)
    with open(f"{work}/s{n}.jsonl", "w") as f:
        for s in sessions:
            f.write(json.dumps(s) + "\n")
PY

echo "| sessions | JSON array (s) | JSON Lines (s) | array again, all there (s) |"
echo "| ---: | ---: | ---: | ---: |"
for n in 1000 4000 16000 50000; do
  a=$(seconds fr "a$n" history import "$work/s$n.json")
  l=$(seconds fr "l$n" history import "$work/s$n.jsonl")
  again=$(seconds fr "a$n" history import "$work/s$n.json")
  have=$(fr "a$n" history --json | python3 -c "import json, sys; print(len(json.load(sys.stdin)))")
  [ "$have" = "$n" ] || { echo "the array import kept $have of $n sessions" >&2; exit 1; }
  echo "| $n | $a | $l | $again |"
done

echo
echo "| 50,000 sessions | peak memory (MiB) |"
echo "| --- | ---: |"
echo "| \`history --json\` | $(peak_mib env FOAMROLL_DATA_DIR="$work/l50000" FOAMROLL_CONFIG_DIR="$work/config" "$BIN" history --json) |"
echo "| \`history\` | $(peak_mib env FOAMROLL_DATA_DIR="$work/l50000" FOAMROLL_CONFIG_DIR="$work/config" "$BIN" history) |"
echo "| \`history --csv\` | $(peak_mib env FOAMROLL_DATA_DIR="$work/l50000" FOAMROLL_CONFIG_DIR="$work/config" "$BIN" history --csv) |"
# The app in a terminal (a pty from `script`), stopped by SIGTERM after 4 s.
app=$(TERM=xterm-256color peak_mib script -qfec "env FOAMROLL_DATA_DIR='$work/l50000' FOAMROLL_CONFIG_DIR='$work/config' timeout -s TERM 4 '$BIN'" /dev/null || true)
echo "| the app (browse screen, history loaded) | $app |"
