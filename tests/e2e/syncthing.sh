#!/bin/bash
# The province's campaign through the real Syncthing: two instances on
# 127.0.0.1 (private homes, no discovery, no relays, no global announce),
# a "Department" with a send-only campaign folder and a "kiosk" whose
# receive-only copy is the player's --campaign. v1 plays; v2 with a large
# file arrives over seconds and the library never holds half of it
# (sampled throughout); a tampered v3 is refused and v2 plays on; the
# kiosk's outbox, shared back the other way, reaches the Department, where
# --report --merge counts the kiosk's plays.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
bin=$(realpath "${BANGTIN:-build/bangtin}")
command -v syncthing >/dev/null || fail "syncthing is missing (apt-get install syncthing)"
command -v minisign >/dev/null || fail "minisign is missing (apt-get install minisign)"
command -v curl >/dev/null || fail "curl is missing (apt-get install curl)"
log="$E2E_TMP/player.out" # with each slide shown (BANGTIN_DEBUG), left out on failure
fail() {
    echo "FAIL: $*" >&2
    [ -f "$log" ] && grep -v ': slide ' "$log" | tail -n 25 >&2
    for s in dept kiosk; do
        [ -f "$E2E_TMP/$s.st.log" ] && { echo "--- syncthing $s" >&2; tail -n 8 "$E2E_TMP/$s.st.log" >&2; }
    done
    exit 1
}
ST_PIDS=""
st_cleanup() {
    for pid in $ST_PIDS; do kill "$pid" 2>/dev/null; done
    for pid in $ST_PIDS; do wait "$pid" 2>/dev/null; done
    e2e_cleanup
}
trap st_cleanup EXIT

# Free ports on 127.0.0.1, from the kernel.
read -r gui_d gui_k sync_d sync_k < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

for s in dept kiosk; do
    mkdir -p "$E2E_TMP/$s.home"
    syncthing generate --home="$E2E_TMP/$s.home" --no-default-folder --skip-port-probing \
        >/dev/null 2>&1 || fail "syncthing generate ($s)"
done
id_d=$(syncthing serve --home="$E2E_TMP/dept.home" --device-id) || fail "dept's device id"
id_k=$(syncthing serve --home="$E2E_TMP/kiosk.home" --device-id) || fail "kiosk's device id"
key_d=dept-$RANDOM$RANDOM key_k=kiosk-$RANDOM$RANDOM

dept_campaign="$E2E_TMP/dept/campaign"  # what the Department publishes
dept_outboxes="$E2E_TMP/dept/outboxes"  # what the kiosks send up
kiosk_campaign="$E2E_TMP/kiosk/campaign"
kiosk_outbox="$E2E_TMP/kiosk/outbox"
mkdir -p "$dept_campaign" "$dept_outboxes" "$kiosk_campaign" "$kiosk_outbox"

