#!/bin/sh
# make-deb.sh ARCH STAGE VERSION OUTDIR HOSTBIN: turns STAGE (a `make
# install DESTDIR=STAGE` with the .deb's folders, see the Makefile's
# deployment block) into OUTDIR/bangtin_VERSION_ARCH.deb with dpkg-deb
# (no debhelper), then runs lintian over it.
#
# Depends comes from dpkg-shlibdeps over HOSTBIN, the same sources built for
# the build machine: Debian 12 names its library packages the same on every
# architecture, and the arm64 sysroot is not in dpkg's database, which
# dpkg-shlibdeps needs to map a library to its package.
set -eu
arch=$1 stage=$2 version=$3 out=$4 hostbin=$5
here=$(cd "$(dirname "$0")" && pwd)
maintainer=${DEB_MAINTAINER:-"bangtin project <bangtin@localhost.invalid>"}
doc=$stage/usr/share/doc/bangtin

# Binaries stripped as dh_strip does; man page and changelog compressed.
case $arch in
amd64) strip="strip" ;;
arm64) strip=aarch64-linux-gnu-strip ;;
*) echo "make-deb.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
$strip --remove-section=.comment --remove-section=.note --strip-unneeded "$stage/usr/bin/bangtin"
gzip -9n "$stage/usr/share/man/man1/bangtin.1"
install -d "$doc" "$stage/usr/share/lintian/overrides"
install -m 644 "$here/copyright" "$doc/copyright"
install -m 644 "$here/../README.md" "$doc/README.md"
install -m 644 "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/bangtin"
commit=$(git -C "$here" log -1 --format=%h 2>/dev/null || echo unknown)
date=$(git -C "$here" log -1 --format=%aD 2>/dev/null || date -R)
{
    echo "bangtin ($version) unstable; urgency=medium"
    echo
    echo "  * Built from the project's git tree at commit $commit."
    echo
    echo " -- $maintainer  $date"
} | gzip -9n >"$doc/changelog.gz"

# Depends, from the libraries the binary links.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/debian"
printf 'Source: bangtin\n\nPackage: bangtin\nArchitecture: any\n' >"$tmp/debian/control"
hostbin_abs=$(cd "$(dirname "$hostbin")" && pwd)/$(basename "$hostbin")
depends=$(cd "$tmp" && dpkg-shlibdeps -O "$hostbin_abs" | sed -n 's/^shlibs:Depends=//p')

install -d -m 755 "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: bangtin
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Recommends: udev
Suggests: ntfs-3g
Section: misc
Priority: optional
Description: offline kiosk and digital-signage player for public offices
 bangtin ("bảng tin", notice board) plays a loop of slides and short tips
 from a YAML playlist, fullscreen, with no network. Visitors may touch the
 screen to browse topics; office staff load new playlists from a paired USB
 stick, which is checked before it is used.
 .
 This package turns the machine into a kiosk: its systemd unit starts the
 player at boot on the console (tty1, SDL's KMSDRM driver, no desktop), as
 the user bangtin, restarts it on failure, and a udev rule mounts USB sticks
 under /media/bangtin for it. It ships a bundled information-security
 awareness playlist in Vietnamese.
CONTROL
for s in postinst prerm postrm; do
    install -m 755 "$here/deb/$s" "$stage/DEBIAN/$s"
done

# Every file under /etc (the kiosk's settings) is a conffile: dpkg keeps the
# technician's changes across upgrades and asks before replacing them. As
# dh_md5sums does, conffiles are not in md5sums (dpkg keeps their sums).
(cd "$stage" && find etc -type f -printf '/%p\n' 2>/dev/null | sort >DEBIAN/conffiles)
[ -s "$stage/DEBIAN/conffiles" ] || rm -f "$stage/DEBIAN/conffiles"
[ ! -f "$stage/DEBIAN/conffiles" ] || chmod 644 "$stage/DEBIAN/conffiles"
(cd "$stage" && find . \( -path ./DEBIAN -o -path ./etc \) -prune -o -type f -printf '%P\0' | sort -z |
    xargs -0 md5sum >DEBIAN/md5sums)
chmod 644 "$stage/DEBIAN/md5sums"

deb=$out/bangtin_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "deb: $deb ($(du -k "$deb" | cut -f1) KiB), Depends: $depends"
# lintian: errors fail the build; warnings and infos are listed (each one
# kept on purpose is explained in deploy/lintian-overrides).
if command -v lintian >/dev/null 2>&1; then
    lintian --info --display-info --fail-on error "$deb" | tee "$out/lintian-$arch.txt"
    echo "lintian: $(grep -c '^[EW]:' "$out/lintian-$arch.txt" || true) errors and warnings (build-deb/lintian-$arch.txt)"
fi
