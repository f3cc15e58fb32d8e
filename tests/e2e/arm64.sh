#!/bin/bash
# The board case: the arm64 binary (make cross-arm64) renders the bundled
# playlist under qemu-user, with SDL's offscreen driver and the arm64
# libraries of the sysroot, and the pictures are right: one per slide and
# touch screen, at the asked size, not blank, the header where it belongs.
# Run by `make test-arm64` (which builds it and sets BANGTIN_ARM64); in
# `make test` it is skipped, as a build-arm64/ left there may be stale.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
bin=${BANGTIN_ARM64:-build-arm64/bangtin}
sysroot=${BANGTIN_ARM64_SYSROOT:-$PWD/build-arm64/sysroot}
if [ -z "${BANGTIN_ARM64:-}" ]; then
    echo "skip: the arm64 test runs with make test-arm64"
    exit 0
fi
[ -x "$bin" ] || fail "no arm64 binary at $bin: make cross-arm64"
[ -d "$sysroot/usr/lib/aarch64-linux-gnu" ] || fail "no arm64 sysroot at $sysroot"
qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64) ||
    fail "no qemu-aarch64: make deps-cross installs qemu-user-static"

# It is an arm64 executable (ELF e_machine 183, EM_AARCH64), not the host's.
machine=$(od -An -t u2 -j 18 -N 2 "$bin" | tr -d ' ')
[ "$machine" = 183 ] || fail "$bin is not an arm64 executable (e_machine $machine)"

run_arm64() {
    SDL_VIDEODRIVER=offscreen QEMU_LD_PREFIX="$sysroot" "$qemu" -L "$sysroot" "$bin" "$@"
}

start=$(date +%s)
run_arm64 --version | grep -q "^bangtin " || fail "--version under qemu"
summary=$(run_arm64 --check playlists/awareness.yaml) || fail "--check under qemu: status $?"
slides=$(echo "$summary" | sed -n 's/.*usable: \([0-9]*\) slides, \([0-9]*\) topics.*/\1/p')
[ "${slides:-0}" -gt 0 ] || fail "no slide count in: $summary"

size=1920x1080
out=$E2E_TMP/render
run_arm64 --render "$out" --size "$size" playlists/awareness.yaml >"$E2E_TMP/render.log" 2>&1 ||
    fail "--render under qemu: status $?"
seconds=$(($(date +%s) - start))

# One picture per slide, the topic grid, at least one topic page.
count=$(find "$out" -name '[0-9][0-9][0-9]-*.png' | wc -l)
[ "$count" -eq "$slides" ] || fail "$count slide PNGs, expected $slides"
[ -f "$out/touch-topics.png" ] || fail "no touch-topics.png"
[ -n "$(find "$out" -name 'touch-[0-9][0-9]-*.png')" ] || fail "no touch-NN-TOPIC.png"

# Each: the asked size, many colours (text, pictures, antialiasing: a blank
# or one-colour frame has a handful), and the header's colour at its top
# left corner: the theme's background #0d47a1, darkened by the header band
# to (9,49,112) (the same pixel the native build draws).
for f in "$out"/*.png; do
    [ "$(identify -format %wx%h "$f")" = "$size" ] || fail "$f is not $size"
    n=$(colours "$f")
    [ "$n" -ge 200 ] || fail "$(basename "$f"): only $n colours (blank?)"
    px=$(pixel "$f" 5 5)
    [ "$px" = "9,49,112" ] || fail "$(basename "$f"): header pixel (5,5) is $px, expected 9,49,112"
done
total=$(find "$out" -name "*.png" | wc -l)
echo "ok: arm64 binary under $(basename "$qemu"): $total PNGs ($slides slides and the touch screens) at $size, in ${seconds}s"
