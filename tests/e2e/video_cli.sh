#!/bin/bash
# Video slides on the command line: --render paints each video slide with
# its poster frame (the second `poster:` names, 0 by default), full screen
# or in its layout's picture box; a clip with no frame to show leaves its
# slide painted without it, with the reason; --check probes a long 1080p
# clip in bounded time and lets it pass, and refuses a bad one at its
# entry's line:col (the hostile clips are in hostile.sh).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
[ -x "$bin" ] || fail "no player at $bin (build it first)"
T=$E2E_TMP
ff="ffmpeg -nostdin -v error -y"
# 2 s red, then 2 s green
$ff -f lavfi -i color=c=red:s=640x360:d=2:r=30 -f lavfi -i color=c=green:s=640x360:d=2:r=30 \
    -filter_complex concat=n=2:v=1:a=0 -c:v libx264 -preset veryfast -pix_fmt yuv420p \
    -movflags +faststart "$T/rg.mp4" || fail "ffmpeg cannot make rg.mp4"
# a minute of 1080p30 with sound, the index at the end
$ff -f lavfi -i testsrc2=s=1920x1080:r=30:d=60 -f lavfi -i sine=d=60 -c:v libx264 -preset ultrafast \
    -pix_fmt yuv420p -c:a aac "$T/long.mp4" || fail "ffmpeg cannot make long.mp4"
head -c 3000 "$T/rg.mp4" >"$T/cut.mp4"

cat >"$T/render.yaml" <<'YAML'
version: 1
theme: {background: "#102030"}
slides:
  - {id: first, video: rg.mp4}
  - {id: third-second, video: rg.mp4, poster: 3}
  - {id: caption, title: "Hướng dẫn nộp hồ sơ", video: rg.mp4, layout: caption, poster: 2.5}
  - {id: cut, title: "Video hỏng", video: cut.mp4}
YAML
out="$T/out"
env -u DISPLAY "$bin" --render "$out" --size 640x360 "$T/render.yaml" >"$T/render.log" 2>&1 ||
    fail "--render failed: $(cat "$T/render.log")"
near() { # near R,G,B R,G,B: within 40 a channel
    local a b
    IFS=, read -r -a a <<<"$1"
    IFS=, read -r -a b <<<"$2"
    for i in 0 1 2; do
        local d=$((a[i] - b[i]))
        [ "${d#-}" -le 40 ] || return 1
    done
}
expect() { # expect FILE X Y R,G,B WHAT
    local got
    got=$(pixel "$out/$1" "$2" "$3")
    near "$got" "$4" || fail "$1 at $2,$3: $got, expected $4 ($5)"
}
# The clip fills the screen (a video slide is `full` unless its entry
# says otherwise): its colour in the corners too, no header.
expect 001-first.png 320 180 254,0,0 "the first frame: red"
expect 001-first.png 5 5 254,0,0 "full screen: red in the corner"
expect 002-third-second.png 320 180 0,128,0 "poster: 3, green"
expect 002-third-second.png 630 5 0,128,0 "full screen: green in the corner"
# In a caption layout the frame is in the picture box, the title below it.
expect 003-caption.png 320 100 0,128,0 "poster: 2.5 in the picture box"
[ "$(colours "$out/003-caption.png" 640x90+0+270)" -gt 4 ] || fail "003-caption: no title text below the picture"
# No frame to show: the slide is painted (the theme's colour), the reason
# is logged; never a black picture.
[ -f "$out/004-cut.png" ] || fail "the slide of the damaged clip was not rendered"
expect 004-cut.png 320 180 16,32,48 "no poster: the theme background"
grep -Eq "cut.mp4: no poster frame: .*(cut short|damaged)" "$T/render.log" ||
    fail "no reason for the missing poster: $(cat "$T/render.log")"
echo "ok: --render paints poster frames (0, 3 and 2.5 s), full screen and in a caption"

# --check: a minute of 1080p is probed, not decoded: bounded time.
cat >"$T/check.yaml" <<'YAML'
version: 1
slides:
  - title: "Một"
  - video: long.mp4
    sound: true
  - {video: cut.mp4, duration: 5}
YAML
start=$(date +%s%N)
timeout 20 "$bin" --check "$T/check.yaml" >"$T/check.log" 2>&1
status=$?
ms=$((($(date +%s%N) - start) / 1000000))
[ "$status" -eq 0 ] || fail "--check status $status: $(cat "$T/check.log")"
[ "$ms" -lt 5000 ] || fail "--check took $ms ms on a minute of 1080p"
grep -q "long.mp4" "$T/check.log" && fail "--check refused the good clip: $(cat "$T/check.log")"
grep -Eq "check.yaml:6:13: error: slide \"slide-3\": video \"cut.mp4\" cannot be played: the file is cut short: copy it again" \
    "$T/check.log" || fail "--check did not refuse cut.mp4 at 6:13: $(cat "$T/check.log")"
echo "ok: --check probes a minute of 1080p in $ms ms and refuses the cut clip at its line:col"
