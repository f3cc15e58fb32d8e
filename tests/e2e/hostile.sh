#!/bin/bash
# The hostile corpus (issue 7): playlists and pictures anyone could bring on a
# stick, each generated here at run time (no 60 MB file in git), checked with
# `bangtin --check` under a time and memory limit. Each case asserts:
#   - exit status 0 or 1 as expected: never a signal, never the timeout;
#   - a clear error with its place, FILE:LINE:COL: (or FILE: for problems of
#     the whole file, such as its size), in the expected words;
#   - a bounded time (HOSTILE_MAX_MS, default 10 s; the hard stop is 20 s).
# The playlists that load are then painted with --render (no display), to
# show the painting path survives what the checker lets through.
# The running player plays every playlist (offscreen), and each hostile clip
# between two slides under Xvfb, its centre pixel watched.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
max_ms=${HOSTILE_MAX_MS:-10000}
# Address space for one run. An ASan build maps terabytes of shadow memory
# up front, so there the limit is left to ASan itself (its own rss limit).
mem_kb=${HOSTILE_MEM_KB:-1048576}
if [ -n "${BT_SANITIZER:-}" ]; then
    mem_kb=unlimited
fi
for b in $bin; do
    [ -e "$b" ] || fail "no player at $b (build it first)"
done

T=$E2E_TMP
fixtures=tests/fixtures/load
cases=0
slowest=0
slowest_case=""
usable=""

# ---- building the cases ----------------------------------------------------

# new_case NAME: a fresh folder $T/NAME with real pictures, a font and an
# outside folder (for links that point out); $d is the folder, $p its playlist.
new_case() {
    d="$T/cases/$1"
    p="$d/playlist.yaml"
    mkdir -p "$d/images" "$d/fonts"
    cp "$fixtures/images/otp.png" "$fixtures/images/photo.jpg" "$fixtures/images/anim.gif" "$d/images/"
    cp "$fixtures/fonts/Test-Regular.ttf" "$d/fonts/"
}

# A slide that loads, so cases with one bad slide still make a usable playlist.
good_slide='  - id: good
    title: "Không chia sẻ mã OTP"
    body: "Ngân hàng không bao giờ hỏi mã OTP."
    image: images/otp.png'

# image_case NAME: a playlist with the good slide and one that shows
# images/NAME (the caller writes that file).
image_case() {
    new_case "$1"
    printf 'version: 1\nslides:\n%s\n  - id: bad\n    title: "Ảnh hỏng"\n    image: "images/%s"\n' \
        "$good_slide" "$2" >"$p"
}

# PNG signature and IHDR chunk with the given width and height.
png_header() {
    printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR'
    printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))"
    printf "\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"
    printf "\\x$(printf %02x $(($2 >> 24 & 255)))\\x$(printf %02x $(($2 >> 16 & 255)))"
    printf "\\x$(printf %02x $(($2 >> 8 & 255)))\\x$(printf %02x $(($2 & 255)))"
    printf '\x08\x06\x00\x00\x00\x00\x00\x00\x00'
}

# ---- running a case --------------------------------------------------------

# check NAME STATUS REGEX...: runs --check on the case's playlist and asserts
# its status and that each REGEX (extended, anchored by the caller) matches
# a line of its output.
check() {
    local name=$1 want=$2
    shift 2
    local out="$T/out/$name.txt" start end ms status
    mkdir -p "$T/out"
    start=$(date +%s%N)
    (
        ulimit -v "$mem_kb"
        exec timeout -k 5 20 $bin --check "$p"
    ) >"$out" 2>&1
    status=$?
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    cases=$((cases + 1))
    [ "$ms" -gt "$slowest" ] && slowest=$ms slowest_case=$name
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        fail "$name: --check did not finish in 20 s"
    elif [ "$status" -gt 128 ]; then
        fail "$name: --check died of signal $((status - 128)): $(tail -n 5 "$out")"
    elif [ "$status" -ne "$want" ]; then
        fail "$name: --check status $status, expected $want: $(head -c 2000 "$out")"
    fi
    [ "$ms" -le "$max_ms" ] || fail "$name: --check took $ms ms (at most $max_ms)"
    grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$out" &&
        fail "$name: sanitizer report: $(head -c 3000 "$out")"
    local re
    for re in "$@"; do
        # The file name may hold regex characters ($T): match it literally.
        grep -Eq "^$(printf '%s' "$p" | sed 's/[][\.*^$+?(){}|]/\\&/g')$re" "$out" ||
            fail "$name: no line matching '$p$re' in: $(head -c 2000 "$out")"
    done
    # No message may be longer than a screen can show: long input is shortened.
    awk 'length($0) > 2000 { bad = 1 } END { exit bad }' "$out" ||
        fail "$name: a message longer than 2000 characters"
    [ "$want" -eq 0 ] && usable="$usable $name"
}

