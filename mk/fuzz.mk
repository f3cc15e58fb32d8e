# mk/fuzz.mk: coverage-guided fuzzing of what reads a stick's bytes.
#   make fuzz [FUZZ_SECONDS=1800]  each fuzz target for that long (default 60 s),
#                                  with ASan+UBSan; new crashes are kept in
#                                  tests/fuzz/regressions/<target>/;
#                                  FUZZ_TARGETS="manifest minisign": only those
#   make fuzz-short                60 s each (CI)
#   make fuzz-regress              replays the kept crashes and the seeds

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# LeakSanitizer: leaks inside system libraries (Mesa, fontconfig) are not ours.
SAN_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0

# libFuzzer comes with clang's runtime (libclang-rt-14-dev on Debian 12).
FUZZ_CC = clang
FUZZ_SECONDS ?= 60
FUZZ_B = build-fuzz
FUZZ_TARGETS = playlist imgprobe settings manifest minisign videoprobe exif i18n reports
# Every file of the layers built without SDL: what reads the stick's bytes
# (FFmpeg's libraries among CORE_PKGS: the video probe).
FUZZ_LIB_SRCS = $(wildcard $(foreach l,$(NOSDL_LAYERS),src/$(l)/*.c))
FUZZ_LIB_OBJS = $(patsubst src/%.c,$(FUZZ_B)/%.o,$(FUZZ_LIB_SRCS))
FUZZ_PKGS = $(CORE_PKGS)
FUZZ_CFLAGS = -O1 -g $(SAN_FLAGS) -fsanitize=fuzzer-no-link
# Per target: the most bytes in one input, and its dictionary.
FUZZ_MAXLEN_playlist = 65536
FUZZ_MAXLEN_imgprobe = 20000
FUZZ_MAXLEN_settings = 16384
FUZZ_MAXLEN_manifest = 65536
FUZZ_MAXLEN_minisign = 4096
FUZZ_MAXLEN_videoprobe = 32768
FUZZ_MAXLEN_exif = 4096
FUZZ_MAXLEN_i18n = 8192
FUZZ_MAXLEN_reports = 65536
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
# settings' fixtures and the example kiosk.yaml; the
# small pictures of the fixtures and the bundled playlist; tiny clips
# (tests/fuzz/seeds/videoprobe: MP4, WebM, MKV, HEVC, sound only, cut);
# Exif segments; a small message catalog.
# The working corpus grows in build-fuzz/corpus (not committed); seeds are
# read-only.
fuzz-seeds:
	@mkdir -p $(FUZZ_CORPUS)/playlist $(FUZZ_CORPUS)/imgprobe $(FUZZ_CORPUS)/settings \
		$(FUZZ_CORPUS)/manifest $(FUZZ_CORPUS)/minisign $(FUZZ_CORPUS)/videoprobe
	@mkdir -p $(FUZZ_CORPUS)/exif $(FUZZ_CORPUS)/i18n
	@cp -n tests/fuzz/seeds/exif/* $(FUZZ_CORPUS)/exif/ 2>/dev/null || true
	@cp -n tests/fuzz/seeds/i18n/* $(FUZZ_CORPUS)/i18n/ 2>/dev/null || true
	@cp -n tests/fixtures/settings/*.yaml deploy/kiosk.yaml $(FUZZ_CORPUS)/settings/ 2>/dev/null || true
	@for t in manifest minisign reports; do mkdir -p $(FUZZ_CORPUS)/$$t; cp -n tests/fuzz/seeds/$$t/* $(FUZZ_CORPUS)/$$t/ 2>/dev/null; done; true
	@for f in tests/fuzz/seeds/videoprobe/*; do \
		[ -f "$$f" ] && head -c $(FUZZ_MAXLEN_videoprobe) "$$f" >"$(FUZZ_CORPUS)/videoprobe/$$(basename "$$f")"; \
	done; true
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
	@$(MAKE) -s fuzz FUZZ_SECONDS=15

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


.PHONY: deps-fuzz fuzz-build fuzz-seeds fuzz fuzz-short fuzz-regress

-include $(wildcard $(FUZZ_B)/*/*.d)
