#!/bin/bash
# A clerk's sticks, as they come: every paired stick gets a message on the
# screen (and bangtin/errors.txt when something is to be fixed), never
# silence:
# 1. a FAT stick whose bangtin/ holds only pictures (a PowerPoint deck saved
#    as Slide1.PNG ... Slide12.PNG): loaded and played full screen, in order;
# 2. playlist.yaml.txt (Notepad, endings hidden): used, and "rename it";
# 3. a playlist at the top of the stick: "move it into the bangtin folder";
# 4. an empty bangtin/: what to put in it;
# 5. a .pptx beside the pictures: loaded, and "save it as PDF";
# 6. a Windows path (images\otp.png): refused, "write / instead".
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
log="$E2E_TMP/player.log"
mkdir -p "$watch" "$spare" "$lib"
$bin --pair "$spare" --library "$lib" >/dev/null || fail "--pair" # makes the kiosk's key
colour_of() { echo "#ff0000 #00a000 #0000ff #ffff00 #ff00ff #00ffff #804000 #ff8000 #8000ff #008080 #808080 #400000" |
    cut -d' ' -f"$1"; }

# stick NAME: a paired stick folder in $spare/NAME with an empty bangtin/.
stick() {
    mkdir -p "$spare/$1/bangtin"
    $bin --pair "$spare/$1" --library "$lib" >/dev/null || fail "--pair $1"
}
plug() { mv "$spare/$1" "$watch/$1"; }
unplug() {
    rm -rf "$watch/$1"
    wait_for 30 "the stick $1 gone" grep -q "the stick at $watch/$1 is gone" "$log"
}
said() { grep -q "overlay: .*$1" "$log"; }
errors_say() { # STICK WORDS: its errors.txt (CRLF, for Notepad) holds WORDS
    [ -f "$1/bangtin/errors.txt" ] && grep -q "$2" "$1/bangtin/errors.txt"
}

e2e_start 1280x720
$bin --window 1280x720 --library "$lib" --watch "$watch" playlists/awareness.yaml >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 30 "the bangtin window" window_up

# 1. Pictures only, on a real FAT image (upper-case 8.3 names through
# fusefat), mounted on a folder under --watch.
mkdir -p "$spare/deck/bangtin"
for i in $(seq 1 12); do
    convert -size 1600x1200 "xc:$(colour_of "$i")" "$spare/deck/bangtin/Slide$i.PNG" || fail "convert"
done
$bin --pair "$spare/deck" --library "$lib" >/dev/null || fail "--pair deck"
img="$E2E_TMP/deck.img"
truncate -s 32M "$img" && mkfs.vfat -n DECK "$img" >/dev/null &&
    mcopy -s -i "$img" "$spare/deck/bangtin" ::/ || fail "cannot build the FAT image"
mnt="$watch/DECK"
mkdir -p "$mnt"
fusefat -f -o ro "$img" "$mnt" >/dev/null 2>&1 &
fuse_pid=$!
trap 'fusermount -u -z "$mnt" 2>/dev/null; kill $fuse_pid 2>/dev/null; e2e_cleanup' EXIT
mounted() { [ "$(stat -c %d "$mnt")" != "$(stat -c %d "$watch")" ]; }
wait_for 10 "fusefat mounts the image" mounted
wait_for 60 "the pictures-only stick loaded" said "Đã nạp danh sách mới từ USB | 12 trang chiếu"
wait_for 30 "its playlist playing" grep -q "reloaded .*imported from a USB stick.*: 12 slides" "$log"
# The first slide full screen: red, in the middle of the window and at the
# top edge (no header over it), with the theme's colour on the side bars.
red_full() { shot "$E2E_TMP/s.png" && [ "$(pixel "$E2E_TMP/s.png" 640 360)" = "255,0,0" ] &&
    [ "$(pixel "$E2E_TMP/s.png" 640 1)" = "255,0,0" ] && [ "$(pixel "$E2E_TMP/s.png" 20 360)" != "255,0,0" ]; }
wait_for 30 "Slide1 on the whole screen" red_full
[ "$(ls "$lib/current/" | grep -ci '^slide[0-9]*\.png$')" -eq 12 ] ||
    fail "the library's copy does not hold the 12 pictures: $(ls "$lib/current/")"
fusermount -u "$mnt"
wait "$fuse_pid" 2>/dev/null
wait_for 30 "the FAT stick gone" grep -q "the stick at $mnt is gone" "$log"

# 2. playlist.yaml.txt: used, with a warning on screen and in errors.txt.
stick txt
printf 'version: 1\nname: "Tệp .txt"\nslides:\n  - {title: "Thông báo"}\n' >"$spare/txt/bangtin/playlist.yaml.txt"
plug txt
wait_for 30 "the .txt playlist loaded, with its warning" said "Đã nạp.*hãy đổi tên thành playlist.yaml"
errors_say "$watch/txt" "hãy đổi tên thành playlist.yaml" || fail "errors.txt does not say to rename it"
unplug txt

# 3. A playlist at the top of the stick, bangtin/ holding only the key.
stick top
printf 'version: 1\nslides:\n  - {title: "Ở ngoài"}\n' >"$spare/top/playlist.yaml"
plug top
wait_for 30 "told to move the playlist" said "hãy chuyển tệp vào thư mục bangtin"
errors_say "$watch/top" "hãy chuyển tệp vào thư mục bangtin" || fail "errors.txt does not say where it goes"
unplug top

# 4. An empty bangtin/.
stick empty
plug empty
wait_for 30 "told what to put in it" said "không có hình ảnh, PDF hay video nào để hiển thị: hãy chép chúng vào"
errors_say "$watch/empty" "hãy chép chúng vào" || fail "errors.txt does not say what to put in it"
unplug empty

# 5. A PowerPoint file beside the pictures: the pictures play, the .pptx is
# told to be saved as PDF.
stick pptx
convert -size 800x600 xc:orange "$spare/pptx/bangtin/Slide1.PNG"
printf 'PK\003\004not really' >"$spare/pptx/bangtin/Tuyen truyen.pptx"
plug pptx
wait_for 30 "loaded, the .pptx told to be saved as PDF" said "Đã nạp.*lưu dưới dạng PDF"
errors_say "$watch/pptx" "lưu dưới dạng PDF" || fail "errors.txt does not say to save it as PDF"
unplug pptx

# 6. A path written the Windows way.
stick win
mkdir -p "$spare/win/bangtin/images"
cp playlists/images/otp.png "$spare/win/bangtin/images/otp.png"
printf 'version: 1\nslides:\n  - {title: "OTP", image: "images\\\\otp.png"}\n' >"$spare/win/bangtin/playlist.yaml"
plug win
wait_for 30 "the Windows path refused with its fix" said "hãy viết bằng dấu /"
errors_say "$watch/win" "hãy viết bằng dấu /" || fail "errors.txt does not say to write /"
unplug win

kill -0 "$E2E_PIDS" || fail "the player died"
kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS" || fail "exit status $?"
E2E_PIDS=""
echo "ok: a pictures-only FAT stick plays full screen; .txt, top, empty, .pptx and Windows-path sticks each told what to do"
