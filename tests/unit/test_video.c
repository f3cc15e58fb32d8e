/* test_video.c: the video engine on real clips made here with ffmpeg:
 * poster pixels, the first frame ready before the clip is due, the queue's
 * bound, colours, closing mid-stream, damage midway, a cut, sound without
 * a device, and a clip played 500 times with flat memory. Frames are drawn
 * through SDL's software renderer and read back; no display is needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>
#include <malloc.h>

#include "render/video.h"
#include "render/video_int.h" /* the queue's length, for its bound */
#include "video_fixtures.h"

/* ---- Fixtures ----------------------------------------------------------------- */

static int make_clips(void **state)
{
    (void)state;
    if (!vf_setup())
        return -1;
    const char *x264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p";
    bool ok =
        /* red for a second, then blue */
        vf_ffmpeg("redblue.mp4",
                  "-f lavfi -i color=red:s=320x240:r=25:d=1 -f lavfi -i color=blue:s=320x240:r=25:d=1 "
                  "-filter_complex concat=n=2:v=1:a=0 %s -movflags +faststart",
                  x264) &&
        /* red above blue, and the same held upright on a phone */
        vf_ffmpeg("halves.mp4",
                  "-f lavfi -i color=red:s=320x120:d=1 -f lavfi -i color=blue:s=320x120:d=1 "
                  "-filter_complex vstack %s",
                  x264) &&
        vf_ffmpeg("phone.mp4", "-i '%s' -c copy -metadata:s:v:0 rotate=90", vf_path("halves.mp4")) &&
        vf_ffmpeg("phone.png", "-i '%s' -frames:v 1", vf_path("phone.mp4")) &&
        vf_ffmpeg("wide.mp4", "-f lavfi -i color=green:s=320x240:d=1 %s -aspect 16:9", x264) &&
        vf_ffmpeg("long.mp4", "-f lavfi -i testsrc2=s=320x240:r=25:d=10 %s", x264) &&
        vf_ffmpeg("busy.mp4", "-f lavfi -i testsrc2=s=320x240:r=25:d=2 %s -movflags +faststart", x264) &&
        /* a key frame every second */
        vf_ffmpeg("keys.mp4", "-f lavfi -i testsrc2=s=320x240:r=25:d=4 %s -g 25", x264) &&
        vf_ffmpeg("short.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=0.4 %s", x264) &&
        vf_ffmpeg("sound.mp4", "-f lavfi -i testsrc2=s=160x120:r=25:d=1 -f lavfi -i sine=d=1 %s -c:a aac",
                  x264) &&
        /* 4:4:4, and full-range BT.709: converted and flagged as they must be */
        vf_ffmpeg("yuv444.mp4", "-f lavfi -i color=red:s=320x240:d=0.5 -c:v libx264 -preset ultrafast "
                                "-pix_fmt yuv444p") &&
        vf_ffmpeg("bt709.mp4", "-f lavfi -i color=red:s=320x240:d=0.5 -vf scale=out_color_matrix=bt709 %s "
                               "-colorspace bt709 -color_primaries bt709 -color_trc bt709", x264) &&
        vf_ffmpeg("full.mp4", "-f lavfi -i color=red:s=320x240:d=0.5 -c:v libx264 -preset ultrafast "
                              "-pix_fmt yuvj420p") &&
        vf_ffmpeg("picture.mp4", "-f lavfi -i color=red:s=64x64 -frames:v 1 -c:v png -f image2");
    if (!ok)
        return -1;
    /* noise over the middle fifth of the frames; the head and index intact */
    ok = vf_corrupt("long.mp4", "damaged.mp4", 400, 600) && vf_truncate("busy.mp4", "cut.mp4", 500);
    if (!ok)
        return -1;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    /* The player's own malloc settings (player.c), so memory is measured
     * as the kiosk holds it. */
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    return SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0 ? 0 : -1;
}

static int remove_clips(void **state)
{
    (void)state;
    for (int i = 0; i < 300 && bt_video_workers() > 0; i++)
        SDL_Delay(10);
    SDL_Quit();
    vf_teardown();
    return 0;
}

/* ---- Helpers ------------------------------------------------------------------ */

