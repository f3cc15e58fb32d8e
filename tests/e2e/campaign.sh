#!/bin/bash
# The province's signed campaign on a kiosk, with the real minisign: a
# campaign folder (--campaign) filled file by file, signed with `minisign
# -S`, is taken once whole and plays mixed with the office's playlist (an
# office slide every three campaign slides, also in --render --now); a
# tampered one, one signed by an unknown key and an older one are refused
# on screen in Vietnamese with the reason while the campaign in place
# plays on; a stick carrying a signed campaign is a campaign; the status
# file (--status, --json) and the outbox (status.json, the day's plays)
# are written, and --report --merge counts the kiosk's plays.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=$(realpath "${BANGTIN:-build/bangtin}")
command -v minisign >/dev/null || fail "minisign is missing (apt-get install minisign)"
lib="$E2E_TMP/lib"
synced="$E2E_TMP/synced" # the folder a sync tool fills
stage="$E2E_TMP/stage"   # where the Department prepares it
outbox="$E2E_TMP/outbox"
watch="$E2E_TMP/media"
log="$E2E_TMP/player.out" # with each slide shown (BANGTIN_DEBUG), left out on failure
fail() {
    echo "FAIL: $*" >&2
    grep -v ': slide ' "$log" | tail -n 30 >&2
    exit 1
}
mkdir -p "$lib" "$synced" "$stage" "$watch"
export BANGTIN_TRUSTED_DIR="$E2E_TMP/trusted.d" # not /etc's
export BANGTIN_TEST_CAMPAIGN_QUIET_MS=3000      # a tampered folder is refused after 3 s quiet

minisign -G -W -p "$E2E_TMP/dept.pub" -s "$E2E_TMP/dept.key" </dev/null >/dev/null || fail "minisign -G"
minisign -G -W -p "$E2E_TMP/other.pub" -s "$E2E_TMP/other.key" </dev/null >/dev/null || fail "minisign -G"

# campaign DIR VERSION-WORD: a campaign of six slides whose ids end in the word.
campaign() {
    mkdir -p "$1/images"
    convert -size 320x180 xc:'#1060c0' "$1/images/c.png"
    cat >"$1/playlist.yaml" <<YAML
version: 1
name: "Chiến dịch $2"
slides:
  - {id: c1-$2, title: "Chiến dịch $2: một", image: images/c.png, duration: 1}
  - {id: c2-$2, title: "Chiến dịch $2: hai", body: "Không chia sẻ mã OTP.", duration: 1}
  - {id: c3-$2, title: "Chiến dịch $2: ba", body: "Mật khẩu mạnh.", duration: 1}
  - {id: c4-$2, title: "Chiến dịch $2: bốn", body: "Cập nhật phần mềm.", duration: 1}
  - {id: c5-$2, title: "Chiến dịch $2: năm", body: "Sao lưu dữ liệu.", duration: 1}
  - {id: c6-$2, title: "Chiến dịch $2: sáu", body: "Báo cáo lừa đảo.", duration: 1}
YAML
}
# sign DIR KEY: the manifest by bangtin, the signature by minisign.
sign() {
    $bin --manifest "$1" >/dev/null || fail "--manifest $1"
    minisign -S -s "$2" -m "$1/manifest.txt" </dev/null >/dev/null || fail "minisign -S $1"
}
# deliver DIR: copies DIR into the synced folder as a sync tool does, file
# by file under a temporary name, the manifest and its signature first.
deliver() {
    local f
    for f in manifest.txt.minisig manifest.txt $(cd "$1" && find . -type f ! -name 'manifest.txt*' | sort); do
        mkdir -p "$synced/$(dirname "$f")"
        cp "$1/$f" "$synced/$(dirname "$f")/.syncthing.$(basename "$f").tmp"
        mv "$synced/$(dirname "$f")/.syncthing.$(basename "$f").tmp" "$synced/$f"
    done
}
overlays() { grep -c "overlay: $1" "$log"; }
seen() { [ "$(overlays "$1")" -ge "$2" ]; }
playing() { grep -q "campaign: \"$1\" plays now" "$log"; }

cat >"$E2E_TMP/office.yaml" <<YAML
version: 1
name: "Văn phòng phường"
slides:
  - {id: o1, title: "Lịch tiếp dân", body: "Thứ Hai đến thứ Sáu", duration: 1}
YAML

campaign "$stage" v1
sign "$stage" "$E2E_TMP/dept.key"
grep -q '^version 1$' "$stage/manifest.txt" || fail "the first manifest is not version 1"
cp "$stage/manifest.txt" "$E2E_TMP/v1.manifest" && cp "$stage/manifest.txt.minisig" "$E2E_TMP/v1.minisig"

