#!/bin/bash
# The office's opening hours in a real window (kiosk.yaml, power commands
# that write to a file, Xvfb without DPMS so the command is the backend):
# 1. started at a closed hour, the screen is powered down at once (power.off
#    runs) and nothing is drawn: two screenshots taken watchdog pings apart
#    are the same, the log counts no frame, and the player uses next to no
#    CPU;
# 2. a touch runs power.on and wakes the screen into the loop (the touch is
#    swallowed: not the topics screen); after the idle timeout it is powered
#    down again; a USB stick plugged in while it is down is imported and
#    wakes it (the office must see the result), down again after the idle
#    timeout; the play log holds the screen's time on and --report shows it;
# 3. at an open hour power.on runs and power.off never does;
# 4. a power command that hangs is stopped after its bound, one that fails
#    is logged, and the player goes on;
# 5. a kiosk.yaml full of mistakes still starts, on its defaults, and says so;
# 6. the file's library and watch folders are used when the command line
#    gives none (as under the systemd unit).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
log="$E2E_TMP/player.log"
power="$E2E_TMP/power.txt"
cat >"$E2E_TMP/office.yaml" <<'YAML'
version: 1
name: "Giờ mở cửa"
theme: {background: "#1565c0"}
topics:
  - {id: t, title: "Chủ đề", color: "#2e7d32"}
slides:
  - {id: a, topic: t, title: "Ban ngày", duration: 60}
touch: {enabled: true, idle_timeout: 2}
YAML
# kiosk FILE OFF_CMD ON_CMD: settings with office hours, in Viet Nam's zone.
kiosk() {
    cat >"$1" <<YAML
timezone: Asia/Ho_Chi_Minh
hours:
  mon-fri: "07:00-11:30, 13:30-17:00"
  sat: "07:00-11:30"
  sun: off
power:
  off: "$2"
  on: "$3"
YAML
}
kiosk "$E2E_TMP/kiosk.yaml" "echo off >>$power" "echo on >>$power"
mkdir -p "$E2E_TMP/media"

# systemd's side of the watchdog: each WATCHDOG=1 is a line (every 200 ms),
# the clock by which this test lets time pass without a fixed sleep.
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
notify=$!
wait_for 10 "the notify socket" test -S "$sock"
pings() { wc -l <"$E2E_TMP/pings"; }
# after_pings N: waits until N more pings have come (N * 200 ms of the player's loop).
after_pings() {
    local until=$(($(pings) + $1))
    wait_for 30 "$1 watchdog pings" sh -c "[ \$(wc -l <'$E2E_TMP/pings') -ge $until ]"
}

