#!/bin/bash
# Sparing the SD card. With a RAM spool (systemd's RUNTIME_DIRECTORY, as
# deploy/bangtin.service sets it) a playing kiosk writes nothing to its
# library between the once-a-minute flushes: strace follows every thread of
# the running player through a stretch of steady play and sees no write,
# sync, rename or removal there. kill -9 then loses no record: the next run
# moves the spool to plays.csv first, byte for byte, and a clean stop leaves
# the rest there too.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
# Slides of a few ms, to play thousands in a minute: below the player's
# one-second least duration, allowed for tests only.
export BANGTIN_TEST_MIN_DURATION_MS=1
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
run="$E2E_TMP/run"
mkdir -p "$lib" "$run"
cat >"$E2E_TMP/fast.yaml" <<'YAML'
version: 1
name: "Thẻ nhớ"
defaults: {duration: 0.05, transition: none}
touch: {enabled: false}
slides:
  - {id: a, title: "Một"}
  - {id: b, title: "Hai"}
YAML
waiting() { [ -f "$run/plays.pending" ] && wc -l <"$run/plays.pending" || echo 0; }
waiting_at_least() { [ "$(waiting)" -ge "$1" ]; }
card_lines() { [ -f "$lib/plays.csv" ] && wc -l <"$lib/plays.csv" || echo 0; }
card_at_least() { [ "$(card_lines)" -ge "$1" ]; }
start() {
    RUNTIME_DIRECTORY="$run" SDL_VIDEODRIVER=offscreen $bin --window 320x180 --library "$lib" \
        "$E2E_TMP/fast.yaml" >>"$E2E_TMP/player.log" 2>&1 &
    pid=$!
    E2E_PIDS=$pid
}

SECONDS=0
start
wait_for 30 "records waiting in the spool" waiting_at_least 10
strace -f -y -qq -o "$E2E_TMP/trace" -p "$pid" -e trace=write,writev,pwrite64,pwritev,pwritev2,fsync,fdatasync,sync_file_range,syncfs,ftruncate,truncate,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,link,linkat,symlink,symlinkat,openat,creat &
tracer=$!
E2E_PIDS="$pid $tracer"
traced() {
    local c
    c=$(cat "$E2E_TMP/trace" 2>/dev/null | grep -c 'plays\.pending')
    [ "${c:-0}" -ge "$1" ]
}
wait_for 30 "strace following the player" traced 1
wait_for 60 "100 records spooled under strace" traced 100
kill -INT "$tracer"
wait "$tracer" 2>/dev/null
[ "$SECONDS" -lt 55 ] || fail "took ${SECONDS} s: the stretch must end before the first flush (60 s)"
real_lib=$(realpath "$lib")
card=$(grep -F "$real_lib/" "$E2E_TMP/trace" | grep -v 'O_RDONLY' | head -5)
[ -z "$card" ] || fail "the player wrote to its library in steady state: $card"
[ "$(card_lines)" -eq 0 ] || fail "records reached plays.csv before a minute: $(head -3 "$lib/plays.csv")"

# kill -9: the records wait in the spool; the next run moves them first.
kill -9 "$pid"
wait "$pid" 2>/dev/null
cp "$run/plays.pending" "$E2E_TMP/left"
n=$(wc -l <"$E2E_TMP/left")
[ "$n" -ge 100 ] || fail "only $n records left in the spool after kill -9"
start
wait_for 30 "the left records moved to plays.csv" card_at_least $((n + 1))
kill -TERM "$pid"
wait "$pid" 2>/dev/null
E2E_PIDS=""
head -n1 "$lib/plays.csv" | grep -q '^time,playlist,id,seconds,mode$' || fail "no header line"
sed -n "2,$((n + 1))p" "$lib/plays.csv" | cmp -s - "$E2E_TMP/left" ||
    fail "plays.csv does not begin with the records the killed run left"
total=$(($(card_lines) - 1))
[ "$total" -gt "$n" ] || fail "the second run's records are missing after a clean stop"
[ "$(waiting)" -eq 0 ] || fail "records still waiting after a clean stop"
# Slides shown, and the screen's time on (written at a clean stop).
bad=$(sed 1d "$lib/plays.csv" |
    grep -Evc '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2},(Thẻ nhớ,[ab],[0-9]+\.[0-9],loop|,on,[0-9]+\.[0-9],screen)$')
[ "$bad" -eq 0 ] || fail "$bad damaged lines in plays.csv"
echo "ok: no card write in steady play; kill -9 lost none of $n waiting records; $total in all"
