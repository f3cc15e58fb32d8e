#!/bin/bash
# Topic icons that are huge photos (36-megapixel progressive JPEGs) never
# stall the player's loop: they are decoded at their shown size on a worker,
# so the loop keeps telling systemd's watchdog it is alive while a visitor
# opens the topics, and the icons then show on the tiles.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
dir="$E2E_TMP/pl"
mkdir -p "$dir/icons"
# Noise, so that each is many megabytes of data to decode, tinted orange.
convert -size 6000x6000 xc:gray +noise Random -fill '#ff8000' -colorize 70% -interlace JPEG \
    -quality 90 "$dir/icons/0.jpg" || fail "cannot make the icons"
{
    echo "version: 1"
    echo "name: \"Biểu tượng lớn\""
    echo "topics:"
    for i in 0 1 2 3 4 5; do
        [ "$i" = 0 ] || cp "$dir/icons/0.jpg" "$dir/icons/$i.jpg"
        echo "  - {id: t$i, title: \"Chủ đề $i\", icon: icons/$i.jpg, color: \"#1565c0\"}"
    done
    echo "slides:"
    for i in 0 1 2 3 4 5; do echo "  - {id: s$i, topic: t$i, title: \"Trang $i\", duration: 60}"; done
    echo "touch: {enabled: true, idle_timeout: 60}"
} >"$dir/playlist.yaml"

# systemd's side of the watchdog: a datagram socket that notes when each
# WATCHDOG=1 arrives (the player pings every 200 ms here).
sock="$E2E_TMP/notify.sock"
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w", buffering=1) as out:
    while True:
        if s.recv(256).startswith(b"WATCHDOG=1"):
            out.write("%.3f\n" % time.monotonic())
' "$sock" "$E2E_TMP/pings" &
E2E_PIDS="$!"
wait_for 10 "the notify socket" test -S "$sock"

e2e_start 1280x720
BANGTIN_DEBUG=1 NOTIFY_SOCKET="$sock" WATCHDOG_USEC=400000 $bin --window 1280x720 --library "$E2E_TMP/lib" \
    --watch "$E2E_TMP/media" "$dir/playlist.yaml" >"$E2E_TMP/player.log" 2>&1 &
player=$!
E2E_PIDS="$E2E_PIDS $player"
wait_for 30 "the bangtin window" window_up
wait_for 10 "the first pings" sh -c "[ \$(wc -l <'$E2E_TMP/pings') -ge 3 ]"
win=$(xdotool search --name "^bangtin$" | head -n1)
xdotool mousemove --window "$win" 640 360 click 1
# The first tile's icon, in the middle of its box: orange (a high red), not
# the tile's blue.
wait_for 10 "the topics screen" grep -q "touch: topics screen: tile 0 at" "$E2E_TMP/player.log"
read -r tx ty tw th < <(sed -n 's/.*tile 0 at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' \
    "$E2E_TMP/player.log" | head -n1)
cx=$((tx + tw / 2))
cy=$((ty + th * 10 / 100 + th * 42 / 200))
icons() { shot "$E2E_TMP/s.png" && [ "$(pixel "$E2E_TMP/s.png" "$cx" "$cy" | cut -d, -f1)" -gt 200 ]; }
wait_for 120 "the icons on the tiles" icons
kill -0 "$player" || fail "the player died"
# No gap between two pings longer than a few seconds: the loop never waited
# on a decode (it did for 77 s with twelve such icons).
gap=$(awk 'NR > 1 { g = $1 - prev; if (g > max) max = g } { prev = $1 } END { printf "%.1f", max }' "$E2E_TMP/pings")
awk -v g="$gap" 'BEGIN { exit !(g < 3.0) }' || fail "the loop stalled for $gap s while the icons were decoded"
kill -TERM "$player"
wait "$player" || fail "exit status $?"
echo "ok: six 36-megapixel icons decoded off the loop (longest watchdog gap $gap s), shown on the tiles"