# Places, as regexes that follow the file name.
AT=':[0-9]+:[0-9]+: error: '   # FILE:LINE:COL: error:
WAT=':[0-9]+:[0-9]+: warning: ' # FILE:LINE:COL: warning:
WHOLE=': error: '               # FILE: error: (the whole file)

# ---- syntax ------------------------------------------------------------------

new_case syntax-colon
printf 'version: 1\nslides:\n  - title: "a": b\n' >"$p"
check syntax-colon 1 ":3:[0-9]+: error: .*':'"

new_case syntax-quote
printf 'version: 1\nslides:\n  - title: "never closed\n    body: x\n' >"$p"
check syntax-quote 1 "$AT"'.*quote'

new_case syntax-indent
printf 'version: 1\nslides:\n  - title: a\n   body: b\n' >"$p"
check syntax-indent 1 ":4:[0-9]+: error: "

new_case syntax-brackets
printf 'version: 1\nslides: [{title: a}\n' >"$p"
check syntax-brackets 1 "$AT"

new_case tabs
printf 'version: 1\nslides:\n\t- title: a\n' >"$p"
check tabs 1 ":3:1: error: .*tab"

new_case two-documents
printf 'version: 1\nslides: [{title: a}]\n---\nversion: 1\n' >"$p"
check two-documents 1 ":3:1: error: .*second document"

new_case undefined-alias
printf 'version: 1\nslides:\n  - *nowhere\n' >"$p"
check undefined-alias 1 ":3:[0-9]+: error: .*nowhere.*not defined"

new_case recursive-alias
printf 'version: 1\nslides: &s\n  - title: a\n  - *s\n' >"$p"
check recursive-alias 1 ":4:[0-9]+: error: .*not defined"

# ---- types -------------------------------------------------------------------

new_case wrong-types
cat >"$p" <<EOF
version: 1
defaults:
  duration: [1, 2]
  transition: 7
slides:
$good_slide
  - title: {a: b}
  - title: x
    duration: "soon"
  - title: y
    schedule: "always"
  - title: z
    layout: [image]
touch: "yes please"
tips: 12
EOF
check wrong-types 0 ":3:[0-9]+: error: .*duration must be" ":4:[0-9]+: error: .*transition must be" \
    ":10:[0-9]+: error: .*title must be a text" ":12:[0-9]+: error: .*duration must be" \
    ":14:[0-9]+: error: .*schedule must be" ":16:[0-9]+: error: .*layout must be" \
    ":17:[0-9]+: error: touch must be" ":18:[0-9]+: error: tips must be"

new_case not-a-playlist
printf -- '- just\n- a list\n' >"$p"
check not-a-playlist 1 ":1:1: error: this is not a playlist"

new_case scalar-only
printf 'hello\n' >"$p"
check scalar-only 1 ":1:1: error: this is not a playlist"

new_case wrong-version
printf 'version: 2\nslides: [{title: a}]\n' >"$p"
check wrong-version 1 ":1:10: error: version must be 1"

# ---- bytes -------------------------------------------------------------------

new_case nul-byte
printf 'version: 1\nslides:\n  - title: "a\x00b"\n' >"$p"
check nul-byte 1 ":3:[0-9]+: error: .*zero byte"

new_case nul-escape
printf 'version: 1\nslides:\n  - title: "a\\0b"\n' >"$p"
check nul-escape 0 ":3:[0-9]+: warning: .*zero character"

new_case invalid-utf8
printf 'version: 1\nslides:\n  - title: "Kh\xf4ng \xc3(\xed\xa0\x80 \xf8\x88\x80\x80\x80"\n' >"$p"
check invalid-utf8 0 ":3:[0-9]+: warning: .*not valid UTF-8"

new_case utf16
printf '\xff\xfev\x00e\x00r\x00\n\x00' >"$p"
check utf16 1 ":1:1: error: .*UTF-16"

new_case empty
: >"$p"
check empty 1 "$WHOLE"'the file is empty'

new_case only-comments
printf '# nothing here\n\n   \n' >"$p"
check only-comments 1 ":1:1: error: .*nothing but comments"

new_case random-bytes
# A fixed seed: the same bytes on every machine (awk's rand is portable).
awk 'BEGIN { srand(1907); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' |
    LC_ALL=C tr -d '\000' >"$p"
