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
PKGS = sdl2 SDL2_ttf SDL2_image yaml-0.1 libutf8proc libqrencode
TEST_PKGS = cmocka
DEB_sdl2 = libsdl2-dev
DEB_SDL2_ttf = libsdl2-ttf-dev
DEB_SDL2_image = libsdl2-image-dev
DEB_yaml-0.1 = libyaml-dev
DEB_libutf8proc = libutf8proc-dev
DEB_libqrencode = libqrencode-dev
DEB_cmocka = libcmocka-dev
# Commands the tests drive, and their Debian packages.
TEST_CMDS = Xvfb:xvfb xdotool:xdotool xwd:x11-apps convert:imagemagick zbarimg:zbar-tools

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

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/playlists
	install -m 755 $(B)/bangtin $(DESTDIR)$(BINDIR)/bangtin
	install -m 644 assets/fonts/* $(DESTDIR)$(DATADIR)/fonts/
	cp -R playlists/. $(DESTDIR)$(DATADIR)/playlists/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bangtin
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B)

.PHONY: all tests deps deps-test deps-install deb-name run test install uninstall clean

-include $(wildcard $(B)/*.d $(B)/tests/*.d)
