#!/bin/bash
# Where bangtin's memory goes: the player under Xvfb at 1920x1080 with a
# playlist, after SECONDS; prints its PSS summary (/proc/PID/smaps_rollup),
# PSS per mapped file or kind, and the large anonymous mappings (slide
# pictures, the window's image).
# Usage: tests/bench/memory.sh [PLAYLIST] [SECONDS]   (make bench-content first)
set -eu
cd "$(dirname "$0")/../.."
pl=${1:-build/bench/content/p10.yaml}
tmp=$(mktemp -d /tmp/bench-mem.XXXXXX)
exec 5>"$tmp/display"
Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
until [ -s "$tmp/display" ]; do sleep 0.05; done
export DISPLAY=":$(head -n1 "$tmp/display")"
build/bangtin --window 1920x1080 --library "$tmp/lib" "$pl" >/dev/null 2>&1 &
pid=$!
sleep "${2:-4}"
grep -E "^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem)" "/proc/$pid/smaps_rollup"
python3 - "$pid" <<'PY'
import re, sys
rows, cur = [], None
for line in open(f"/proc/{sys.argv[1]}/smaps"):
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        parts = line.split()
        cur = [parts[5] if len(parts) > 5 else "[anon]", 0, parts[0]]
        rows.append(cur)
    elif line.startswith("Pss:"):
        cur[1] += int(line.split()[1])
total = {}
for name, pss, _ in rows:
    total[name] = total.get(name, 0) + pss
for name, pss in sorted(total.items(), key=lambda x: -x[1])[:20]:
    print(f"{pss / 1024:8.1f} MB  {name}")
for pss, addr in sorted(((p, a) for n, p, a in rows if n == "[anon]" and p > 1024), reverse=True)[:8]:
    print(f"{pss / 1024:8.1f} MB  anonymous {addr}")
PY
kill "$pid"
wait "$pid" 2>/dev/null || true