static bt_video *open_clip(const char *name, double cut, bool sound)
{
    bt_video_options o = {.path = vf_path(name), .cut = cut, .sound = sound, .volume = 80};
    char err[256];
    bt_video *v = bt_video_open(&o, err, sizeof err);
    if (!v)
        fail_msg("%s: %s", name, err);
    return v;
}

/* A software renderer on a surface: where the player's frames would go. */
typedef struct {
    SDL_Surface *s;
    SDL_Renderer *r;
    SDL_Texture *t;
} screen;

static void screen_open(screen *sc, bt_video *v, int w, int h)
{
    sc->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(sc->s);
    sc->r = SDL_CreateSoftwareRenderer(sc->s);
    assert_non_null(sc->r);
    sc->t = bt_video_texture(v, sc->r);
    assert_non_null(sc->t);
    assert_true(bt_video_texture_fits(v, sc->t));
}

static void screen_close(screen *sc)
{
    SDL_DestroyTexture(sc->t);
    SDL_DestroyRenderer(sc->r);
    SDL_FreeSurface(sc->s);
}

static void screen_draw(screen *sc, bt_video *v)
{
    SDL_SetRenderDrawColor(sc->r, 0, 255, 0, 255);
    SDL_RenderClear(sc->r);
    SDL_Rect box = {0, 0, sc->s->w, sc->s->h};
    assert_int_equal(bt_video_draw(sc->r, sc->t, bt_video_describe(v), &box), 0);
    SDL_RenderPresent(sc->r);
}

static void rgb(SDL_Surface *s, int x, int y, int *r, int *g, int *b)
{
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
    Uint8 R, G, B;
    SDL_GetRGB(p, s->format, &R, &G, &B);
    *r = R, *g = G, *b = B;
}

