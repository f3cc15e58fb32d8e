#!/bin/bash
# Fullscreen on a bare X server with no window manager (the usual xinit
# kiosk): the window covers the whole screen and the slide is on it; only
# Ctrl+Alt+Q ends it, Esc does not.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
e2e_start 800x450
$bin --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" playlists/awareness.yaml >"$E2E_TMP/player.log" 2>&1 &
E2E_PIDS=$!
wait_for 30 "the bangtin window" window_up
win=$(xdotool search --name "^bangtin$" | head -n1)
covers() { [ "$(xdotool getwindowgeometry "$win" | sed -n 's/.*Geometry: //p')" = 800x450 ]; }
wait_for 10 "the window at the screen's size" covers
painted() { shot "$E2E_TMP/s.png" && [ "$(colours "$E2E_TMP/s.png")" -gt 50 ]; }
wait_for 15 "the slide on the whole screen" painted
# The header runs along the top: its left and right ends are the same colour,
# which is not the black of an empty root window.
left=$(pixel "$E2E_TMP/s.png" 2 2)
right=$(pixel "$E2E_TMP/s.png" 797 2)
[ "$left" = "$right" ] && [ "$left" != "0,0,0" ] || fail "no header across the top: $left / $right"
# Esc is a visitor's key here: it opens the topics as any key does. Once the
# screen has changed, the key was handled, and the player is still there.
cp "$E2E_TMP/s.png" "$E2E_TMP/before.png"
xdotool key --window "$win" Escape
changed() { shot "$E2E_TMP/s.png" && [ "$(differing_pixels "$E2E_TMP/before.png" "$E2E_TMP/s.png")" -gt 10000 ]; }
wait_for 10 "Esc handled (the screen changes)" changed
kill -0 "$E2E_PIDS" || fail "Esc ended the fullscreen kiosk"
xdotool key --window "$win" ctrl+alt+q
wait_for 10 "Ctrl+Alt+Q ends it" sh -c "! kill -0 $E2E_PIDS 2>/dev/null"
wait "$E2E_PIDS"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "exit status $status after Ctrl+Alt+Q"
echo "ok: fullscreen on a bare X server covers the screen; Esc stays, Ctrl+Alt+Q ends it"
