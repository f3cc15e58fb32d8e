# bangtin: an offline kiosk and digital-signage player.
#   make run    install what is missing, build, play the bundled playlist
#   make test   install what is missing, build, run every test

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/bangtin
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config

# Libraries, as pkg-config names, and the Debian packages that provide them.
PKGS = sdl2 SDL2_ttf SDL2_image yaml-0.1 libutf8proc libqrencode libjpeg
TEST_PKGS = cmocka
DEB_sdl2 = libsdl2-dev
DEB_SDL2_ttf = libsdl2-ttf-dev
DEB_SDL2_image = libsdl2-image-dev
DEB_yaml-0.1 = libyaml-dev
DEB_libutf8proc = libutf8proc-dev
DEB_libqrencode = libqrencode-dev
DEB_libjpeg = libjpeg62-turbo-dev
DEB_cmocka = libcmocka-dev
# Commands the tests drive, and their Debian packages.
TEST_CMDS = Xvfb:xvfb xdotool:xdotool xwd:x11-apps convert:imagemagick zbarimg:zbar-tools \
	mkfs.vfat:dosfstools mcopy:mtools fusefat:fusefat mkfs.exfat:exfatprogs \
	mount.exfat-fuse:exfat-fuse groff:groff-base strace:strace

VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1)
BUILD_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

CFLAGS ?= -O2 -g
override CFLAGS += -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Wshadow \
	-Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-pthread -MMD -MP -iquote src \
	-DBT_VERSION='"$(VERSION)"' -DBT_BUILD_DATE='"$(BUILD_DATE)"' \
	-DBT_DATADIR='"$(DATADIR)"'
ifneq ($(CI),)
override CFLAGS += -Werror
endif
# Evaluated when a recipe runs, after `deps` has installed pkg-config.
LIB_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

