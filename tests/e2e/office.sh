#!/bin/bash
# Content as an office receives it, through the command line: a folder of
# PowerPoint slides exported as pictures given as the playlist (--check DIR,
# --render OUT DIR), a PDF handbook, the clerk's usual mistakes; and the
# pictures and PDFs made to hurt, under a small memory limit (prlimit) and
# with their peak memory and time measured: a 35-byte GIF whose frame asks
# for 4 GB, a JPEG of 100,000 scans, a 50-megapixel photo, PDFs protected,
# cut short, of random bytes, of 2,000 pages. No display is needed.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
T=$E2E_TMP
export BANGTIN_DATADIR=${BANGTIN_DATADIR:-$PWD/assets}
# An ASan build maps terabytes of shadow memory: no address-space limit
# there, and its resident memory is ASan's (shadow, quarantine), not ours.
# 320 MB: the player now links FFmpeg's libraries (video slides), whose
# mappings count in the address space (about 15 MB more than without).
as_limit=$((320 << 20))
max_kb() { echo "$1"; }
if [ -n "${BT_SANITIZER:-}" ]; then
    as_limit=unlimited
    max_kb() { echo $((1 << 30)); }
fi

# measure OUT -- CMD...: runs CMD with its output in OUT; sets $status, $ms
# and $peak_kb (the largest resident size of CMD and its children).
measure() {
    local out=$1
    shift 2
    read -r status ms peak_kb < <(python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
with open(sys.argv[1], "w") as f:
    rc = subprocess.call(sys.argv[2:], stdout=f, stderr=subprocess.STDOUT)
print(rc, int((time.monotonic() - t) * 1000), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$out" "$@")
}

# has FILE REGEX: a line of FILE matches.
has() {
    grep -Eq -- "$2" "$1" || fail "no line matching '$2' in $1: $(head -c 3000 "$1")"
}

# check_limited NAME DIR: --check DIR within the address-space limit;
# status, time and peak memory in $status, $ms, $peak_kb.
check_limited() {
    measure "$T/$1.txt" -- prlimit --as="$as_limit" -- timeout -k 5 30 "$bin" --check "$2"
    echo "  $1: status $status, $ms ms, peak $((peak_kb / 1024)) MB"
    [ "$status" -le 1 ] || fail "$1: --check status $status: $(tail -n 5 "$T/$1.txt")"
}

# ---- a folder of PowerPoint slides is a playlist ------------------------------

deck=$T/deck
mkdir -p "$deck"
colours=(e53935 43a047 1e88e5 fdd835 8e24aa 00acc1 6d4c41 f4511e 3949ab 7cb342 d81b60 546e7a)
for i in 11 3 7 12 1 9 5 2 10 8 4 6; do # written in no order: the names give it
    convert -size 640x360 "xc:#${colours[$((i - 1))]}" "$deck/Slide$i.PNG" || fail "convert"
done
printf 'ghi chú\n' >"$deck/notes.txt"
printf 'PK\003\004' >"$deck/Bai giang.pptx"
printf 'version: 1\n' >"$deck/playlist.yaml.txt"
touch "$deck/Thumbs.db" "$deck/.DS_Store"

"$bin" --check "$deck" >"$T/deck-check.txt" 2>&1 || fail "--check DIR: status $?: $(cat "$T/deck-check.txt")"
has "$T/deck-check.txt" "^$deck: usable: 12 slides, 0 topics, 0 tips \(0 errors, 3 warnings\)$"
has "$T/deck-check.txt" "^$deck: warning: \"Bai giang.pptx\" is a presentation \(PowerPoint\): open it and save it as PDF \(File > Save As > PDF\)"
has "$T/deck-check.txt" "^$deck: warning: \"playlist.yaml.txt\" is a playlist whose name ends in .txt .*: rename it playlist.yaml"
has "$T/deck-check.txt" "^$deck: warning: \"notes.txt\" is not a picture, a PDF or a video; it is left out$"
grep -q "Thumbs.db\|DS_Store" "$T/deck-check.txt" && fail "system files were mentioned: $(cat "$T/deck-check.txt")"

env -u DISPLAY "$bin" --render "$T/deck-out" --size 480x270 "$deck" >"$T/deck-render.txt" 2>"$T/deck-render.log" ||
    fail "--render OUT DIR: status $?"
i=0
for f in "$T"/deck-out/0*.png; do
    i=$((i + 1))
    [ "$(basename "$f")" = "$(printf '%03d-Slide%d_PNG.png' $i $i)" ] || fail "slide $i is $(basename "$f")"
    # The whole screen is the slide: its top row and its bottom row.
    for y in 0 269; do
        got=$(pixel "$f" 240 $y)
        want=$(printf '%d,%d,%d' 0x${colours[$((i - 1))]:0:2} 0x${colours[$((i - 1))]:2:2} 0x${colours[$((i - 1))]:4:2})
        [ "$got" = "$want" ] || fail "$(basename "$f") at 240,$y: $got, want $want"
    done
done
[ "$i" -eq 12 ] || fail "$i slides rendered, want 12"
echo "ok: a folder of 12 PowerPoint slides checks and renders in order, full screen"

# ---- a PDF handbook -------------------------------------------------------------

pl=$T/pdf
mkdir -p "$pl/docs"
python3 tests/media/mkpdf.py "$pl/docs/cam-nang.pdf" 3 ff0000,00ff00,0000ff
cat >"$pl/playlist.yaml" <<EOF
version: 1
theme:
  background: "#202020"
slides:
  - pdf: docs/cam-nang.pdf
    pages: "3,1"
EOF
"$bin" --check "$pl/playlist.yaml" >"$T/pdf-check.txt" 2>&1 || fail "--check PDF: $(cat "$T/pdf-check.txt")"
has "$T/pdf-check.txt" "usable: 2 slides"
env -u DISPLAY "$bin" --render "$T/pdf-out" --size 480x270 "$pl/playlist.yaml" >/dev/null 2>"$T/pdf.log" ||
    fail "--render PDF: status $?"
[ "$(pixel "$T/pdf-out/001-docs_cam-nang_pdf_3.png" 240 135)" = "0,0,255" ] || fail "page 3 is not blue"
[ "$(pixel "$T/pdf-out/002-docs_cam-nang_pdf_1.png" 240 135)" = "255,0,0" ] || fail "page 1 is not red"
[ "$(pixel "$T/pdf-out/002-docs_cam-nang_pdf_1.png" 10 135)" = "32,32,32" ] || fail "no background beside the page"
echo "ok: a PDF's pages 3 and 1 render in that order, in their colours"

# ---- pictures made to hurt ------------------------------------------------------

case_dir() { # case_dir NAME FILE: a folder holding one picture, as the playlist
    mkdir -p "$T/$1"
    d=$T/$1
}

case_dir gif-bomb
printf 'GIF89a\x10\x00\x10\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02\x44\x01\x00;' >"$d/bomb.gif"
check_limited gif-bomb "$d"
[ "$status" -eq 1 ] || fail "gif-bomb: status $status"
has "$T/gif-bomb.txt" "image \"bomb.gif\" cannot be shown: the picture file is damaged: its frame 1 \(65535x65535 pixels at 0,0\) does not fit in the picture \(16x16\)"
[ "$ms" -lt 2000 ] || fail "gif-bomb: $ms ms"
[ "$peak_kb" -lt "$(max_kb $((64 << 10)))" ] || fail "gif-bomb: peak $peak_kb KB"

case_dir jpeg-scans
python3 tests/media/jpeg_scans.py "$d/scans.jpg" 6000 6000 100000 empty
check_limited jpeg-scans "$d"
has "$T/jpeg-scans.txt" "image \"scans.jpg\" cannot be shown: the photo's data is damaged"
[ "$ms" -lt 3000 ] || fail "jpeg-scans: $ms ms"

case_dir photo-50mp
convert -size 8700x5800 'xc:#14a03c' -quality 80 "$d/photo.jpg" 2>/dev/null || fail "convert 50 MP"
check_limited photo-50mp "$d"
[ "$status" -eq 0 ] || fail "photo-50mp: status $status: $(cat "$T/photo-50mp.txt")"
has "$T/photo-50mp.txt" "usable: 1 slides"
# Decoded for a 1080p screen at 1/4 (2175x1450, 12 MB), not at 50 MP (200 MB).
[ "$peak_kb" -lt "$(max_kb $((100 << 10)))" ] || fail "photo-50mp: peak $peak_kb KB"
photo_kb=$peak_kb

case_dir png-50mp
python3 - "$d/big.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8700, 5800, 8, 2, 0, 0, 0)) + chunk(b'IEND', b''))
EOF
check_limited png-50mp "$d"
has "$T/png-50mp.txt" "image \"big.png\" cannot be shown: the picture is too large \(8700x5800 pixels, at most 36 megapixels\)"
echo "ok: picture bombs refused from their headers, a 50 MP photo checked in $((photo_kb / 1024)) MB"

# ---- PDFs made to hurt -----------------------------------------------------------

mkdir -p "$T/pdfs"
p=$T/pdfs
python3 tests/media/mkpdf.py "$p/good.pdf" 3 ff0000
head -c 500 "$p/good.pdf" >"$p/cut.pdf"
head -c 4096 /dev/urandom >"$p/random.pdf"
python3 tests/media/mkpdf.py "$p/long.pdf" 2000
printf 'version: 1\nslides:\n  - pdf: cut.pdf\n  - pdf: random.pdf\n  - pdf: long.pdf\n' >"$p/playlist.yaml"
if command -v qpdf >/dev/null; then
    qpdf --encrypt secret owner 256 -- "$p/good.pdf" "$p/locked.pdf"
    printf '  - pdf: locked.pdf\n' >>"$p/playlist.yaml"
fi
check_limited pdfs "$p/playlist.yaml"
[ "$status" -eq 0 ] || fail "pdfs: status $status (the long one is usable)"
has "$T/pdfs.txt" ':3:10: error: slide "slide-1": pdf "cut.pdf" cannot be shown: this PDF is damaged or cut short: copy it again, or save it again as PDF$'
has "$T/pdfs.txt" ':4:10: error: slide "slide-2": pdf "random.pdf" cannot be shown: this file is not a PDF$'
has "$T/pdfs.txt" ':5:10: error: slide "slide-3": pdf "long.pdf" has 2000 pages, more than the 300 one PDF may show'
if command -v qpdf >/dev/null; then
    has "$T/pdfs.txt" ':6:10: error: slide "slide-4": pdf "locked.pdf" cannot be shown: this PDF is protected by a password'
fi
has "$T/pdfs.txt" "usable: 300 slides"
[ "$ms" -lt 10000 ] || fail "pdfs: $ms ms"
echo "ok: damaged, random, protected and 2,000-page PDFs told in words in $ms ms"