# configure HOME GUIPORT SYNCPORT APIKEY SELF PEER PEERPORT CAMPAIGN-DIR CAMPAIGN-TYPE OUTBOX-DIR OUTBOX-TYPE
configure() {
    python3 - "$@" <<'PY' || fail "cannot write the Syncthing configuration in $1"
import sys, xml.etree.ElementTree as ET
home, gui, port, apikey, me, peer, peer_port, cdir, ctype, odir, otype = sys.argv[1:]
path = home + "/config.xml"
tree = ET.parse(path)
root = tree.getroot()
g = root.find("gui")
g.find("address").text = "127.0.0.1:" + gui
g.find("apikey").text = apikey
o = root.find("options")
def opt(name, value):
    e = o.find(name)
    if e is None:
        e = ET.SubElement(o, name)
    e.text = value
for name in o.findall("listenAddress"):
    o.remove(name)
opt("listenAddress", "tcp://127.0.0.1:" + port)
for name, value in [("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                    ("relaysEnabled", "false"), ("natEnabled", "false"), ("startBrowser", "false"),
                    ("urAccepted", "-1"), ("autoUpgradeIntervalH", "0"),
                    ("crashReportingEnabled", "false"), ("announceLANAddresses", "false"),
                    ("setLowPriority", "false")]:
    opt(name, value)
for d in root.findall("device"):
    root.remove(d)
for f in root.findall("folder"):
    root.remove(f)
for dev, addr in [(me, "dynamic"), (peer, "tcp://127.0.0.1:" + peer_port)]:
    d = ET.SubElement(root, "device", id=dev, name=dev[:7], compression="metadata",
                      introducer="false", skipIntroductionRemovals="false", introducedBy="")
    ET.SubElement(d, "address").text = addr
    ET.SubElement(d, "paused").text = "false"
    ET.SubElement(d, "autoAcceptFolders").text = "false"
for fid, fdir, ftype in [("campaign", cdir, ctype), ("outbox", odir, otype)]:
    f = ET.SubElement(root, "folder", id=fid, label=fid, path=fdir, type=ftype,
                      rescanIntervalS="3600", fsWatcherEnabled="true", fsWatcherDelayS="1",
                      ignorePerms="false", autoNormalize="true")
    for dev in (me, peer):
        ET.SubElement(f, "device", id=dev, introducedBy="")
    ET.SubElement(f, "minDiskFree", unit="%").text = "0"
    ET.SubElement(f, "order").text = "alphabetic"
    ET.SubElement(f, "markerName").text = ".stfolder"
tree.write(path)
PY
}
configure "$E2E_TMP/dept.home" "$gui_d" "$sync_d" "$key_d" "$id_d" "$id_k" "$sync_k" \
    "$dept_campaign" sendonly "$dept_outboxes" receiveonly
configure "$E2E_TMP/kiosk.home" "$gui_k" "$sync_k" "$key_k" "$id_k" "$id_d" "$sync_d" \
    "$kiosk_campaign" receiveonly "$kiosk_outbox" sendonly
for s in dept kiosk; do
    STNOUPGRADE=1 syncthing serve --home="$E2E_TMP/$s.home" --no-browser --no-restart \
        --no-upgrade --logfile="$E2E_TMP/$s.st.log" >/dev/null 2>&1 &
    ST_PIDS="$ST_PIDS $!"
done

# api dept|kiosk METHOD PATH: the REST API, its JSON on stdout.
api() {
    local port key
    if [ "$1" = dept ]; then port=$gui_d key=$key_d; else port=$gui_k key=$key_k; fi
    curl -sf -X "$2" -H "X-API-Key: $key" "http://127.0.0.1:$port$3"
}
up() { api "$1" GET /rest/system/ping 2>/dev/null | grep -q pong; }
connected() {
    api dept GET /rest/system/connections | python3 -c '
import json, sys
c = json.load(sys.stdin)["connections"]
sys.exit(0 if any(v.get("connected") for v in c.values()) else 1)'
}
# synced SIDE FOLDER: the folder is idle and needs nothing more on SIDE.
synced() {
    api "$1" GET "/rest/db/status?folder=$2" | python3 -c '
import json, sys
s = json.load(sys.stdin)
sys.exit(0 if s["state"] == "idle" and s["needFiles"] == 0 and s["needBytes"] == 0 else 1)'
}
scan() { api "$1" POST "/rest/db/scan?folder=$2" >/dev/null || fail "scan $2 on $1"; }
wait_for 30 "the Department's Syncthing answers" up dept
wait_for 30 "the kiosk's Syncthing answers" up kiosk
wait_for 60 "the two Syncthing instances connected" connected

# ---- the Department's campaigns ----------------------------------------------
minisign -G -W -p "$E2E_TMP/dept.pub" -s "$E2E_TMP/dept.key" </dev/null >/dev/null || fail "minisign -G"
export BANGTIN_TRUSTED_DIR="$E2E_TMP/trusted.d"
export BANGTIN_TEST_CAMPAIGN_QUIET_MS=4000
# publish WORD [BIG-MiB] [tampered]: the Department's folder becomes a new
# signed campaign (its version one more), with a large file when asked, its
# playlist changed after signing when asked.
publish() {
    local d="$E2E_TMP/stage"
    rm -rf "$d" && mkdir -p "$d/images"
    [ -f "$dept_campaign/manifest.txt" ] && cp "$dept_campaign/manifest.txt" "$d/"
    convert -size 320x180 "xc:#2060a0" "$d/images/c.png"
    local big=""
    if [ -n "${2:-}" ]; then
        head -c "$(($2 * 1048576))" /dev/urandom >"$d/images/big.bin" # listed, carried, never shown
    fi
    cat >"$d/playlist.yaml" <<YAML
version: 1
name: "Chiến dịch $1"
slides:
  - {id: a-$1, title: "Chiến dịch $1", image: images/c.png, duration: 1}
  - {id: b-$1, title: "Không chia sẻ mã OTP", duration: 1}
  - {id: c-$1, title: "Mật khẩu mạnh", duration: 1}
YAML
    $bin --manifest "$d" >/dev/null || fail "--manifest"
    minisign -S -s "$E2E_TMP/dept.key" -m "$d/manifest.txt" </dev/null >/dev/null || fail "minisign -S"
    [ "${3:-}" = tampered ] && sed -i 's/Mật khẩu mạnh/Mật khẩu yếu!/' "$d/playlist.yaml"
    # Into the sent folder as a Department's clerk would: the new files
    # over the old ones.
    rm -rf "${dept_campaign:?}"/images "$dept_campaign"/playlist.yaml
    cp -r "$d"/. "$dept_campaign"/
    scan dept campaign
}
playing() { grep -q "campaign: \"Chiến dịch $1\" plays now" "$log"; }
overlays() { grep -c "overlay: $1" "$log"; }
seen() { [ "$(overlays "$1")" -ge "$2" ]; }

cat >"$E2E_TMP/office.yaml" <<YAML
version: 1
name: "Văn phòng phường"
slides:
  - {id: o1, title: "Lịch tiếp dân", duration: 1}
YAML
lib="$E2E_TMP/lib"
mkdir -p "$lib"
start=$(date +%s)

# 1. v1 published: the kiosk plays it.
publish v1
e2e_start 640x360
BANGTIN_DEBUG=1 $bin --window 640x360 --library "$lib" --watch "$E2E_TMP/media" \
    --campaign "$kiosk_campaign" --trust "$E2E_TMP/dept.pub" --outbox "$kiosk_outbox" \
    "$E2E_TMP/office.yaml" >"$log" 2>&1 &
E2E_PIDS=$!
wait_for 60 "v1 through Syncthing, playing" playing v1

# 2. v2 with a 96 MiB file: the library never holds half a campaign.
# sample: every campaign the library names is whole (each listed file
# there, of its size); a violation is written down.
sample() {
    while [ ! -f "$E2E_TMP/stop-sampling" ]; do
        python3 - "$lib" "$kiosk_campaign" >>"$E2E_TMP/samples" 2>&1 <<'PY'
import os, sys
lib, synced = sys.argv[1:]
for d, _, files in os.walk(synced):
    if any(f.startswith(".syncthing.") and f.endswith(".tmp") for f in files):
        print("syncing")
c = os.path.join(lib, "campaign")
try:
    target = os.readlink(c)
    m = open(os.path.join(c, "manifest.txt"), encoding="utf-8").read().splitlines()
except OSError:
    print("none")
    sys.exit()
bad = []
for line in m:
    parts = line.split("  ")
    if len(parts) == 3 and len(parts[0]) == 64:
        p = os.path.join(c, parts[2])
        try:
            if os.lstat(p).st_size != int(parts[1]):
                bad.append("size " + parts[2])
        except OSError:
            bad.append("missing " + parts[2])
print(("HALF %s: %s" % (target, bad)) if bad else "whole " + target)
PY
    done
}
sample &
sampler=$!
E2E_PIDS="$E2E_PIDS $sampler"
publish v2 96
wait_for 90 "v2 (with its large file) playing" playing v2
touch "$E2E_TMP/stop-sampling"
wait "$sampler" 2>/dev/null
grep -q HALF "$E2E_TMP/samples" && fail "the library held half a campaign: $(grep -m3 HALF "$E2E_TMP/samples")"
n_samples=$(grep -c . "$E2E_TMP/samples")
[ "$n_samples" -ge 10 ] || fail "only $n_samples samples of the library"
grep -q "whole campaigns/v0*2-" "$E2E_TMP/samples" || fail "the sampler never saw v2 in place"
grep -q "^syncing" "$E2E_TMP/samples" || fail "the sampler never saw Syncthing writing: the test proved nothing"
big=$(find "$lib/campaign/images" -name big.bin -size +95M | wc -l)
[ "$big" -eq 1 ] || fail "the large file is not in the library's campaign"

# 3. v3 tampered at the Department after signing: refused; v2 plays on.
publish v3 "" tampered
wait_for 60 "the tampered v3 refused" seen "Không nhận chiến dịch mới của tỉnh" 1
playing v3 && fail "the tampered v3 plays"
wait_for 20 "the status to say v3 was refused" grep -q '"state": "refused' "$lib/status.json"
readlink "$lib/campaign" | grep -q 'v0*2-' || fail "the campaign in place is not v2 any more: $(readlink "$lib/campaign")"

# 4. The outbox goes up: at the Department, --report --merge counts the kiosk's plays.
kiosk=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kiosk"])' "$lib/status.json")
today=$(date +%F)
wait_for 30 "the kiosk's day file with plays" grep -q '^slide,Chiến dịch v2,' "$kiosk_outbox/$kiosk/plays-$today.csv"
scan kiosk outbox
wait_for 60 "the kiosk's outbox at the Department" grep -q '^slide,Chiến dịch v2,' "$dept_outboxes/$kiosk/plays-$today.csv"
# Its status is a file of its own: Syncthing may bring it after the day file.
wait_for 60 "the kiosk's status at the Department" test -s "$dept_outboxes/$kiosk/status.json"
$bin --report "$today" --merge "$dept_outboxes" >"$E2E_TMP/merged.csv" 2>"$E2E_TMP/merge.err" ||
    fail "--merge: $(cat "$E2E_TMP/merge.err")"
shown=$(awk -F, -v k="$kiosk" '$1 == k && $2 == "slide" && $3 == "Chiến dịch v1" { s += $5 } END { print s + 0 }' "$E2E_TMP/merged.csv")
[ "$shown" -ge 1 ] || fail "the merge counts no play of v1: $(cat "$E2E_TMP/merged.csv")"
echo "syncthing: $(($(date +%s) - start)) s; $n_samples samples of the library, none half"
