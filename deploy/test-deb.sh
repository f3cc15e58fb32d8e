#!/bin/sh
# test-deb.sh PACKAGE.deb: installs the package on this machine (root),
# checks its files, user, folder and unit enablement, renders the bundled
# playlist with the installed player, then removes and purges it and checks
# nothing is left. A machine without systemd running (a container, CI) skips
# only the start. /var/lib/bangtin is a private tmpfs for the duration (a
# mount namespace), so the purge cannot delete a real library; a user
# bangtin that did not exist before is deleted again.
set -eu
deb=${1:?usage: test-deb.sh PACKAGE.deb}
[ "$(id -u)" = 0 ] || { echo "test-deb.sh: run as root" >&2; exit 1; }
if [ -z "${BT_TEST_DEB_INNER:-}" ]; then
    had_user=false
    getent passwd bangtin >/dev/null && had_user=true
    mkdir -p /var/lib/bangtin
    status=0
    BT_TEST_DEB_INNER=1 unshare -m --propagation private "$0" "$deb" || status=$?
    $had_user || ! getent passwd bangtin >/dev/null || userdel bangtin
    [ "$status" = 0 ] && echo "ok: $deb installs, plays, removes and purges cleanly"
    exit "$status"
fi

fail() { echo "FAIL: $*" >&2; dpkg -P bangtin >/dev/null 2>&1 || true; exit 1; }
mount -t tmpfs tmpfs /var/lib/bangtin
dpkg -i "$deb" >/dev/null || fail "dpkg -i"
for f in /usr/bin/bangtin /usr/share/bangtin/fonts/NotoSans-Regular.ttf \
    /usr/share/bangtin/fonts/NotoSans-Bold.ttf /usr/share/bangtin/fonts/OFL.txt \
    /usr/share/bangtin/playlists/awareness.yaml /usr/share/man/man1/bangtin.1.gz \
    /lib/systemd/system/bangtin.service /lib/udev/rules.d/99-bangtin-usb.rules \
    /usr/lib/sysusers.d/bangtin.conf /usr/lib/tmpfiles.d/bangtin.conf \
    /usr/share/doc/bangtin/copyright /usr/share/doc/bangtin/changelog.gz; do
    [ -f "$f" ] || fail "missing $f"
done
id -nG bangtin | grep -qw video || fail "bangtin is not in video"
id -nG bangtin | grep -qw render || fail "bangtin is not in render"
id -nG bangtin | grep -qw input || fail "bangtin is not in input"
[ -d /media/bangtin ] || fail "no /media/bangtin"
[ -L /etc/systemd/system/multi-user.target.wants/bangtin.service ] || fail "unit not enabled"
# The settings file: a conffile (an upgrade keeps the technician's changes),
# good settings as installed, and the unit passes nothing over it.
[ -f /etc/bangtin/kiosk.yaml ] || fail "no /etc/bangtin/kiosk.yaml"
dpkg-query -W -f='${Conffiles}\n' bangtin | grep -q '^ */etc/bangtin/kiosk.yaml ' ||
    fail "/etc/bangtin/kiosk.yaml is not a conffile"
/usr/bin/bangtin --check --config /etc/bangtin/kiosk.yaml >/dev/null 2>&1 || fail "the installed kiosk.yaml does not check"
! grep -Eq '^ExecStart=.*--(library|watch)' /lib/systemd/system/bangtin.service ||
    fail "the unit's command line overrides kiosk.yaml"
out=$(mktemp -d)
env -u DISPLAY /usr/bin/bangtin --library "$out/lib" --render "$out/r" >/dev/null 2>&1 ||
    fail "the installed player does not render its bundled playlist"
n=$(find "$out/r" -name '*.png' | wc -l)
rm -rf "$out"
[ "$n" -gt 0 ] || fail "no PNG rendered"
dpkg -r bangtin >/dev/null || fail "dpkg -r"
if [ -e /usr/bin/bangtin ] || [ -e /usr/share/bangtin ]; then fail "files left after dpkg -r"; fi
[ -f /etc/bangtin/kiosk.yaml ] || fail "dpkg -r removed the kiosk's settings (a conffile stays until purge)"
echo library >/var/lib/bangtin/plays.csv
dpkg -P bangtin >/dev/null || fail "dpkg -P"
left=$(find /etc/systemd /var/lib/systemd /usr /lib /media /var/lib/bangtin /var/cache \
    -name '*bangtin*' -o -path '/var/lib/bangtin/*' 2>/dev/null | grep -v '^/var/lib/bangtin$' || true)
[ -z "$left" ] || fail "left after dpkg -P: $left"
[ ! -e /etc/bangtin/kiosk.yaml ] || fail "/etc/bangtin/kiosk.yaml left after dpkg -P"
echo "installed: $n PNGs rendered by /usr/bin/bangtin; removed and purged: nothing left"
