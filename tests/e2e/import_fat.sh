#!/bin/bash
# A real FAT stick, as sticks really are: a FAT image made with mkfs.vfat and
# filled with mtools, mounted read-only with fusefat (the kernel here has no
# vfat driver, and fusefat's read-write mode does not work). fusefat shows
# 8.3 names in upper case (BANGTIN/IMAGES/OTP.PNG) while the playlist names
# images/otp.png: `--check` must find every asset all the same. The import
# itself from FAT and exFAT is tested in tests/unit/test_import.c; the
# player's own import (usb.c) goes in the marked section below. Skips,
# saying so, without FUSE or the tools.
set -u
cd "$(dirname "$0")/../.."
bin=${BANGTIN_BIN:-${BANGTIN:-build/bangtin}}
tmp=$(mktemp -d /tmp/bangtin-fat.XXXXXX)
mnt=""
fuse_pid=""
cleanup() {
    [ -n "$mnt" ] && fusermount -u -z "$mnt" 2>/dev/null
    [ -n "$fuse_pid" ] && { kill "$fuse_pid" 2>/dev/null; wait "$fuse_pid" 2>/dev/null; }
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
skip() {
    echo "SKIP: $* (apt-get install dosfstools mtools fusefat)"
    exit 0
}

[ -x "$bin" ] || fail "$bin is missing: run make first"
[ -r /dev/fuse ] && [ -w /dev/fuse ] || skip "/dev/fuse is missing"
for c in mkfs.vfat mcopy fusefat fusermount; do
    command -v "$c" >/dev/null 2>&1 || skip "$c is missing"
done

# mount_fat FIXTURE: a FAT image holding tests/fixtures/sticks/FIXTURE/bangtin,
# mounted read-only at $mnt.
mount_fat() {
    [ -n "$mnt" ] && { fusermount -u "$mnt" 2>/dev/null; wait "$fuse_pid" 2>/dev/null; }
    local img="$tmp/$1.img"
    mnt="$tmp/$1"
    truncate -s 16M "$img" && mkfs.vfat -n STICK "$img" >/dev/null &&
        mcopy -s -i "$img" "tests/fixtures/sticks/$1/bangtin" ::/ && mkdir "$mnt" ||
        fail "cannot build the FAT image for $1"
    fusefat -f -o ro "$img" "$mnt" >/dev/null 2>&1 &
    fuse_pid=$!
    local i
    for i in $(seq 100); do
        [ "$(stat -c %d "$mnt")" != "$(stat -c %d "$tmp")" ] && return 0
        sleep 0.05
    done
    fail "fusefat did not mount $img"
}

# The good stick: upper-case 8.3 names, every one found.
mount_fat good
[ -f "$mnt/BANGTIN/IMAGES/OTP.PNG" ] || fail "expected upper-case 8.3 names, got: $(ls -R "$mnt")"
out=$(timeout 20 "$bin" --check "$mnt/BANGTIN/playlist.yaml" 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "--check of the FAT stick exited $rc: $out"
echo "$out" | grep -q "usable: 3 slides, 1 topics, 2 tips (0 errors" || fail "--check said: $out"

# The bad stick: its problems with their places, as on the kiosk's screen.
mount_fat bad
out=$(timeout 20 "$bin" --check "$mnt/BANGTIN/playlist.yaml" 2>&1)
echo "$out" | grep -q 'playlist.yaml:10:12: error: .*images/khong-co.png' ||
    fail "--check of the bad FAT stick said: $out"
[ "$(echo "$out" | grep -c ': error: ')" -eq 3 ] || fail "expected 3 errors: $out"

# ---- PLAYER IMPORT: the lead fills this in -----------------------------------
# Run the player (offscreen) with --watch "$tmp/watch" --library "$tmp/lib"
# --unpaired-ok, mount a FAT stick under the watch folder (mount_fat with
# mnt under $tmp/watch), wait for the overlay text in its log, and assert on
# "$tmp/lib/current" (a link to playlists/<name>, whose files are the
# playlist's lower-case written names) and that a read-only stick gets no
# report. fusefat looks names up ignoring case, so bangtin/kiosk.key is
# found as BANGTIN/KIOSK.KEY and a paired FAT stick works too.
# -------------------------------------------------------------------------------

echo "import_fat: ok"
