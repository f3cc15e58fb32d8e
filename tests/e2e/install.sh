#!/bin/bash
# make install and make uninstall into a scratch DESTDIR: the exact layout,
# an installed player that renders the bundled playlist from the installed
# files alone, a man page that parses without warnings and documents every
# option of --help, a unit systemd accepts, and nothing left after uninstall.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
root=$E2E_TMP/root

make -s install DESTDIR="$root" PREFIX=/usr >"$E2E_TMP/install.log" 2>&1 ||
    fail "make install DESTDIR=... PREFIX=/usr: $(tail -n 5 "$E2E_TMP/install.log")"

# The layout, file for file (the playlist's pictures taken from the tree).
{
    echo "f 755 usr/bin/bangtin"
    echo "f 644 usr/lib/systemd/system/bangtin.service"
    echo "f 644 usr/lib/sysusers.d/bangtin.conf"
    echo "f 644 usr/lib/tmpfiles.d/bangtin.conf"
    echo "f 644 usr/lib/udev/rules.d/99-bangtin-usb.rules"
    echo "f 644 usr/share/bangtin/fonts/NotoSans-Bold.ttf"
    echo "f 644 usr/share/bangtin/fonts/NotoSans-Regular.ttf"
    echo "f 644 usr/share/bangtin/fonts/OFL.txt"
    echo "f 644 usr/share/bangtin/playlists/awareness.yaml"
    for p in playlists/images/*.png playlists/icons/*.png; do echo "f 644 usr/share/bangtin/$p"; done
    echo "f 644 usr/share/man/man1/bangtin.1"
    echo "f 644 usr/share/doc/bangtin/examples/kiosk.yaml"
    echo "f 644 usr/share/locale/vi/LC_MESSAGES/bangtin.mo"
    echo "f 644 etc/bangtin/kiosk.yaml"
} | sort >"$E2E_TMP/expected"
(cd "$root" && find . \( -type f -o -type l \) -printf '%y %m %P\n') | sort >"$E2E_TMP/actual"
diff -u "$E2E_TMP/expected" "$E2E_TMP/actual" >"$E2E_TMP/layout.diff" ||
    fail "install layout differs from the expected one: $(cat "$E2E_TMP/layout.diff")"
# The example kiosk settings, as installed, are good settings.
"$root/usr/bin/bangtin" --check --config "$root/usr/share/doc/bangtin/examples/kiosk.yaml" \
    >"$E2E_TMP/kiosk-check.log" 2>&1 || fail "the installed kiosk.yaml example: $(cat "$E2E_TMP/kiosk-check.log")"
grep -q '^ExecStart=/usr/bin/bangtin ' "$root/usr/lib/systemd/system/bangtin.service" ||
    fail "the unit does not start /usr/bin/bangtin"

# The settings file the unit runs on: the unit passes none of the settings
# (the command line would win over the file), and the installed
# /etc/bangtin/kiosk.yaml keeps what the unit used to pass, every other key
# commented out, and is good settings.
unit=$root/usr/lib/systemd/system/bangtin.service
! grep -Eq '^ExecStart=.*--(library|watch|rotate|config)' "$unit" ||
    fail "the unit's command line overrides kiosk.yaml: $(grep '^ExecStart=' "$unit")"
etc=$root/etc/bangtin/kiosk.yaml
set_keys=$(grep -Ev '^[[:space:]]*(#|$)' "$etc")
[ "$set_keys" = "library: /var/lib/bangtin
watch: [/media/bangtin]" ] || fail "the installed kiosk.yaml sets more or less than the unit's old defaults: $set_keys"
"$root/usr/bin/bangtin" --check --config "$etc" >"$E2E_TMP/etc-check.log" 2>&1 ||
    fail "the installed /etc/bangtin/kiosk.yaml: $(cat "$E2E_TMP/etc-check.log")"
grep -q 'usable (0 warnings)' "$E2E_TMP/etc-check.log" ||
    fail "the installed /etc/bangtin/kiosk.yaml has warnings: $(cat "$E2E_TMP/etc-check.log")"
# Each commented key, uncommented, is a good setting too (the comments are
# examples a technician can take as they are).
sed '/^# \/etc\/bangtin/,/^$/d; s/^#\([a-z]\)/\1/; s/^#  /  /' "$etc" >"$E2E_TMP/etc-all.yaml"
grep -q '^hours:' "$E2E_TMP/etc-all.yaml" || fail "uncommenting the installed kiosk.yaml gave no hours"
"$root/usr/bin/bangtin" --check --config "$E2E_TMP/etc-all.yaml" >"$E2E_TMP/etc-all.log" 2>&1 ||
    fail "the installed kiosk.yaml, every key uncommented: $(cat "$E2E_TMP/etc-all.log")"
grep -q 'error' "$E2E_TMP/etc-all.log" && fail "the installed kiosk.yaml, uncommented: $(cat "$E2E_TMP/etc-all.log")"
# A technician's change survives make install; make uninstall leaves it.
echo 'rotate: 90' >>"$etc"
make -s install DESTDIR="$root" PREFIX=/usr >>"$E2E_TMP/install.log" 2>&1 || fail "make install again"
grep -q '^rotate: 90' "$etc" || fail "make install overwrote the technician's kiosk.yaml"

# The binary looks in PREFIX/share/bangtin (rebuilt for this PREFIX even
# after a plain make), and plays the bundled playlist from DESTDIR alone:
# nothing of the source tree is beside it. --library keeps /var/lib alone.
bin=$root/usr/bin/bangtin
grep -qa '/usr/share/bangtin' "$bin" || fail "the installed binary does not look in /usr/share/bangtin"
export BANGTIN_DATADIR=$root/usr/share/bangtin
"$bin" --version | grep -q '^bangtin ' || fail "installed --version"
# The installed catalog speaks Vietnamese (here through BANGTIN_LOCALEDIR:
# the binary looks in /usr/share/locale, outside DESTDIR).
BANGTIN_LOCALEDIR=$root/usr/share/locale LANG=vi_VN.UTF-8 "$bin" --check \
    tests/fixtures/load/missing_image.yaml 2>&1 | grep -q "không có trong thư mục" ||
    fail "the installed catalog does not translate --check"
summary=$("$bin" --check "$BANGTIN_DATADIR/playlists/awareness.yaml") || fail "installed playlist: --check status $?"
slides=$(echo "$summary" | sed -n 's/.*usable: \([0-9]*\) slides.*/\1/p')
env -u DISPLAY "$bin" --library "$E2E_TMP/library" --render "$E2E_TMP/render" >"$E2E_TMP/render.log" 2>&1 ||
    fail "installed player: --render of the default playlist: status $?"
count=$(find "$E2E_TMP/render" -name '[0-9][0-9][0-9]-*.png' | wc -l)
[ "$count" -eq "$slides" ] || fail "installed player rendered $count slides, the bundled playlist has $slides"
[ "$(colours "$E2E_TMP/render/001-gioi-thieu.png")" -ge 200 ] || fail "first slide looks blank"
unset BANGTIN_DATADIR

# The man page: no groff warnings, man(1) reads it, every option of --help
# and the environment variables, exit statuses and signals are in it.
page=$root/usr/share/man/man1/bangtin.1
command -v groff >/dev/null 2>&1 || fail "no groff to check the man page (Debian: groff-base)"
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || fail "groff warnings in bangtin.1: $warnings"
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$page" >"$E2E_TMP/man.txt" 2>"$E2E_TMP/man.err" || fail "man -l bangtin.1 failed"
    [ ! -s "$E2E_TMP/man.err" ] || fail "man -l bangtin.1: $(cat "$E2E_TMP/man.err")"
    text=$E2E_TMP/man.txt
else
    groff -man -Tutf8 "$page" 2>/dev/null | sed 's/.\x08//g' >"$E2E_TMP/man.txt"
    text=$E2E_TMP/man.txt
fi
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$opt" "$text" || fail "bangtin.1 does not document $opt"
done
for word in SDL_VIDEODRIVER BANGTIN_DATADIR BANGTIN_DEBUG "EXIT STATUS" SIGHUP SIGTERM KEYS FILES \
    Ctrl+Alt+Q /var/lib/bangtin /etc/bangtin/usb.key; do
    grep -q -- "$word" "$text" || fail "bangtin.1 does not mention $word"
done

# systemd accepts the unit: pointed at the installed binary and man page
# (it checks both exist), `systemd-analyze verify` has nothing to say.
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$E2E_TMP/unit"
    sed "s|/usr/bin/bangtin|$bin|" "$root/usr/lib/systemd/system/bangtin.service" >"$E2E_TMP/unit/bangtin.service"
    MANPATH=$root/usr/share/man:/usr/share/man systemd-analyze verify "$E2E_TMP/unit/bangtin.service" \
        >"$E2E_TMP/verify.log" 2>&1 || fail "systemd-analyze verify: $(cat "$E2E_TMP/verify.log")"
    [ ! -s "$E2E_TMP/verify.log" ] || fail "systemd-analyze verify: $(cat "$E2E_TMP/verify.log")"
fi

# uninstall: not a file left (the empty folders of a real prefix stay).
make -s uninstall DESTDIR="$root" PREFIX=/usr >"$E2E_TMP/uninstall.log" 2>&1 || fail "make uninstall failed"
[ -f "$etc" ] || fail "make uninstall removed a kiosk.yaml the technician changed"
rm -f "$etc"
rmdir "$root/etc/bangtin" "$root/etc"
left=$(find "$root" \( -type f -o -type l \) -printf '%P\n')
[ -z "$left" ] || fail "left after make uninstall: $left"
[ ! -e "$root/usr/share/bangtin" ] || fail "usr/share/bangtin left after make uninstall"
[ ! -e "$root/usr/share/doc/bangtin" ] || fail "usr/share/doc/bangtin left after make uninstall"

# The default PREFIX: /usr/local everywhere, the unit starting that binary.
make -s install DESTDIR="$root/local" >"$E2E_TMP/install-local.log" 2>&1 || fail "make install (default PREFIX)"
[ -x "$root/local/usr/local/bin/bangtin" ] || fail "no usr/local/bin/bangtin"
[ -f "$root/local/usr/local/share/bangtin/playlists/awareness.yaml" ] || fail "no usr/local/share/bangtin"
grep -q '^ExecStart=/usr/local/bin/bangtin ' "$root/local/usr/local/lib/systemd/system/bangtin.service" ||
    fail "the /usr/local unit does not start /usr/local/bin/bangtin"
grep -qa '/usr/local/share/bangtin' "$root/local/usr/local/bin/bangtin" || fail "/usr/local binary's data folder"
# The settings go to /etc whatever PREFIX is (the player looks there), and
# an unchanged one goes with make uninstall.
[ -f "$root/local/etc/bangtin/kiosk.yaml" ] || fail "no etc/bangtin/kiosk.yaml with the default PREFIX"
make -s uninstall DESTDIR="$root/local" >"$E2E_TMP/uninstall-local.log" 2>&1 || fail "make uninstall (default PREFIX)"
[ ! -e "$root/local/etc/bangtin" ] || fail "make uninstall left an unchanged kiosk.yaml: $(ls -A "$root/local/etc/bangtin")"

echo "ok: make install (PREFIX=/usr and /usr/local) layout, installed render ($count slides), man page, unit with /etc/bangtin/kiosk.yaml, uninstall"
