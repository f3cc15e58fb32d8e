#!/bin/sh
# make-sysroot.sh ARCH DIR: a Debian 12 sysroot in DIR holding the -dev
# packages bangtin builds against, and everything they need, for ARCH
# (arm64: the boards). For `make cross-arm64` and `make test-arm64`.
#
# Why not `dpkg --add-architecture arm64; apt-get install libsdl2-dev:arm64`:
# that is Debian's multiarch way and works, but it changes the build
# machine (every Multi-Arch: same library must then be upgraded in lockstep
# with its amd64 twin, and libsdl2-dev:arm64 pulls some 150 -dev packages
# into /usr). Here apt resolves the same arm64 packages against an empty,
# private state in DIR.apt, downloads them, and they are unpacked with
# `dpkg-deb -x`: nothing outside DIR and DIR.apt is touched, no root needed.
# The layout inside is Debian's multiarch one (usr/lib/aarch64-linux-gnu).
set -eu
arch=${1:?usage: make-sysroot.sh ARCH DIR}
root=${2:?usage: make-sysroot.sh ARCH DIR}
pkgs="libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libyaml-dev libutf8proc-dev
libqrencode-dev libjpeg62-turbo-dev libfreetype-dev libsodium-dev libavformat-dev libavcodec-dev
libavutil-dev libswscale-dev libswresample-dev libpoppler-glib-dev libcairo2-dev libc6-dev"
# The screen's power (src/sys/power_*.c): X11 DPMS and DRM connector properties.
pkgs="$pkgs libx11-dev libxext-dev libdrm-dev"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

if [ -f "$root/.complete" ]; then
    exit 0
fi
mkdir -p "$root"
root=$(cd "$root" && pwd) # apt takes Dir:: paths as absolute
state=$root.apt
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/cache" "$state/parts"
: >"$state/status"
cat >"$state/sources.list" <<SOURCES
deb [signed-by=$keyring] $mirror bookworm main
deb [signed-by=$keyring] $mirror bookworm-updates main
deb [signed-by=$keyring] $security bookworm-security main
SOURCES

apt_private() {
    apt-get -q \
        -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
        -o Dir::State="$state" -o Dir::State::Lists="$state/lists" \
        -o Dir::State::status="$state/status" \
        -o Dir::Cache="$state/cache" -o Dir::Cache::archives="$state/archives" \
        -o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts="$state/parts" \
        -o Dir::Etc::Preferences="$state/none" -o Dir::Etc::PreferencesParts="$state/parts" \
        -o Debug::NoLocking=1 -o APT::Sandbox::User=root \
        -o APT::Install-Recommends=0 -o APT::Install-Suggests=0 "$@"
}

echo "sysroot: resolving and downloading $arch packages into $state/archives"
apt_private update
# shellcheck disable=SC2086
apt_private install -y --download-only $pkgs

echo "sysroot: unpacking into $root"
rm -rf "$root"
mkdir -p "$root"
for deb in "$state"/archives/*.deb; do
    dpkg-deb -x "$deb" "$root"
done
# Absolute symlinks inside (a few -dev .so links) would point at the build
# machine's own files: make them relative to the sysroot.
find "$root" -type l | while read -r link; do
    target=$(readlink "$link")
    case "$target" in
    /*) ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$target")" "$link" ;;
    esac
done
find "$state/archives" -name "*.deb" | wc -l >"$root/.complete"
echo "sysroot: $(cat "$root/.complete") packages, $(du -sh "$root" | cut -f1)"