e2e_start 640x360
BANGTIN_DEBUG=1 $bin --window 640x360 --library "$lib" --watch "$watch" \
    --campaign "$synced" --trust "$E2E_TMP/dept.pub" --outbox "$outbox" \
    "$E2E_TMP/office.yaml" >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 20 "the player to start" grep -q "playing" "$log"
grep -q "campaigns: trusted keys: 1; following $synced" "$log" || fail "the trusted key is not said"

# 1. Delivered file by file: taken once whole, never half; plays mixed.
deliver "$stage"
wait_for 30 "campaign v1 loaded" seen "Đã nhận chiến dịch mới của tỉnh | Phiên bản 1 | 6 trang chiếu" 1
wait_for 30 "campaign v1 playing" playing "Chiến dịch v1"
grep -q "campaign: \"Chiến dịch v1\" plays now: 8 slides" "$log" || fail "the mix is not 6 + 2 slides"
[ -L "$lib/campaign" ] || fail "no campaign link in the library"
cmp -s "$lib/campaign/images/c.png" "$stage/images/c.png" || fail "the campaign's picture was not copied whole"
wait_for 20 "campaign slides shown" grep -q "slide c2-v1" "$log"

# 2. --render --now: the loop's order, an office slide after three campaign slides.
$bin --render "$E2E_TMP/render" --now 2026-03-16T09:00 --size 320x180 --library "$lib" \
    "$E2E_TMP/office.yaml" >"$E2E_TMP/render.out" 2>"$E2E_TMP/render.err" || fail "--render --now: $(cat "$E2E_TMP/render.err")"
order=$(sed 's|.*/||; s|\.png$||' "$E2E_TMP/render.out" | tr '\n' ' ')
[ "$order" = "001-c1-v1 002-c2-v1 003-c3-v1 004-o1 005-c4-v1 006-c5-v1 007-c6-v1 008-o1 " ] || fail "--render --now order: $order"
grep -q "with the campaign in place, version 1" "$E2E_TMP/render.err" || fail "--render does not say the campaign"

# 3. The status file and --status, while it plays.
wait_for 20 "the status says the campaign" grep -q '"version": 1' "$lib/status.json"
$bin --status --library "$lib" >"$E2E_TMP/status.txt" || fail "--status: $(cat "$E2E_TMP/status.txt")"
grep -q "Chiến dịch v1" "$E2E_TMP/status.txt" || fail "--status does not say the campaign: $(cat "$E2E_TMP/status.txt")"
$bin --status --json --library "$lib" | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["campaign"]["present"] and s["campaign"]["version"] == 1, s["campaign"]
assert s["office"]["name"] == "Văn phòng phường", s["office"]
assert s["imports"] and s["imports"][-1]["source"] == "campaign" and s["imports"][-1]["result"] == "loaded", s["imports"]
assert s["disk"]["free_bytes"] > 0
assert "power" in s["screen"]
' || fail "--status --json"

# 4. Tampered after signing: waited for while it is not quiet, then refused;
# v1 plays on.
rm -rf "$stage" && campaign "$stage" v2 && cp "$synced/manifest.txt" "$stage/"
sign "$stage" "$E2E_TMP/dept.key"
grep -q '^version 2$' "$stage/manifest.txt" || fail "the second manifest is not version 2"
echo "  - {id: extra, title: \"Kẻ gian\", duration: 1}" >>"$stage/playlist.yaml"
deliver "$stage"
wait_for 30 "the tampered campaign refused" seen "Không nhận chiến dịch mới của tỉnh | .* | Vẫn phát chiến dịch phiên bản 1" 1
# On screen: the overlay's red mark, over the campaign that plays on.
red() { shot "$E2E_TMP/refused.png" && [ "$(convert "$E2E_TMP/refused.png" -alpha off -fill white \
    -opaque 'rgb(229,57,53)' -fill black +opaque white -format '%[fx:int(mean*w*h)]' info:)" -gt 200 ]; }
wait_for 10 "the refusal's red mark on screen" red
playing "Chiến dịch v2" && fail "a tampered campaign plays"
wait_for 20 "the status says it was refused" grep -q '"state": "refused' "$lib/status.json"

# 5. Signed by a key the kiosk does not trust: refused.
sign "$stage" "$E2E_TMP/other.key"
deliver "$stage"
wait_for 30 "the unknown key refused" seen "Không nhận chiến dịch mới của tỉnh" 2
grep -q "campaign: .*not trusted\|campaign: .*unknown key\|campaign: .*key" "$log" || fail "the log does not say the key"

# 6. The other key installed in trusted.d and SIGHUP: the same folder is
# looked at again and taken.
mkdir -p "$BANGTIN_TRUSTED_DIR" && cp "$E2E_TMP/other.pub" "$BANGTIN_TRUSTED_DIR/"
kill -HUP "$E2E_PIDS"
wait_for 20 "the keys read again" grep -q "campaign: trusted keys now: 2" "$log"
wait_for 30 "campaign v2 (the other key) playing" playing "Chiến dịch v2"

