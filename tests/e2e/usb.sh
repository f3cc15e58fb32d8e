#!/bin/bash
# USB sticks, simulated by folders appearing in a --watch folder while the
# player runs (offscreen driver): a good stick loads and plays, the same
# stick again is recognised, a bad one is refused with its problems on
# screen and errors.txt on the stick, names written by macOS (NFD) are
# found, a read-only stick still loads, and a stick without this kiosk's
# key is refused unread.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
mkdir -p "$watch" "$spare"
log="$E2E_TMP/player.log"

# make_stick DIR NAME: a paired stick whose playlist names a picture.
make_stick() {
    mkdir -p "$1/bangtin/images"
    $bin --pair "$1" --library "$lib" >/dev/null || fail "--pair $1"
    cp playlists/images/otp.png "$1/bangtin/images/otp.png"
    cat >"$1/bangtin/playlist.yaml" <<YAML
version: 1
name: "$2"
slides:
  - {id: otp, title: "Không chia sẻ mã OTP", image: images/otp.png, duration: 2}
  - {id: mat-khau, title: "Mật khẩu mạnh", body: "Mỗi tài khoản một mật khẩu.", duration: 2}
tips:
  items:
    - "Không bấm vào đường link lạ."
YAML
}
overlays() { grep -c "overlay: $1" "$log"; }
seen() { [ "$(overlays "$1")" -ge "$2" ]; }

mkdir -p "$lib"
$bin --pair "$spare" --library "$lib" >/dev/null # makes the kiosk's key
SDL_VIDEODRIVER=offscreen $bin --window 640x360 --library "$lib" --watch "$watch" \
    playlists/awareness.yaml >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 20 "the player to start" grep -q "playing" "$log"

# 1. A good stick: loaded, made current, played from the next slide change.
make_stick "$spare/good" "Danh sách từ USB"
mv "$spare/good" "$watch/good"
wait_for 30 "the stick loaded" seen "Đã nạp danh sách mới từ USB | 2 trang chiếu, 1 mẹo, 0 chủ đề" 1
$bin --check "$lib/current/playlist.yaml" >/dev/null || fail "the library's current playlist does not check"
wait_for 30 "the imported playlist playing" grep -q "reloaded .*imported from a USB stick.*: 2 slides" "$log"

# 2. The same stick plugged again: recognised, not copied again.
imports=$(ls "$lib/playlists" | grep -vc '^\.')
mv "$watch/good" "$spare/good"
wait_for 30 "the player to see the stick gone" grep -q "usb: the stick at $watch/good is gone" "$log"
mv "$spare/good" "$watch/good"
wait_for 30 "the same stick recognised" seen "Danh sách trên USB này đã được nạp rồi" 1
[ "$(ls "$lib/playlists" | grep -vc '^\.')" -eq "$imports" ] || fail "the same content was copied again"

# 3. A bad stick: refused, problems with their lines, errors.txt written.
make_stick "$spare/bad" "Danh sách lỗi"
printf '  - {id: sai, title: "Sai", duration: -3}\n  - {id: anh, image: images/khong-co.png}\n' \
    >>"$spare/bad/bangtin/playlist.yaml"
before=$(readlink "$lib/current")
mv "$spare/bad" "$watch/bad"
wait_for 30 "the bad stick refused" seen "Chưa nạp USB: danh sách có lỗi cần sửa" 1
grep "overlay: Chưa nạp USB" "$log" | grep -q "playlist.yaml, dòng [0-9]*, cột [0-9]*" ||
    fail "the overlay does not show where the problems are: $(grep overlay: "$log" | tail -1)"
grep -q "bangtin/errors.txt" <(grep "overlay: Chưa nạp USB" "$log") || fail "the overlay does not name errors.txt"
[ -s "$watch/bad/bangtin/errors.txt" ] || fail "no errors.txt on the bad stick"
grep -q "^[0-9]*\. playlist.yaml, dòng [0-9]*, cột [0-9]*" "$watch/bad/bangtin/errors.txt" || fail "errors.txt has no places in words"
[ "$(readlink "$lib/current")" = "$before" ] || fail "a bad stick changed the current playlist"

# 4. macOS writes decomposed (NFD) names: the picture is still found.
make_stick "$spare/mac" "Danh sách từ máy Mac"
nfd=$(printf 'a\xcc\x89nh.png')    # "ảnh.png" decomposed
mv "$spare/mac/bangtin/images/otp.png" "$spare/mac/bangtin/images/$nfd"
sed -i 's|images/otp.png|images/ảnh.png|' "$spare/mac/bangtin/playlist.yaml"
mv "$spare/mac" "$watch/mac"
wait_for 30 "the NFD stick loaded" seen "Đã nạp danh sách mới từ USB" 2

# 5. A read-only stick (mounted read-only) still loads; nothing is written on it.
make_stick "$spare/ro" "Danh sách chỉ đọc"
sed -i 's/duration: 2}/duration: 3}/' "$spare/ro/bangtin/playlist.yaml" # other content
if mkdir -p "$watch/ro" && mount --bind "$spare/ro" "$watch/ro" 2>/dev/null &&
    mount -o remount,ro,bind "$watch/ro" 2>/dev/null; then
    wait_for 30 "the read-only stick loaded" seen "Đã nạp danh sách mới từ USB" 3
    umount "$watch/ro"
else
    umount "$watch/ro" 2>/dev/null
    echo "skipped: read-only stick (no bind mounts here)"
fi

# 6. A stick without this kiosk's key is refused, and nothing is written on it.
make_stick "$spare/stranger" "Danh sách lạ"
rm "$spare/stranger/bangtin/kiosk.key"
mv "$spare/stranger" "$watch/stranger"
wait_for 30 "the unpaired stick refused" seen "USB này không được phép dùng cho bảng tin này" 1
[ ! -e "$watch/stranger/bangtin/errors.txt" ] && [ ! -e "$watch/stranger/bangtin/reports" ] ||
    fail "something was written on a stranger's stick"

kill -0 "$E2E_PIDS" || fail "the player died"
kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "SIGTERM: exit status $status"
grep -q "usb.key\|kiosk.key" "$log" && grep -Eq "[0-9a-f]{32}" "$log" && fail "key material in the log"
echo "ok: good, same again, bad, NFD, read-only and unpaired sticks"
