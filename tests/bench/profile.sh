#!/bin/bash
# Where bangtin's time goes in one bench case, under Xvfb, with perf (the
# cpu-clock event: this VM has no hardware counters) or, without perf, with
# callgrind. Usage: tests/bench/profile.sh late|fade|fade-sw|start10|start1000 [SECONDS]
# Prints the top symbols per thread and writes build/bench/CASE.perf.
set -eu
cd "$(dirname "$0")/../.."
case_=${1:?late|fade|fade-sw|start10|start1000}
secs=${2:-12}
C=build/bench/content
env=()
case $case_ in
late) size=1920x1080 pl=$C/late.yaml ;;
fade) size=1280x720 pl=$C/trans-fade.yaml ;;
fade-sw) size=1280x720 pl=$C/trans-fade.yaml env=(SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0) ;;
start10) size=1920x1080 pl=$C/p10.yaml secs=${2:-2} ;;
start1000) size=1920x1080 pl=$C/p1000.yaml secs=${2:-2} ;;
*) echo "unknown case $case_" >&2; exit 2 ;;
esac
tmp=$(mktemp -d /tmp/bench-prof.XXXXXX)
exec 5>"$tmp/display"
Xvfb -displayfd 5 -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
until [ -s "$tmp/display" ]; do sleep 0.05; done
export DISPLAY=":$(head -n1 "$tmp/display")"
out=build/bench/$case_.perf
if perf record -o /dev/null -e cpu-clock true >/dev/null 2>&1; then
    env "${env[@]}" timeout -s INT "$secs" perf record -q -e cpu-clock -F 1999 -g -o "$out" \
        build/bangtin --window "$size" --library "$tmp" "$pl" >/dev/null 2>&1 || true
    echo "== $case_: CPU by thread"
    perf report -i "$out" --no-children --sort comm --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -8
    echo "== $case_: top symbols (self)"
    perf report -i "$out" --no-children --sort comm,dso,sym --stdio -g none 2>/dev/null |
        grep -v '^#' | grep -v '^$' | head -30
else
    env "${env[@]}" timeout -s INT "$secs" valgrind --tool=callgrind --callgrind-out-file="$out" \
        build/bangtin --window "$size" --library "$tmp" "$pl" >/dev/null 2>&1 || true
    callgrind_annotate "$out" | head -40
fi