check random-bytes 1 ":[0-9]+:[0-9]+: error: "

new_case random-bytes-nul
awk 'BEGIN { srand(458); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' >"$p"
check random-bytes-nul 1 ":[0-9]+:[0-9]+: error: "

# ---- size ---------------------------------------------------------------------

new_case huge-file
{
    printf 'version: 1\nslides:\n'
    yes '  - title: "Một slide giống hệt nhau"' | head -c $((60 * 1024 * 1024))
} >"$p"
check huge-file 1 "$WHOLE"'the file is too large \(60\.[0-9] MB'

new_case deep-flow
awk 'BEGIN { printf "version: 1\nslides:\n  - title: "; for (i = 0; i < 100000; i++) printf "["; printf "x"; for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$p"
check deep-flow 1 ":3:[0-9]+: error: .*nested too deeply"

new_case deep-block
# Compact nested lists, "- - - x", all on one line (indenting each level on
# its own line would make the file grow as the square of the depth).
awk 'BEGIN { print "version: 1"; printf "slides:\n  "; for (i = 0; i < 100000; i++) printf "- "; print "x" }' >"$p"
check deep-block 1 ":[0-9]+:[0-9]+: error: .*nested too deeply"

new_case deep-mapping
awk 'BEGIN { printf "version: 1\nslides:\n  - title: "; for (i = 0; i < 100000; i++) printf "{a: "; printf "x"; for (i = 0; i < 100000; i++) printf "}"; print "" }' >"$p"
check deep-mapping 1 ":3:[0-9]+: error: .*nested too deeply"

new_case billion-laughs
{
    printf 'version: 1\n'
    printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev=a
    for n in b c d e f g h i j; do
        printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $n $n $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev
        prev=$n
    done
    printf 'slides:\n  - title: *j\n'
} >"$p"
check billion-laughs 1 ":[0-9]+:[0-9]+: error: .*repeats '\*[a-j]' so often"

new_case many-anchors
# Many distinct anchors and aliases, each cheap: linear, not refused for size.
awk 'BEGIN { print "version: 1"; print "x:"; for (i = 0; i < 20000; i++) printf "  - &a%d v\n", i; print "y:"; for (i = 0; i < 20000; i++) printf "  - *a%d\n", i; print "slides: [{title: a}]" }' >"$p"
check many-anchors 0 "$WAT"'unknown key'

new_case many-slides
awk 'BEGIN { print "version: 1"; print "slides:"; for (i = 0; i < 6000; i++) printf "  - title: \"Slide %d\"\n", i }' >"$p"
check many-slides 0 ":[0-9]+:[0-9]+: error: too many slides \(6000, at most 5000\)"

new_case many-keys
# Unknown keys by the hundred thousand: warned about, but the messages are capped.
awk 'BEGIN { print "version: 1"; for (i = 0; i < 150000; i++) printf "k%d: v\n", i; print "slides: [{title: a}]" }' >"$p"
check many-keys 1 ":[0-9]+:[0-9]+: error: the file has too many entries"

new_case long-title
{
    printf 'version: 1\nslides:\n%s\n  - id: long\n    title: "' "$good_slide"
    head -c 200000 /dev/zero | tr '\0' 'a'
    printf '"\n'
} >"$p"
check long-title 0 ':8:[0-9]+: error: slide "long": title is too long \(200000 characters, at most [0-9]+\)'

new_case long-key
{
    printf 'version: 1\nslides:\n%s\n  ' "$good_slide"
    head -c 200000 /dev/zero | tr '\0' 'k'
    printf ': v\n'
} >"$p"
# YAML keys are at most 1024 characters: a syntax error at its line.
check long-key 1 ":7:[0-9]+: error: .*lacks its ':'"

new_case long-line-diacritics
{
    printf 'version: 1\nslides:\n%s\n  - id: nfd\n    body: "' "$good_slide"
    # "ệ" written decomposed (e + U+0323 + U+0302), 100,000 times.
    for i in $(seq 1 1000); do printf 'e\xcc\xa3\xcc\x82%.0s' $(seq 1 100); done
    printf '"\n'
} >"$p"
check long-line-diacritics 0 ':8:[0-9]+: error: slide "nfd": body is too long \(100000 characters'

# ---- paths -------------------------------------------------------------------

new_case dotdot
printf 'version: 1\nslides:\n%s\n  - image: "../../etc/passwd"\n  - image: "images/../images/otp.png"\n' "$good_slide" >"$p"
check dotdot 0 ":7:[0-9]+: error: .*'\.\.' is not allowed" ":8:[0-9]+: error: .*'\.\.' is not allowed"

