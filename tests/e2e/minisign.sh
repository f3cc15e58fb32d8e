#!/bin/bash
# Signed campaigns with the real minisign: what `bangtin --sign` signs,
# `minisign -V` verifies; what `minisign -S` signs (prehashed and legacy),
# the kiosk's decision accepts; keys made by either tool sign with the
# other, encrypted ones too, their passwords typed on a pseudo-terminal;
# without a terminal, --keygen makes an unencrypted key and says so, and
# --sign with an encrypted key fails saying why. The kiosk's decision is
# tests/tools/campaign_check (bt_keyring_load + bt_campaign_decide).
set -u
cd "$(dirname "$0")/../.."
bin=${BANGTIN:-build/bangtin}
check=${BT_BUILD:-build}/tests/tools/campaign_check
tmp=$(mktemp -d /tmp/bangtin-minisign.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
[ -x "$bin" ] || fail "$bin is missing: run make first"
[ -x "$check" ] || fail "$check is missing: run make tests first"
command -v minisign >/dev/null || fail "minisign is missing (apt-get install minisign)"

# on_tty PASSWORD CMD...: runs CMD with a new pseudo-terminal as its
# controlling terminal (stdin, stdout, /dev/tty), types PASSWORD and Enter
# at each prompt that asks for a password, copies what CMD writes to
# stdout, and returns its status. CMD is killed after 120 s.
on_tty() {
    python3 - "$@" <<'PY'
import os, pty, select, signal, sys, time
password, cmd = sys.argv[1].encode(), sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
pending, deadline = b"", time.monotonic() + 120
while True:
    if time.monotonic() > deadline:
        os.kill(pid, signal.SIGKILL)
        print("on_tty: timed out", file=sys.stderr)
        break
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:  # EIO: the command closed the terminal
        break
    if not data:
        break
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    pending += data
    if b"assword" in pending and pending.rstrip().endswith(b":"):
        os.write(fd, password + b"\n")
        pending = b""
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
}

# no_tty CMD...: CMD in a new session, so without a controlling terminal.
no_tty() {
    timeout 60 setsid -w "$@" </dev/null
}

# campaign DIR: a campaign folder as a Department prepares it.
campaign() {
    mkdir -p "$1/images" "$1/Tài liệu" "$1/.stfolder"
    printf 'version: 1\nslides: []\n' >"$1/playlist.yaml"
    head -c 300000 /dev/urandom >"$1/images/big.png"
    printf 'một tài liệu\n' >"$1/Tài liệu/hướng dẫn.pdf"
    printf 'x' >"$1/.stignore"
}

# verdict DIR KEY.pub...: the kiosk's verdict word (accept, refuse, ...).
verdict() {
    local dir=$1 args=()
    shift
    for k in "$@"; do args+=(--trust "$k"); done
    "$check" "${args[@]}" "$dir" >"$tmp/verdict.out" 2>&1
    sed -n '1s/:.*//p' "$tmp/verdict.out"
}

# alg FILE.minisig: the signature's algorithm bytes, "ED" or "Ed".
alg() {
    sed -n 2p "$1" | base64 -d 2>/dev/null | head -c 2
}

# ---- Keys made without a terminal --------------------------------------------
no_tty "$bin" --keygen "$tmp/b" >"$tmp/out" 2>"$tmp/err" || fail "--keygen: status $?: $(cat "$tmp/err")"
grep -q "not be encrypted" "$tmp/err" || fail "--keygen without a terminal did not say the key is unencrypted: $(cat "$tmp/err")"
[ "$(stat -c %a "$tmp/b.key")" = 600 ] || fail "b.key has mode $(stat -c %a "$tmp/b.key"), expected 600"
grep -Eq '^untrusted comment: minisign public key [0-9A-F]{16}$' "$tmp/b.pub" || fail "b.pub: $(cat "$tmp/b.pub")"
grep -q "trusted.d/b.pub" "$tmp/out" || fail "--keygen does not say where the public key goes: $(cat "$tmp/out")"
cp "$tmp/b.key" "$tmp/b.key.orig"
no_tty "$bin" --keygen "$tmp/b" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "--keygen over an existing key: expected status 1"
grep -q "already exists" "$tmp/err" || fail "--keygen over an existing key: $(cat "$tmp/err")"
cmp -s "$tmp/b.key" "$tmp/b.key.orig" || fail "--keygen overwrote b.key"
minisign -G -W -p "$tmp/m.pub" -s "$tmp/m.key" </dev/null >/dev/null || fail "minisign -G -W"

# ---- bangtin --sign, checked by minisign -V ----------------------------------
for key in b m; do
    dir="$tmp/signed-$key"
    campaign "$dir"
    no_tty "$bin" --sign "$tmp/$key.key" "$dir" >"$tmp/out" 2>"$tmp/err" ||
        fail "--sign with $key.key: status $?: $(cat "$tmp/err")"
    grep -q "manifest.txt: version 1, 3 files" "$tmp/out" || fail "--sign said: $(cat "$tmp/out")"
    [ "$(alg "$dir/manifest.txt.minisig")" = ED ] || fail "--sign did not write a prehashed signature"
    minisign -V -H -p "$tmp/$key.pub" -m "$dir/manifest.txt" >"$tmp/out" 2>&1 ||
        fail "minisign -V refuses bangtin --sign with $key.key: $(cat "$tmp/out")"
    grep -Pq '^Trusted comment: timestamp:[0-9]+\tfile:manifest.txt\thashed$' "$tmp/out" ||
        fail "trusted comment: $(cat "$tmp/out")"
    [ "$(verdict "$dir" "$tmp/$key.pub")" = accept ] || fail "the kiosk refuses $key's campaign: $(cat "$tmp/verdict.out")"
done
# The manifest lists what a Department put there, hidden files aside.
grep -q '  300000  images/big.png$' "$tmp/signed-b/manifest.txt" || fail "manifest: $(cat "$tmp/signed-b/manifest.txt")"
grep -q 'stignore\|stfolder' "$tmp/signed-b/manifest.txt" && fail "hidden files listed: $(cat "$tmp/signed-b/manifest.txt")"
# Another Department's key is not this kiosk's.
[ "$(verdict "$tmp/signed-m" "$tmp/b.pub")" = refuse ] || fail "a campaign signed by an untrusted key: $(cat "$tmp/verdict.out")"
grep -q "does not trust" "$tmp/verdict.out" || fail "unknown key: $(cat "$tmp/verdict.out")"

# ---- minisign -S, checked by the kiosk ---------------------------------------
dir="$tmp/by-minisign"
campaign "$dir"
"$bin" --manifest "$dir" >"$tmp/out" 2>&1 || fail "--manifest: $(cat "$tmp/out")"
grep -q "minisign -Sm" "$tmp/out" || fail "--manifest does not say how to sign: $(cat "$tmp/out")"
for key in m b; do
    for form in prehashed legacy; do
        flag=""
        [ $form = legacy ] && flag=-l
        minisign -S $flag -s "$tmp/$key.key" -m "$dir/manifest.txt" </dev/null >/dev/null ||
            fail "minisign -S $flag with $key.key"
        want=ED
        [ $form = legacy ] && want=Ed
        [ "$(alg "$dir/manifest.txt.minisig")" = $want ] || fail "minisign wrote $(alg "$dir/manifest.txt.minisig"), not $want"
        [ "$(verdict "$dir" "$tmp/$key.pub")" = accept ] ||
            fail "the kiosk refuses a $form minisign signature with $key.key: $(cat "$tmp/verdict.out")"
    done
done
# The last one was legacy: minisign's trusted comment without "hashed".
grep -Pq '^trusted comment: timestamp:[0-9]+\tfile:manifest.txt$' "$tmp/verdict.out" ||
    fail "the kiosk did not return the trusted comment: $(cat "$tmp/verdict.out")"

# ---- Tampering, replay -------------------------------------------------------
dir="$tmp/signed-b"
cp "$dir/playlist.yaml" "$tmp/playlist.orig"
printf 'version: 1\nslides: [x]\n' | head -c "$(stat -c %s "$tmp/playlist.orig")" >"$dir/playlist.yaml"
[ "$(verdict "$dir" "$tmp/b.pub")" = refuse ] || fail "a tampered file: $(cat "$tmp/verdict.out")"
grep -q "changed after the Department signed" "$tmp/verdict.out" || fail "tampered: $(cat "$tmp/verdict.out")"
cp "$tmp/playlist.orig" "$dir/playlist.yaml"
cp "$dir/manifest.txt" "$tmp/manifest.orig"
sed -i 's/^version 1$/version 7/' "$dir/manifest.txt"
minisign -V -p "$tmp/b.pub" -m "$dir/manifest.txt" >/dev/null 2>&1 && fail "minisign -V accepts a changed manifest"
[ "$(verdict "$dir" "$tmp/b.pub")" = refuse ] || fail "a changed manifest: $(cat "$tmp/verdict.out")"
cp "$tmp/manifest.orig" "$dir/manifest.txt"
no_tty "$bin" --sign "$tmp/b.key" "$dir" >"$tmp/out" 2>&1 || fail "--sign again: $(cat "$tmp/out")"
grep -q "version 2" "$tmp/out" || fail "the version did not grow: $(cat "$tmp/out")"
"$check" --trust "$tmp/b.pub" --current 2 "$dir" >/dev/null
[ $? -eq 4 ] || fail "version 2 over version 2 is not the campaign in place"
"$check" --trust "$tmp/b.pub" --current 3 "$dir" >"$tmp/verdict.out"
[ $? -eq 1 ] || fail "version 2 over version 3 is not refused"
grep -q "older" "$tmp/verdict.out" || fail "older: $(cat "$tmp/verdict.out")"

# ---- An encrypted minisign key, its password typed on a terminal ------------
pw="correct horse 7"
on_tty "$pw" minisign -G -p "$tmp/e.pub" -s "$tmp/e.key" >"$tmp/tty.out" 2>&1 ||
    fail "minisign -G on a terminal: $(cat "$tmp/tty.out")"
dir="$tmp/encrypted"
campaign "$dir"
on_tty "$pw" "$bin" --sign "$tmp/e.key" "$dir" >"$tmp/tty.out" 2>&1 ||
    fail "--sign with an encrypted minisign key: $(cat "$tmp/tty.out")"
grep -q "signed with key" "$tmp/tty.out" || fail "--sign on a terminal said: $(cat "$tmp/tty.out")"
grep -q "Checking the password" "$tmp/tty.out" || fail "--sign did not say the password takes a while"
grep -qF "$pw" "$tmp/tty.out" && fail "the password was echoed: $(cat "$tmp/tty.out")"
minisign -V -p "$tmp/e.pub" -m "$dir/manifest.txt" >/dev/null || fail "minisign -V refuses what the encrypted key signed"
[ "$(verdict "$dir" "$tmp/e.pub")" = accept ] || fail "the kiosk refuses the encrypted key's campaign: $(cat "$tmp/verdict.out")"
cp "$dir/manifest.txt.minisig" "$tmp/sig.orig"
on_tty "not it" "$bin" --sign "$tmp/e.key" "$dir" >"$tmp/tty.out" 2>&1
[ $? -eq 1 ] || fail "--sign with a wrong password: expected status 1"
grep -q "wrong password" "$tmp/tty.out" || fail "wrong password: $(cat "$tmp/tty.out")"
cmp -s "$dir/manifest.txt.minisig" "$tmp/sig.orig" || fail "a wrong password changed the signature"
no_tty "$bin" --sign "$tmp/e.key" "$dir" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "--sign with an encrypted key and no terminal: expected status 1"
grep -q "no terminal" "$tmp/err" || fail "no terminal: $(cat "$tmp/err")"

# ---- An encrypted bangtin key, used by minisign -------------------------------
pw2="mật khẩu 2026"
on_tty "$pw2" "$bin" --keygen "$tmp/be" >"$tmp/tty.out" 2>&1 || fail "--keygen on a terminal: $(cat "$tmp/tty.out")"
grep -q "(encrypted)" "$tmp/tty.out" || fail "--keygen on a terminal said: $(cat "$tmp/tty.out")"
grep -qF "$pw2" "$tmp/tty.out" && fail "the password was echoed by --keygen"
[ "$(sed -n 2p "$tmp/be.key" | base64 -d | head -c 6 | tail -c 4)" = ScB2 ] || fail "be.key is not scrypt-encrypted"
dir="$tmp/by-minisign-be"
campaign "$dir"
"$bin" --manifest "$dir" >/dev/null || fail "--manifest"
on_tty "$pw2" minisign -S -s "$tmp/be.key" -m "$dir/manifest.txt" >"$tmp/tty.out" 2>&1 ||
    fail "minisign -S with bangtin's encrypted key: $(cat "$tmp/tty.out")"
minisign -V -p "$tmp/be.pub" -m "$dir/manifest.txt" >/dev/null || fail "minisign -V with be.pub"
[ "$(verdict "$dir" "$tmp/be.pub")" = accept ] || fail "the kiosk refuses be's campaign: $(cat "$tmp/verdict.out")"

# ---- Bad usage -----------------------------------------------------------------
"$bin" --sign "$tmp/b.key" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--sign with one value: expected status 2"
"$bin" --manifest "$tmp/no-such-folder" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] || fail "--manifest of a missing folder: expected status 1"
grep -q "no-such-folder" "$tmp/err" || fail "--manifest of a missing folder: $(cat "$tmp/err")"
echo "minisign interop: ok"
