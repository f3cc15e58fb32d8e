#!/bin/bash
# A stick with clips, in the real player in a window under Xvfb: while the
# clips are copied into the library an overlay says which and how far
# ("Đang chép video 1/2 — 45%"), from 0 % to 100 % for each clip in turn
# (the pictures are not counted), then the playlist is loaded and its
# clips play. BANGTIN_TEST_IMPORT_DELAY_MS holds each file's copy at its
# start, long enough to take a screenshot of the overlay.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
[ -x "$bin" ] || fail "no player at $bin (build it first)"
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
spare="$E2E_TMP/spare"
stick="$spare/clips"
mkdir -p "$watch" "$lib" "$stick/bangtin/clips" "$stick/bangtin/images"
log="$E2E_TMP/player.log"

# Two clips of a few MB (noise compresses badly: many 64 KB reads each).
for c in a b; do
    ffmpeg -nostdin -v error -y -f lavfi -i "nullsrc=s=640x360:r=30:d=2,geq=random(1)*255:128:128" \
        -c:v libx264 -preset ultrafast -pix_fmt yuv420p -movflags +faststart \
        "$stick/bangtin/clips/$c.mp4" || fail "ffmpeg cannot make $c.mp4"
done
cp playlists/images/otp.png "$stick/bangtin/images/"
$bin --pair "$stick" --library "$lib" >/dev/null || fail "--pair"
cat >"$stick/bangtin/playlist.yaml" <<'YAML'
version: 1
name: "Video từ USB"
slides:
  - {id: anh, title: "Ảnh", image: images/otp.png, duration: 2}
  - {id: a, video: clips/a.mp4}
  - {id: b, video: clips/b.mp4}
YAML

e2e_start 640x360
BANGTIN_TEST_IMPORT_DELAY_MS=1500 SDL_RENDER_DRIVER=software $bin --window 640x360 --library "$lib" \
    --watch "$watch" playlists/awareness.yaml >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 20 "the player to start" grep -q "playing" "$log"
wait_for 10 "the window" window_up
shot "$E2E_TMP/before.png"
mv "$stick" "$watch/clips"
progress() { grep -o "Đang chép video [0-9]*/[0-9]* — [0-9]*%" "$log"; }
wait_for 30 "the second clip's copy starting" grep -q "Đang chép video 2/2 — 0%" "$log"
shot "$E2E_TMP/copying.png"
wait_for 60 "the stick loaded" grep -q "overlay: Đã nạp danh sách mới từ USB" "$log"
wait_for 60 "the first clip playing from the library" grep -q "video clips/a.mp4: played" "$log"
kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
E2E_PIDS=""

# The steps: each clip from 0 % to 100 %, the first before the second,
# every step up, never more than 5 points apart but for a clip's last.
progress >"$E2E_TMP/progress.txt"
python3 - "$E2E_TMP/progress.txt" <<'EOF' || fail "the progress was not told in order: $(tr '\n' ';' <"$E2E_TMP/progress.txt")"
import re, sys
steps = [tuple(map(int, re.findall(r"\d+", l))) for l in open(sys.argv[1])]
assert steps and all(t == 2 for _, t, _ in steps), steps
for clip in (1, 2):
    pcs = [p for n, _, p in steps if n == clip]
    assert pcs[0] == 0 and pcs[-1] == 100, (clip, pcs)
    assert all(b > a for a, b in zip(pcs, pcs[1:])), (clip, pcs)
    assert len(pcs) >= 3, (clip, pcs)
assert [n for n, _, _ in steps] == sorted(n for n, _, _ in steps), steps
EOF
# On screen: the overlay, low over the slide, changed the picture there.
changed=$(differing_pixels "$E2E_TMP/before.png" "$E2E_TMP/copying.png")
[ "${changed:-0}" -gt 2000 ] || fail "no overlay on screen while copying ($changed pixels changed)"
[ -n "${E2E_SHOTS:-}" ] && cp "$E2E_TMP/copying.png" "$E2E_SHOTS/usb-video-copying.png"
echo "ok: the clips' copy told on screen: $(progress | tr '\n' ';' | cut -c1-200)"
