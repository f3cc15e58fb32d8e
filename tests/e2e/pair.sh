#!/bin/bash
# bangtin --pair DIR, as a technician runs it: the kiosk's key (made at first
# use) lands on the stick as bangtin/kiosk.key, and refusals say why. When
# exFAT tools, FUSE and a loop device are at hand, also onto a real exFAT
# filesystem, as sticks really are; else that part is skipped, saying so.
set -u
cd "$(dirname "$0")/../.."
bin=${BANGTIN:-build/bangtin}
tmp=$(mktemp -d /tmp/bangtin-pair.XXXXXX)
mnt=""
loopdev=""
cleanup() {
    [ -n "$mnt" ] && { fusermount -u "$mnt" 2>/dev/null || umount "$mnt" 2>/dev/null; }
    [ -n "$loopdev" ] && losetup -d "$loopdev" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# No test may hang, even on a binary where --pair is not wired yet.
pair() { timeout 10 "$bin" --pair "$@" </dev/null; }

[ -x "$bin" ] || fail "$bin is missing: run make first"

# The key the kiosk will use: the system key when there is a readable one.
lib="$tmp/lib"
kiosk_key="$lib/usb.key"
[ -r /etc/bangtin/usb.key ] && kiosk_key=/etc/bangtin/usb.key

# assert_paired STICK: STICK/bangtin/kiosk.key is 32 hex digits and a
# newline, the same bytes as the kiosk's key.
assert_paired() {
    local key="$1/bangtin/kiosk.key"
    [ -f "$key" ] || fail "no $key"
    [ "$(wc -c <"$key")" -eq 33 ] || fail "$key is $(wc -c <"$key") bytes, expected 33"
    grep -Eqx '[0-9a-f]{32}' "$key" || fail "$key is not 32 lower-case hex digits"
    [ "$(tail -c 1 "$key" | od -An -c | tr -d ' ')" = '\n' ] || fail "$key does not end in a newline"
    cmp -s "$key" "$kiosk_key" || fail "$key differs from $kiosk_key"
}

# First use: the library and its key are made, the stick is paired.
stick="$tmp/stick"
mkdir "$stick"
out=$(pair "$stick" --library "$lib" 2>"$tmp/err")
status=$?
[ "$status" -eq 0 ] || fail "--pair: status $status: $(cat "$tmp/err")"
[ "$out" = "paired: this stick can now load playlists on this kiosk" ] || fail "--pair printed: $out"
[ -s "$tmp/err" ] && fail "--pair wrote to stderr: $(cat "$tmp/err")"
if [ "$kiosk_key" = "$lib/usb.key" ]; then
    [ "$(stat -c %a "$lib/usb.key")" = 600 ] || fail "usb.key mode $(stat -c %a "$lib/usb.key"), expected 600"
fi
assert_paired "$stick"
ls -A "$stick/bangtin" | grep -vqxE 'kiosk.key|HUONG-DAN.txt' && fail "files left beside kiosk.key: $(ls -A "$stick/bangtin")"
# The clerk's guide beside the key: Vietnamese, for Notepad (a byte-order
# mark, CRLF line ends), whatever the technician's locale.
guide="$stick/bangtin/HUONG-DAN.txt"
[ -f "$guide" ] || fail "--pair wrote no HUONG-DAN.txt"
[ "$(head -c 3 "$guide" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "HUONG-DAN.txt has no byte-order mark"
[ "$(grep -c $'\r$' "$guide")" -eq "$(wc -l <"$guide")" ] || fail "HUONG-DAN.txt: a line without CRLF"
grep -q "CÁCH ĐƯA NỘI DUNG LÊN BẢNG TIN" "$guide" || fail "HUONG-DAN.txt is not in Vietnamese: $(head -n 3 "$guide")"
grep -q "errors.txt" "$guide" || fail "HUONG-DAN.txt does not say where the errors are"
LANG=en_US.UTF-8 pair "$stick" --library "$lib" >/dev/null 2>&1 || fail "--pair again"
grep -q "CÁCH ĐƯA NỘI DUNG LÊN BẢNG TIN" "$guide" || fail "an English terminal made the clerk's guide English"

# The key is never printed.
hex=$(head -c 32 "$kiosk_key")
grep -q "$hex" "$tmp/err" && fail "the key was printed on stderr"
echo "$out" | grep -q "$hex" && fail "the key was printed on stdout"

# Again: the same key, a second stick gets it too.
stick2="$tmp/stick2"
mkdir -p "$stick2/bangtin"
pair "$stick2" --library "$lib" >/dev/null 2>"$tmp/err" || fail "second --pair: $(cat "$tmp/err")"
assert_paired "$stick2"
assert_paired "$stick"

# Refusals: status 1, a reason on stderr, nothing written.
pair "$tmp/no-such-stick" --library "$lib" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "a missing stick folder: expected status 1"
grep -q '^bangtin: .*no-such-stick' "$tmp/err" || fail "a missing stick folder: no reason: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "a refused --pair printed: $(cat "$tmp/out")"

evil="$tmp/evil"
mkdir -p "$evil" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$evil/bangtin"
pair "$evil" --library "$lib" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "bangtin/ as a symlink: expected status 1"
grep -q '^bangtin: ' "$tmp/err" || fail "bangtin/ as a symlink: no reason"
[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "--pair wrote through the bangtin/ symlink"

# A damaged kiosk key is reported and kept as it was.
lib2="$tmp/lib2"
mkdir "$lib2"
printf 'not a key\n' >"$lib2/usb.key"
if [ "$kiosk_key" = "$lib/usb.key" ]; then
    pair "$stick" --library "$lib2" >/dev/null 2>"$tmp/err"
    [ $? -eq 1 ] || fail "a damaged usb.key: expected status 1"
    grep -q "damaged" "$tmp/err" && grep -q "$lib2/usb.key" "$tmp/err" ||
        fail "a damaged usb.key: message does not name it: $(cat "$tmp/err")"
    [ "$(cat "$lib2/usb.key")" = "not a key" ] || fail "the damaged usb.key was overwritten"
    assert_paired "$stick" # the stick kept its key
fi

# A real exFAT stick (no file modes, FUSE), when the tools are here.
exfat_note="exFAT part skipped"
if command -v mkfs.exfat >/dev/null && command -v mount.exfat-fuse >/dev/null &&
    [ -e /dev/fuse ] && [ "$(id -u)" = 0 ]; then
    truncate -s 8M "$tmp/stick.img"
    mkfs.exfat "$tmp/stick.img" >/dev/null 2>&1 || fail "mkfs.exfat failed"
    if loopdev=$(losetup --find --show "$tmp/stick.img" 2>/dev/null); then
        mnt="$tmp/mnt"
        mkdir "$mnt"
        if mount.exfat-fuse "$loopdev" "$mnt" >/dev/null 2>&1; then
            pair "$mnt" --library "$lib" >/dev/null 2>"$tmp/err" || fail "--pair on exFAT: $(cat "$tmp/err")"
            assert_paired "$mnt"
            pair "$mnt" --library "$lib" >/dev/null 2>"$tmp/err" || fail "--pair again on exFAT: $(cat "$tmp/err")"
            assert_paired "$mnt"
            exfat_note="also onto a real exFAT stick"
        else
            mnt=""
            exfat_note="exFAT part skipped (cannot mount with FUSE)"
        fi
    else
        loopdev=""
        exfat_note="exFAT part skipped (no loop device)"
    fi
else
    exfat_note="exFAT part skipped (needs root, /dev/fuse, exfatprogs and exfat-fuse)"
fi

echo "ok: --pair writes the kiosk's key onto sticks and refuses unsafe ones; $exfat_note"
