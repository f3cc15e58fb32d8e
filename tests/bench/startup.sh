#!/bin/bash
# Where the time to the first slide goes: bangtin under Xvfb at 1920x1080,
# traced with strace --seccomp-bpf (only the marked calls stop, so the
# program runs at nearly full speed), RUNS times. Prints, per run, the ms
# from exec to each milestone: SDL and X connected, the X locale read (the
# input method), the window's shared image, the fonts, the services (play
# log, watchers, USB), the first picture opened for decoding.
# Usage: tests/bench/startup.sh [PLAYLIST] [RUNS]   (make bench-content first)
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh # the private Xvfb, and cleaning up after it
pl=${1:-build/bench/content/p10.yaml}
runs=${2:-5}
tmp=$E2E_TMP
e2e_start 1920x1080
first=$(basename "$(sed -n 's/^ *image: *//p' "$pl" | head -n1)")
for _ in $(seq "$runs"); do
    strace -f --seccomp-bpf -tt -e trace=execve,connect,shmat,openat -o "$tmp/trace" \
        build/bangtin --window 1920x1080 --library "$tmp/lib" "$pl" >/dev/null 2>&1 &
    tracer=$!
    wait_for 10 "the first picture opened" grep -qs "$first\", O_RDONLY|O_CLOEXEC" "$tmp/trace"
    sleep 0.5
    pkill -f "bangtin --window 1920x1080 --library $tmp/lib" || true
    wait "$tracer" 2>/dev/null || true
    python3 - "$tmp/trace" "$first" <<'PY'
import re, sys
ev = []
for line in open(sys.argv[1]):
    m = re.match(r'\d+\s+(\d+):(\d+):([\d.]+)\s+(.*)', line)
    if m:
        ev.append((int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3]), m[4]))
marks = [("X11-unix", "X connected"), ("locale.alias", "X locale"), ("shmat", "window"),
         ("NotoSans", "fonts"), ("plays.csv", "services"),
         (sys.argv[2] + '", O_RDONLY|O_CLOEXEC', "first picture")]
t0, seen, out = ev[0][0], set(), []
for t, text in ev:
    for key, name in marks:
        if key in text and name not in seen:
            seen.add(name)
            out.append(f"{name} {1000 * (t - t0):.0f}")
print("ms from exec: " + ", ".join(out))
PY
done
