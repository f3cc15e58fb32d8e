#!/bin/bash
# --render --now: only the slides the loop would show at that time, in loop
# order (alerts interleaved), for a held-in campaign whose slides all have
# schedules (dates, days, hours crossing midnight, an alert). With nothing
# playable the empty screen is written as 000-empty.png.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
pl=tests/fixtures/schedule/campaign.yaml
export TZ=Asia/Ho_Chi_Minh

# render_at NOW: the file names written, in the order printed, on one line.
render_at() {
    local dir="$E2E_TMP/r-$1"
    env -u DISPLAY "$bin" --render "$dir" --size 480x270 --now "$1" "$pl" >"$E2E_TMP/out.log" \
        2>"$E2E_TMP/render.log" || fail "--render --now $1: status $?"
    local printed listed
    printed=$(xargs -n1 basename <"$E2E_TMP/out.log" | tr '\n' ' ')
    listed=$(ls "$dir" | tr '\n' ' ')
    [ "$(echo "$printed" | tr ' ' '\n' | sort | tr '\n' ' ')" = "$(echo "$listed" | tr ' ' '\n' | sort | tr '\n' ' ')" ] ||
        fail "--now $1: printed '$printed' but wrote '$listed'"
    echo "${printed% }"
}

expect() {
    local got
    got=$(render_at "$1")
    [ "$got" = "$2" ] || fail "--now $1 ($3): got '$got', expected '$2'"
}

expect 2031-03-03T10:00 "001-gio-hanh-chinh.png 002-thang-3.png" "Monday morning, before the alert"
expect 2031-03-07T10:00 "001-gio-hanh-chinh.png 002-canh-bao.png 003-thang-3.png 004-canh-bao.png" \
    "Friday morning: the alert after every slide"
expect 2031-03-07T23:00 "001-dem-thu-sau.png 002-canh-bao.png" "Friday night"
expect 2031-03-08T01:30 "001-dem-thu-sau.png 002-canh-bao.png" "after midnight, still Friday's span"
expect 2031-03-08T02:00 "001-canh-bao.png" "Friday's span closed at 02:00: only the alert"
expect 2031-03-09T09:00 "001-thang-3.png 002-canh-bao.png 003-chu-nhat.png 004-canh-bao.png" \
    "Sunday morning"
expect 2031-03-11T09:00 "001-gio-hanh-chinh.png 002-thang-3.png" "the day after the alert's until"
expect 2031-04-01T03:00 "000-empty.png" "nothing playable"
expect 1970-01-02T10:00 "000-empty.png" "clock not set: dated slides do not play"

# The empty screen is a real screen at the asked size, not a blank.
empty="$E2E_TMP/r-2031-04-01T03:00/000-empty.png"
[ "$(identify -format %wx%h "$empty")" = 480x270 ] || fail "000-empty.png is not 480x270"
[ "$(colours "$empty")" -gt 4 ] || fail "000-empty.png looks blank"

# Without --now: every slide, in playlist order (and the touch screens).
env -u DISPLAY "$bin" --render "$E2E_TMP/all" --size 480x270 "$pl" >/dev/null || fail "--render without --now"
got=$(ls "$E2E_TMP/all" | grep -v '^touch-' | tr '\n' ' ') # the touch screens are touch.sh's
[ "$got" = "001-gio-hanh-chinh.png 002-thang-3.png 003-dem-thu-sau.png 004-canh-bao.png 005-chu-nhat.png " ] ||
    fail "--render without --now: $got"

echo "ok: --render --now follows the schedules and interleaves the alert"
