# bangtin: an offline kiosk and digital-signage player.
#   make run    install what is missing, build, play the bundled playlist
#   make test   install what is missing, build, run every test
# The rest is in mk/: fuzz, sanitizers and lint (mk/fuzz.mk, mk/asan.mk,
# mk/lint.mk), the arm64 build and the .deb (mk/cross.mk, mk/deb.mk), and
# the benchmarks (mk/bench.mk).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/bangtin
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config

# Libraries, as pkg-config names, and the Debian packages that provide them.
# CORE_PKGS are all that src/base, src/model and src/library may use: they
# are compiled without SDL's include flags, so an SDL header there fails the
# build (see "The layers" below).
CORE_PKGS = yaml-0.1 libutf8proc libsodium libavformat libavcodec libavutil
UI_PKGS = sdl2 SDL2_ttf SDL2_image freetype2 libqrencode libjpeg x11 xext libdrm libswscale \
	libswresample poppler-glib cairo
PKGS = $(UI_PKGS) $(CORE_PKGS)
TEST_PKGS = cmocka
DEB_sdl2 = libsdl2-dev
DEB_SDL2_ttf = libsdl2-ttf-dev
DEB_SDL2_image = libsdl2-image-dev
DEB_freetype2 = libfreetype-dev
DEB_yaml-0.1 = libyaml-dev
DEB_libutf8proc = libutf8proc-dev
DEB_libsodium = libsodium-dev
DEB_libqrencode = libqrencode-dev
DEB_libjpeg = libjpeg62-turbo-dev
DEB_x11 = libx11-dev
DEB_xext = libxext-dev
DEB_libdrm = libdrm-dev
DEB_libavformat = libavformat-dev
DEB_libavcodec = libavcodec-dev
DEB_libavutil = libavutil-dev
DEB_libswscale = libswscale-dev
DEB_libswresample = libswresample-dev
DEB_poppler-glib = libpoppler-glib-dev
DEB_cairo = libcairo2-dev
DEB_cmocka = libcmocka-dev
# Commands the tests run, each looked for by its own name (a `convert` on
# the PATH is not ImageMagick's `identify` and `compare`), and their Debian
# packages.
TEST_CMDS = Xvfb:xvfb xdotool:xdotool xwd:x11-apps convert:imagemagick identify:imagemagick \
	compare:imagemagick zbarimg:zbar-tools mkfs.vfat:dosfstools mcopy:mtools fusefat:fusefat \
	mkfs.exfat:exfatprogs mount.exfat-fuse:exfat-fuse groff:groff-base strace:strace \
	squashfuse:squashfuse mksquashfs:squashfs-tools fusermount:fuse pyftsubset:fonttools \
	minisign:minisign ffmpeg:ffmpeg python3:python3 qpdf:qpdf prlimit:util-linux \
	syncthing:syncthing curl:curl

VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1)
BUILD_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

CFLAGS ?= -O2 -g
override CFLAGS += -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra -Wshadow \
	-Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	-pthread -MMD -MP -iquote src \
	-DBT_VERSION='"$(VERSION)"' -DBT_BUILD_DATE='"$(BUILD_DATE)"' \
	-DBT_DATADIR='"$(DATADIR)"' -DBT_LOCALEDIR='"$(LOCALEDIR)"'
ifneq ($(CI),)
override CFLAGS += -Werror
endif
# Evaluated when a recipe runs, after `deps` has installed pkg-config.
CORE_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
LIB_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

# ---- the layers ----
# src/ holds the command layer (main.c, commands.c, options.c); below it,
# one folder per layer, each header beside its .c. A file may include its
# own folder and the folders listed for it in mk/layers.sh, which checks
# every #include before anything is compiled; after linking, the same
# script checks that no two objects call each other in a circle.
LAYERS = base model library render sys player
NOSDL_LAYERS = base model library