e2e_start 640x360
player=""
start() { # TIME [CONFIG] [ENV...]
    local when=$1 config=${2:-$E2E_TMP/kiosk.yaml}
    shift 2 || shift
    : >"$log" # now: the redirection below runs in the child, maybe after wait_for reads
    env BANGTIN_DEBUG=1 NOTIFY_SOCKET="$sock" WATCHDOG_USEC=400000 "$@" \
        $bin --window 640x360 --config "$config" --library "$E2E_TMP/lib" --watch "$E2E_TMP/media" \
        --unpaired-ok --now "$when" "$E2E_TMP/office.yaml" >"$log" 2>&1 &
    player=$!
    E2E_PIDS="$notify $player"
    wait_for 30 "the bangtin window" window_up
    wait_for 20 "the player to start" grep -q "playing" "$log"
}
stop() {
    kill -TERM "$player"
    wait "$player" || fail "exit status $?"
    E2E_PIDS=$notify
    wait_for 10 "the window closed" sh -c '! xdotool search --name "^bangtin$" >/dev/null 2>&1'
}
lines() { [ -f "$power" ] && wc -l <"$power" || echo 0; }
lit() { shot "$E2E_TMP/s.png" && [ "$(colours "$E2E_TMP/s.png")" -gt 20 ]; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$player/stat"; }
click() {
    local win
    win=$(xdotool search --name "^bangtin$" | head -n1)
    xdotool mousemove --window "$win" 320 180 click 1
}

# 1. Wednesday 22:00: closed. power.off at start, and nothing else.
start 2031-03-05T22:00
wait_for 10 "power.off at start" grep -qx off "$power"
grep -q "screen off: outside the opening hours; on again at Thu 2031-03-06 07:00" "$log" ||
    fail "the log does not say the screen is off until the opening"
wait_for 10 "the command's result logged" grep -q "screen off: command: done" "$log"
after_pings 3
shot "$E2E_TMP/off-1.png"
t0=$(cpu_ticks)
after_pings 15 # 3 s asleep
t1=$(cpu_ticks)
shot "$E2E_TMP/off-2.png"
[ "$(differing_pixels "$E2E_TMP/off-1.png" "$E2E_TMP/off-2.png")" = 0 ] ||
    fail "the screen changed while it was powered down"
[ "$(pixel "$E2E_TMP/off-2.png" 320 180)" != "21,101,192" ] || fail "the slide was drawn while powered down"
[ "$(lines)" = 1 ] || fail "power commands ran while asleep: $(cat "$power")"
asleep_cpu=$((t1 - t0))
[ "$asleep_cpu" -le 10 ] || fail "asleep, the player used $asleep_cpu ticks of CPU in 3 s"

# 2. A touch: power.on, the loop (the touch only woke it), then down again.
click
wait_for 10 "power.on at the touch" sh -c "[ \$(wc -l <'$power') -ge 2 ]"
[ "$(sed -n 2p "$power")" = on ] || fail "the touch did not run power.on: $(cat "$power")"
wait_for 10 "the woken screen" lit
grep -q "screen on: woken until the idle timeout" "$log" || fail "the log does not say it woke"
grep -q "screen: 0 frames drawn while it was off" "$log" || fail "frames were drawn while off: $(grep frames "$log")"
grep -q "touch: topics screen" "$log" && fail "the waking touch also opened the topics"
[ "$(pixel "$E2E_TMP/s.png" 320 180)" = "21,101,192" ] || fail "woken, the loop's slide is not shown"
wait_for 10 "powered down after the idle timeout" sh -c "[ \$(wc -l <'$power') -ge 3 ]"
[ "$(sed -n 3p "$power")" = off ] || fail "not powered down after the idle timeout: $(cat "$power")"
after_pings 2
shot "$E2E_TMP/off-3.png"
after_pings 10
shot "$E2E_TMP/off-4.png"
[ "$(differing_pixels "$E2E_TMP/off-3.png" "$E2E_TMP/off-4.png")" = 0 ] ||
    fail "the screen changed after it went down again"
# A stick while the screen is down: imported all the same, and the screen
# comes on to show the result, then goes down again.
[ -e "$E2E_TMP/lib/current" ] && fail "a current import before any stick"
mkdir -p "$E2E_TMP/spare/stick/bangtin"
printf 'version: 1\nname: "Que"\nslides:\n  - {id: q, title: "Que", duration: 5}\ntouch: {enabled: true, idle_timeout: 2}\n' \
    >"$E2E_TMP/spare/stick/bangtin/playlist.yaml"
mv "$E2E_TMP/spare/stick" "$E2E_TMP/media/stick"
wait_for 30 "the stick imported while the screen is down" test -L "$E2E_TMP/lib/current"
wait_for 10 "power.on for the stick" sh -c "[ \$(wc -l <'$power') -ge 4 ]"
[ "$(sed -n 4p "$power")" = on ] || fail "the stick did not power the screen up: $(cat "$power")"
wait_for 10 "the stick's result on screen" lit
wait_for 15 "down again after the stick's idle timeout" sh -c "[ \$(wc -l <'$power') -ge 5 ]"
[ "$(sed -n 5p "$power")" = off ] || fail "not powered down after the stick: $(cat "$power")"
grep -q "no usable bangtin folder" "$log" && fail "the stick's own bangtin folder was taken for a stick"
[ "$(grep -c "usb: a stick at" "$log")" = 1 ] || fail "one stick checked more than once: $(grep "usb: a stick at" "$log")"
stop
# Powered up at the end, for whoever stops the player.
[ "$(tail -n1 "$power")" = on ] || fail "the screen was left down at the end: $(cat "$power")"
grep -q ',,on,[0-9.]*,screen$' "$E2E_TMP/lib/plays.csv" || fail "no screen time in the play log"
secs=$(awk -F, '$5 == "screen" { s += $4 } END { print s }' "$E2E_TMP/lib/plays.csv")
awk -v s="$secs" 'BEGIN { exit !(s >= 3.5 && s <= 10) }' || fail "screen time $secs s, not two wakes of about 2 s"
$bin --report 2031-03-05 --library "$E2E_TMP/lib" >"$E2E_TMP/report.csv" || fail "--report"
grep -q '^screen,,on,0,0,[0-9]' "$E2E_TMP/report.csv" || fail "--report has no screen row: $(cat "$E2E_TMP/report.csv")"

# 3. Wednesday 10:00: open. power.on at start, never power.off.
: >"$power"
start 2031-03-05T10:00
wait_for 10 "power.on at start" grep -qx on "$power"
wait_for 10 "the slide in the opening hours" lit
after_pings 5
[ "$(cat "$power")" = on ] || fail "at an open hour: $(cat "$power")"
grep -q "screen off" "$log" && fail "the screen went off at an open hour"
stop

# 4. A command that hangs is stopped after its bound (1 s here, 10 s on a
# kiosk); one that fails is logged; the player sleeps and wakes all the same.
kiosk "$E2E_TMP/hang.yaml" "sleep 30" "exit 3"
start 2031-03-05T22:00 "$E2E_TMP/hang.yaml" BANGTIN_TEST_POWER_TIMEOUT_MS=1000
wait_for 10 "the hanging command stopped" grep -q \
    "screen off: command: failed: did not finish within 1 s and was stopped" "$log"
pgrep -f "^sleep 30$" >/dev/null && fail "the hanging command was left running"
click
wait_for 10 "the failing command logged" grep -q "screen on: command: failed: ended with status 3" "$log"
wait_for 10 "woken all the same" lit
kill -0 "$player" || fail "the player died"
stop

# 5. Mistakes everywhere: a zone that does not exist, overlapping spans, 25:61,
# a day that is not one, a misspelt key. The player starts on its defaults (no hours: on at
# 22:00), says where each mistake is and what keeps its default.
cat >"$E2E_TMP/bad.yaml" <<YAML
timezone: Asia/Ha_Noi
hours:
  mon-fri: "07:00-12:00, 11:00-17:00"
  sat: "25:61-26:00"
  funday: "08:00-10:00"
power: {off: "echo off >>$power", on: "echo on >>$power"}
langauge: vi
YAML
: >"$power"
start 2031-03-05T22:00 "$E2E_TMP/bad.yaml"
grep -q "bad.yaml:7:1: warning: unknown key 'langauge' (did you mean 'language'?)" "$log" ||
    fail "a misspelt key gets no 'did you mean' at start"
grep -q "bad.yaml:1:11: error: .*Asia/Ha_Noi" "$log" || fail "the unknown zone is not located"
grep -q "bad.yaml:3:.*overlap" "$log" || fail "the overlapping spans are not located"
grep -q "bad.yaml:4:.*error" "$log" || fail "25:61 is not located"
grep -q "bad.yaml:5:.*error" "$log" || fail "the unknown day is not located"
grep -q "has mistakes: the defaults are used for timezone .*hours (no opening hours: the screen stays on" "$log" ||
    fail "the log does not say which defaults are used"
wait_for 10 "on its defaults, the screen on at 22:00" lit
wait_for 10 "power.on at start" grep -qx on "$power"
grep -q "screen off" "$log" && fail "hours with mistakes were used"
stop
# A tab in the file: not YAML at all; every default, and the player plays.
printf 'hours:\n\tmon: "07:00-17:00"\n' >"$E2E_TMP/tab.yaml"
start 2031-03-05T22:00 "$E2E_TMP/tab.yaml"
grep -q "tab.yaml:2:1: error: .*tab" "$log" || fail "the tab is not located: $(grep tab.yaml "$log")"
grep -q "the defaults are used for every setting" "$log" || fail "the log does not say every default is used"
wait_for 10 "playing on every default" lit
stop
# 6. The settings file alone says where the library and the sticks are (as
# under the unit, whose command line passes neither): a stick in the file's
# watch folder lands in the file's library, and --rollback finds it there.
mkdir -p "$E2E_TMP/media2" "$E2E_TMP/spare/s2/bangtin"
printf 'library: %s\nwatch: [%s]\n' "$E2E_TMP/lib2" "$E2E_TMP/media2" >"$E2E_TMP/paths.yaml"
: >"$log"
env BANGTIN_DEBUG=1 NOTIFY_SOCKET="$sock" WATCHDOG_USEC=400000 $bin --window 640x360 \
    --config "$E2E_TMP/paths.yaml" --unpaired-ok >"$log" 2>&1 &
player=$!
E2E_PIDS="$notify $player"
wait_for 20 "the player to start" grep -q "playing" "$log"
printf 'version: 1\nname: "Hai"\nslides:\n  - {id: h, title: "Hai", duration: 5}\n' \
    >"$E2E_TMP/spare/s2/bangtin/playlist.yaml"
mv "$E2E_TMP/spare/s2" "$E2E_TMP/media2/s2"
wait_for 30 "the stick imported into the file's library" test -L "$E2E_TMP/lib2/current"
wait_for 10 "the stick's playlist played" grep -q "reloaded $E2E_TMP/lib2/current/playlist.yaml" "$log"
$bin --rollback --config "$E2E_TMP/paths.yaml" >"$E2E_TMP/out" 2>&1 && fail "a rollback with one import was not refused"
grep -q "nothing to roll back to: the import playing" "$E2E_TMP/out" ||
    fail "--rollback did not take the library from the settings: $(cat "$E2E_TMP/out")"
stop
echo "ok: powered down at a closed hour with no frame ($asleep_cpu CPU ticks in 3 s asleep), woken by a touch that is swallowed, down after the idle timeout, a stick imported while down, screen time logged and reported; on at an open hour; hanging and failing commands logged; mistakes fall back and are said; the file's library and USB folder used"
