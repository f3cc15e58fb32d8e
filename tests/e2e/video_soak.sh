#!/bin/bash
# Video soak: the real player in a window under Xvfb loops two short clips
# (a third of a second each, made here) and a slide of a few ms, so that
# a clip is opened, played and closed hundreds of times in minutes. After
# the first VIDEO_SOAK_WARM plays, resident memory grows by less than
# VIDEO_SOAK_GROWTH_KB (default 2 MB) until the last, and file descriptors
# and threads do not accumulate; every play is in the log (the clip ran to
# its end, none passed over). `make test` runs the short form (120 plays,
# under a minute); VIDEO_SOAK_PLAYS=1000 is the long one. Leaks at exit:
# make test-asan runs this script with its own player (BANGTIN).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
export BANGTIN_TEST_MIN_DURATION_MS=1
bin=${BANGTIN:-build/bangtin}
plays=${VIDEO_SOAK_PLAYS:-120}
warm=${VIDEO_SOAK_WARM:-40}
growth_kb=${VIDEO_SOAK_GROWTH_KB:-2048}
[ -x "$bin" ] || fail "no player at $bin (build it first)"
command -v ffmpeg >/dev/null || fail "ffmpeg is needed (make deps-test)"
[ "$plays" -gt "$warm" ] || fail "VIDEO_SOAK_PLAYS must be more than VIDEO_SOAK_WARM ($warm)"

# Moving pictures, so that every frame is a new one to decode and upload.
for c in a:testsrc2 b:smptebars; do
    ffmpeg -nostdin -v error -y -f lavfi -i "${c#*:}=s=640x360:r=30:d=0.34" -c:v libx264 \
        -preset veryfast -pix_fmt yuv420p -movflags +faststart "$E2E_TMP/${c%%:*}.mp4" ||
        fail "ffmpeg cannot make ${c%%:*}.mp4"
done
cp playlists/images/otp.png "$E2E_TMP/"
cat >"$E2E_TMP/soak.yaml" <<'YAML'
version: 1
name: "Video chạy lâu"
defaults: {transition: fade, transition_ms: 10}
touch: {enabled: false}
slides:
  - {video: a.mp4}
  - {video: b.mp4, layout: full}
  - {title: "Một", image: otp.png, duration: 0.02}
YAML

log="$E2E_TMP/player.log"
e2e_start 640x360
BANGTIN_DEBUG=1 $bin --window 640x360 --library "$E2E_TMP/lib" --watch "$E2E_TMP/nowatch" \
    "$E2E_TMP/soak.yaml" >"$log" 2>&1 &
pid=$!
E2E_PIDS=$pid
played() { grep -c "^<6>bangtin: video [ab].mp4: played" "$log"; }
at_least() { [ "$(played)" -ge "$1" ]; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
# The level memory comes back to (a clip being opened holds its decoder's
# buffers for a moment): the least of 20 samples over 2 s.
rss_floor() {
    local min="" v
    for _ in $(seq 20); do
        v=$(rss_kb)
        [ -z "$min" ] || [ "$v" -lt "$min" ] && min=$v
        sleep 0.1
    done
    echo "$min"
}
# Descriptors and threads, the least of 10 samples over a second: a clip
# being opened holds its file and its worker for a moment.
floor_of() {
    local min="" v
    for _ in $(seq 10); do
        v=$(ls "/proc/$pid/$1" | wc -l)
        [ -z "$min" ] || [ "$v" -lt "$min" ] && min=$v
        sleep 0.1
    done
    echo "$min"
}
fds() { floor_of fd; }
threads() { floor_of task; }

wait_for 30 "the window" window_up
wait_for 120 "$warm plays" at_least "$warm"
rss1=$(rss_floor)
fds1=$(fds)
threads1=$(threads)
start=$(date +%s)
wait_for $((plays * 2 + 60)) "$plays plays" at_least "$plays"
rss2=$(rss_floor)
fds2=$(fds)
threads2=$(threads)
secs=$(($(date +%s) - start))
kill -TERM "$pid"
wait "$pid"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "the player's status at SIGTERM: $status"
grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$log" &&
    fail "sanitizer report: $(grep -m1 -A20 -E 'Sanitizer|runtime error' "$log")"
grep -q "cannot be played" "$log" && fail "a clip was passed over: $(grep -m3 "cannot be played" "$log")"
# Each play ran to its end (the clip is 0.34 s: eleven frames, 0.37 s),
# but the one SIGTERM cut short.
sed '/^<6>bangtin: stopped/q' "$log" >"$E2E_TMP/before-stop.log"
short=$(grep "^<6>bangtin: video [ab].mp4: played" "$E2E_TMP/before-stop.log" | grep -Evc "played 0\.[34] s")
[ "$short" -eq 0 ] || fail "$short plays did not run to their end: $(grep -m3 'played 0\.[0-2]' "$E2E_TMP/before-stop.log")"
drops=$(grep -Eo "played 0\.[34] s, [0-9]* frames dropped" "$log" | awk '{ n += $4 } END { print n + 0 }')
grown=$((rss2 - rss1))
echo "video soak: $(played) plays; after $warm: RSS $rss1 -> $rss2 kB ($grown kB over $secs s)," \
    "fds $fds1 -> $fds2, threads $threads1 -> $threads2, $drops frames dropped in all"
# Under ASan resident memory is its quarantine's, not ours: leaks are
# LeakSanitizer's to find at exit.
[ -n "${BT_SANITIZER:-}" ] || [ "$grown" -lt "$growth_kb" ] || fail "resident memory grew by $grown kB over $((plays - warm)) plays"
[ "$fds2" -le "$fds1" ] || fail "file descriptors grew: $fds1 -> $fds2"
[ "$threads2" -le "$threads1" ] || fail "threads grew: $threads1 -> $threads2"
echo "ok: $(played) clips played with flat memory"
