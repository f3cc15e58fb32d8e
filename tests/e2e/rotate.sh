#!/bin/bash
# --rotate in a real window: a portrait canvas drawn turned on a landscape
# screen shows what --render draws for that portrait size, turned; and a
# click lands on what is seen under it (the topics screen's first tile).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
playlist=tests/fixtures/touch/touch.yaml
$bin --render "$E2E_TMP/render" --size 720x1280 "$playlist" >/dev/null || fail "--render 720x1280"
convert "$E2E_TMP/render/001-otp.png" -rotate 90 "$E2E_TMP/want-loop.png"
convert "$E2E_TMP/render/touch-topics.png" -rotate 90 "$E2E_TMP/want-topics.png"

e2e_start 1280x720
BANGTIN_DEBUG=1 $bin --window 1280x720 --rotate 90 --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" \
    "$playlist" >"$E2E_TMP/player.log" 2>&1 &
E2E_PIDS=$!
wait_for 30 "the bangtin window" window_up
looks_like() { # WANT: the screen shows it, turned
    shot "$E2E_TMP/s.png" && [ "$(differing_pixels "$E2E_TMP/s.png" "$1")" -lt 200 ]
}
wait_for 15 "the portrait slide, turned a quarter clockwise" looks_like "$E2E_TMP/want-loop.png"

xdotool mousemove 640 360 click 1
wait_for 10 "the tiles in the log" grep -q "topics screen: tile 1 at" "$E2E_TMP/player.log"
wait_for 10 "the portrait topics screen, turned" looks_like "$E2E_TMP/want-topics.png"
# The second tile's centre in canvas coordinates, and where the turned
# picture shows it on the screen: x' = 1279 - y, y' = x.
read -r x y w h < <(sed -n 's/.*tile 1 at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$E2E_TMP/player.log")
cx=$((x + w / 2))
cy=$((y + h / 2))
sleep 0.3 # taps closer than 250 ms count once (debounce): this is a second tap
xdotool mousemove $((1279 - cy)) "$cx" click 1
wait_for 10 "the tile under the click opened" grep -q "touch: topic mat-khau" "$E2E_TMP/player.log"

kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS" || fail "exit status $?"
E2E_PIDS=""
echo "ok: --rotate 90 turns the picture and the touch input together"
