# mk/deb.mk: Debian packages for amd64 and arm64 (README.md, Deployment).
#   make deb   build-deb/bangtin_VERSION_{amd64,arm64}.deb, checked by lintian
#              (DEB_ARCHES=amd64 for one)

DEB_B = build-deb
DEB_ARCHES ?= amd64 arm64
DEB_VERSION ?= $(shell v=$$(git log -1 --format=%cd.%h --date=format:%Y%m%d 2>/dev/null) && \
	echo "0.1~git$$v" || echo 0.1)
# The .deb's layout: Debian 12 wants units and udev rules under /lib.
DEB_DIRS = PREFIX=/usr SYSTEMDUNITDIR=/lib/systemd/system UDEVRULESDIR=/lib/udev/rules.d \
	SYSUSERSDIR=/usr/lib/sysusers.d TMPFILESDIR=/usr/lib/tmpfiles.d

deb: deps-cross
	@for a in $(DEB_ARCHES); do $(MAKE) -s deb-$$a || exit 1; done

# amd64 is built apart (build-deb/amd64) with Debian's hardening flags; its
# binary also gives the Depends of both packages (deploy/make-deb.sh).
deb-amd64-build:
	@rm -f $(DEB_B)/amd64/bangtin # relinked every time: LDFLAGS are not a prerequisite
	@$(MAKE) -s B=$(DEB_B)/amd64 PREFIX=/usr CFLAGS="$(call deb_cflags,amd64)" \
		LDFLAGS="$(call deb_ldflags,amd64)" all

deb-amd64: deb-amd64-build
	@rm -rf $(DEB_B)/stage-amd64
	@$(MAKE) -s B=$(DEB_B)/amd64 $(DEB_DIRS) CFLAGS="$(call deb_cflags,amd64)" \
		LDFLAGS="$(call deb_ldflags,amd64)" DESTDIR=$(CURDIR)/$(DEB_B)/stage-amd64 install
	@deploy/make-deb.sh amd64 $(DEB_B)/stage-amd64 "$(DEB_VERSION)" $(DEB_B) $(DEB_B)/amd64/bangtin

deb-arm64: cross-arm64 deb-amd64-build
	@rm -rf $(DEB_B)/stage-arm64
	@$(ARM64_ENV) $(MAKE) -s $(ARM64_VARS) $(DEB_DIRS) DESTDIR=$(CURDIR)/$(DEB_B)/stage-arm64 install
	@deploy/make-deb.sh arm64 $(DEB_B)/stage-arm64 "$(DEB_VERSION)" $(DEB_B) $(DEB_B)/amd64/bangtin

.PHONY: deb deb-amd64 deb-amd64-build deb-arm64

