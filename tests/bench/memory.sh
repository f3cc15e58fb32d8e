#!/bin/bash
# Where bangtin's memory goes: the player under Xvfb at 1920x1080 with a
# playlist, after SECONDS; prints its PSS summary (/proc/PID/smaps_rollup),
# PSS per mapped file or kind, and the large anonymous mappings (slide
# pictures, the window's image).
# Usage: tests/bench/memory.sh [PLAYLIST] [SECONDS]   (make bench-content first)
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh # the private Xvfb, and cleaning up after it
pl=${1:-build/bench/content/p10.yaml}
e2e_start 1920x1080
build/bangtin --window 1920x1080 --library "$E2E_TMP/lib" "$pl" >/dev/null 2>&1 &
pid=$!
E2E_PIDS=$pid
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
