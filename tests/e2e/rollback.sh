#!/bin/bash
# The technician's one-command changes, on a running player:
# 1. two sticks imported, then --rollback: the import before plays again
#    within seconds (the player follows `current` switched by another
#    process); a second --rollback is refused (nothing older);
# 2. on a read-only library both commands are refused and change nothing;
# 3. --reset: the bundled playlist plays, the play log is kept and goes on;
#    a second --reset and a --rollback then are refused, clearly.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
log="$E2E_TMP/player.log"
mkdir -p "$watch" "$spare" "$lib"
# stick NAME ID N: an unpaired stick whose playlist has N slides ID-1..ID-N.
stick() {
    mkdir -p "$spare/$1/bangtin"
    {
        printf 'version: 1\nname: "%s"\nslides:\n' "$1"
        for i in $(seq "$3"); do printf '  - {id: %s-%d, title: "%s %d", duration: 2}\n' "$2" "$i" "$1" "$i"; done
    } >"$spare/$1/bangtin/playlist.yaml"
    mv "$spare/$1" "$watch/$1"
}
unplug() {
    rm -rf "$watch/$1"
    wait_for 30 "the stick $1 gone" grep -q "the stick at $watch/$1 is gone" "$log"
}
count() { grep -c "$1" "$log"; }

BANGTIN_DEBUG=1 SDL_VIDEODRIVER=offscreen $bin --window 640x360 --config /nonexistent/kiosk.yaml \
    --library "$lib" --watch "$watch" --unpaired-ok >"$log" 2>&1 &
player=$!
E2E_PIDS=$player
wait_for 20 "the player to start" grep -q "playing" "$log"
stick "Một" mot 2
wait_for 30 "the first stick played" grep -q "reloaded .*imported from a USB stick.*: 2 slides" "$log"
unplug "Một"
stick "Hai" hai 3
wait_for 30 "the second stick played" grep -q "reloaded .*imported from a USB stick.*: 3 slides" "$log"
unplug "Hai"
wait_for 10 "a slide of the second stick" grep -q "slide hai-" "$log"

# 1. --rollback, while the player runs.
n=$(count "slide mot-")
$bin --rollback --library "$lib" >"$E2E_TMP/out" 2>&1 || fail "--rollback: $(cat "$E2E_TMP/out")"
grep -q '^rolled back: "Một" (imported .* UTC) plays again, in place of "Hai"' "$E2E_TMP/out" ||
    fail "--rollback does not say what plays now: $(cat "$E2E_TMP/out")"
wait_for 10 "the player follows the rollback" grep -q \
    "reloaded .*(the library's current playlist changed): 2 slides" "$log"
wait_for 10 "the rolled-back playlist's slides" sh -c "[ \$(grep -c 'slide mot-' '$log') -gt $n ]"
[ "$(count "reloaded")" = 3 ] || fail "the player reloaded more than once for one change: $(grep reloaded "$log")"
if $bin --rollback --library "$lib" >"$E2E_TMP/out" 2>&1; then fail "a second --rollback was not refused"; fi
grep -q "refused: nothing to roll back to: the import playing (.*) is the oldest" "$E2E_TMP/out" ||
    fail "the second --rollback does not say why: $(cat "$E2E_TMP/out")"

# 2. The library read-only (a card remounted read-only): refused, nothing changed.
mksquashfs "$lib" "$E2E_TMP/lib.sqfs" -quiet -noappend >/dev/null || fail "mksquashfs"
ro="$E2E_TMP/ro"
mkdir -p "$ro"
squashfuse "$E2E_TMP/lib.sqfs" "$ro" || fail "squashfuse cannot mount (is /dev/fuse there?)"
trap 'fusermount -u "$ro" 2>/dev/null; e2e_cleanup' EXIT
before=$(readlink "$ro/current")
for cmd in --rollback --reset; do
    if $bin $cmd --library "$ro" >"$E2E_TMP/out" 2>&1; then fail "$cmd on a read-only library was not refused"; fi
    grep -q "refused: the library .* is on a read-only file system" "$E2E_TMP/out" ||
        fail "$cmd on a read-only library does not say why: $(cat "$E2E_TMP/out")"
done
[ "$(readlink "$ro/current")" = "$before" ] || fail "the read-only library changed"
fusermount -u "$ro"

# 3. --reset: the bundled playlist, the play log kept.
cp "$lib/plays.csv" "$E2E_TMP/plays.before"
plays=$(wc -l <"$E2E_TMP/plays.before")
[ "$plays" -gt 2 ] || fail "no play log to keep"
$bin --reset --library "$lib" >"$E2E_TMP/out" 2>&1 || fail "--reset: $(cat "$E2E_TMP/out")"
grep -q '^reset: the bundled playlist plays, in place of "Một"' "$E2E_TMP/out" ||
    fail "--reset does not say what it did: $(cat "$E2E_TMP/out")"
[ -e "$lib/current" ] && fail "current is still there after --reset"
wait_for 10 "the player plays the bundled playlist" grep -q \
    "reloaded .*playlists/awareness.yaml (the library's current playlist changed)" "$log"
[ -f "$lib/plays.csv" ] || fail "--reset removed the play log"
wait_for 30 "the play log goes on" sh -c "[ \$(wc -l <'$lib/plays.csv') -gt $plays ]"
head -n "$plays" "$lib/plays.csv" | cmp -s - "$E2E_TMP/plays.before" || fail "--reset changed the play log's records"
ls "$lib"/playlists/*/playlist.yaml >/dev/null || fail "--reset removed the imports"
if $bin --reset --library "$lib" >"$E2E_TMP/out" 2>&1; then fail "a second --reset was not refused"; fi
grep -q "refused: nothing to reset" "$E2E_TMP/out" || fail "the second --reset does not say why: $(cat "$E2E_TMP/out")"
if $bin --rollback --library "$lib" >"$E2E_TMP/out" 2>&1; then fail "--rollback after --reset was not refused"; fi
grep -q "refused: nothing to roll back to: the kiosk plays its bundled playlist" "$E2E_TMP/out" ||
    fail "--rollback after --reset does not say why: $(cat "$E2E_TMP/out")"
kill -0 "$player" || fail "the player died"
kill -TERM "$player"
wait "$player" || fail "exit status $?"
E2E_PIDS=""
echo "ok: --rollback followed by the running player, --reset to the bundled playlist with the play log kept, refusals said (nothing older, read-only, nothing to reset)"