/* The pixel at x,y is within tol of r,g,b on each channel. */
static void assert_rgb(SDL_Surface *s, int x, int y, int r, int g, int b, int tol)
{
    int R, G, B;
    rgb(s, x, y, &R, &G, &B);
    if (abs(R - r) > tol || abs(G - g) > tol || abs(B - b) > tol)
        fail_msg("pixel %d,%d is %d,%d,%d; expected %d,%d,%d", x, y, R, G, B, r, g, b);
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Waits until every worker (closed clips' too) has returned. */
static void quiesce(void)
{
    for (int i = 0; i < 400 && bt_video_workers() > 0; i++)
        SDL_Delay(5);
    assert_int_equal(bt_video_workers(), 0);
}

/* Waits until the worker has filled the queue (or reached the end). */
static void wait_full(bt_video *v)
{
    for (int i = 0; i < 2000; i++) {
        SDL_LockMutex(v->lock);
        bool full = v->qlen == BT_VIDEO_QUEUE_FRAMES || v->eof;
        SDL_UnlockMutex(v->lock);
        if (full)
            return;
        SDL_Delay(1);
    }
    fail_msg("the queue never filled");
}

/* Plays v to its end on a clock of our own that advances as fast as the
 * worker decodes: what the loop does, without waiting for real time. */
static uint64_t play_until(bt_video *v, SDL_Texture *t, uint64_t now, uint64_t until, int *shown)
{
    uint64_t limit = SDL_GetTicks64() + 20000;
    while (!bt_video_finished(v, now) && now < until) {
        if (bt_video_update(v, t, now) > 0 && shown)
            (*shown)++;
        /* Our clock waits for the worker when the queue is empty: this is
         * not a test of a slow decoder. */
        SDL_LockMutex(v->lock);
        bool starved = v->qlen == 0 && !v->eof;
        SDL_UnlockMutex(v->lock);
        uint64_t d = bt_video_deadline(v, now);
        if (starved || d == UINT64_MAX) {
            SDL_Delay(1);
            continue;
        }
        now = d > now ? d : now + 1;
        now = now < until ? now : until;
        if (SDL_GetTicks64() > limit)
            fail_msg("the clip never finished");
    }
    if (now == until && !bt_video_finished(v, now) && bt_video_update(v, t, now) > 0 && shown)
        (*shown)++;
    return now;
}

static uint64_t play_through(bt_video *v, SDL_Texture *t, uint64_t now, int *shown)
{
    return play_until(v, t, now, UINT64_MAX, shown);
}

/* ---- Tests ------------------------------------------------------------------------ */

/* The poster is the frame at its second, contain-fitted on the background. */
static void test_poster(void **state)
{
    (void)state;
    char err[256];
    SDL_Surface *p = bt_video_poster(vf_path("redblue.mp4"), 0, 200, 200, 0x00ff00, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_int_equal(p->format->format, SDL_PIXELFORMAT_RGB888);
    /* 320x240 in 200x200: 200x150, bars of 25 above and below */
    assert_rgb(p, 100, 100, 255, 0, 0, 6);
    assert_rgb(p, 100, 10, 0, 255, 0, 0);
    assert_rgb(p, 100, 190, 0, 255, 0, 0);
    assert_rgb(p, 100, 27, 255, 0, 0, 8);
    SDL_FreeSurface(p);
    p = bt_video_poster(vf_path("redblue.mp4"), 1.5, 200, 200, 0, err, sizeof err);
    assert_non_null(p);
    assert_rgb(p, 100, 100, 0, 0, 255, 6);
    SDL_FreeSurface(p);
    /* past the end: the last frame */
    p = bt_video_poster(vf_path("redblue.mp4"), 30, 64, 48, 0, err, sizeof err);
    assert_non_null(p);
    assert_rgb(p, 32, 24, 0, 0, 255, 6);
    SDL_FreeSurface(p);
    /* pixels 4:3 wide: 16:9 on screen fills a 320x180 poster */
    p = bt_video_poster(vf_path("wide.mp4"), 0, 320, 180, 0xffffff, err, sizeof err);
    assert_non_null(p);
    assert_rgb(p, 2, 90, 0, 128, 0, 6);
    assert_rgb(p, 160, 2, 0, 128, 0, 6);
    SDL_FreeSurface(p);
    /* not a video */
    assert_null(bt_video_poster(vf_path("picture.mp4"), 0, 64, 64, 0, err, sizeof err));
    assert_non_null(strstr(err, "not a video"));
}

/* A phone clip's poster is turned as ffmpeg itself turns it. */
static void test_poster_turned(void **state)
{
    (void)state;
    char err[256];
    SDL_Surface *p = bt_video_poster(vf_path("phone.mp4"), 0, 240, 320, 0xffffff, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    /* ffmpeg's own turned frame, as a PPM that is read here by hand */
    assert_true(vf_ffmpeg("phone.ppm", "-i '%s'", vf_path("phone.png")));
    FILE *f = fopen(vf_path("phone.ppm"), "rb");
    assert_non_null(f);
    int w = 0, h = 0, max = 0;
    assert_int_equal(fscanf(f, "P6 %d %d %d", &w, &h, &max), 3);
    fgetc(f);
    assert_int_equal(w, 240);
    assert_int_equal(h, 320);
    unsigned char *px = malloc((size_t)w * h * 3);
    assert_int_equal(fread(px, 1, (size_t)w * h * 3, f), (size_t)w * h * 3);
    fclose(f);
    for (int y = 10; y < h; y += 40)
        for (int x = 10; x < w; x += 40) {
            const unsigned char *q = px + ((size_t)y * w + x) * 3;
            assert_rgb(p, x, y, q[0], q[1], q[2], 8);
        }
    free(px);
    SDL_FreeSurface(p);
}

/* The first frame is decoded before the clip is due, and the first update
 * puts it on screen at once; the clip then changes at its second. */
static void test_first_frame_ready(void **state)
{
    (void)state;
    bt_video *v = open_clip("redblue.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    const bt_video_layout *i = bt_video_describe(v);
    assert_non_null(i);
    assert_int_equal(i->format, SDL_PIXELFORMAT_IYUV);
    assert_int_equal(i->w, 320);
    assert_int_equal(i->h, 240);
    assert_string_equal(i->decoder, "software"); /* no hardware here */
    assert_false(i->sound);
    assert_int_equal(bt_video_deadline(v, 5000), UINT64_MAX); /* not started: nothing due */
    screen sc;
    screen_open(&sc, v, 320, 240);
    wait_full(v);
    uint64_t t0 = 100000;
    assert_int_equal(bt_video_update(v, sc.t, t0), 1);
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 254, 0, 0, 6);
    /* next frame at 40 ms (25 fps) */
    assert_int_equal(bt_video_deadline(v, t0), t0 + 40);
    assert_int_equal(bt_video_update(v, sc.t, t0 + 39), 0);
    /* at 1.0 s blue; before it, red */
    play_until(v, sc.t, t0, t0 + 999, NULL);
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 254, 0, 0, 6);
    play_until(v, sc.t, t0 + 999, t0 + 1000, NULL);
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 0, 0, 254, 6);
    assert_int_equal(bt_video_drops(v), 0);
    /* the end: 2 s, the last frame stays on the texture */
    uint64_t now = play_through(v, sc.t, t0 + 1000, NULL);
    assert_int_equal(now, t0 + 2000);
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 0, 0, 254, 6);
    assert_true(bt_video_played(v, now + 500) > 1.99 && bt_video_played(v, now + 500) < 2.01);
    bt_video_close(v);
    screen_close(&sc);
}

/* A pause holds the picture (red) however long it lasts, asks for no
 * wake-up, ends nothing; played on, blue comes a second of play after the
 * start, and the play log counts the play alone. */
static void test_pause(void **state)
{
    (void)state;
    bt_video *v = open_clip("redblue.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 320, 240);
    uint64_t t0 = 200000;
    play_until(v, sc.t, t0, t0 + 500, NULL);
    bt_video_pause(v, true, t0 + 500);
    assert_true(bt_video_deadline(v, t0 + 500) == UINT64_MAX);
    assert_int_equal(bt_video_update(v, sc.t, t0 + 30000), 0);
    assert_false(bt_video_finished(v, t0 + 30000));
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 254, 0, 0, 6);
    bt_video_pause(v, false, t0 + 30500);
    uint64_t end = play_through(v, sc.t, t0 + 30500, NULL);
    assert_int_equal(end, t0 + 32000);
    screen_draw(&sc, v);
    assert_rgb(sc.s, 160, 120, 0, 0, 254, 6);
    assert_true(bt_video_played(v, end) > 1.99 && bt_video_played(v, end) < 2.01);
    assert_int_equal(bt_video_drops(v), 0);
    bt_video_close(v);
    screen_close(&sc);
}

/* A clip prepared but not started holds only a few decoded frames. */
static void test_bounded_queue(void **state)
{
    (void)state;
    bt_video *v = open_clip("long.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    SDL_Delay(300); /* the worker fills the queue and waits */
    SDL_LockMutex(v->lock);
    int n = v->qlen;
    bool eof = v->eof;
    SDL_UnlockMutex(v->lock);
    assert_int_equal(n, BT_VIDEO_QUEUE_FRAMES);
    assert_false(eof);
    bt_video_close(v);
}

/* Closing while the worker waits for room, while it opens, or mid-play:
 * close returns at once and every worker ends soon after. */
static void test_close_mid_stream(void **state)
{
    (void)state;
    quiesce();
    bt_video *v = open_clip("long.mp4", 0, false);
    bt_video_close(v); /* while opening */
    v = open_clip("long.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 320, 240);
    uint64_t now = 1000;
    for (int i = 0; i < 30; i++) {
        bt_video_update(v, sc.t, now);
        now += 40;
        SDL_Delay(2);
    }
    uint64_t t = SDL_GetTicks64();
    bt_video_close(v);
    assert_true(SDL_GetTicks64() - t < 50);
    screen_close(&sc);
    quiesce();
}

/* Noise over the middle of a clip: it plays on through or ends there,
 * cleanly, never hangs; a clip cut short plays what it has. */
static void test_damage_midway(void **state)
{
    (void)state;
    char err[256];
    bt_video *v = open_clip("damaged.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 320, 240);
    int shown = 0;
    uint64_t end = play_through(v, sc.t, 1000, &shown);
    assert_true(shown > 50);
    assert_true(end - 1000 <= 10000 + 40);
    bt_video_close(v);
    screen_close(&sc);

    v = open_clip("cut.mp4", 0, false);
    if (!bt_video_wait_ready(v, 5000)) {
        bt_video_failed(v, err, sizeof err);
        fail_msg("cut.mp4: %s", err);
    }
    screen_open(&sc, v, 320, 240);
    end = play_through(v, sc.t, 1000, NULL);
    assert_true(end - 1000 > 300 && end - 1000 < 1900);
    bt_video_close(v);
    screen_close(&sc);

    /* nothing decodable: failed, with the probe's words, and the event */
    Uint32 type = SDL_RegisterEvents(1);
    bt_video_options o = {.path = vf_path("picture.mp4"), .event_type = type};
    v = bt_video_open(&o, err, sizeof err);
    assert_false(bt_video_wait_ready(v, 5000));
    assert_true(bt_video_failed(v, err, sizeof err));
    assert_non_null(strstr(err, "this is not a video"));
    assert_true(bt_video_finished(v, 0));
    SDL_Event ev;
    bool seen = false;
    while (!seen && SDL_WaitEventTimeout(&ev, 2000))
        seen = ev.type == type && ev.user.code == BT_VIDEO_EV_FAILED && ev.user.data1 == v;
    assert_true(seen);
    bt_video_close(v);
}

/* `duration: 0.5` ends a 2 s clip at 0.5 s, its last frame the one before. */
static void test_cut(void **state)
{
    (void)state;
    bt_video *v = open_clip("redblue.mp4", 0.5, false);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 320, 240);
    uint64_t end = play_through(v, sc.t, 5000, NULL);
    assert_int_equal(end, 5500);
    assert_true(bt_video_played(v, end + 1000) == 0.5);
    bt_video_close(v);
    screen_close(&sc);
}

/* Colours: 4:4:4 is converted to 4:2:0 on the worker; BT.709 and full
 * range are read from the stream. Red stays red in each. */
static void test_colours(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        SDL_YUV_CONVERSION_MODE mode;
    } cases[] = {
        {"yuv444.mp4", SDL_YUV_CONVERSION_AUTOMATIC},
        {"bt709.mp4", SDL_YUV_CONVERSION_BT709},
        {"full.mp4", SDL_YUV_CONVERSION_JPEG},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        bt_video *v = open_clip(cases[k].file, 0, false);
        assert_true(bt_video_wait_ready(v, 5000));
        const bt_video_layout *i = bt_video_describe(v);
        assert_int_equal(i->format, SDL_PIXELFORMAT_IYUV);
        if (i->yuv != cases[k].mode)
            fail_msg("%s: conversion mode %d, expected %d", cases[k].file, i->yuv, cases[k].mode);
        screen sc;
        screen_open(&sc, v, 320, 240);
        assert_int_equal(bt_video_update(v, sc.t, 100), 1);
        screen_draw(&sc, v);
        int r, g, b;
        rgb(sc.s, 160, 120, &r, &g, &b);
        if (r < 247 || g > 8 || b > 8)
            fail_msg("%s: red shows as %d,%d,%d", cases[k].file, r, g, b);
        bt_video_close(v);
        screen_close(&sc);
    }
    /* A renderer whose textures are small: frames come scaled to fit. */
    bt_video_options o = {.path = vf_path("redblue.mp4"), .max_w = 160, .max_h = 160};
    char err[256];
    bt_video *v = bt_video_open(&o, err, sizeof err);
    assert_true(bt_video_wait_ready(v, 5000));
    assert_int_equal(bt_video_describe(v)->w, 160);
    assert_int_equal(bt_video_describe(v)->h, 120);
    assert_int_equal(bt_video_describe(v)->display_w, 320);
    bt_video_close(v);
}

/* Sound asked for, no device: the clip plays silent and on time. */
static void test_sound_without_device(void **state)
{
    (void)state;
    SDL_setenv("SDL_AUDIODRIVER", "none-such", 1);
    bt_video *v = open_clip("sound.mp4", 0, true);
    assert_true(bt_video_wait_ready(v, 5000));
    assert_true(bt_video_describe(v)->sound);
    screen sc;
    screen_open(&sc, v, 160, 120);
    uint64_t t0 = SDL_GetTicks64(), now = t0;
    int shown = 0;
    while (!bt_video_finished(v, now) && now < t0 + 5000) {
        shown += bt_video_update(v, sc.t, now) > 0;
        uint64_t d = bt_video_deadline(v, now);
        uint64_t wait = d == UINT64_MAX ? 5 : d > now ? d - now : 0;
        SDL_Delay((Uint32)(wait < 50 ? wait : 50));
        now = SDL_GetTicks64();
    }
    assert_true(bt_video_finished(v, now));
    assert_true(now - t0 >= 1000 && now - t0 < 1300);
    assert_true(shown >= 20);
    bt_video_close(v);
    screen_close(&sc);
}

/* With SDL's dummy device the picture follows the sound's clock. */
static void test_sound_clock(void **state)
{
    (void)state;
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    bt_video *v = open_clip("sound.mp4", 0, true);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 160, 120);
    uint64_t t0 = SDL_GetTicks64(), now = t0;
    while (!bt_video_finished(v, now) && now < t0 + 5000) {
        bt_video_update(v, sc.t, now);
        uint64_t d = bt_video_deadline(v, now);
        uint64_t wait = d == UINT64_MAX ? 5 : d > now ? d - now : 0;
        SDL_Delay((Uint32)(wait < 20 ? wait : 20));
        now = SDL_GetTicks64();
    }
    SDL_LockMutex(v->lock);
    bool heard = v->heard;
    SDL_UnlockMutex(v->lock);
    assert_true(heard);
    assert_true(v->fc.audio_synced);
    assert_true(now - t0 >= 900 && now - t0 < 1500);
    bt_video_close(v);
    screen_close(&sc);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

/* A decoder too slow on one core gets frame threads at the next key
 * frame: no frame is lost, none comes out of order. */
static void test_more_threads(void **state)
{
    (void)state;
    if (SDL_GetCPUCount() < 2)
        skip();
    bt_video_speed_share = 0; /* every core is "too slow" */
    bt_video *v = open_clip("keys.mp4", 0, false);
    assert_true(bt_video_wait_ready(v, 5000));
    screen sc;
    screen_open(&sc, v, 320, 240);
    int shown = 0;
    uint64_t end = play_through(v, sc.t, 1000, &shown);
    bt_video_speed_share = 0.5;
    SDL_LockMutex(v->lock);
    int threads = v->threads;
    SDL_UnlockMutex(v->lock);
    assert_int_equal(threads, SDL_GetCPUCount() > 4 ? 4 : SDL_GetCPUCount());
    assert_int_equal(shown, 100); /* 4 s at 25 fps, every one */
    assert_int_equal(end - 1000, 4000);
    assert_int_equal(bt_video_drops(v), 0);
    bt_video_close(v);
    screen_close(&sc);
}

/* 500 plays of a short clip: the memory held after the first 50 stays
 * (within 3 MB: the allocator's own slack). */
static void test_500_loops_flat(void **state)
{
    (void)state;
    long after50 = 0;
    uint64_t now = 1000;
    quiesce();
    for (int i = 0; i < 500; i++) {
        bt_video *v = open_clip("short.mp4", 0, false);
        if (!bt_video_wait_ready(v, 5000))
            fail_msg("play %d: not ready", i);
        screen sc;
        screen_open(&sc, v, 160, 120);
        now = play_through(v, sc.t, now, NULL) + 1;
        bt_video_close(v);
        screen_close(&sc);
        if (i == 49) {
            quiesce();
            malloc_trim(0);
            after50 = rss_kb();
        }
    }
    quiesce();
    malloc_trim(0);
    long after500 = rss_kb();
    printf("RSS after 50 plays %ld KB, after 500 %ld KB\n", after50, after500);
    /* Under ASan resident memory is its quarantine's, not ours. */
    if (!getenv("BT_SANITIZER"))
        assert_true(after500 - after50 < 3 * 1024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poster),
        cmocka_unit_test(test_poster_turned),
        cmocka_unit_test(test_first_frame_ready),
        cmocka_unit_test(test_pause),
        cmocka_unit_test(test_bounded_queue),
        cmocka_unit_test(test_close_mid_stream),
        cmocka_unit_test(test_damage_midway),
        cmocka_unit_test(test_cut),
        cmocka_unit_test(test_colours),
        cmocka_unit_test(test_sound_without_device),
        cmocka_unit_test(test_sound_clock),
        cmocka_unit_test(test_more_threads),
        cmocka_unit_test(test_500_loops_flat),
    };
    return cmocka_run_group_tests(tests, make_clips, remove_clips);
}