new_case absolute
printf 'version: 1\nslides:\n%s\n  - image: /etc/passwd\ntheme:\n  font: /usr/share/fonts/x.ttf\n' "$good_slide" >"$p"
check absolute 0 ":7:[0-9]+: error: .*not an absolute path" ":9:[0-9]+: error: .*not an absolute path"

new_case symlink-out
mkdir -p "$T/outside"
cp "$fixtures/images/otp.png" "$T/outside/secret.png"
ln -s "$T/outside/secret.png" "$d/images/link.png"
ln -s "$T/outside" "$d/images/dir"
ln -s ../.. "$d/images/up"
ln -s /etc/passwd "$d/images/passwd.png"
printf 'version: 1\nslides:\n%s\n  - image: images/link.png\n  - image: images/dir/secret.png\n  - image: images/up/outside/secret.png\n  - image: images/passwd.png\n' "$good_slide" >"$p"
check symlink-out 0 ":7:[0-9]+: error: .*outside the playlist's folder" \
    ":8:[0-9]+: error: .*outside the playlist's folder" ":9:[0-9]+: error: .*outside the playlist's folder" \
    ":10:[0-9]+: error: .*outside the playlist's folder"

new_case symlink-loop
ln -s loop.png "$d/images/loop.png"
ln -s b.png "$d/images/a.png"
ln -s a.png "$d/images/b.png"
printf 'version: 1\nslides:\n%s\n  - image: images/loop.png\n  - image: images/a.png\n' "$good_slide" >"$p"
check symlink-loop 0 ":7:[0-9]+: error: .*image" ":8:[0-9]+: error: .*image"

new_case not-a-file
mkdir -p "$d/images/folder.png"
mkfifo "$d/images/fifo.png"
printf 'version: 1\nslides:\n%s\n  - image: images/folder.png\n  - image: images/fifo.png\n  - image: images/\n' "$good_slide" >"$p"
check not-a-file 0 ":7:[0-9]+: error: .*not a file" ":8:[0-9]+: error: .*image" ":9:[0-9]+: error: .*image"

new_case long-path
{
    printf 'version: 1\nslides:\n%s\n  - image: "' "$good_slide"
    for i in $(seq 1 3000); do printf 'a/'; done
    printf 'x.png"\n'
} >"$p"
check long-path 0 ":7:[0-9]+: error: .*image.*too long"

# ---- pictures ----------------------------------------------------------------

image_case png-huge huge.png
png_header 100000 100000 >"$d/images/huge.png"
check png-huge 0 ':9:[0-9]+: error: slide "bad": image "images/huge.png" cannot be shown: the picture is too large \(100000x100000 pixels'

image_case png-wide wide.png
png_header 20000 100 >"$d/images/wide.png"
check png-wide 0 ":9:[0-9]+: error: .*too large \(20000x100 pixels, at most 16384 pixels on a side"

image_case png-truncated cut.png
head -c 150 "$fixtures/images/otp.png" >"$d/images/cut.png"
check png-truncated 0 ':9:[0-9]+: error: slide "bad": image "images/cut.png" cannot be shown'

image_case png-header-only hdr.png
png_header 64 64 >"$d/images/hdr.png"
check png-header-only 0 ':9:[0-9]+: error: slide "bad": image "images/hdr.png" cannot be shown'

image_case png-corrupt corrupt.png
# A good header, then the compressed pixels overwritten with garbage.
{
    head -c 41 "$fixtures/images/otp.png"
    awk 'BEGIN { srand(7); for (i = 0; i < 400; i++) printf "%c", int(rand() * 256) }'
} >"$d/images/corrupt.png"
check png-corrupt 0 ':9:[0-9]+: error: slide "bad": image "images/corrupt.png" cannot be shown'

image_case png-lies lies.png
# The header says 2x2; the picture is 64x64: the decoder must not be trusted.
{
    png_header 2 2 | head -c 24
    tail -c +25 "$fixtures/images/otp.png"
} >"$d/images/lies.png"
check png-lies 0 ':9:[0-9]+: error: slide "bad": image "images/lies.png" cannot be shown'

image_case jpeg-truncated cut.jpg
head -c 40 "$fixtures/images/photo.jpg" >"$d/images/cut.jpg"
check jpeg-truncated 0 ':9:[0-9]+: error: slide "bad": image "images/cut.jpg" cannot be shown'