B = build
SRCS = $(wildcard src/*.c)
LIB_OBJS = $(patsubst src/%.c,$(B)/%.o,$(filter-out src/main.c,$(SRCS)))
TEST_SRCS = $(wildcard tests/unit/test_*.c)
TEST_BINS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRCS))

all: $(B)/bangtin

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -c $< -o $@

$(B)/libbangtin.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(B)/bangtin: $(B)/main.o $(B)/libbangtin.a
	$(CC) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libbangtin.a $(LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS) $(TEST_LIBS)

tests: $(TEST_BINS)

# VERSION and BUILD_DATE change with every commit: the files that use them
# are rebuilt then (only they), so that no build mixes two dates.
BUILDINFO = $(B)/buildinfo.stamp
BUILDINFO_USERS = $(patsubst src/%.c,$(B)/%.o,$(shell grep -l 'BT_VERSION\|BT_BUILD_DATE' src/*.c)) \
	$(patsubst tests/unit/%.c,$(B)/tests/%,$(shell grep -l 'BT_VERSION\|BT_BUILD_DATE' tests/unit/*.c))
$(BUILDINFO_USERS): $(BUILDINFO)
$(BUILDINFO): FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION) $(BUILD_DATE)' | cmp -s - $@ || echo '$(VERSION) $(BUILD_DATE)' >$@
.PHONY: FORCE

# Installs the Debian packages that are missing (build, or build and test).
deps:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS)" WANT_CMDS="cc:gcc"
deps-test:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS) $(TEST_PKGS)" WANT_CMDS="cc:gcc $(TEST_CMDS)"
deps-install:
	@missing=""; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || missing="pkg-config"; \
	for p in $(WANT_PKGS); do \
		$(PKG_CONFIG) --exists $$p 2>/dev/null || missing="$$missing $$($(MAKE) -s deb-name P=$$p)"; \
	done; \
	for c in $(WANT_CMDS); do \
		command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
deb-name:
	@echo $(DEB_$(P))

run: deps
	@$(MAKE) -s all
	./$(B)/bangtin --window 1280x720 playlists/awareness.yaml

test: deps-test
	@$(MAKE) -s all tests
	@tests/run.sh

# The full soak (tests/e2e/soak.sh runs a short form in `make test`).
soak: deps-test
	@$(MAKE) -s all
	SOAK_CHANGES=10000 SOAK_VISITS=500 SOAK_RELOADS=1000 SOAK_IMPORTS=100 tests/e2e/soak.sh

# The layout is listed in README.md (Deployment); the folders (MANDIR,
# SYSTEMDUNITDIR, ...) and the file lists (INSTALL_FONTS, ...) are set in the
# deployment block at the end. The unit's ExecStart is rewritten to BINDIR.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts \
		$(DESTDIR)$(DATADIR)/playlists/images $(DESTDIR)$(DATADIR)/playlists/icons \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR)
	install -m 755 $(B)/bangtin $(DESTDIR)$(BINDIR)/bangtin
	install -m 644 $(INSTALL_FONTS) $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 playlists/awareness.yaml $(DESTDIR)$(DATADIR)/playlists/
	install -m 644 $(INSTALL_IMAGES) $(DESTDIR)$(DATADIR)/playlists/images/
	install -m 644 $(INSTALL_ICONS) $(DESTDIR)$(DATADIR)/playlists/icons/
	install -m 644 deploy/bangtin.1 $(DESTDIR)$(MANDIR)/man1/bangtin.1
	sed 's|/usr/bin/bangtin|$(BINDIR)/bangtin|g' deploy/bangtin.service \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service
	chmod 644 $(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service
	install -m 644 deploy/99-bangtin-usb.rules $(DESTDIR)$(UDEVRULESDIR)/
	install -m 644 deploy/bangtin.sysusers $(DESTDIR)$(SYSUSERSDIR)/bangtin.conf
	install -m 644 deploy/bangtin.tmpfiles $(DESTDIR)$(TMPFILESDIR)/bangtin.conf

# Removes exactly what install put there; directories shared with other
# software (bin, man1, the systemd and udev folders) stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bangtin $(DESTDIR)$(MANDIR)/man1/bangtin.1 \
		$(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service \
		$(DESTDIR)$(UDEVRULESDIR)/99-bangtin-usb.rules \
		$(DESTDIR)$(SYSUSERSDIR)/bangtin.conf $(DESTDIR)$(TMPFILESDIR)/bangtin.conf
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B)

.PHONY: all tests deps deps-test deps-install deb-name run test soak install uninstall clean

-include $(wildcard $(B)/*.d $(B)/tests/*.d)

# ---- hardening: fuzz, sanitizers, lint ----
#   make fuzz [FUZZ_SECONDS=1800]  each fuzz target for that long (default 60 s),
#                                  with ASan+UBSan; new crashes are kept in
#                                  tests/fuzz/regressions/<target>/
#   make fuzz-short                60 s each (CI)
#   make test-asan                 every test, e2e included, built with ASan+UBSan
#                                  in build-asan/, plus the fuzz regressions
#   make lint                      cppcheck and clang-tidy over src/*.c

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# LeakSanitizer: leaks inside system libraries (Mesa, fontconfig) are not ours.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0

# libFuzzer comes with clang's runtime (libclang-rt-14-dev on Debian 12).
FUZZ_CC = clang
FUZZ_SECONDS ?= 60
FUZZ_B = build-fuzz
FUZZ_TARGETS = playlist imgprobe
# The loader and the probe, without SDL: what reads the stick's bytes.
FUZZ_LIB_SRCS = src/playlist_load.c src/yamltree.c src/schema.c src/values.c src/imgprobe.c \
	src/utf8.c src/paths.c src/diag.c src/playlist.c src/labels.c
FUZZ_LIB_OBJS = $(patsubst src/%.c,$(FUZZ_B)/%.o,$(FUZZ_LIB_SRCS))
FUZZ_PKGS = yaml-0.1 libutf8proc
FUZZ_CFLAGS = -O1 -g $(SAN_FLAGS) -fsanitize=fuzzer-no-link
# Per target: the most bytes in one input, and its dictionary.
FUZZ_MAXLEN_playlist = 65536
FUZZ_MAXLEN_imgprobe = 20000
FUZZ_ARGS = -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_CORPUS = $(FUZZ_B)/corpus

deps-fuzz:
	@$(MAKE) -s deps-install WANT_PKGS="$(FUZZ_PKGS)" WANT_CMDS="clang:clang"
	@echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return 0; }' \
		>/tmp/bt-fuzz-probe.$$$$.c; \
	if ! $(FUZZ_CC) -fsanitize=fuzzer,address,undefined /tmp/bt-fuzz-probe.$$$$.c \
			-o /tmp/bt-fuzz-probe.$$$$ 2>/dev/null; then \
		echo "deps: installing libclang-rt-14-dev (libFuzzer)"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			$$sudo apt-get install -y -qq --no-install-recommends libclang-rt-14-dev; \
	fi; rm -f /tmp/bt-fuzz-probe.$$$$ /tmp/bt-fuzz-probe.$$$$.c

$(FUZZ_B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS)) -c $< -o $@

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJS) \
		$(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS)) -lm -pthread

fuzz-build: deps-fuzz
	@$(MAKE) -s $(foreach t,$(FUZZ_TARGETS),$(FUZZ_B)/fuzz_$(t))

# The seed corpora: the loader's fixtures and the bundled playlist; the
# small pictures of the fixtures and the bundled playlist. The working
# corpus grows in build-fuzz/corpus (not committed); seeds are read-only.
fuzz-seeds:
	@mkdir -p $(FUZZ_CORPUS)/playlist $(FUZZ_CORPUS)/imgprobe
	@cp -n tests/fixtures/load/*.yaml tests/fixtures/*/*.yaml playlists/*.yaml \
		tests/fuzz/seeds/playlist/* $(FUZZ_CORPUS)/playlist/ 2>/dev/null || true
	@for f in tests/fixtures/load/images/* tests/fixtures/load/icons/* playlists/icons/* playlists/images/* \
			tests/fuzz/seeds/imgprobe/*; do \
		[ -f "$$f" ] && head -c 20000 "$$f" >"$(FUZZ_CORPUS)/imgprobe/$$(basename "$$f")"; \
	done; true

# Runs each target for FUZZ_SECONDS; a crash fails the run and its input is
# copied to tests/fuzz/regressions/<target>/ to be fixed and kept.
fuzz: fuzz-build fuzz-seeds
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p tests/fuzz/regressions/$$t $(FUZZ_B)/crashes/$$t; \
		echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
		$(SAN_ENV) $(FUZZ_B)/fuzz_$$t $(FUZZ_ARGS) -max_total_time=$(FUZZ_SECONDS) \
			-max_len=$(FUZZ_MAXLEN_$$t) -dict=tests/fuzz/$$t.dict \
			-artifact_prefix=$(FUZZ_B)/crashes/$$t/ \
			$(FUZZ_CORPUS)/$$t >$(FUZZ_B)/fuzz_$$t.log 2>&1; \
		rc=$$?; grep -E '^(stat::|Done|#[0-9]+.*(DONE|cov))' $(FUZZ_B)/fuzz_$$t.log | tail -n 12; \
		for c in $(FUZZ_B)/crashes/$$t/*; do \
			[ -f "$$c" ] && cp "$$c" tests/fuzz/regressions/$$t/ && echo "kept: tests/fuzz/regressions/$$t/$$(basename $$c)"; \
		done; \
		if [ $$rc -ne 0 ]; then tail -n 40 $(FUZZ_B)/fuzz_$$t.log; exit 1; fi; \
	done

fuzz-short:
	@$(MAKE) -s fuzz FUZZ_SECONDS=60

# Replays every kept crash, and the hand-written seeds, through its target
# (no fuzzing): they must all pass.
fuzz-regress: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		set -- tests/fuzz/regressions/$$t/* tests/fuzz/seeds/$$t/*; \
		for f do shift; [ -f "$$f" ] && set -- "$$@" "$$f"; done; \
		[ $$# -gt 0 ] || continue; \
		echo "== fuzz_$$t: $$# inputs (tests/fuzz/regressions, tests/fuzz/seeds)"; \
		$(SAN_ENV) $(FUZZ_B)/fuzz_$$t -runs=1 "$$@" >$(FUZZ_B)/regress_$$t.log 2>&1 || \
			{ tail -n 40 $(FUZZ_B)/regress_$$t.log; exit 1; }; \
	done

# The whole suite with ASan+UBSan, in its own build folder so the normal
# build is untouched; the e2e tests take the binary from BANGTIN.
# ASAN_E2E="cli hostile play" runs only those shell tests (default: every
# one that takes its player from BANGTIN). BT_SANITIZER tells the tests that
# resident memory is ASan's (its quarantine holds freed blocks), not ours.
ASAN_B = build-asan
ASAN_E2E ?=
test-asan: deps-test deps-fuzz
	@$(MAKE) -s B=$(ASAN_B) CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all tests
	@$(SAN_ENV) BT_SANITIZER=asan BT_E2E="$(ASAN_E2E)" BT_BUILD=$(ASAN_B) BT_ASAN_BUILD=$(ASAN_B) \
		BANGTIN=tests/asan/bangtin.sh tests/run.sh
	@$(MAKE) -s fuzz-regress

# Static analysis; every check and exclusion is explained in .clang-tidy and
# tests/lint/cppcheck.supp.
LINT_SRCS = $(wildcard src/*.c)
# Written for the shell both bare and inside "...": \" is a quote either way.
LINT_DEFS = -D_DEFAULT_SOURCE -D_GNU_SOURCE -DBT_VERSION=\"lint\" -DBT_BUILD_DATE=\"2026-01-01\" \
	-DBT_DATADIR=\"$(DATADIR)\"
lint: deps
	@command -v cppcheck >/dev/null && command -v clang-tidy >/dev/null || \
		$(MAKE) -s deps-install WANT_CMDS="cppcheck:cppcheck clang-tidy:clang-tidy"
	@mkdir -p $(B); status=0; \
	echo "cppcheck: $(words $(LINT_SRCS)) files"; \
	cppcheck --quiet --std=c11 --language=c --enable=warning,performance,portability \
		--error-exitcode=1 --inline-suppr --suppressions-list=tests/lint/cppcheck.supp \
		-j $$(nproc) $(LINT_DEFS) -Isrc $(LINT_SRCS) || status=1; \
	echo "clang-tidy: $(words $(LINT_SRCS)) files (checks in .clang-tidy)"; \
	flags="-std=c11 $(LINT_DEFS) -iquote src $(LIB_CFLAGS)"; export flags; \
	printf '%s\n' $(LINT_SRCS) | xargs -P $$(nproc) -n 4 \
		sh -c 'clang-tidy --quiet "$$@" -- $$flags' clang-tidy 2>&1 | \
		grep -v '^[0-9]* warnings\? generated\.$$' | tee $(B)/clang-tidy.log; \
	grep -q "error:" $(B)/clang-tidy.log && status=1; \
	exit $$status

.PHONY: deps-fuzz fuzz-build fuzz-seeds fuzz fuzz-short fuzz-regress test-asan lint

-include $(wildcard $(FUZZ_B)/*.d)

# ---- deployment ----
#   make install / uninstall   (above) PREFIX, DESTDIR, and the folders below
#   make deps-cross            installs the arm64 cross compiler, qemu-user,
#                              dpkg-dev and lintian when missing
#   make cross-arm64           build-arm64/bangtin for the boards (Debian 12 /
#                              Raspberry Pi OS bookworm, arm64), PREFIX=/usr,
#                              against a private arm64 sysroot (no root needed
#                              for it, the build machine's packages untouched:
#                              see deploy/make-sysroot.sh)
#   make test-arm64            renders the bundled playlist with that binary
#                              under qemu-user and checks the PNGs
#   make deb                   build-deb/bangtin_VERSION_{amd64,arm64}.deb,
#                              checked by lintian (DEB_ARCHES=amd64 for one)
# Everything is explained in README.md (Deployment).

MANDIR ?= $(PREFIX)/share/man
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
# systemd reads sysusers.d and tmpfiles.d from /usr/lib and /etc only: with
# PREFIX=/usr/local, deploy/install.sh applies these two files itself.
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
INSTALL_FONTS = assets/fonts/NotoSans-Regular.ttf assets/fonts/NotoSans-Bold.ttf assets/fonts/OFL.txt
INSTALL_IMAGES = $(wildcard playlists/images/*.png)
INSTALL_ICONS = $(wildcard playlists/icons/*.png)

# The binary carries DATADIR (-DBT_DATADIR): datadir.o is rebuilt whenever
# it changes, so `make install PREFIX=/usr` after a plain `make` does not
# install a binary that looks for its files in /usr/local. The stamp is
# rewritten only when the value differs.
$(B)/datadir.o: $(B)/datadir.stamp
$(B)/datadir.stamp: bt-always
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' >$@
bt-always:

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

.PHONY: bt-always deps-cross cross-arm64 test-arm64 deb deb-amd64 deb-amd64-build deb-arm64

# ---- benchmarks ----
#   make bench        bangtin under Xvfb at 1920x1080: first slide, memory
#                     (PSS), CPU while static and in transitions, frame times,
#                     late changes; one line per case, median [min..max] of
#                     BENCH_RUNS runs (default 5); about 10 minutes
#   make bench-peers  the same content through feh and Chromium in kiosk mode,
#                     beside bangtin's figures with ratios; about 20 minutes
# Neither runs in CI. The content is generated into build/bench/ by
# tests/bench/gen.sh; how each figure is taken is in tests/bench/bench.py.

BENCH_B = $(B)/bench
BENCH_X11 = x11 xdamage xfixes
DEB_x11 = libx11-dev
DEB_xdamage = libxdamage-dev
DEB_xfixes = libxfixes-dev
BENCH_CMDS = Xvfb:xvfb convert:imagemagick python3:python3
BENCH_PEER_CMDS = feh:feh chromium:chromium

deps-bench:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS) $(BENCH_X11)" WANT_CMDS="cc:gcc $(BENCH_CMDS)"
deps-bench-peers: deps-bench
	@$(MAKE) -s deps-install WANT_CMDS="$(BENCH_PEER_CMDS)"

# The X-side probe: first-slide pixel polling and damage (frame) events.
$(BENCH_B)/probe: tests/bench/probe.c
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -Wextra -o $@ $< $(shell $(PKG_CONFIG) --cflags --libs $(BENCH_X11))

$(BENCH_B)/paintcost: tests/bench/paintcost.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) -O2 -g $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS)

# CPU per load and per painted slide, in one process (no X): the loader and
# the painter alone, apart from the player around them.
bench-paint: deps
	@$(MAKE) -s all bench-content $(BENCH_B)/paintcost
	@for pl in p10 p1000; do BANGTIN_DATADIR=$(CURDIR)/assets $(BENCH_B)/paintcost \
		$(BENCH_B)/content/$$pl.yaml 1920x1080 9 | head -n1; done
	@BANGTIN_DATADIR=$(CURDIR)/assets $(BENCH_B)/paintcost $(BENCH_B)/content/p10.yaml 1920x1080 9 | tail -n1

bench-content: $(BENCH_B)/probe
	@tests/bench/gen.sh $(BENCH_B)/content

# The player is copied first, so that a rebuild during the run cannot change
# it; BANGTIN_DATADIR points the copy at the tree's fonts.
bench: deps-bench
	@$(MAKE) -s bench-paint
	@cp $(B)/bangtin $(BENCH_B)/bangtin
	@BANGTIN_DATADIR=$(CURDIR)/assets BENCH_OUT=$(BENCH_B) BANGTIN=$(BENCH_B)/bangtin python3 tests/bench/bench.py

bench-peers: deps-bench-peers
	@$(MAKE) -s all bench-content
	@cp $(B)/bangtin $(BENCH_B)/bangtin
	@BANGTIN_DATADIR=$(CURDIR)/assets BENCH_OUT=$(BENCH_B) BANGTIN=$(BENCH_B)/bangtin python3 tests/bench/bench.py --peers

.PHONY: deps-bench deps-bench-peers bench-content bench bench-peers bench-paint
