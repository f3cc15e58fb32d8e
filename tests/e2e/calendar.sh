#!/bin/bash
# display.off_hours in a real window: dark in those hours; a touch wakes it
# into touch mode, and after the idle timeout it is dark again. Outside
# those hours it plays.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
cat >"$E2E_TMP/night.yaml" <<'YAML'
version: 1
name: "Giờ tắt màn hình"
topics:
  - {id: t, title: "Chủ đề", color: "#2e7d32"}
slides:
  - {id: a, topic: t, title: "Ban ngày", duration: 60}
touch: {enabled: true, idle_timeout: 2}
display: {off_hours: "21:00-06:00"}
YAML
e2e_start 640x360
start() { # TIME
    $bin --window 640x360 --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" --now "$1" "$E2E_TMP/night.yaml" >"$E2E_TMP/player.log" 2>&1 &
    E2E_PIDS=$!
    wait_for 30 "the bangtin window" window_up
}
stop() {
    kill -TERM "$E2E_PIDS"
    wait "$E2E_PIDS" || fail "exit status $?"
    E2E_PIDS=""
    wait_for 10 "the window closed" sh -c '! xdotool search --name "^bangtin$" >/dev/null 2>&1'
}
dark() { shot "$E2E_TMP/s.png" && [ "$(colours "$E2E_TMP/s.png")" -eq 1 ] && [ "$(pixel "$E2E_TMP/s.png" 320 180)" = "0,0,0" ]; }
lit() { shot "$E2E_TMP/s.png" && [ "$(colours "$E2E_TMP/s.png")" -gt 20 ]; }

start 2031-03-05T22:00
# The log first: a window is black before its first frame too.
wait_for 15 "the off-hours line in the log" grep -q "off hours: the screen is dark" "$E2E_TMP/player.log"
wait_for 15 "a dark screen in the off hours" dark
xdotool mousemove 320 180 click 1
wait_for 10 "a touch wakes it into touch mode" lit
wait_for 15 "dark again after the idle timeout" dark
stop

start 2031-03-05T10:00
wait_for 15 "the slide in the daytime" lit
stop
echo "ok: dark in off hours, a touch wakes it, playing in the daytime"