image_case jpeg-corrupt corrupt.jpg
{
    head -c 200 "$fixtures/images/photo.jpg"
    awk 'BEGIN { srand(8); for (i = 0; i < 2000; i++) printf "%c", int(rand() * 256) }'
} >"$d/images/corrupt.jpg"
check jpeg-corrupt 0 ':9:[0-9]+: error: slide "bad": image "images/corrupt.jpg" cannot be shown'

image_case jpeg-markers markers.jpg
# Start of image, then thousands of empty segments and never a frame.
{
    printf '\xff\xd8'
    for i in $(seq 1 20000); do printf '\xff\xfe\x00\x02'; done
} >"$d/images/markers.jpg"
check jpeg-markers 0 ':9:[0-9]+: error: slide "bad": image "images/markers.jpg" cannot be shown: the picture file is cut short or damaged'

image_case gif-truncated cut.gif
printf 'GIF89a\x0a' >"$d/images/cut.gif"
check gif-truncated 0 ':9:[0-9]+: error: slide "bad": image "images/cut.gif" cannot be shown: the picture file is cut short or damaged'

image_case gif-corrupt corrupt.gif
{
    printf 'GIF89a\x40\x00\x40\x00\xf7\x00\x00'
    awk 'BEGIN { srand(9); for (i = 0; i < 1000; i++) printf "%c", int(rand() * 256) }'
} >"$d/images/corrupt.gif"
check gif-corrupt 0 ':9:[0-9]+: error: slide "bad": image "images/corrupt.gif" cannot be shown'

image_case gif-huge huge.gif
printf 'GIF89a\xff\xff\xff\xff\x00\x00\x00' >"$d/images/huge.gif"
check gif-huge 0 ":9:[0-9]+: error: .*too large \(65535x65535 pixels"

image_case gif-frame-bomb bomb.gif
# 35 bytes: a 16x16 picture whose first frame says 65535x65535 (4 GB).
printf 'GIF89a\x10\x00\x10\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02\x44\x01\x00;' >"$d/images/bomb.gif"
check gif-frame-bomb 0 ':9:[0-9]+: error: .*its frame 1 \(65535x65535 pixels at 0,0\) does not fit in the picture \(16x16\)'

image_case apng-frame-bomb bomb.png
# An animated PNG whose second frame is 100000x100000 in a 64x64 picture.
python3 - "$d/images/bomb.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
fctl = lambda seq, w, h: struct.pack('>IIIIIHHBB', seq, w, h, 0, 0, 1, 10, 0, 0)
raw = b''.join(b'\0' + b'\xff\0\0' * 64 for _ in range(64))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 64, 64, 8, 2, 0, 0, 0)) +
    chunk(b'acTL', struct.pack('>II', 2, 0)) + chunk(b'fcTL', fctl(0, 64, 64)) + chunk(b'IDAT', zlib.compress(raw)) +
    chunk(b'fcTL', fctl(1, 100000, 100000)) + chunk(b'IEND', b''))
EOF
check apng-frame-bomb 0 ':9:[0-9]+: error: .*its frame 2 \(100000x100000 pixels at 0,0\) does not fit'

image_case jpeg-endless-scans scans.jpg
# 6000x6000, 100,000 scans holding nothing (1 MB): decoded blindly, minutes.
python3 tests/media/jpeg_scans.py "$d/images/scans.jpg" 6000 6000 100000 empty
check jpeg-endless-scans 0 ':9:[0-9]+: error: .*the photo.s data is damaged \(Corrupt JPEG data: premature end of data segment\)'

image_case jpeg-many-scans many.jpg
python3 tests/media/jpeg_scans.py "$d/images/many.jpg" 2000 2000 800 valid
check jpeg-many-scans 0 ':9:[0-9]+: error: .*the photo is made of more than [0-9]+ scans'

image_case not-an-image notes.png
printf 'Đây là ghi chú, không phải ảnh.\n' >"$d/images/notes.png"
check not-an-image 0 ':9:[0-9]+: error: slide "bad": image "images/notes.png" cannot be shown: this file is not a picture'

image_case html-as-jpeg page.jpg
printf '<!doctype html><html><body>not a picture</body></html>\n' >"$d/images/page.jpg"
check html-as-jpeg 0 ':9:[0-9]+: error: slide "bad": image "images/page.jpg" cannot be shown: this file is not a picture'

image_case empty-image empty.png
: >"$d/images/empty.png"
check empty-image 0 ':9:[0-9]+: error: slide "bad": image "images/empty.png" cannot be shown: the file is empty'

image_case image-too-big-file big.png
# 60 MB of a real header and zeros: refused by its size before it is read.
{
    png_header 64 64
    head -c $((60 * 1024 * 1024)) /dev/zero
} >"$d/images/big.png"
check image-too-big-file 0 ':9:[0-9]+: error: slide "bad": image "images/big.png" cannot be shown: the picture file is too big'

