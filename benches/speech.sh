#!/bin/sh
# What a person on the floor hears: whole routines at real speed, hands-free in plain
# mode, through a real speech engine.
#
#   benches/speech.sh [FOAMROLL]        (default: target/release/foamroll, built if missing)
#
# Three sessions (post-run, pre-run, and `today --after-run --minutes 10`), each played
# twice at the same time: with `--voice` and without. The speech command foamroll finds
# is a wrapper named `espeak-ng` that has the real espeak-ng write the utterance to a
# WAV file instead of a sound card, measures its length with `soxi` and sleeps for it,
# so an utterance takes exactly as long as it would to hear. It logs when each one
# starts to be heard and, if it is not cut short, when it ends. An `on_cue` hook logs
# every cue; plain mode's output, stamped as it is printed, gives each count's second.
#
# Printed per session: set-ups heard whole of set-ups started; counts spoken of counts
# due; counts late (begun more than half a second into their second); phase cues cut
# (begun and cut short, or never said); the longest time the voice added to one phase
# (the phase with voice minus the same phase without); and the session's length with
# the voice and without.
set -eu
bin=${1:-target/release/foamroll}
if [ ! -x "$bin" ]; then cargo build --release --quiet; fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# A real speech engine and a tool to measure sound files, from Debian packages.
if ! command -v espeak-ng > /dev/null || ! command -v soxi > /dev/null; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
    # Another install may hold the lock: wait for it rather than fail.
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        espeak-ng sox > /dev/null
fi
real=$(command -v espeak-ng)

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin"
cat > "$dir/bin/espeak-ng" <<SH
#!/bin/sh
# Speaks "\$1" into a file, then takes as long as hearing it would.
[ "\$1" = -- ] && shift
log=\$FLOOR_LOG
wav=\$(mktemp --suffix=.wav)
'$real' -w "\$wav" "\$1" 2> /dev/null
len=\$(soxi -D "\$wav" 2> /dev/null || echo 0)
rm -f "\$wav"
printf 'start %s %s %s %s\n' \$\$ "\$(date +%s.%N)" "\$len" "\$1" >> "\$log"
sleep "\$len"
printf 'done %s %s\n' \$\$ "\$(date +%s.%N)" >> "\$log"
SH
cat > "$dir/hook" <<'SH'
#!/bin/sh
printf 'cue %s %s %s\n' "$(date +%s.%N)" "$FOAMROLL_CUE" "$FOAMROLL_TEXT" >> "$FLOOR_CUES"
SH
chmod +x "$dir/bin/espeak-ng" "$dir/hook"

# One session: NAME, voice or quiet, then foamroll's arguments.
play() {
    name=$1 mode=$2
    shift 2
    run="$dir/$name.$mode"
    mkdir -p "$run/config" "$run/data"
    printf 'on_cue: %s\n' "$dir/hook" > "$run/config/config.yaml"
    voice=""
    if [ "$mode" = voice ]; then voice=--voice; fi
    FLOOR_LOG="$run/speech.log" FLOOR_CUES="$run/cues.log" PATH="$dir/bin:$PATH" \
        "$bin" --config "$run/config" --data-dir "$run/data" $voice "$@" < /dev/null 2> "$run/err" |
        while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done > "$run/out.log"
    touch "$run/speech.log" "$run/cues.log"
}

for mode in voice quiet; do
    play post-run "$mode" play post-run --plain &
    play pre-run "$mode" play pre-run --plain &
    play today "$mode" today --after-run --minutes 10 --play --plain &
done
wait

echo "| session | set-ups heard whole | counts spoken | counts late | phase cues cut | longest wait added | length with voice | without voice |"
echo "|---|---|---|---|---|---|---|---|"
for name in post-run pre-run today; do
    v="$dir/$name.voice" q="$dir/$name.quiet"
    awk -v NAME="$name" -v VERBOSE="${VERBOSE:-}" '
        function clock(s) { s = int(s + 0.5); return sprintf("%d:%02d", s / 60, s % 60) }
        FNR == 1 { file++ }
        # 1: what was heard (voice run)
        file == 1 && $1 == "start" {
            n++; pid[n] = $2; t[n] = $3; len[n] = $4
            s = $0; sub(/^start [^ ]+ [^ ]+ [^ ]+ /, "", s); text[n] = s; row[$2] = n
        }
        file == 1 && $1 == "done" { whole[row[$2]] = 1 }
        # 2: what was printed (voice run): counts with the time they were due
        file == 2 && NF == 3 && $2 ~ /^[0-9][0-9]:[0-9][0-9]$/ && $3 ~ /^[123]$/ {
            due++; dt[due] = $1; dk[due] = $3
        }
        # 3 and 4: cues with voice and without
        file == 3 && $1 == "cue" { if (!skip($3)) { cv++; tv[cv] = $2; c = $0; sub(/^cue [^ ]+ [^ ]+ /, "", c); cvt[cv] = c } }
        file == 4 && $1 == "cue" { if (!skip($3)) { cq++; tq[cq] = $2 } }
        function skip(kind) { return kind == "minimum" || kind == "search-limit" || kind == "overtime-ended" }
        END {
            # Set-ups: the step introductions (they end with the caution).
            for (i = 1; i <= n; i++) if (text[i] ~ /Careful: /) {
                if (!(text[i] in seen)) { seen[text[i]] = 1; started++ }
                if (whole[i] && !(text[i] in heard)) { heard[text[i]] = 1; setups++ }
            }
            for (i = 1; i <= n; i++) if (text[i] ~ /Careful: / && !(text[i] in heard) && VERBOSE) print NAME ": set-up cut: " text[i] > "/dev/stderr"
            # Counts: said whole, begun within their second (late: after half of it).
            for (j = 1; j <= due; j++) {
                best = -1
                for (i = 1; i <= n; i++) if (text[i] == dk[j] && whole[i] && !used[i]) {
                    d = t[i] - dt[j]
                    if (d > -0.05 && d < 1.0) { best = i; break }
                }
                if (best < 0) { if (VERBOSE) print NAME ": count " dk[j] " at " dt[j] " not heard" > "/dev/stderr"; continue }
                used[best] = 1; spoken++
                if (t[best] - dt[j] > 0.5) late++
            }
            # Phase cues: heard whole, each once.
            for (k = 1; k <= cv; k++) {
                ok = 0
                for (i = 1; i <= n; i++) if (text[i] == cvt[k] && whole[i] && !cued[i] && t[i] >= tv[k] - 0.05) { ok = 1; cued[i] = 1; break }
                if (!ok) { cut++; if (VERBOSE) print NAME ": phase cue cut: " cvt[k] > "/dev/stderr" }
            }
            # Each phase with the voice against the same phase without.
            for (k = 1; k < cv && k < cq; k++) {
                added = (tv[k + 1] - tv[k]) - (tq[k + 1] - tq[k])
                if (added > most) most = added
            }
            printf "| %s | %d of %d | %d of %d | %d | %d of %d | %.1f s | %s | %s |\n", NAME, setups, started, spoken, due, late, cut, cv, most, clock(tv[cv] - tv[1]), clock(tq[cq] - tq[1])
        }
    ' "$v/speech.log" "$v/out.log" "$v/cues.log" "$q/cues.log"
done
