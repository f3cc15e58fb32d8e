#!/bin/bash
# The play log in a running player: kill -9 at a random moment leaves every
# earlier line intact, a restart appends after a torn line, and --report's
# totals match the log.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
# Slides of a few ms, to play thousands in a minute: below the player's
# one-second least duration, allowed for tests only.
export BANGTIN_TEST_MIN_DURATION_MS=1
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
cat >"$E2E_TMP/fast.yaml" <<'YAML'
version: 1
name: "Nhật ký, thử"
defaults: {duration: 0.05, transition: none}
touch: {enabled: false}
slides:
  - {id: a, title: "Một"}
  - {id: b, title: "Hai"}
  - {id: c, title: "Ba"}
YAML
lines() { [ -f "$lib/plays.csv" ] && wc -l <"$lib/plays.csv" || echo 0; }
log_has() { [ "$(lines)" -ge "$1" ]; }
run_until() { # N: play until the log holds N lines, then kill -9
    SDL_VIDEODRIVER=offscreen $bin --window 320x180 --library "$lib" "$E2E_TMP/fast.yaml" \
        >>"$E2E_TMP/player.log" 2>&1 &
    local pid=$!
    E2E_PIDS=$pid
    wait_for 60 "$1 lines in the play log" log_has "$1"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    E2E_PIDS=""
}
# Every whole line: time,playlist,id,seconds,loop with a known id.
check_log() {
    local bad
    bad=$(sed '1d;$d' "$lib/plays.csv" |
        grep -Evc '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2},"?Nhật ký, thử"?,[abc],[0-9]+\.[0-9],loop$')
    [ "$bad" -eq 0 ] || fail "$bad damaged lines in the play log: $(head -5 "$lib/plays.csv")"
    head -n1 "$lib/plays.csv" | grep -q '^time,playlist,id,seconds,mode$' || fail "no header line"
}
run_until $((40 + RANDOM % 60))
check_log
run_until $(($(lines) + 30)) # a second run appends after whatever the kill left
check_log

# --report: the counts per slide are those of the whole lines of the log.
today=$(date +%F)
$bin --library "$lib" --report "$today..$today" >"$E2E_TMP/report.csv" || fail "--report failed"
for id in a b c; do
    logged=$(grep -Ec ",$id,[0-9]+\.[0-9],loop$" "$lib/plays.csv")
    reported=$(grep -E "^slide,.*,$id," "$E2E_TMP/report.csv" | cut -d, -f4- | awk -F, '{print $(NF-2)}')
    [ "$logged" -gt 0 ] || fail "slide $id never logged"
    [ "$reported" = "$logged" ] || fail "slide $id: report says ${reported:-nothing}, the log has $logged: $(cat "$E2E_TMP/report.csv")"
done
echo "ok: the play log survives kill -9 and the report matches it"
