#!/bin/bash
# Soak: the real player in a window under Xvfb, with durations of a few ms so
# that hours pass in minutes: SOAK_CHANGES slide changes with transitions,
# SOAK_VISITS touch-mode visits (click, tile, idle return), SOAK_RELOADS
# reloads (SIGHUP) and SOAK_IMPORTS USB imports. Resident memory after the
# first 1,000 changes grows by less than 1 MB; file descriptors and threads
# do not accumulate; nothing is left in the library's staging. `make test`
# runs a short form; `make soak` the full one (10,000 changes, 500 visits,
# 1,000 reloads, 100 imports). Leaks at exit: `make test-asan` runs this
# same script under LeakSanitizer.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
# Slides of a few ms, to play thousands in a minute: below the player's
# one-second least duration, allowed for tests only.
export BANGTIN_TEST_MIN_DURATION_MS=1
bin=${BANGTIN:-build/bangtin}
changes=${SOAK_CHANGES:-2000}
visits=${SOAK_VISITS:-20} # at least 3
reloads=${SOAK_RELOADS:-50}
imports=${SOAK_IMPORTS:-5}
lib="$E2E_TMP/lib"
watch="$E2E_TMP/media"
mkdir -p "$lib" "$watch"
log="$E2E_TMP/player.log"
cat >"$E2E_TMP/soak.yaml" <<'YAML'
version: 1
name: "Chạy lâu"
defaults: {duration: 0.02, transition: fade, transition_ms: 10}
topics:
  - {id: a, title: "Chủ đề A", color: "#c62828"}
  - {id: b, title: "Chủ đề B", color: "#2e7d32"}
slides:
  - {id: s1, topic: a, title: "Một", body: "Không chia sẻ mã OTP."}
  - {id: s2, topic: a, title: "Hai", image: images/otp.png}
  - {id: s3, topic: b, title: "Ba", qr: "https://khonggianmang.vn", transition: slide}
  - {id: s4, topic: b, title: "Bốn", body: "Mật khẩu mạnh, mỗi nơi một mật khẩu.", layout: text}
  - {id: s5, title: "Năm", image: images/otp.png, layout: caption, body: "Chú thích"}
tips:
  interval: 0.05
  items: ["Mẹo một", "Mẹo hai", {text: "Mẹo ba", topic: a}]
touch: {enabled: true, idle_timeout: 2}
YAML
mkdir -p "$E2E_TMP/images" && cp playlists/images/otp.png "$E2E_TMP/images/"

e2e_start 640x360
BANGTIN_DEBUG=1 $bin --window 640x360 --library "$lib" --watch "$watch" --unpaired-ok \
    "$E2E_TMP/soak.yaml" >"$log" 2>&1 &
pid=$!
E2E_PIDS=$pid
count() { grep -c "$1" "$log"; }
at_least() { [ "$(count "$1")" -ge "$2" ]; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
# The resident memory the player keeps, not what it holds for a moment: a
# slide being painted holds its decoded picture (several MB) for a few ms.
# The least of 30 samples over 3 s is the level it comes back to.
rss_floor() {
    local min="" v
    for _ in $(seq 30); do
        v=$(rss_kb)
        [ -z "$min" ] || [ "$v" -lt "$min" ] && min=$v
        sleep 0.1
    done
    echo "$min"
}
fds() { ls "/proc/$pid/fd" | wc -l; }
threads() { ls "/proc/$pid/task" | wc -l; }

wait_for 30 "the window" window_up
wait_for 300 "1,000 slide changes" at_least "^<7>bangtin: slide s" 1000

# Touch visits: the topics screen, a tile, then hands off until idle. The
# first two also fill the caches that touch mode needs; memory is measured
# from there.
for v in $(seq 1 "$visits"); do
    [ "$v" -eq 3 ] && rss1=$(rss_floor)
    xdotool mousemove 320 200 click 1
    wait_for 10 "topics screen (visit $v)" at_least "touch: topics screen: tile 0" "$v"
    read -r x y w h < <(grep "topics screen: tile 0 at" "$log" | tail -1 |
        sed 's/.*at \([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/')
    sleep 0.3 # taps closer than 250 ms count once (debounce): this is a second tap
    xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 1
    wait_for 10 "a topic opened (visit $v)" at_least "touch: topic a" "$v"
    wait_for 10 "back to the loop (visit $v)" at_least "touch: idle, back to the loop" "$v"
done
wait_for 900 "$changes slide changes" at_least "^<7>bangtin: slide s" "$changes"
rss2=$(rss_floor)
growth=$((rss2 - rss1))
echo "memory: ${rss1} kB after 1,000 changes and 2 visits, ${rss2} kB after $(count '^<7>bangtin: slide s') and $visits visits (+${growth} kB)"
# Under a sanitizer, freed memory is kept in quarantine on purpose: the
# growth says nothing there, and LeakSanitizer checks the exit instead.
[ -n "${BT_SANITIZER:-}" ] || [ "$growth" -lt 1024 ] || fail "resident memory grew by ${growth} kB (limit 1024 kB)"

fd1=$(fds)
th1=$(threads)
for r in $(seq 1 "$reloads"); do
    kill -HUP "$pid"
    wait_for 20 "reload $r" at_least "(SIGHUP)" "$r"
done
for i in $(seq 1 "$imports"); do
    stick="$E2E_TMP/spare-$i"
    mkdir -p "$stick/bangtin"
    printf 'version: 1\nname: "Nạp %d"\nslides:\n  - {id: u%d, title: "Trang %d", duration: 0.02}\n' \
        "$i" "$i" "$i" >"$stick/bangtin/playlist.yaml"
    mv "$stick" "$watch/stick-$i"
    wait_for 30 "import $i" at_least "overlay: Đã nạp danh sách mới" "$i"
    rm -rf "$watch/stick-$i"
done
wait_for 30 "the last import playing" at_least "imported from a USB stick" "$imports"
fd2=$(fds)
th2=$(threads)
echo "descriptors: $fd1 -> $fd2, threads: $th1 -> $th2 after $reloads reloads and $imports imports"
[ "$fd2" -le "$fd1" ] || fail "file descriptors accumulate: $fd1 -> $fd2"
[ "$th2" -le "$th1" ] || fail "threads accumulate: $th1 -> $th2"
[ -z "$(find "$lib" -name '.staging*' -o -name '.trash*' -o -name 'current.tmp*')" ] ||
    fail "temporary files left in the library: $(ls -a "$lib" "$lib/playlists")"

kill -TERM "$pid"
wait "$pid"
status=$?
E2E_PIDS=""
[ "$status" -eq 0 ] || fail "exit status $status"
echo "ok: soak: $(count '^<7>bangtin: slide') changes, $visits visits, $reloads reloads, $imports imports"