image_case random-image random.png
awk 'BEGIN { srand(1907); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >"$d/images/random.png"
check random-image 0 ':9:[0-9]+: error: slide "bad": image "images/random.png" cannot be shown'

new_case bad-font
printf 'not a font\n' >"$d/fonts/fake.ttf"
head -c 8 "$fixtures/fonts/Test-Regular.ttf" >"$d/fonts/cut.ttf"
printf 'version: 1\ntheme:\n  font: fonts/fake.ttf\n  font_bold: fonts/cut.ttf\nslides:\n%s\n' "$good_slide" >"$p"
check bad-font 0 ':3:[0-9]+: error: theme: font "fonts/fake.ttf" cannot be used' \
    ':4:[0-9]+: error: theme: font_bold "fonts/cut.ttf" cannot be used'

new_case everything-bad
# One of each, in one file: all reported, none stops the others.
png_header 100000 100000 >"$d/images/huge.png"
printf 'x' >"$d/images/x.png"
printf 'version: 1\ntheme:\n  logo: images/huge.png\n  background: "#zzzzzz"\ntopics:\n  - id: a\n  - id: a\nslides:\n%s\n  - image: images/x.png\n  - image: ../x.png\n  - topic: b\n    title: t\n  - title: a\n    schedule: {from: 2026-02-30, days: [funday], hours: "25:00-26:00"}\n' "$good_slide" >"$p"
check everything-bad 0 ':3:[0-9]+: error: theme: logo' ':4:[0-9]+: error: theme: background' \
    ':7:[0-9]+: error: .*already used' ':13:[0-9]+: error: .*image' ':14:[0-9]+: error: .*image' \
    ':15:[0-9]+: error: .*topic "b"' ':18:[0-9]+: error: .*from'

# ---- videos --------------------------------------------------------------------

# Clips anyone could bring: made here from one good clip (2 s red, 2 s
# green, the index first) and from nothing. --check probes each (bounded)
# and says why at the entry's place; the running player plays them below.
vclips="$T/clips"
mkdir -p "$vclips"
ffv="ffmpeg -nostdin -v error -y"
$ffv -f lavfi -i color=c=red:s=320x180:d=2:r=30 -f lavfi -i color=c=green:s=320x180:d=2:r=30 \
    -filter_complex concat=n=2:v=1:a=0 -c:v libx264 -preset veryfast -pix_fmt yuv420p \
    -movflags +faststart "$vclips/good.mp4" || fail "ffmpeg cannot make good.mp4"
# cut in half, its index (at the end) lost
$ffv -f lavfi -i color=c=red:s=320x180:d=2:r=30 -c:v libx264 -preset veryfast -pix_fmt yuv420p \
    "$vclips/tail.mp4" || fail "ffmpeg cannot make tail.mp4"
head -c $(($(stat -c %s "$vclips/tail.mp4") / 2)) "$vclips/tail.mp4" >"$vclips/truncated.mp4"
convert -size 64x64 xc:red "png:$vclips/picture.mp4"
$ffv -f lavfi -i sine=d=2 -c:a aac -f mp4 "$vclips/sound.mp4" || fail "ffmpeg cannot make sound.mp4"
: >"$vclips/empty.mp4"
awk 'BEGIN { srand(1907); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' >"$vclips/random.mp4"
python3 - "$vclips" <<'EOF'
import random, sys
d = sys.argv[1]
good = open(d + "/good.mp4", "rb").read()
# 60000x60000 in the sample description (its avc1 entry), the frames unchanged
b = bytearray(good)
at = b.find(b"avc1", b.find(b"stsd"))
b[at + 28:at + 32] = (60000).to_bytes(2, "big") * 2
open(d + "/huge.mp4", "wb").write(b)
# a stream that breaks halfway: the second half of the frames is noise
b = bytearray(good)
start = b.find(b"mdat") + (len(b) - b.find(b"mdat")) // 2
rnd = random.Random(5)
b[start:] = bytes(rnd.randrange(256) for _ in range(len(b) - start))
open(d + "/halfway.mp4", "wb").write(b)
EOF

# video_case NAME CLIP: the good slide and one that plays clips/CLIP.
video_case() {
    new_case "$1"
    mkdir -p "$d/clips"
    cp "$vclips/$2" "$d/clips/"
    printf 'version: 1\nslides:\n%s\n  - id: bad\n    title: "Video hỏng"\n    video: "clips/%s"\n' \
        "$good_slide" "$2" >"$p"
}
VID=':9:[0-9]+: error: slide "bad": video "clips/'

