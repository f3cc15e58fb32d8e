#!/bin/bash
# `make bench-pdf`: PDF pages, beside pdftoppm (poppler's own tool).
#  1. one A4 page of running text drawn for a 1920x1080 screen (764x1080,
#     contain): bangtin's bt_pdf_render, helper process included, and
#     `pdftoppm -scale-to 1080` writing the same page as raw pixels (PPM:
#     its PNG output spends most of its time compressing);
#  2. the player's memory (PSS, /proc/PID/smaps_rollup) while it plays a
#     50-page PDF under Xvfb at 1920x1080, a page every 2 s: its median and
#     largest over the run, and the largest with its PDF helpers counted.
# Usage: tests/bench/pdf.sh [RUNS] [SECONDS]   (make bench-pdf)
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
runs=${1:-9}
secs=${2:-40}
out=build/bench/pdf
mkdir -p "$out"
pdf=$out/handbook.pdf
[ -f "$pdf" ] || python3 tests/media/mkpdf.py "$pdf" 50 --text

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f [%.1f..%.1f]", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

echo "one A4 page for 1920x1080 ($runs runs, ms, median [min..max]):"
echo "  bangtin (helper process):  $(build/bench/pdfpage "$pdf" 2 1920x1080 "$runs")"
for i in $(seq "$runs"); do
    s=$(date +%s%N)
    pdftoppm -f 2 -l 2 -scale-to 1080 "$pdf" "$out/page" || exit 1
    echo $((($(date +%s%N) - s) / 1000)) | awk '{ print $1 / 1000 }'
done | median | sed 's/^/  pdftoppm -scale-to 1080:   /'
echo " (a $(identify -format '%wx%h' "$out"/page-*2.ppm 2>/dev/null | head -c 20) PPM)"

cat >"$out/playlist.yaml" <<YAML
version: 1
defaults:
  duration: 2
  transition: none
slides:
  - pdf: handbook.pdf
YAML
e2e_start 1920x1080
BANGTIN_DATADIR=$PWD/assets build/bangtin --window 1920x1080 --library "$E2E_TMP/lib" "$out/playlist.yaml" \
    >"$E2E_TMP/play.log" 2>&1 &
pid=$!
E2E_PIDS=$pid
python3 - "$pid" "$secs" <<'PY'
import os, sys, time
pid, secs = int(sys.argv[1]), float(sys.argv[2])
def pss(p):
    try:
        for line in open(f"/proc/{p}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
def children(p):
    try:
        return [int(c) for t in os.listdir(f"/proc/{p}/task")
                for c in open(f"/proc/{p}/task/{t}/children").read().split()]
    except OSError:
        return []
time.sleep(3)  # the window, the first page
own, total, helpers = [], [], 0
end = time.monotonic() + secs
while time.monotonic() < end:
    a = pss(pid)
    kids = children(pid)
    helpers += len(kids)
    own.append(a)
    total.append(a + sum(pss(k) for k in kids))
    time.sleep(0.1)
own.sort()
print(f"playing 50 PDF pages, a page every 2 s, for {secs:.0f} s ({len(own)} samples):")
print(f"  player PSS: median {own[len(own) // 2] / 1024:.1f} MB, largest {own[-1] / 1024:.1f} MB")
print(f"  with its PDF helpers: largest {max(total) / 1024:.1f} MB (a helper seen in {helpers} samples)")
PY
grep -c "cannot" "$E2E_TMP/play.log" | sed 's/^/  pages that failed: /'
