#!/bin/sh
# install.sh [PACKAGE.deb]: makes this machine a bangtin kiosk, on Raspberry
# Pi OS Lite (bookworm) or Debian 12, arm64 or amd64. Run it as root:
#
#   sudo deploy/install.sh                        from the source tree:
#                                                 builds, make install (/usr/local)
#   sudo deploy/install.sh bangtin_X_arm64.deb    the package (make deb)
#   sudo ROTATE=90 deploy/install.sh ...          also turns the screen
#
# It installs the runtime libraries with apt-get (the only network it
# uses), the player, the user bangtin (groups video, render, input),
# /media/bangtin and the udev rule that mounts USB sticks there, and enables
# bangtin.service in place of the login prompt on tty1. Running it again
# changes nothing that is already right. ROTATE sets rotate: in the kiosk's
# settings, /etc/bangtin/kiosk.yaml (README.md, Deployment).
set -eu

say() { printf '== %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run it as root: sudo $0 $*"
here=$(cd "$(dirname "$0")" && pwd)
deb=${1:-}
rotate=${ROTATE:-}
case $rotate in
"" | 0 | 90 | 180 | 270) ;;
*) die "ROTATE must be 0, 90, 180 or 270, not $rotate" ;;
esac
if [ -n "$deb" ]; then
    [ -f "$deb" ] || die "no such package: $deb"
    deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
fi
systemd_up=false
[ -d /run/systemd/system ] && systemd_up=true

# 1. The libraries the player runs on (the .deb's Depends pulls them too).
missing=""
for p in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libyaml-0-2 libutf8proc2 libqrencode4 libjpeg62-turbo \
    libfreetype6 libx11-6 libxext6 libdrm2 libsodium23 libavformat59 libavcodec59 libavutil57 libswscale6 libswresample4 \
    libpoppler-glib8 libcairo2; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    say "installing$missing"
    apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

# 2. The player. The package's postinst makes the user and /media/bangtin,
#    reloads udev and enables the unit; from source, this script does.
if [ -n "$deb" ]; then
    say "installing $deb"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb"
    unitdir=/lib/systemd/system
    bin=/usr/bin/bangtin
else
    [ -f "$here/../Makefile" ] || die "no source tree around $here: give a .deb"
    say "building and installing from $(cd "$here/.." && pwd) (PREFIX=/usr/local)"
    make -C "$here/.." -s deps
    make -C "$here/.." -s all
    make -C "$here/.." -s install
    # systemd reads sysusers.d and tmpfiles.d from /usr/lib and /etc only.
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers "$here/bangtin.sysusers"
    elif ! getent passwd bangtin >/dev/null; then
        useradd --system --user-group --home-dir /var/lib/bangtin --no-create-home \
            --shell /usr/sbin/nologin --comment "bangtin kiosk player" bangtin
    fi
    for g in video render input; do
        getent group "$g" >/dev/null || groupadd --system "$g"
        id -nG bangtin | tr ' ' '\n' | grep -qx "$g" || usermod -a -G "$g" bangtin
    done
    systemd-tmpfiles --create "$here/bangtin.tmpfiles" 2>/dev/null || mkdir -p /media/bangtin
    unitdir=/usr/local/lib/systemd/system
    bin=/usr/local/bin/bangtin
    if [ -d /run/udev ]; then
        udevadm control --reload-rules 2>/dev/null || true
    fi
    if $systemd_up; then
        systemctl daemon-reload
    fi
    systemctl enable bangtin.service
fi
[ -f "$unitdir/bangtin.service" ] || die "bangtin.service was not installed in $unitdir"

# 3. tty1 is the player's: no login prompt behind it (the unit's Conflicts=
#    stops it; disabled, it does not come back at boot).
systemctl disable getty@tty1.service 2>/dev/null || true

# 4. The screen's rotation, in the kiosk's settings (which an upgrade keeps):
#    the rotate: line set, or added when the file has none.
settings=/etc/bangtin/kiosk.yaml
if [ -n "$rotate" ]; then
    [ -f "$settings" ] || die "no $settings: the package or make install should have put it there"
    if grep -Eq '^#? *rotate:' "$settings"; then
        sed -i -E "s/^#? *rotate:.*/rotate: $rotate/" "$settings"
    else
        printf 'rotate: %s\n' "$rotate" >>"$settings"
    fi
    "$bin" --check --config "$settings" >/dev/null ||
        die "$settings does not check after setting the rotation: $bin --check --config $settings"
    say "rotation: rotate: $rotate ($settings)"
    # The drop-in an older install.sh wrote would win over the file.
    if [ -f /etc/systemd/system/bangtin.service.d/rotate.conf ]; then
        rm -f /etc/systemd/system/bangtin.service.d/rotate.conf
        rmdir /etc/systemd/system/bangtin.service.d 2>/dev/null || true
        ! $systemd_up || systemctl daemon-reload
    fi
fi

# 5. Raspberry Pi: KMSDRM needs the KMS driver (the default on bookworm).
for cfg in /boot/firmware/config.txt /boot/config.txt; do
    if [ -f "$cfg" ]; then
        grep -q '^dtoverlay=vc4-kms-v3d' "$cfg" ||
            echo "warning: $cfg has no dtoverlay=vc4-kms-v3d line: the player needs the KMS driver" >&2
        break
    fi
done

if $systemd_up; then
    systemctl restart bangtin.service
    say "bangtin is running on tty1: systemctl status bangtin; journalctl -u bangtin"
else
    say "installed; bangtin starts at the next boot"
fi
cat <<'EOF'
Next:
  pair the office's sticks:  sudo -u bangtin bangtin --pair /media/bangtin/sda1
  the kiosk's settings:      sudo nano /etc/bangtin/kiosk.yaml   (hours, timezone, rotate ...)
                             bangtin --check --config /etc/bangtin/kiosk.yaml
                             then: sudo systemctl restart bangtin
  logs:                      journalctl -u bangtin
EOF
