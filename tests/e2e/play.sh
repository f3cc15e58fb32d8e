#!/bin/bash
# End to end: the bundled playlist plays in a real window under Xvfb. The
# first screenshot shows a drawn slide; a later one shows a different slide
# after the first one's duration; SIGTERM ends the player with status 0.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

e2e_start 1280x720
"${BANGTIN:-build/bangtin}" --window 1280x720 --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" playlists/awareness.yaml >"$E2E_TMP/out.log" 2>&1 &
player=$!
E2E_PIDS=$player

wait_for 30 "the bangtin window" window_up
# Drawn: the header band carries the theme's darker blue, the slide area
# has text on it (many colours from anti-aliasing), not a blank fill.
drawn() {
    shot "$E2E_TMP/first.png" && [ "$(colours "$E2E_TMP/first.png" 1280x500+0+80)" -gt 50 ]
}
wait_for 15 "a drawn first slide" drawn
header=$(pixel "$E2E_TMP/first.png" 640 4)
[ "$header" = "9,49,112" ] || fail "header colour is $header, expected the theme's darkened blue 9,49,112"

# The first slide of awareness.yaml lasts its duration; wait for a change of
# the slide area (the clock in the header may change too, so crop it out).
changed() {
    shot "$E2E_TMP/later.png" || return 1
    convert "$E2E_TMP/first.png" -crop 1280x500+0+80 +repage "$E2E_TMP/a.png"
    convert "$E2E_TMP/later.png" -crop 1280x500+0+80 +repage "$E2E_TMP/b.png"
    [ "$(differing_pixels "$E2E_TMP/a.png" "$E2E_TMP/b.png")" -gt 20000 ]
}
wait_for 40 "a different slide after the first one's duration" changed
# and it is a whole slide, not a frame of black
settled() {
    shot "$E2E_TMP/second.png" && [ "$(colours "$E2E_TMP/second.png" 1280x500+0+80)" -gt 50 ] &&
        [ "$(pixel "$E2E_TMP/second.png" 640 4)" = "$header" ]
}
wait_for 10 "the second slide drawn" settled

kill -TERM "$player"
wait "$player"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "SIGTERM: exit status $status, expected 0"
grep -q "playing" "$E2E_TMP/out.log" || fail "no 'playing' line in the log"
echo "ok: drawn slide, next slide after its duration, clean exit on SIGTERM"
