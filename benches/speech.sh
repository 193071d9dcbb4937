#!/bin/sh
# Speech timing of a whole routine at real speed, with a fake speech command that takes
# 2 seconds per utterance (longer than real speech of most cues, so the queue is busy).
#
#   benches/speech.sh [ROUTINE] [FOAMROLL]     (default: pre-run, target/release/foamroll)
#
# The fake command logs when each utterance starts and whether the previous one was
# still speaking then (an overlap). The `on_cue` hook logs when each cue happens. A
# phase cue's latency is its utterance's start minus its cue's time; both are taken by
# `date` in a process foamroll starts, so their start-up costs cancel out.
set -eu
routine=${1:-pre-run}
bin=${2:-target/release/foamroll}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/config" "$dir/data"
cat > "$dir/bin/espeak-ng" <<SH
#!/bin/sh
[ "\$1" = -- ] && shift
now=\$(date +%s.%N)
prev=\$(cat '$dir/speech.pid' 2>/dev/null || true)
if [ -n "\$prev" ] && kill -0 "\$prev" 2>/dev/null; then echo "overlap \$now" >> '$dir/speech.log'; fi
echo \$\$ > '$dir/speech.pid'
printf 'start %s %s\n' "\$now" "\$1" >> '$dir/speech.log'
exec sleep 2
SH
cat > "$dir/hook" <<SH
#!/bin/sh
printf 'cue %s %s %s\n' "\$(date +%s.%N)" "\$FOAMROLL_CUE" "\$FOAMROLL_TEXT" >> '$dir/cues.log'
SH
chmod +x "$dir/bin/espeak-ng" "$dir/hook"
printf 'on_cue: %s\n' "$dir/hook" > "$dir/config/config.yaml"
PATH="$dir/bin:$PATH" "$bin" --config "$dir/config" --data-dir "$dir/data" \
    play "$routine" --plain --voice < /dev/null > "$dir/out.txt"
sleep 3
awk '
    FNR == 1 { file++ }
    file == 1 && $1 == "start" {
        n++; t[n] = $2; s = $0; sub(/^start [^ ]+ /, "", s); text[n] = s
    }
    file == 1 && $1 == "overlap" { overlaps++ }
    file == 2 && $1 == "cue" {
        kind = $3
        if (kind == "minimum" || kind == "search-limit" || kind == "overtime-ended") next
        c = $0; sub(/^cue [^ ]+ [^ ]+ /, "", c)
        cues++; best = -1
        for (i = 1; i <= n; i++) if (text[i] == c) {
            d = t[i] - $2; if (d < 0) d = -d
            if (best < 0 || d < best) best = d
        }
        if (best < 0) { unspoken++; if (VERBOSE) print "unspoken: " c > "/dev/stderr"; next }
        lat[++m] = best * 1000; if (best * 1000 > max) max = best * 1000
        if (VERBOSE) printf "%8.1f ms  %s\n", best * 1000, c > "/dev/stderr"
        if (best * 1000 <= 50) within++
    }
    END {
        # median by insertion sort (a few dozen values)
        for (i = 2; i <= m; i++) { v = lat[i]; j = i - 1; while (j > 0 && lat[j] > v) { lat[j+1] = lat[j]; j-- } lat[j+1] = v }
        printf "| %s | %d | %d | %d | %d of %d | %.1f ms | %.1f ms |\n", ROUTINE, n, overlaps + 0, unspoken + 0, within + 0, cues, lat[int((m + 1) / 2)], max
    }
' ROUTINE="$routine" VERBOSE="${VERBOSE:-}" "$dir/speech.log" "$dir/cues.log"
