# mk/cross.mk: the arm64 build for the boards.
#   make deps-cross            installs the arm64 cross compiler, qemu-user,
#                              dpkg-dev and lintian when missing
#   make cross-arm64           build-arm64/bangtin for the boards (Debian 12 /
#                              Raspberry Pi OS bookworm, arm64), PREFIX=/usr,
#                              against a private arm64 sysroot (no root needed
#                              for it, the build machine's packages untouched:
#                              see deploy/make-sysroot.sh)
#   make test-arm64            renders the bundled playlist with that binary
#                              under qemu-user and checks the PNGs
# Everything is explained in README.md (Deployment).

deps-cross:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS)" WANT_CMDS="cc:gcc \
		aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu qemu-aarch64-static:qemu-user-static \
		dpkg-shlibdeps:dpkg-dev lintian:lintian convert:imagemagick"
	@[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || \
		$(MAKE) -s deps-install WANT_CMDS="false:debian-archive-keyring"

ARM64_B = build-arm64
ARM64_SYSROOT = $(CURDIR)/$(ARM64_B)/sysroot
ARM64_TRIPLET = aarch64-linux-gnu
# Debian's hardening flags for a package build, all of them (bindnow too;
# CPPFLAGS folded in: the compile rule above takes CFLAGS only).
deb_flags = $(shell DEB_HOST_ARCH=$(1) DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get $(2))
deb_cflags = $(call deb_flags,$(1),CFLAGS) $(call deb_flags,$(1),CPPFLAGS)
deb_ldflags = $(call deb_flags,$(1),LDFLAGS)
# What a make of the arm64 tree needs: the cross compiler pointed at the
# sysroot, pkg-config reading the sysroot's .pc files, the boards' PREFIX.
ARM64_VARS = B=$(ARM64_B) PREFIX=/usr \
	CC="$(ARM64_TRIPLET)-gcc --sysroot=$(ARM64_SYSROOT)" AR=$(ARM64_TRIPLET)-ar \
	CFLAGS="$(call deb_cflags,arm64)" \
	LDFLAGS="$(call deb_ldflags,arm64) --sysroot=$(ARM64_SYSROOT) \
		-Wl,-rpath-link=$(ARM64_SYSROOT)/usr/lib/$(ARM64_TRIPLET):$(ARM64_SYSROOT)/lib/$(ARM64_TRIPLET)"
ARM64_ENV = PKG_CONFIG_SYSROOT_DIR=$(ARM64_SYSROOT) \
	PKG_CONFIG_LIBDIR=$(ARM64_SYSROOT)/usr/lib/$(ARM64_TRIPLET)/pkgconfig:$(ARM64_SYSROOT)/usr/share/pkgconfig

# Made again when the list of packages in the script changes.
$(ARM64_B)/sysroot/.complete: deploy/make-sysroot.sh
	rm -f $@
	deploy/make-sysroot.sh arm64 $(ARM64_B)/sysroot

cross-arm64: deps-cross $(ARM64_B)/sysroot/.complete
	@$(ARM64_ENV) $(MAKE) -s $(ARM64_VARS) all
	@file $(ARM64_B)/bangtin 2>/dev/null || ls -l $(ARM64_B)/bangtin

test-arm64: cross-arm64
	@BANGTIN_ARM64=$(ARM64_B)/bangtin BANGTIN_ARM64_SYSROOT=$(ARM64_SYSROOT) tests/e2e/arm64.sh

.PHONY: deps-cross cross-arm64 test-arm64