B = build
# The translations (see "messages" below).
PO_LANGS = vi
POT = po/bangtin.pot
MO_FILES = $(patsubst %,$(B)/locale/%/LC_MESSAGES/bangtin.mo,$(PO_LANGS))
SRCS = $(wildcard src/*.c $(foreach l,$(LAYERS),src/$(l)/*.c))
HDRS = $(wildcard src/*.h $(foreach l,$(LAYERS),src/$(l)/*.h))
LIB_OBJS = $(patsubst src/%.c,$(B)/%.o,$(filter-out src/main.c,$(SRCS)))
TEST_SRCS = $(wildcard tests/unit/test_*.c)
TEST_BINS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRCS))

# The include flags of a source by its layer ($* is its path below src/).
layer_cflags = $(if $(filter $(addsuffix /%,$(NOSDL_LAYERS)),$*),$(CORE_CFLAGS),$(LIB_CFLAGS))

all: $(B)/bangtin $(MO_FILES)

$(B)/layers.stamp: mk/layers.sh $(SRCS) $(HDRS)
	@mkdir -p $(@D)
	@mk/layers.sh includes src
	@touch $@

$(B)/%.o: src/%.c $(B)/layers.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(layer_cflags) -c $< -o $@

$(B)/libbangtin.a: $(LIB_OBJS)
	@mk/layers.sh calls $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(B)/bangtin: $(B)/main.o $(B)/libbangtin.a
	$(CC) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libbangtin.a $(LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS) $(TEST_LIBS)

# Small programs the shell tests drive (tests/tools/NAME.c: build/tests/tools/NAME).
TOOL_BINS = $(patsubst tests/tools/%.c,$(B)/tests/tools/%,$(wildcard tests/tools/*.c))
$(B)/tests/tools/%: tests/tools/%.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS)

tests: $(TEST_BINS) $(TOOL_BINS) $(MO_FILES)

# VERSION and BUILD_DATE change with every commit: the files that use them
# are rebuilt then (only they), so that no build mixes two dates.
BUILDINFO = $(B)/buildinfo.stamp
BUILDINFO_USERS = $(patsubst src/%.c,$(B)/%.o,$(shell grep -rl 'BT_VERSION\|BT_BUILD_DATE' src --include='*.c')) \
	$(patsubst tests/unit/%.c,$(B)/tests/%,$(shell grep -l 'BT_VERSION\|BT_BUILD_DATE' tests/unit/*.c))
$(BUILDINFO_USERS): $(BUILDINFO)
$(BUILDINFO): FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION) $(BUILD_DATE)' | cmp -s - $@ || echo '$(VERSION) $(BUILD_DATE)' >$@
.PHONY: FORCE

# The binary carries DATADIR (-DBT_DATADIR): datadir.o is rebuilt whenever
# it changes, so `make install PREFIX=/usr` after a plain `make` does not
# install a binary that looks for its files in /usr/local. The stamp is
# rewritten only when the value differs.
$(B)/base/datadir.o $(B)/base/i18n.o: $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR) $(LOCALEDIR)' >$@

# ---- messages ----
# English in the code, marked _("...") (or P_, N_, and the first argument
# of the functions below that take a format); po/bangtin.pot gathers them
# (make pot), po/LANG.po translates them, and msgfmt makes the catalogs the
# program reads (base/i18n.h) in build/locale/LANG/LC_MESSAGES/.
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --no-wrap \
	--package-name=bangtin --msgid-bugs-address=bangtin -k_ -kP_ -kN_ \
	-kbt_reader_report:4 -kbt_reader_push:2 -kbt_diags_add:6 -kbt_log:2 -kown_problem:3 -kfinish:3 -kfail:3 \
	--flag=bt_reader_report:4:c-format --flag=bt_reader_push:2:c-format --flag=bt_diags_add:6:c-format \
	--flag=bt_log:2:c-format --flag=own_problem:3:c-format --flag=finish:3:c-format --flag=fail:3:c-format

# Made from the translation merged with the messages as the sources have
# them: each entry's c-format flag comes from the code, so msgfmt --check
# refuses a translation whose conversions differ (used as a printf format,
# it would read other arguments), whatever po/LANG.po says of it.
$(B)/locale/%/LC_MESSAGES/bangtin.mo: po/%.po $(B)/bangtin.pot
	@mkdir -p $(@D)
	@msgmerge --quiet --no-wrap --no-fuzzy-matching -o $(B)/$*.merged.po $< $(B)/bangtin.pot
	msgfmt --check --output-file=$@ $(B)/$*.merged.po

# The messages as the sources have them now, gathered by every build (the
# catalogs are made against them).
$(B)/bangtin.pot: $(SRCS) $(HDRS)
	@mkdir -p $(@D)
	@xgettext $(XGETTEXT_FLAGS) --output=$@ $(sort $(SRCS) $(HDRS))

# Every message of the sources has a translation in each po/LANG.po, none
# fuzzy (make lint): a message a clerk reads is never left
# in English.
po-check: $(B)/bangtin.pot
	@for l in $(PO_LANGS); do \
		msgmerge --quiet --no-wrap --no-fuzzy-matching -o $(B)/$$l.check.po po/$$l.po $(B)/bangtin.pot || exit 1; \
		stats=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null $(B)/$$l.check.po 2>&1) || { echo "$$stats"; exit 1; }; \
		case "$$stats" in *untranslated*|*fuzzy*) \
			echo "po/$$l.po: $$stats"; \
			echo "po/$$l.po: run 'make pot' and translate these:"; \
			msgattrib --untranslated --no-wrap $(B)/$$l.check.po | grep '^msgid' | head -n 20; \
			msgattrib --only-fuzzy --no-wrap $(B)/$$l.check.po | grep '^msgid' | head -n 20; exit 1;; \
		esac; \
		echo "po/$$l.po: $$stats"; \
	done

# Brings po/bangtin.pot and every translation up to date with the sources
# (msgmerge marks what changed as fuzzy, for a translator to look at).
pot: $(B)/bangtin.pot
	cp $(B)/bangtin.pot $(POT)
	@for l in $(PO_LANGS); do msgmerge --quiet --update --backup=none --no-wrap po/$$l.po $(POT); done

# Installs the Debian packages that are missing (build, or build and test).
deps:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS)" WANT_CMDS="cc:gcc msgfmt:gettext"
deps-test:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS) $(TEST_PKGS)" WANT_CMDS="cc:gcc msgfmt:gettext $(TEST_CMDS)"
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
		missing=$$(printf '%s\n' $$missing | sort -u | tr '\n' ' '); \
		echo "deps: installing $$missing"; \
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

# The layout is listed in README.md (Deployment). The unit's ExecStart is
# rewritten to BINDIR.
MANDIR ?= $(PREFIX)/share/man
# The kiosk's settings: /etc/bangtin/kiosk.yaml (SYSCONFDIR, where the
# player looks whatever PREFIX is), every key commented out but the library
# and the USB folder the unit once passed (deploy/etc-kiosk.yaml); a conffile
# of the .deb, never overwritten by make install, removed by make uninstall
# only while unchanged. The full example, every key explained, goes with the
# documentation (deploy/kiosk.yaml).
DOCDIR ?= $(PREFIX)/share/doc/bangtin
SYSCONFDIR ?= /etc
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
# systemd reads sysusers.d and tmpfiles.d from /usr/lib and /etc only: with
# PREFIX=/usr/local, deploy/install.sh applies these two files itself.
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
INSTALL_FONTS = assets/fonts/NotoSans-Regular.ttf assets/fonts/NotoSans-Bold.ttf assets/fonts/OFL.txt
INSTALL_IMAGES = $(wildcard playlists/images/*.png)
INSTALL_ICONS = $(wildcard playlists/icons/*.png)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts \
		$(DESTDIR)$(DATADIR)/playlists/images $(DESTDIR)$(DATADIR)/playlists/icons \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(DOCDIR)/examples \
		$(DESTDIR)$(SYSCONFDIR)/bangtin
	install -m 755 $(B)/bangtin $(DESTDIR)$(BINDIR)/bangtin
	install -m 644 deploy/kiosk.yaml $(DESTDIR)$(DOCDIR)/examples/kiosk.yaml
	[ -e $(DESTDIR)$(SYSCONFDIR)/bangtin/kiosk.yaml ] || \
		install -m 644 deploy/etc-kiosk.yaml $(DESTDIR)$(SYSCONFDIR)/bangtin/kiosk.yaml
	install -m 644 $(INSTALL_FONTS) $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 playlists/awareness.yaml $(DESTDIR)$(DATADIR)/playlists/
	install -m 644 $(INSTALL_IMAGES) $(DESTDIR)$(DATADIR)/playlists/images/
	install -m 644 $(INSTALL_ICONS) $(DESTDIR)$(DATADIR)/playlists/icons/
	install -m 644 deploy/bangtin.1 $(DESTDIR)$(MANDIR)/man1/bangtin.1
	for l in $(PO_LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(B)/locale/$$l/LC_MESSAGES/bangtin.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; \
	done
	sed 's|/usr/bin/bangtin|$(BINDIR)/bangtin|g' deploy/bangtin.service \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service
	chmod 644 $(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service
	install -m 644 deploy/99-bangtin-usb.rules $(DESTDIR)$(UDEVRULESDIR)/
	install -m 644 deploy/bangtin.sysusers $(DESTDIR)$(SYSUSERSDIR)/bangtin.conf
	install -m 644 deploy/bangtin.tmpfiles $(DESTDIR)$(TMPFILESDIR)/bangtin.conf

# Removes exactly what install put there; directories shared with other
# software (bin, man1, the systemd and udev folders) stay, and so does a
# kiosk.yaml the technician has changed.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bangtin $(DESTDIR)$(MANDIR)/man1/bangtin.1 \
		$(DESTDIR)$(SYSTEMDUNITDIR)/bangtin.service \
		$(DESTDIR)$(UDEVRULESDIR)/99-bangtin-usb.rules \
		$(DESTDIR)$(SYSUSERSDIR)/bangtin.conf $(DESTDIR)$(TMPFILESDIR)/bangtin.conf
	rm -rf $(DESTDIR)$(DATADIR)
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/bangtin.mo; done
	rm -f $(DESTDIR)$(DOCDIR)/examples/kiosk.yaml
	-rmdir $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR) 2>/dev/null
	! cmp -s deploy/etc-kiosk.yaml $(DESTDIR)$(SYSCONFDIR)/bangtin/kiosk.yaml || \
		rm -f $(DESTDIR)$(SYSCONFDIR)/bangtin/kiosk.yaml
	-rmdir $(DESTDIR)$(SYSCONFDIR)/bangtin 2>/dev/null

clean:
	rm -rf $(B)

.PHONY: all tests deps deps-test deps-install deb-name run test soak install uninstall clean pot po-check

-include $(wildcard $(B)/*.d $(B)/*/*.d $(B)/tests/*.d $(B)/tests/tools/*.d)

include mk/fuzz.mk mk/asan.mk mk/lint.mk mk/cross.mk mk/deb.mk mk/bench.mk