video_case video-truncated truncated.mp4
check video-truncated 0 "${VID}truncated.mp4\" cannot be played: the file is cut short: copy it again"
video_case video-png picture.mp4
check video-png 0 "${VID}picture.mp4\" cannot be played: this is not a video \(a PNG picture named .mp4\?\): use image: for it"
video_case video-sound-only sound.mp4
check video-sound-only 0 "${VID}sound.mp4\" cannot be played: this file has sound only, no picture: "
video_case video-empty empty.mp4
check video-empty 0 "${VID}empty.mp4\" cannot be played: the file is empty: copy it again"
video_case video-random random.mp4
check video-random 0 "${VID}random.mp4\" cannot be played: this is not a video \(MP4, MKV or WebM\): export it as H.264 MP4"
video_case video-huge huge.mp4
check video-huge 0 "${VID}huge.mp4\" cannot be played: too large: 60000x60000, at most 3840x2160; export it at 1920x1080"
# What breaks halfway is found by playing it (--check reads the headers
# and the index, not every frame): it passes here, the player ends it.
video_case video-halfway halfway.mp4
check video-halfway 0
grep -q ': error: ' "$T/out/video-halfway.txt" && fail "video-halfway: refused by --check: $(cat "$T/out/video-halfway.txt")"

# ---- the painting path ---------------------------------------------------------

# Every usable case is painted without a display; a dropped slide must not be
# drawn, and the pictures the checker let through (headers only) must either
# draw or leave their slide without a picture: never a crash.
rendered=0
mkdir -p "$T/render"
for name in $usable; do
    # 5,000 slides are 5,000 pictures to write: long, and nothing hostile.
    [ "$name" = many-slides ] && continue
    p="$T/cases/$name/playlist.yaml"
    out="$T/render/$name"
    start=$(date +%s%N)
    (
        ulimit -v "$mem_kb"
        exec env -u DISPLAY timeout -k 5 20 $bin --render "$out" --size 320x180 "$p"
    ) >"$T/out/$name.render.txt" 2>&1
    status=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    [ "$status" -eq 0 ] || fail "$name: --render status $status: $(tail -n 5 "$T/out/$name.render.txt")"
    [ "$ms" -le "$max_ms" ] || fail "$name: --render took $ms ms (at most $max_ms)"
    grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$T/out/$name.render.txt" &&
        fail "$name: sanitizer report in --render: $(head -c 3000 "$T/out/$name.render.txt")"
    n=$(ls "$out" | grep -c '\.png$')
    [ "$n" -ge 1 ] || fail "$name: --render wrote no picture"
    [ "$(identify -format %wx%h "$out/$(ls "$out" | head -n 1)")" = 320x180 ] ||
        fail "$name: --render wrote a picture of the wrong size"
    rendered=$((rendered + 1))
done

# The pictures --check refuses by decoding them are let through by --render's
# header check: their slides must be painted (without the picture), not crash.
for name in png-truncated png-header-only png-corrupt png-lies jpeg-truncated jpeg-corrupt gif-corrupt; do
    ls "$T/render/$name" | grep -q 'bad\.png$' ||
        echo "note: $name: the bad slide was not rendered (refused when loading)"
done

