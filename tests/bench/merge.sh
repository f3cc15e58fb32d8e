#!/bin/bash
# make bench-merge: the province's report over 200 kiosks x 90 days of plays
# (bangtin --report RANGE --merge DIR). Each kiosk's outbox holds one
# plays-YYYY-MM-DD.csv a day, as the kiosk writes it: 40 slides of a
# campaign and 10 of the office's, shown 30-90 times a day, and 8 topics
# touched. Prints the time of the merge (median of BENCH_RUNS, default 5)
# and what it read.
set -eu
cd "$(dirname "$0")/../.."
bin=${BANGTIN:-build/bangtin}
kiosks=${BENCH_KIOSKS:-200}
days=${BENCH_DAYS:-90}
runs=${BENCH_RUNS:-5}
dir=${BENCH_DIR:-build/bench/outboxes}
if [ ! -f "$dir/.made-$kiosks-$days" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    python3 - "$dir" "$kiosks" "$days" <<'PY'
import datetime, os, random, sys
out, kiosks, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(18)
start = datetime.date(2026, 1, 1)
for k in range(kiosks):
    d = os.path.join(out, "ubnd-phuong-%03d" % k)
    os.mkdir(d)
    for n in range(days):
        day = start + datetime.timedelta(days=n)
        rows, shown_total, touch_total, secs_total = [], 0, 0, 0.0
        for s in range(40):
            c = random.randint(30, 90)
            rows.append(("slide", "Tháng an toàn thông tin", "c%02d" % s, c, 0, c * 8.0))
        for s in range(10):
            c = random.randint(10, 30)
            rows.append(("slide", "UBND phường %03d" % k, "o%02d" % s, c, 0, c * 10.0))
        for t in range(8):
            c = random.randint(0, 12)
            rows.append(("topic", "Tháng an toàn thông tin", "chu-de-%d" % t, 0, c, c * 35.5))
        with open(os.path.join(d, "plays-%s.csv" % day.isoformat()), "w") as f:
            f.write("kind,playlist,id,shown,touches,seconds\n")
            for r in rows:
                shown_total += r[3]; touch_total += r[4]; secs_total += r[5]
                f.write("%s,%s,%s,%d,%d,%.1f\n" % r)
            f.write("total,,,%d,%d,%.1f\n" % (shown_total, touch_total, secs_total))
    with open(os.path.join(d, "status.json"), "w") as f:
        f.write('{"format": 1}\n')
PY
    touch "$dir/.made-$kiosks-$days"
fi
files=$(find "$dir" -name 'plays-*.csv' | wc -l)
bytes=$(du -sb "$dir" | cut -f1)
times=""
for _ in $(seq "$runs"); do
    sync
    t0=$(date +%s%N)
    "$bin" --report 2026-01-01..2026-12-31 --merge "$dir" >"$dir/../merged.csv" 2>"$dir/../merge.err"
    t1=$(date +%s%N)
    times="$times $(( (t1 - t0) / 1000000 ))"
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "merge: $kiosks kiosks x $days days ($files files, $((bytes / 1048576)) MiB): median ${median} ms [$(echo $times | tr ' ' '\n' | sort -n | head -n1)..$(echo $times | tr ' ' '\n' | sort -n | tail -n1)] over $runs runs; $(wc -l <"$dir/../merged.csv") rows out; $(cat "$dir/../merge.err")"
