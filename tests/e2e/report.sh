#!/bin/bash
# bangtin --report FROM..TO: the play log in a library, written here by
# hand in the play log's format, summed per slide and per topic as CSV on
# stdout; records outside the range and torn lines are not counted; a bad
# range is bad usage (status 2).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}
# A bangtin that does not know --report would start playing: never hang on it.
report() { timeout 20 "$bin" "$@"; }
lib="$E2E_TMP/library"
mkdir -p "$lib"

# A rotated month, then the current file with a line torn by a power cut.
cat >"$lib/plays-2031-02.csv" <<'CSV'
time,playlist,id,seconds,mode
2031-02-27T08:00:00+07:00,Bảng tin phường,otp,12.0,loop
2031-02-28T09:00:00+07:00,Bảng tin phường,otp,12.0,loop
CSV
cat >"$lib/plays.csv" <<'CSV'
time,playlist,id,seconds,mode
2031-03-01T07:30:00+07:00,Bảng tin phường,otp,12.0,loop
2031-03-01T07:30:12+07:00,Bảng tin phường,canh-bao,10.5,loop
2031-03-01T07:30:23+07:00,Bảng tin phường,otp,11.5,loop
2031-03-01T08:00:00+07:00,Bảng tin phường,lua-dao,45.0,touch
2031-03-02T10:00:00+07:00,"Bảng tin, phường 2",otp,12.0,loop
2031-03-31T23:59:00+07:00,Bảng tin phường,lua-dao,30.0,touch
2031-04-01T00:00:10+07:00,Bảng tin phường,otp,12.0,loop
2031-03-15T10:00:00+07:00,Bảng tin phường,ot
CSV

out=$(report --library "$lib" --report 2031-03-01..2031-03-31 2>"$E2E_TMP/report.log")
status=$?
[ "$status" -eq 0 ] || fail "--report: status $status: $(cat "$E2E_TMP/report.log")"
expected='kind,playlist,id,shown,touches,seconds
slide,Bảng tin phường,canh-bao,1,0,10.5
slide,Bảng tin phường,otp,2,0,23.5
slide,"Bảng tin, phường 2",otp,1,0,12.0
topic,Bảng tin phường,lua-dao,0,2,75.0
total,,,4,2,121.0'
grep -q "1 unreadable line" "$E2E_TMP/report.log" || fail "the torn line is not mentioned on stderr"
[ "$out" = "$expected" ] || fail "--report March: got
$out
expected
$expected"

# The rotated month is read for a range that reaches it.
out=$(report --library "$lib" --report 2031-02-28..2031-03-01 2>/dev/null) || fail "--report Feb-Mar: status $?"
echo "$out" | grep -qx 'slide,Bảng tin phường,otp,3,0,35.5' || fail "--report Feb-Mar: $out"
echo "$out" | grep -qx 'total,,,4,1,91.0' || fail "--report Feb-Mar total: $out"

# A library without any log: only the header and a zero total.
mkdir -p "$E2E_TMP/empty"
out=$(report --library "$E2E_TMP/empty" --report 2031-03-01..2031-03-31) || fail "--report empty: status $?"
[ "$out" = "kind,playlist,id,shown,touches,seconds
total,,,0,0,0.0" ] || fail "--report on an empty library: $out"

# Bad ranges: status 2 and a reason, nothing on stdout.
for range in "2031-03-31..2031-03-01" "March" "2031-02-30..2031-03-01"; do
    out=$(report --library "$lib" --report "$range" 2>"$E2E_TMP/bad.log")
    status=$?
    [ "$status" -eq 2 ] || fail "--report $range: status $status, expected 2"
    [ -z "$out" ] || fail "--report $range printed: $out"
    grep -q "^bangtin: --report" "$E2E_TMP/bad.log" || fail "--report $range: no reason given"
done

echo "ok: --report totals match the play log"