# 7. Signed again by the Department: taken (version one more).
sign "$stage" "$E2E_TMP/dept.key"
deliver "$stage"
wait_for 30 "the re-signed campaign loaded" seen "Đã nhận chiến dịch mới của tỉnh" 3
ls "$lib/campaigns" | grep -q "^v0*$(sed -n 's/^version //p' "$stage/manifest.txt")-" || fail "the new campaign is not in the store"

# 8. The older campaign again (a replay of v1): refused as older.
rm -rf "$synced"/* && campaign "$synced" v1
cp "$E2E_TMP/v1.manifest" "$synced/manifest.txt" && cp "$E2E_TMP/v1.minisig" "$synced/manifest.txt.minisig"
wait_for 30 "the replayed v1 refused" seen "Không nhận chiến dịch mới của tỉnh" 3
grep -q "campaign: .*older" "$log" || fail "the log does not say the replay is older"

# 9. A stick carrying a newer signed campaign: a campaign, not the office's.
mkdir -p "$E2E_TMP/stick/bangtin"
campaign "$E2E_TMP/stick/bangtin" v3
cp "$stage/manifest.txt" "$E2E_TMP/stick/bangtin/"
sign "$E2E_TMP/stick/bangtin" "$E2E_TMP/dept.key"
mv "$E2E_TMP/stick" "$watch/stick"
wait_for 30 "the stick's campaign playing" playing "Chiến dịch v3"
grep -q "campaign: a stick carries a campaign: $watch/stick/bangtin" "$log" || fail "the stick was not taken as a campaign"

# 10. The outbox: the status and the day's plays, and the province's merge.
kiosk=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kiosk"])' "$lib/status.json")
today=$(date +%F)
wait_for 20 "the outbox's status" test -s "$outbox/$kiosk/status.json"
wait_for 90 "the outbox's day file with plays" grep -q '^slide,' "$outbox/$kiosk/plays-$today.csv"
$bin --report "$today" --merge "$outbox" >"$E2E_TMP/merged.csv" 2>"$E2E_TMP/merge.err" || fail "--merge: $(cat "$E2E_TMP/merge.err")"
head -n1 "$E2E_TMP/merged.csv" | grep -q '^kiosk,kind,playlist,id,shown,touches,seconds$' || fail "merged header: $(head -n1 "$E2E_TMP/merged.csv")"
grep -q "^$kiosk,slide,Chiến dịch v1,c1-v1," "$E2E_TMP/merged.csv" || fail "the merge does not count the campaign's slide: $(cat "$E2E_TMP/merged.csv")"
grep -q "^$kiosk,slide,Văn phòng phường,o1," "$E2E_TMP/merged.csv" || fail "the merge does not count the office's slide under its own name"

# 11. Started again: the campaign in place plays from the first slide, mixed.
kill "$E2E_PIDS" && wait "$E2E_PIDS" 2>/dev/null
BANGTIN_DEBUG=1 $bin --window 640x360 --library "$lib" --watch "$watch" \
    --campaign "$synced" --trust "$E2E_TMP/dept.pub" --outbox "$outbox" \
    "$E2E_TMP/office.yaml" >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 20 "the player started again" grep -q "playing" "$log"
grep -q "campaign: version $(sed -n 's/^version //p' "$E2E_TMP/stick/bangtin/manifest.txt" 2>/dev/null || sed -n 's/^version //p' "$watch/stick/bangtin/manifest.txt") (.*) in place" "$log" ||
    fail "the campaign in place is not said at start"
wait_for 20 "the status says the mix plays" grep -q '"what": "Chiến dịch v3 + Văn phòng phường"' "$lib/status.json"
wait_for 20 "a slide change" grep -q ': slide ' "$log"
# The first slide (c1-v3) is shown at start without a line; the first change is to c2.
grep -m1 ': slide ' "$log" | grep -q 'slide c2-v3' || fail "the loop did not start with the campaign: $(grep -m1 ': slide ' "$log")"
wait_for 20 "an office slide in the mix" grep -q 'slide o1' "$log"

# 12. SIGTERM ends it cleanly (the campaign thread and the status writer
# joined; under ASan, nothing leaked).
kill -TERM "$E2E_PIDS"
wait "$E2E_PIDS"
rc=$?
E2E_PIDS=""
[ "$rc" -eq 0 ] || fail "the player ended with status $rc"
grep -q 'Sanitizer' "$log" && fail "the sanitizer reports: $(grep -m3 -A5 'Sanitizer' "$log")"
grep -q "stopped" "$log" || fail "the player did not say it stopped"
$bin --status --library "$lib" >"$E2E_TMP/status.txt" || fail "--status after the stop"
grep -q "^Player:    stopped " "$E2E_TMP/status.txt" || fail "--status does not say the player stopped: $(head -n2 "$E2E_TMP/status.txt")"
