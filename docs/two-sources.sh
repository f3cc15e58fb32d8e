#!/bin/bash
# Makes docs/two-sources.png, the README's picture of how the campaign and
# the office's playlist mix: a campaign of six slides and an office
# playlist of two, taken into a scratch library, rendered by
# `bangtin --render --now` in loop order, side by side.
set -eu
cd "$(dirname "$0")/.."
bin=$(realpath "${BANGTIN:-build/bangtin}")
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/c" "$t/lib"
{
    echo 'version: 1'
    echo 'name: "Chiến dịch của tỉnh"'
    echo 'slides:'
    for i in 1 2 3 4 5 6; do
        echo "  - {id: tinh-$i, title: \"Tỉnh $i\", body: \"Trang $i của chiến dịch\"}"
    done
} >"$t/c/playlist.yaml"
cat >"$t/office.yaml" <<'YAML'
version: 1
name: "UBND phường"
slides:
  - {id: phuong-1, title: "Phường 1", body: "Lịch tiếp dân"}
  - {id: phuong-2, title: "Phường 2", body: "Giờ làm việc"}
YAML
"$bin" --keygen "$t/k" >/dev/null 2>&1
"$bin" --sign "$t/k.key" "$t/c" >/dev/null
# The campaign taken as a kiosk takes it: from a stick, by a player.
mkdir -p "$t/media/stick"
cp -r "$t/c" "$t/media/stick/bangtin"
SDL_VIDEODRIVER=offscreen "$bin" --window 320x180 --library "$t/lib" --watch "$t/media" \
    --trust "$t/k.pub" "$t/office.yaml" >"$t/log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "plays now" "$t/log" && break; sleep 0.1; done
kill "$pid"
wait "$pid" || :
"$bin" --render "$t/r" --now 2027-03-16T09:00 --size 320x180 --library "$t/lib" \
    "$t/office.yaml" >"$t/files" 2>/dev/null
montage $(cat "$t/files") -tile 4x2 -geometry 320x180+4+4 -background '#dddddd' \
    docs/two-sources.png
echo docs/two-sources.png
