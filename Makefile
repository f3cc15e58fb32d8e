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
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lint/lsan.supp:print_suppressions=0

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
FUZZ_MAXLEN_imgprobe = 4096
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
	@for f in tests/fixtures/load/images/* tests/fixtures/load/icons/* playlists/icons/* \
			tests/fuzz/seeds/imgprobe/*; do \
		[ -f "$$f" ] && head -c 4096 "$$f" >"$(FUZZ_CORPUS)/imgprobe/$$(basename "$$f")"; \
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

# Replays every kept crash through its target (no fuzzing): they must all pass.
fuzz-regress: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		set -- tests/fuzz/regressions/$$t/*; [ -f "$$1" ] || continue; \
		echo "== fuzz_$$t: $$# regressions"; \
		$(SAN_ENV) $(FUZZ_B)/fuzz_$$t -runs=1 "$$@" >$(FUZZ_B)/regress_$$t.log 2>&1 || \
			{ tail -n 40 $(FUZZ_B)/regress_$$t.log; exit 1; }; \
	done

# The whole suite with ASan+UBSan, in its own build folder so the normal
# build is untouched; the e2e tests take the binary from BANGTIN.
ASAN_B = build-asan
test-asan: deps-test
	@$(MAKE) -s B=$(ASAN_B) CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all tests
	@$(SAN_ENV) BT_BUILD=$(ASAN_B) BANGTIN=$(ASAN_B)/bangtin tests/run.sh
	@$(MAKE) -s fuzz-regress

# Static analysis; every check and exclusion is explained in .clang-tidy and
# tests/lint/cppcheck.supp.
LINT_SRCS = $(wildcard src/*.c)
lint: deps
	cppcheck --quiet --std=c11 --language=c --enable=warning,performance,portability \
		--error-exitcode=1 --inline-suppr --suppressions-list=tests/lint/cppcheck.supp \
		-D_GNU_SOURCE -D_DEFAULT_SOURCE -Isrc $(LINT_SRCS)
	clang-tidy --quiet --warnings-as-errors='*' $(LINT_SRCS) -- -std=c11 -D_DEFAULT_SOURCE \
		-D_GNU_SOURCE -iquote src -DBT_VERSION='"lint"' -DBT_BUILD_DATE='"2026-01-01"' \
		-DBT_DATADIR='"/usr/share/bangtin"' $(LIB_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))

.PHONY: deps-fuzz fuzz-build fuzz-seeds fuzz fuzz-short fuzz-regress test-asan lint

-include $(wildcard $(FUZZ_B)/*.d)
