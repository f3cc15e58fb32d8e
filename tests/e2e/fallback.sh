#!/bin/bash
# Nothing a stick carries can stop the kiosk from starting:
# 1. a "font" of four TrueType magic bytes and noise is refused at import
#    (the copy is checked as the player will open it), with its reason;
# 2. an import that cannot start anyway (its font damaged on the card after
#    it was imported) is skipped at start: the one before it plays, and the
#    screen and the log say so; with no import that starts, the bundled
#    playlist plays;
# 3. a library on a read-only file system (a card remounted read-only)
#    still plays what it holds, and a stick gets a message instead of an
#    import.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
mkdir -p "$watch" "$spare" "$lib"
log="$E2E_TMP/player.log"

# make_stick DIR NAME FONT: an unpaired stick whose playlist uses FONT.
make_stick() {
    mkdir -p "$1/bangtin/fonts"
    cp "$3" "$1/bangtin/fonts/chu.ttf"
    cat >"$1/bangtin/playlist.yaml" <<YAML
version: 1
name: "$2"
theme: {font: fonts/chu.ttf}
slides:
  - {id: a, title: "Không chia sẻ mã OTP", duration: 30}
YAML
}
start() { # LIBRARY
    # Emptied here, not by the redirection below: that one runs in the child,
    # after wait_for may already have read the last run's "playing".
    : >"$log"
    SDL_VIDEODRIVER=offscreen $bin --window 640x360 --library "$1" --watch "$watch" --unpaired-ok \
        >"$log" 2>&1 &
    E2E_PIDS=$!
    wait_for 20 "the player to start" grep -q "playing" "$log"
}
stop() {
    kill -TERM "$E2E_PIDS"
    wait "$E2E_PIDS" || fail "exit status $? at stop"
    E2E_PIDS=""
}
plug() { # NAME FONT
    make_stick "$spare/$1" "$1" "$2"
    mv "$spare/$1" "$watch/$1"
}
unplug() {
    rm -rf "$watch/$1"
    wait_for 30 "the stick $1 gone" grep -q "the stick at $watch/$1 is gone" "$log"
}
good_font=assets/fonts/NotoSans-Regular.ttf
bad_font="$E2E_TMP/bad.ttf"
printf '\0\1\0\0' >"$bad_font"
head -c 4096 /dev/urandom >>"$bad_font"

# 1. Two good imports, then the fake font: refused, current unchanged.
start "$lib"
plug "Cũ" "$good_font"
wait_for 30 "the first import" grep -q 'import: loaded "Cũ"' "$log"
unplug "Cũ"
plug "Mới" "$good_font"
wait_for 30 "the second import" grep -q 'import: loaded "Mới"' "$log"
unplug "Mới"
before=$(readlink "$lib/current")
plug "Phông hỏng" "$bad_font"
wait_for 30 "the fake font refused" grep -q 'not loaded from .*Phông hỏng' "$log"
grep -q 'font "fonts/chu.ttf" không dùng được: đây không phải là phông chữ mở được' \
    "$watch/Phông hỏng/bangtin/errors.txt" || fail "errors.txt does not say why the font was refused"
[ "$(readlink "$lib/current")" = "$before" ] || fail "a stick with a fake font became current"
unplug "Phông hỏng"
stop

# 2. The newest import's font damaged on the card: the one before plays.
newest="$lib/$(readlink "$lib/current")"
cp "$bad_font" "$newest/fonts/chu.ttf"
start "$lib"
grep -q 'playing "Cũ"' "$log" || fail "the import before the damaged one does not play: $(grep playing "$log")"
grep -q "could not be played: playing .* instead" "$log" || fail "the log does not say what was skipped"
grep -q "overlay: Danh sách mới nhất không phát được" "$log" || fail "the screen does not say it"
stop
# Every import damaged: the bundled playlist plays.
for d in "$lib"/playlists/*/; do cp "$bad_font" "$d/fonts/chu.ttf"; done
start "$lib"
grep -q 'playing "An toàn thông tin' "$log" || fail "the bundled playlist does not play: $(grep playing "$log")"
stop

# 3. The library read-only: restore one good import, freeze the library in a
# squashfs image mounted through FUSE (EROFS for every write, as after an
# SD card error), and start on it.
cp "$good_font" "$newest/fonts/chu.ttf"
mksquashfs "$lib" "$E2E_TMP/lib.sqfs" -quiet -noappend >/dev/null || fail "mksquashfs"
ro="$E2E_TMP/ro"
mkdir -p "$ro"
squashfuse "$E2E_TMP/lib.sqfs" "$ro" || fail "squashfuse cannot mount (is /dev/fuse there?)"
trap 'fusermount -u "$ro" 2>/dev/null; e2e_cleanup' EXIT
start "$ro"
grep -q 'playing "Mới"' "$log" || fail "the read-only library's current does not play: $(grep playing "$log")"
grep -q "cannot be written .*no stick is imported" "$log" || fail "the log does not say the library is read-only"
plug "Sau" "$good_font"
wait_for 30 "the stick told the library is read-only" grep -q "overlay: Thẻ nhớ của bảng tin bị khóa ghi" "$log"
kill -0 "$E2E_PIDS" || fail "the player died on a read-only library"
stop
echo "ok: a fake font refused; a damaged import skipped for the one before, then the bundled one; a read-only library plays"
