#!/bin/bash
# The command line as a user meets it: --check's exit status and messages,
# --render's files, bad usage, and no display at all.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}

# --check: the bundled playlist is usable, with its summary line.
out=$($bin --check playlists/awareness.yaml) || fail "--check awareness.yaml: status $?"
echo "$out" | grep -Eq '^playlists/awareness.yaml: usable: [0-9]+ slides, [0-9]+ topics, [0-9]+ tips' ||
    fail "--check summary missing: $out"

# --check: a usable playlist with a dropped slide exits 0 and names the place.
out=$($bin --check tests/fixtures/load/duration_negative.yaml)
status=$?
[ "$status" -eq 0 ] || fail "duration_negative.yaml: status $status, expected 0 (other slides usable)"
echo "$out" | grep -Eq '^tests/fixtures/load/duration_negative.yaml:[0-9]+:[0-9]+: error: slide ".*": duration' ||
    fail "no FILE:LINE:COL error for the negative duration: $out"

# --check: an unusable playlist exits 1.
$bin --check tests/fixtures/load/wrong_version.yaml >"$E2E_TMP/wv.log"
[ $? -eq 1 ] || fail "wrong_version.yaml: expected status 1"
grep -q "error: version must be 1" "$E2E_TMP/wv.log" || fail "no version error: $(cat "$E2E_TMP/wv.log")"
$bin --check "$E2E_TMP/does-not-exist.yaml" >/dev/null
[ $? -eq 1 ] || fail "a missing playlist: expected status 1"

# Bad usage: status 2 with a reason.
for args in "--bogus" "--size 0x0 --render x" "--rotate 45" "--now yesterday" "a.yaml b.yaml"; do
    # shellcheck disable=SC2086
    $bin $args >/dev/null 2>"$E2E_TMP/usage.log"
    status=$?
    [ "$status" -eq 2 ] || fail "'$args': status $status, expected 2"
    grep -q "^bangtin: " "$E2E_TMP/usage.log" || fail "'$args': no reason given"
done
$bin --help | grep -q -- "--render DIR" || fail "--help lacks --render"
$bin --version | grep -q "^bangtin " || fail "--version"

# --render: one PNG per slide, named NNN-ID.png, at the asked size, with no display.
n=$($bin --check playlists/awareness.yaml | sed -n 's/.*usable: \([0-9]*\) slides.*/\1/p')
for size in 1920x1080 1080x1920; do
    env -u DISPLAY $bin --render "$E2E_TMP/r$size" --size "$size" playlists/awareness.yaml >/dev/null ||
        fail "--render $size failed"
    count=$(ls "$E2E_TMP/r$size" | grep -Ec '^[0-9]{3}-[a-z0-9_-]+\.png$')
    [ "$count" -eq "$n" ] || fail "--render $size: $count PNGs, expected $n"
    for f in "$E2E_TMP/r$size"/*.png; do
        [ "$(identify -format %wx%h "$f")" = "$size" ] || fail "$f is not $size"
    done
done
[ -f "$E2E_TMP/r1920x1080/001-gioi-thieu.png" ] || fail "first slide's file name"

# No display: status 3 and a message that says what to try.
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 $bin --window 640x480 --library "$E2E_TMP/lib" playlists/awareness.yaml \
    >/dev/null 2>"$E2E_TMP/nodisplay.log"
status=$?
[ "$status" -eq 3 ] || fail "no display: status $status, expected 3"
grep -q "Try" "$E2E_TMP/nodisplay.log" || fail "no display: no advice: $(cat "$E2E_TMP/nodisplay.log")"

# No display and no driver asked for, as on a board whose X server is not
# up, under systemd (no XDG_RUNTIME_DIR): the advice alone, first, with no
# warnings of SDL's drivers before it.
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER -u XDG_RUNTIME_DIR $bin --window 640x480 \
    --library "$E2E_TMP/lib" playlists/awareness.yaml >/dev/null 2>"$E2E_TMP/nodriver.log"
status=$?
[ "$status" -eq 3 ] || fail "no display, no driver: status $status, expected 3"
head -n 1 "$E2E_TMP/nodriver.log" | grep -q "^bangtin: no display could be opened" ||
    fail "no display, no driver: the advice is not the first line: $(head -n 3 "$E2E_TMP/nodriver.log")"
grep -v "^<[0-9]>bangtin: " "$E2E_TMP/nodriver.log" | grep -vq "^bangtin: \|^Try\|^or " &&
    fail "no display, no driver: other lines than the advice: $(cat "$E2E_TMP/nodriver.log")"

# One policy on both sides: --check still plays what it can, and says that
# a kiosk refuses a stick with any error (tests/e2e/usb.sh: refused).
mkdir -p "$E2E_TMP/one"
printf 'version: 1\nslides:\n  - {title: "Đúng"}\n  - {title: "Sai", duration: -3}\n' >"$E2E_TMP/one/playlist.yaml"
out=$($bin --check "$E2E_TMP/one/playlist.yaml")
[ $? -eq 0 ] || fail "--check with a slide in error: not usable"
echo "$out" | tail -n 1 | grep -q "usable: 1 slides.*(1 errors.*a kiosk refuses a USB stick whose playlist has errors" ||
    fail "--check's summary does not say a kiosk refuses the stick: $out"

echo "ok: --check, --render, bad usage and no display behave"
