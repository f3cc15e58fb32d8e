#!/bin/bash
# Hot reload in a running player (offscreen driver, no X needed): a good
# new file is taken when it is saved, a broken one is refused with a message
# on screen while the old playlist keeps playing, and SIGHUP reloads too.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
dir="$E2E_TMP/pl"
mkdir -p "$dir"
write_playlist() { # N: a playlist of N slides
    {
        echo "version: 1"
        echo "name: \"Thử tải lại\""
        echo "slides:"
        for i in $(seq 1 "$1"); do echo "  - {id: s$i, title: \"Trang $i\", duration: 30}"; done
    } >"$dir/tmp.yaml" && mv "$dir/tmp.yaml" "$dir/playlist.yaml"
}
write_playlist 2
SDL_VIDEODRIVER=offscreen $bin --window 640x360 --library "$E2E_TMP/lib" "$dir/playlist.yaml" \
    >"$E2E_TMP/player.log" 2>&1 &
E2E_PIDS=$!
wait_for 20 "the player to start" grep -q "playing \"Thử tải lại\": 2 slides" "$E2E_TMP/player.log"

# Saved by rename, as editors and sync tools do.
write_playlist 3
wait_for 20 "the new file taken" grep -q "reloaded .*the file changed.*: 3 slides" "$E2E_TMP/player.log"

# A broken file: refused, old one kept, a message on the screen.
printf 'version: 1\nslides:\n  - title: "unterminated\n' >"$dir/tmp.yaml" && mv "$dir/tmp.yaml" "$dir/playlist.yaml"
wait_for 20 "the broken file refused" grep -q "kept the playlist that was playing" "$E2E_TMP/player.log"
grep -q "overlay: Danh sách mới có lỗi" "$E2E_TMP/player.log" || fail "no overlay for the broken file"
grep -q "playlist.yaml:[0-9]*:[0-9]*: error" "$E2E_TMP/player.log" || fail "the error has no place"
kill -0 "$E2E_PIDS" || fail "the player died on a broken playlist"

# Another good file, then SIGHUP: read again on request.
write_playlist 4
wait_for 20 "the rewritten file taken" grep -q "reloaded .*: 4 slides" "$E2E_TMP/player.log"
kill -HUP "$E2E_PIDS"
wait_for 20 "SIGHUP reloads" grep -q "reloaded .*(SIGHUP): 4 slides" "$E2E_TMP/player.log"

kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "SIGTERM: exit status $status"
echo "ok: reload on save, broken file refused and old kept, SIGHUP"
