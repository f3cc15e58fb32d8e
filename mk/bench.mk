# mk/bench.mk: benchmarks (none runs in CI).
#   make bench        bangtin under Xvfb at 1920x1080: first slide, memory
#                     (PSS), CPU while static and in transitions, frame times,
#                     late changes; one line per case, median [min..max] of
#                     BENCH_RUNS runs (default 5); about 10 minutes
#   make bench-peers  the same content through feh and Chromium in kiosk mode,
#                     beside bangtin's figures with ratios; about 20 minutes
#   make bench-video  a 1080p30 H.264 clip through the real player (bangtin
#                     fullscreen, a playlist of the clip), bangtin's video
#                     engine alone (tests/bench/videoplay), mpv and ffplay
#                     under Xvfb with software rendering: CPU, PSS, dropped
#                     frames, median of BENCH_RUNS (default 3); about 16
#                     minutes (BENCH_RUNS=1: 5)
#   make bench-pdf    one A4 PDF page drawn for 1920x1080 (bangtin's helper
#                     process, and pdftoppm on the same page), and the PSS
#                     while playing a 50-page PDF; about a minute
#   make bench-merge  --report --merge over 200 kiosks x 90 days of outboxes
#                     (tests/bench/merge.sh); about a minute
# Neither runs in CI. The content is generated into build/bench/ by
# tests/bench/gen.sh; how each figure is taken is in tests/bench/bench.py.

BENCH_B = $(B)/bench
BENCH_X11 = x11 xdamage xfixes
DEB_x11 = libx11-dev
DEB_xdamage = libxdamage-dev
DEB_xfixes = libxfixes-dev
BENCH_CMDS = Xvfb:xvfb convert:imagemagick python3:python3 pdftoppm:poppler-utils
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

# The video harness: clips and colour slides back to back through
# render/video.h, as the player plays them (tests/e2e/video_gap.sh, and
# bench-video below).
$(BENCH_B)/videoplay: tests/bench/videoplay.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS)

videoplay: deps
	@$(MAKE) -s all $(BENCH_B)/videoplay

BENCH_VIDEO_CMDS = Xvfb:xvfb python3:python3 ffmpeg:ffmpeg ffplay:ffmpeg mpv:mpv
deps-bench-video:
	@$(MAKE) -s deps-install WANT_PKGS="$(PKGS)" WANT_CMDS="cc:gcc $(BENCH_VIDEO_CMDS)"

# The player and the harness are copied first, so that a rebuild during
# the run cannot change them. How each figure is taken is in tests/bench/videobench.py.
bench-video: deps-bench-video
	@$(MAKE) -s all $(BENCH_B)/videoplay
	@cp $(BENCH_B)/videoplay $(BENCH_B)/videoplay.bench
	@cp $(B)/bangtin $(BENCH_B)/bangtin.bench
	@BENCH_OUT=$(BENCH_B) VIDEOPLAY=$(BENCH_B)/videoplay.bench BANGTIN=$(BENCH_B)/bangtin.bench \
		BANGTIN_DATADIR=$(CURDIR)/assets \
		python3 tests/bench/videobench.py

$(BENCH_B)/pdfpage: tests/bench/pdfpage.c $(B)/libbangtin.a
	@mkdir -p $(@D)
	$(CC) -O2 -g $(CFLAGS) $(LIB_CFLAGS) -o $@ $< $(B)/libbangtin.a $(LIBS)

# PDF pages: tests/bench/pdf.sh (BENCH_RUNS timings, then 40 s of playing).
bench-pdf: deps-bench
	@$(MAKE) -s all $(BENCH_B)/pdfpage
	@tests/bench/pdf.sh $(or $(BENCH_RUNS),9) 40

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

.PHONY: deps-bench deps-bench-peers bench-content bench bench-peers bench-paint videoplay deps-bench-video bench-video bench-pdf

# The province's report over many kiosks: 200 kiosks x 90 days of day
# files merged by --report --merge (tests/bench/merge.sh); about a minute,
# most of it making the files once.
bench-merge:
	@$(MAKE) -s all
	@BANGTIN=$(B)/bangtin BENCH_DIR=$(BENCH_B)/outboxes tests/bench/merge.sh
