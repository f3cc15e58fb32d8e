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

# mount_fat FIXTURE [DIR]: a FAT image holding tests/fixtures/sticks/FIXTURE/bangtin,
# mounted read-only at $mnt (DIR, default $tmp/FIXTURE).
mount_fat() {
    [ -n "$mnt" ] && { fusermount -u "$mnt" 2>/dev/null; wait "$fuse_pid" 2>/dev/null; }
    local img="$tmp/$1.img"
    mnt="${2:-$tmp/$1}"
    truncate -s 16M "$img" && mkfs.vfat -n STICK "$img" >/dev/null &&
        mcopy -s -i "$img" "tests/fixtures/sticks/$1/bangtin" ::/ && mkdir -p "$mnt" ||
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

# ---- the player's own import from a FAT stick mounted under --watch ----
# Mounting on a folder that already exists changes no folder entry: the
# player must notice it from the mount table.
fusermount -u "$mnt" 2>/dev/null
wait "$fuse_pid" 2>/dev/null
mnt=""
mkdir -p "$tmp/watch/good" "$tmp/watch/bad" "$tmp/lib" # the mount points exist before
log="$tmp/player.log"
SDL_VIDEODRIVER=offscreen "$bin" --window 320x180 --library "$tmp/lib" --watch "$tmp/watch" \
    --unpaired-ok playlists/awareness.yaml >"$log" 2>&1 &
player=$!
wait_log() { # SECONDS TEXT
    local i
    for i in $(seq $(($1 * 10))); do
        grep -q "$2" "$log" && return 0
        kill -0 "$player" 2>/dev/null || fail "the player died: $(tail -5 "$log")"
        sleep 0.1
    done
    kill "$player"
    fail "timed out waiting for '$2' in the log: $(tail -5 "$log")"
}
wait_log 20 "playing"
mount_fat good "$tmp/watch/good"
wait_log 30 "overlay: Đã nạp danh sách mới từ USB | 3 trang chiếu, 2 mẹo, 1 chủ đề"
"$bin" --check "$tmp/lib/current/playlist.yaml" | grep -q "(0 errors" || fail "the imported copy does not check"
[ -f "$tmp/lib/current/images/otp.png" ] || fail "the copy does not use the playlist's written names"
wait_log 30 "reloaded .*imported from a USB stick"
fusermount -u "$mnt" 2>/dev/null
wait "$fuse_pid" 2>/dev/null
mnt=""
mount_fat bad "$tmp/watch/bad"
wait_log 30 "overlay: Chưa nạp USB: danh sách có lỗi cần sửa | .*playlist.yaml, dòng 10, cột 12"
kill -TERM "$player"
wait "$player" || fail "the player's exit status: $?"

echo "import_fat: ok"
