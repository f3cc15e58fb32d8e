#!/bin/bash
# Who reads which language:
# 1. --check follows the technician's locale: on every fixture of the
#    loader's table, LANG=vi_VN.UTF-8 gives Vietnamese messages at the same
#    FILE:LINE:COL places as English; no locale, C and en_US are the same
#    English, word for word.
# 2. the kiosk runs with no locale (as under systemd): a bad stick gets its
#    screen message and bangtin/errors.txt in Vietnamese (errors.txt for
#    Notepad: a byte-order mark, CRLF, the places in words), while the log
#    stays the technician's English; the play report on the stick opens in
#    Excel (a byte-order mark, Vietnamese headers); the screen's message fits
#    whole at 1280x720 and on a portrait 1080x1920 screen (screenshots kept
#    in $E2E_SHOTS when set).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=${BANGTIN:-build/bangtin}

# ---- 1. --check in two languages ----
places() { grep -oE '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' || true; }
n_files=0 n_lines=0
for f in tests/fixtures/load/*.yaml; do
    en=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$bin" --check "$f" 2>&1)
    c=$(env -u LANGUAGE -u LC_MESSAGES LC_ALL=C "$bin" --check "$f" 2>&1)
    us=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$bin" --check "$f" 2>&1)
    vi=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=vi_VN.UTF-8 "$bin" --check "$f" 2>&1)
    [ "$en" = "$c" ] && [ "$en" = "$us" ] || fail "$f: English differs between no locale, C and en_US"
    [ "$(echo "$en" | places)" = "$(echo "$vi" | places)" ] ||
        fail "$f: the places differ: $(diff <(echo "$en" | places) <(echo "$vi" | places))"
    # Each problem's words are translated (the place and the tools' keyword stay).
    while IFS= read -r line; do
        n_lines=$((n_lines + 1))
        echo "$en" | grep -qxF -- "$line" && fail "$f: left in English under LANG=vi: $line"
    done < <(echo "$vi" | grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ')
    n_files=$((n_files + 1))
done
[ "$n_lines" -gt 30 ] || fail "only $n_lines problems in the fixtures: the table is not being read"
LANGUAGE=vi LANG=en_US.UTF-8 "$bin" --check tests/fixtures/load/missing_image.yaml 2>&1 |
    grep -q "không có trong thư mục" || fail "LANGUAGE=vi was not followed"
echo "ok: --check: $n_lines problems in $n_files files, Vietnamese under LANG=vi at the same places"

# ---- 2. the kiosk, with no locale ----
lib="$E2E_TMP/lib" watch="$E2E_TMP/media" spare="$E2E_TMP/spare"
mkdir -p "$lib" "$watch" "$spare"
unset LANG LANGUAGE LC_ALL LC_MESSAGES
$bin --pair "$spare" --library "$lib" >/dev/null || fail "--pair"
# Plays in the library's log: slide-10 played before slide-2.
for id in slide-10 slide-2; do
    printf '%s,Phường 1,%s,8.0,loop\n' "$(date +%Y-%m-%dT%H:%M:%S%:z)" "$id"
done >"$lib/plays.csv.new"
{ echo "time,playlist,id,seconds,mode"; cat "$lib/plays.csv.new"; } >"$lib/plays.csv"
rm "$lib/plays.csv.new"

# bad_stick NAME: a paired stick whose playlist has two errors on slides
# with Vietnamese titles.
bad_stick() {
    mkdir -p "$spare/$1/bangtin"
    $bin --pair "$spare/$1" --library "$lib" >/dev/null || fail "--pair $1"
    cat >"$spare/$1/bangtin/playlist.yaml" <<'EOF'
version: 1
name: Phường 1
slides:
  - id: otp
    title: "Không chia sẻ mã OTP"
    body: "Ngân hàng không bao giờ hỏi mã OTP."
  - id: anh
    title: "Cảnh giác với cuộc gọi giả danh công an"
    image: images\canh-bao.png
  - id: sai
    title: "Mật khẩu mạnh"
    duration: -3
EOF
}

e2e_start 1920x1920
for size in 1280x720 1080x1920; do
    log="$E2E_TMP/player-$size.log"
    $bin --window "$size" --library "$lib" --watch "$watch" playlists/awareness.yaml >"$log" 2>&1 &
    E2E_PIDS=$!
    wait_for 30 "the bangtin window ($size)" window_up
    wait_for 30 "the player playing ($size)" grep -q "playing" "$log"
    bad_stick "bad-$size"
    mv "$spare/bad-$size" "$watch/"
    wait_for 30 "the refusal on screen ($size)" grep -q "overlay: Chưa nạp USB: danh sách có lỗi cần sửa" "$log"
    grep "overlay: Chưa nạp USB" "$log" | grep -q "playlist.yaml, dòng 9, cột 12, trang chiếu “Cảnh giác với cuộc gọi giả danh công an”: image" ||
        fail "the screen does not give the place in words and the slide's title: $(grep overlay: "$log")"
    grep -q "cut to fit" "$log" && fail "the message was cut at $size: $(grep 'cut to fit' "$log")"
    grep -q "import: not loaded from $watch/bad-$size" "$log" ||
        fail "the log is not the technician's English: $(grep import: "$log")"
    if [ -n "${E2E_SHOTS:-}" ]; then
        mkdir -p "$E2E_SHOTS"
        shot "$E2E_TMP/root.png"
        eval "$(xdotool search --name '^bangtin$' getwindowgeometry --shell | head -n 3)"
        convert "$E2E_TMP/root.png" -crop "$size+$X+$Y" +repage "$E2E_SHOTS/usb-refused-$size.png"
    fi
    kill "$E2E_PIDS"
    wait "$E2E_PIDS" 2>/dev/null
    mv "$watch/bad-$size" "$spare/" # unplugged
    E2E_PIDS=""
    wait_for 10 "the window closed" sh -c '! xdotool search --name "^bangtin$" >/dev/null 2>&1'
done

# errors.txt, byte for byte where it matters.
errors="$spare/bad-1280x720/bangtin/errors.txt"
[ -f "$errors" ] || fail "no errors.txt"
[ "$(head -c 3 "$errors" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "errors.txt has no byte-order mark"
[ "$(grep -c $'\r$' "$errors")" -eq "$(wc -l <"$errors")" ] || fail "errors.txt: a line without CRLF"
grep -q "^USB NÀY CHƯA ĐƯỢC NẠP. Số lỗi cần sửa: 2."$'\r$' "$errors" || fail "errors.txt: no refusal: $(head -n 3 "$errors")"
grep -q "^1\. playlist.yaml, dòng 9, cột 12, trang chiếu “Cảnh giác với cuộc gọi giả danh công an”: image .*hãy viết bằng dấu /" "$errors" ||
    fail "errors.txt: the first error is not in words: $(cat "$errors")"
grep -q "^2\. playlist.yaml, dòng 12, cột 15, trang chiếu “Mật khẩu mạnh”: " "$errors" ||
    fail "errors.txt: the second error: $(cat "$errors")"
grep -q ": error: \|line [0-9]" "$errors" && fail "errors.txt has English places: $(cat "$errors")"

# The report on the stick: for Excel, in natural order.
report=$(ls "$spare/bad-1280x720/bangtin/reports/"*.csv 2>/dev/null | head -n 1)
[ -n "$report" ] || fail "no report on the stick"
case "$(basename "$report")" in "$(hostname)-"????-??-??.csv) fail "the report is named after the bare host name: $report" ;; esac
[ "$(head -c 3 "$report" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the report has no byte-order mark"
head -n 1 "$report" | grep -q "loại,danh sách phát,mã," || fail "the report's headers are not Vietnamese: $(head -n 1 "$report")"
[ "$(grep -n ',slide-2,' "$report" | cut -d: -f1)" -lt "$(grep -n ',slide-10,' "$report" | cut -d: -f1)" ] ||
    fail "slide-10 before slide-2 in the report: $(cat "$report")"
echo "ok: the kiosk with no locale: the screen, errors.txt and the report in Vietnamese, the log in English, the message whole at 1280x720 and 1080x1920"