# The running player (SDL's offscreen driver, asked for by name): every
# usable case plays until it is told to stop, every other is refused with
# status 1 at once; never a signal, never a sanitizer report.
played=0
refused=0
for d in "$T"/cases/*/; do
    name=$(basename "$d")
    plog="$T/out/$name.play.txt"
    (
        ulimit -v "$mem_kb"
        exec env SDL_VIDEODRIVER=offscreen timeout -k 5 60 $bin --window 320x180 \
            --library "$T/lib/$name" --watch "$T/nowatch" "$d/playlist.yaml"
    ) >"$plog" 2>&1 &
    pid=$!
    case " $usable " in
    *" $name "*)
        wait_for 30 "$name: the player playing" grep -qs "playing" "$plog" # -s: not made yet
        kill -TERM "$pid"
        wait "$pid"
        status=$?
        [ "$status" -eq 0 ] || fail "$name: the player's status $status: $(tail -n 5 "$plog")"
        played=$((played + 1))
        ;;
    *)
        wait "$pid"
        status=$?
        [ "$status" -eq 1 ] || fail "$name: an unusable playlist: the player's status $status, expected 1"
        refused=$((refused + 1))
        ;;
    esac
    grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$plog" &&
        fail "$name: sanitizer report in the player: $(head -c 3000 "$plog")"
done

# The running player with each clip between two slides of one colour, in
# a window on Xvfb; the centre pixel is read from the X server every 2 ms
# (tests/e2e/pixel_track.py). What cannot play is passed over with its
# reason in the log, and the screen goes from the first slide's colour
# straight to the last's: no black frame, no frame of anything else, no
# hang. The good clip and the one that breaks halfway show their red
# (and the good one its green) between them.
e2e_start 320x180
vplayed=0
convert -size 64x36 xc:#ffff00 "$vclips/yellow.png"
convert -size 64x36 xc:#ff00ff "$vclips/magenta.png"
# play_clip CLIP REASON SPEC...: REASON (a regex) must be in the log, the
# colours seen must be SPEC (or, "either SPEC1 SPEC2", one of the two).
play_clip() {
    local clip=$1 reason=$2 name=${1%.mp4}
    shift 2
    local y="$vclips/$name.yaml" track="$T/out/$name.track" plog="$T/out/$name.clip.txt"
    printf 'version: 1\ndefaults: {transition: none}\ntouch: {enabled: false}\nslides:\n' >"$y"
    printf '  - {image: yellow.png, layout: full, duration: 1}\n  - video: %s\n' "$clip" >>"$y"
    printf '  - {image: magenta.png, layout: full, duration: 60}\n' >>"$y"
    python3 tests/e2e/pixel_track.py track 160 90 >"$track" 2>"$track.err" &
    local tracker=$!
    E2E_PIDS=$tracker
    wait_for 10 "the pixel tracker" test -s "$track"
    (
        ulimit -v "$mem_kb"
        exec env SDL_RENDER_DRIVER=software timeout -k 5 60 $bin --window 320x180 \
            --library "$T/lib/clip-$name" --watch "$T/nowatch" "$y"
    ) >"$plog" 2>&1 &
    local pid=$!
    E2E_PIDS="$tracker $pid"
    wait_for 30 "$clip: the last slide on screen" python3 tests/e2e/pixel_track.py settled "$track" ff00ff 300
    kill -TERM "$pid" "$tracker"
    wait "$pid"
    local status=$?
    wait "$tracker" 2>/dev/null
    E2E_PIDS=""
    [ "$status" -eq 0 ] || fail "$clip: the player's status $status: $(tail -n 5 "$plog")"
    grep -Eq 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$plog" &&
        fail "$clip: sanitizer report in the player: $(head -c 3000 "$plog")"
    grep -Eq "$reason" "$plog" || fail "$clip: no line matching '$reason' in the log: $(cat "$plog")"
    # SPEC, or for the clip that breaks halfway either of two: where the
    # noise begins, a green frame may still be whole.
    if [ "$1" = either ]; then
        python3 tests/e2e/pixel_track.py check "$track" $2 >"$T/out/$name.check" ||
            python3 tests/e2e/pixel_track.py check "$track" $3 >>"$T/out/$name.check" ||
            fail "$clip: $(cat "$T/out/$name.check")"
    else
        python3 tests/e2e/pixel_track.py check "$track" "$@" >"$T/out/$name.check" ||
            fail "$clip: $(cat "$T/out/$name.check")"
    fi
    echo "ok: $clip in the player: $(head -n1 "$T/out/$name.check")"
    vplayed=$((vplayed + 1))
}
Y=ffff00 M=ff00ff R=fe0000 G=008000
BAD='error: slide "slide-2": video "'
play_clip good.mp4 'video good.mp4: played 4.0 s' $Y: $R: $G: $M:
play_clip truncated.mp4 'video truncated.mp4 cannot be played: the file is cut short.*passed over' $Y: $M:
play_clip picture.mp4 "${BAD}picture.mp4\" cannot be played: this is not a video" $Y: $M:
play_clip sound.mp4 'video sound.mp4 cannot be played: this file has sound only.*passed over' $Y: $M:
play_clip empty.mp4 "${BAD}empty.mp4\" cannot be played: the file is empty" $Y: $M:
play_clip random.mp4 "${BAD}random.mp4\" cannot be played: this is not a video" $Y: $M:
play_clip huge.mp4 'video huge.mp4 cannot be played: too large: 60000x60000.*passed over' $Y: $M:
play_clip halfway.mp4 'video [^ ]*halfway.mp4: the file is damaged after about [12]\.[0-9] s' \
    either "$Y: $R: $M:" "$Y: $R: $G: $M:"

echo "ok: $cases hostile cases checked, $rendered rendered, $played played and $refused refused by the player, $vplayed clips between slides; slowest $slowest_case ($slowest ms)"
