#!/bin/bash
# An import cut short, in a running player: the stick pulled out midway, and
# the player killed with SIGKILL at several points of the copy. Each time
# LIBRARY/current still names a complete playlist that --check accepts, and
# the next start clears what was left half-done. Copies are slowed down by
# the test hook BANGTIN_TEST_IMPORT_DELAY_MS so the test can act midway.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
mkdir -p "$watch" "$spare" "$lib"
log="$E2E_TMP/player.log"

make_stick() { # DIR ROUND: a paired stick with 8 pictures, content unique to ROUND
    mkdir -p "$1/bangtin/images"
    $bin --pair "$1" --library "$lib" >/dev/null || fail "--pair"
    {
        echo "version: 1"
        echo "name: \"Vòng $2\""
        echo "slides:"
        for i in 1 2 3 4 5 6 7 8; do
            cp playlists/images/otp.png "$1/bangtin/images/p$i.png"
            echo "  - {id: s$i, title: \"Trang $i, vòng $2\", image: images/p$i.png, duration: 5}"
        done
    } >"$1/bangtin/playlist.yaml"
}
start_player() {
    BANGTIN_TEST_IMPORT_DELAY_MS=150 SDL_VIDEODRIVER=offscreen $bin --window 320x180 \
        --library "$lib" --watch "$watch" playlists/awareness.yaml >>"$log" 2>&1 &
    E2E_PIDS=$!
}
staged() { # N: a staging folder holds at least N files
    local n
    n=$(find "$lib/playlists" -path '*/.staging*' -type f 2>/dev/null | wc -l)
    [ "$n" -ge "$1" ]
}
current_ok() {
    [ -L "$lib/current" ] || fail "no current link"
    $bin --check "$lib/current/playlist.yaml" >/dev/null || fail "current is not a complete playlist"
}
loaded() { [ "$(grep -c "overlay: Đã nạp danh sách mới" "$log")" -ge "$1" ]; }
started() { [ "$(grep -c '^<6>bangtin: playing' "$log")" -ge "$1" ]; }

# A first import, so that there is an old playlist to keep.
start_player
make_stick "$spare/s0" 0 && mv "$spare/s0" "$watch/s0"
wait_for 60 "the first import" loaded 1
current_ok
rm -rf "$watch/s0"
wait_for 30 "the first stick gone" grep -q "stick at $watch/s0 is gone" "$log"

# Pulled out midway: nothing changes, the player says so and plays on.
before=$(readlink "$lib/current")
make_stick "$spare/s1" 1 && mv "$spare/s1" "$watch/s1"
wait_for 30 "the copy under way" staged 3
rm -rf "$watch/s1"
wait_for 30 "the pulled stick reported" grep -q "overlay: USB bị rút ra khi đang chép" "$log"
[ "$(readlink "$lib/current")" = "$before" ] || fail "a pulled stick changed current"
staged 1 && fail "staging left behind after a pulled stick"
current_ok
kill -0 "$E2E_PIDS" || fail "the player died when the stick was pulled"

# SIGKILL at several points of the copy, then a restart.
starts=1
for k in 1 4 8; do
    make_stick "$spare/k$k" "k$k" && mv "$spare/k$k" "$watch/k$k"
    wait_for 30 "file $k copied" staged "$k"
    kill -9 "$E2E_PIDS"
    wait "$E2E_PIDS" 2>/dev/null
    current_ok
    # The next start clears the half-done import and plays.
    rm -rf "$watch/k$k"
    start_player
    starts=$((starts + 1))
    wait_for 30 "the restarted player" started "$starts"
    staged 1 && fail "staging left after a restart (kill at file $k)"
    current_ok
done
kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
E2E_PIDS=""
echo "ok: a pulled stick and SIGKILL at files 1, 4 and 8 all leave a complete current"
