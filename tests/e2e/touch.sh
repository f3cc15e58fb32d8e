#!/bin/bash
# End to end, touch mode in a real window under Xvfb, driven with xdotool:
# a click opens the topics screen (as --render draws it), a click on a tile
# opens that topic's first page (as --render draws it), and after the idle
# timeout the player goes back to the loop by itself.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
playlist=tests/fixtures/touch/touch.yaml

# What the touch screens must look like, drawn without a display.
${BANGTIN:-build/bangtin} --render "$E2E_TMP/render" --size 1280x720 "$playlist" >/dev/null ||
    fail "--render of the touch playlist"
[ -f "$E2E_TMP/render/touch-topics.png" ] || fail "--render wrote no touch-topics.png"
[ -f "$E2E_TMP/render/touch-01-lua-dao.png" ] || fail "--render wrote no touch-01-lua-dao.png"
[ -f "$E2E_TMP/render/touch-03-other.png" ] || fail "--render wrote no page for the slides without topic"

e2e_start 1280x720
BANGTIN_DEBUG=1 ${BANGTIN:-build/bangtin} --window 1280x720 --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" "$playlist" >"$E2E_TMP/player.log" 2>&1 &
E2E_PIDS=$!
wait_for 30 "the bangtin window" window_up
loop_drawn() {
    shot "$E2E_TMP/loop.png" && [ "$(colours "$E2E_TMP/loop.png" 1280x400+0+100)" -gt 50 ]
}
wait_for 15 "the loop drawn" loop_drawn

# Click anywhere: the topics screen. The first tile (lua-dao) is red.
xdotool mousemove 640 360 click 1
wait_for 10 "the tiles in the log" grep -q "topics screen: tile 1 at" "$E2E_TMP/player.log"
read -r x y w h < <(sed -n 's/.*tile 1 at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$E2E_TMP/player.log")
read -r x0 y0 w0 h0 < <(sed -n 's/.*tile 0 at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$E2E_TMP/player.log")
topics_shown() {
    shot "$E2E_TMP/topics.png" && [ "$(pixel "$E2E_TMP/topics.png" $((x0 + 6)) $((y0 + h0 / 2)))" = "198,40,40" ] &&
        [ "$(differing_pixels "$E2E_TMP/topics.png" "$E2E_TMP/render/touch-topics.png")" -lt 200 ]
}
wait_for 10 "the topics screen, as --render draws it" topics_shown
[ "$(differing_pixels "$E2E_TMP/topics.png" "$E2E_TMP/loop.png")" -gt 50000 ] ||
    fail "the topics screen looks like the loop"

# Click the second tile (mat-khau): its first page.
xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 1
page_shown() {
    shot "$E2E_TMP/page.png" &&
        [ "$(differing_pixels "$E2E_TMP/page.png" "$E2E_TMP/render/touch-02-mat-khau.png")" -lt 200 ]
}
wait_for 10 "the mat-khau topic's first page, as --render draws it" page_shown
grep -q "touch: topic mat-khau" "$E2E_TMP/player.log" || fail "no 'touch: topic mat-khau' in the log"

# Hands off: after idle_timeout (3 s) the loop comes back by itself.
back_in_loop() {
    shot "$E2E_TMP/back.png" &&
        [ "$(differing_pixels "$E2E_TMP/back.png" "$E2E_TMP/loop.png")" -lt 200 ]
}
wait_for 15 "the loop again after the idle timeout" back_in_loop
grep -q "touch: idle, back to the loop" "$E2E_TMP/player.log" || fail "no idle return in the log"

kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "SIGTERM: exit status $status"
echo "ok: click -> topics, tile -> topic page, idle -> loop"
