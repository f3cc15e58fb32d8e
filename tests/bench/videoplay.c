/* videoplay.c: a stand-alone harness that plays clips and solid-colour
 * "slides" back to back through render/video.h exactly as the player will:
 * one SDL loop on the main thread, a streaming texture per clip, the next
 * clip opened when the current item starts, and a sleep in
 * SDL_WaitEventTimeout until the next deadline. Not part of the player;
 * built by mk/bench.mk for tests/e2e/video_gap.sh and `make bench-video`.
 *
 *   videoplay [--window WxH] [--sound] [--software] [--hold] ITEM...
 *     ITEM  clip.mp4            a clip, to its end
 *           clip.mp4@SECONDS    a clip cut at SECONDS (`duration:`)
 *           color:RRGGBB:SECONDS  a slide of one colour
 *
 * The window (titled "videoplay") sits at 0,0. After the last item it
 * exits 0, or with --hold keeps the last picture until SIGTERM (so that a
 * test can watch the end). On stdout, one line per item as it starts or is skipped, and
 * one per clip as it ends ("clip N: played S s, drops D, ..."); the last
 * line is "videoplay: done, drops D". */
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "render/video.h"

typedef struct {
    bool clip;
    const char *path;
    double secs; /* a slide's duration, or a clip's cut (0: none) */
    Uint8 r, g, b;
    bt_video *v;
} item;

typedef struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;
    item *items;
    int n;
    bool sound, software, hold;
    Uint32 ev_video;
    int cur;         /* the item on screen; -1 before the first */
    int pending;     /* the item due but not ready yet; -1 none */
    uint64_t t0, start;
    SDL_Texture *tex, *spare; /* the current clip's, and one to reuse */
    unsigned drops;
    bool dirty;
} harness;

static uint64_t ms(const harness *h)
{
    return SDL_GetTicks64() - h->t0;
}

static bool parse_item(const char *arg, item *it)
{
    memset(it, 0, sizeof *it);
    unsigned rgb;
    double secs;
    char tail;
    if (strncmp(arg, "color:", 6) == 0) {
        if (sscanf(arg + 6, "%6x:%lf%c", &rgb, &secs, &tail) != 2 || secs <= 0)
            return false;
        it->r = (Uint8)(rgb >> 16), it->g = (Uint8)(rgb >> 8), it->b = (Uint8)rgb;
        it->secs = secs;
        return true;
    }
    it->clip = true;
    char *copy = strdup(arg);
    char *at = strrchr(copy, '@');
    if (at && sscanf(at + 1, "%lf%c", &secs, &tail) == 1 && secs > 0) {
        *at = '\0';
        it->secs = secs;
    }
    it->path = copy;
    return true;
}

/* Opens item i's clip ahead of its time (nothing when it is a slide). */
static void prepare(harness *h, int i)
{
    if (i < 0 || i >= h->n || !h->items[i].clip || h->items[i].v)
        return;
    item *it = &h->items[i];
    bt_video_options o = {.path = it->path, .cut = it->secs, .sound = h->sound, .volume = 100,
                          .event_type = h->ev_video, .software_only = h->software};
    SDL_RendererInfo ri;
    if (SDL_GetRendererInfo(h->ren, &ri) == 0) {
        o.max_w = ri.max_texture_width;
        o.max_h = ri.max_texture_height;
    }
    char err[256];
    it->v = bt_video_open(&o, err, sizeof err);
    if (!it->v)
        fprintf(stderr, "videoplay: %s: %s\n", it->path, err);
}

static void draw(harness *h)
{
    const item *it = &h->items[h->cur];
    if (!it->clip) {
        SDL_SetRenderDrawColor(h->ren, it->r, it->g, it->b, 255);
        SDL_RenderClear(h->ren);
    } else {
        const bt_video_layout *l = bt_video_describe(it->v);
        SDL_Rect box = {0, 0, h->w, h->h};
        /* Letterbox bars only when the picture leaves some: a full-window
         * clip is copied over everything (no clear: less to write). */
        if (l->display_w * h->h != l->display_h * h->w) {
            SDL_SetRenderDrawColor(h->ren, 16, 16, 16, 255);
            SDL_RenderClear(h->ren);
        }
        bt_video_draw(h->ren, h->tex, l, &box);
    }
    SDL_RenderPresent(h->ren);
    h->dirty = false;
}

static void end_clip(harness *h, int i)
{
    item *it = &h->items[i];
    if (!it->v)
        return;
    uint64_t now = SDL_GetTicks64();
    const bt_video_layout *l = bt_video_describe(it->v);
    unsigned d = bt_video_drops(it->v);
    h->drops += d;
    printf("clip %d: played %.3f s, drops %u, %s, %dx%d at %llu ms\n", i, bt_video_played(it->v, now), d,
           l ? l->decoder : "-", l ? l->w : 0, l ? l->h : 0, (unsigned long long)ms(h));
    bt_video_close(it->v);
    it->v = NULL;
}

/* Makes item i current, or the first after it that can be shown; a clip
 * that is not ready yet leaves the screen as it is until it is. */
static void begin(harness *h, int i)
{
    int prev = h->cur;
    for (; i < h->n; i++) {
        item *it = &h->items[i];
        if (!it->clip) {
            h->cur = i;
            h->pending = -1;
            h->start = SDL_GetTicks64();
            printf("item %d: slide %02x%02x%02x at %llu ms\n", i, it->r, it->g, it->b,
                   (unsigned long long)ms(h));
            draw(h);
            break;
        }
        prepare(h, i);
        char err[256];
        if (!it->v || bt_video_failed(it->v, err, sizeof err)) {
            printf("item %d: skipped: %s\n", i, it->v ? err : "cannot open");
            if (it->v)
                bt_video_close(it->v);
            it->v = NULL;
            continue;
        }
        if (!bt_video_ready(it->v)) {
            h->pending = i; /* an event says when */
            return;
        }
        SDL_Texture *t = bt_video_texture_fits(it->v, h->spare) ? h->spare : bt_video_texture(it->v, h->ren);
        if (!t) {
            printf("item %d: skipped: no texture: %s\n", i, SDL_GetError());
            bt_video_close(it->v);
            it->v = NULL;
            continue;
        }
        if (t == h->spare)
            h->spare = NULL;
        if (h->tex && h->tex != t) {
            if (h->spare)
                SDL_DestroyTexture(h->spare);
            h->spare = h->tex;
        }
        h->tex = t;
        h->cur = i;
        h->pending = -1;
        bt_video_update(it->v, t, SDL_GetTicks64()); /* its first frame, now */
        printf("item %d: clip at %llu ms\n", i, (unsigned long long)ms(h));
        draw(h);
        break;
    }
    if (prev >= 0 && prev != h->cur)
        end_clip(h, prev);
    if (i >= h->n) {
        h->cur = h->n; /* done */
        h->pending = -1;
        return;
    }
    prepare(h, i + 1); /* the next clip gets ready while this item plays */
}

int main(int argc, char **argv)
{
    harness h = {.w = 640, .h = 360, .cur = -1, .pending = -1};
    int first = 1;
    for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
        if (strcmp(argv[first], "--window") == 0 && first + 1 < argc)
            sscanf(argv[++first], "%dx%d", &h.w, &h.h);
        else if (strcmp(argv[first], "--sound") == 0)
            h.sound = true;
        else if (strcmp(argv[first], "--software") == 0)
            h.software = true;
        else if (strcmp(argv[first], "--hold") == 0)
            h.hold = true;
        else
            break;
    }
    h.n = argc - first;
    if (h.n <= 0 || h.w <= 0 || h.h <= 0) {
        fprintf(stderr, "usage: videoplay [--window WxH] [--sound] [--software] [--hold] "
                        "clip.mp4[@SECONDS] | color:RRGGBB:SECONDS ...\n");
        return 2;
    }
    h.items = calloc((size_t)h.n, sizeof *h.items);
    for (int i = 0; i < h.n; i++)
        if (!parse_item(argv[first + i], &h.items[i])) {
            fprintf(stderr, "videoplay: cannot read item %s\n", argv[first + i]);
            return 2;
        }
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* The player's malloc settings (player/player.c), so that memory is
     * measured as the kiosk holds it. */
    mallopt(M_ARENA_MAX, 2);
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "videoplay: %s\n", SDL_GetError());
        return 3;
    }
    /* As the player does under X11 (player/player.c): SDL's software
     * renderer straight into the window's framebuffer, no OpenGL (Mesa)
     * behind it; the environment still wins. */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (driver && strcmp(driver, "x11") == 0) {
        SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    }
    h.win = SDL_CreateWindow("videoplay", 0, 0, h.w, h.h, SDL_WINDOW_BORDERLESS);
    h.ren = h.win ? SDL_CreateRenderer(h.win, -1, 0) : NULL;
    if (!h.ren) {
        fprintf(stderr, "videoplay: %s\n", SDL_GetError());
        return 3;
    }
    h.ev_video = SDL_RegisterEvents(1);
    h.t0 = SDL_GetTicks64();
    begin(&h, 0);

    bool quit = false;
    while (!quit && h.cur < h.n) {
        uint64_t now = SDL_GetTicks64(), next = UINT64_MAX;
        int was = h.cur;
        if (h.pending >= 0) {
            begin(&h, h.pending);
            if (h.pending >= 0)
                next = UINT64_MAX; /* its READY (or FAILED) event wakes us */
        } else if (!h.items[h.cur].clip) {
            uint64_t end = h.start + (uint64_t)(h.items[h.cur].secs * 1000 + 0.5);
            if (now >= end)
                begin(&h, h.cur + 1);
            else
                next = end;
        } else {
            item *it = &h.items[h.cur];
            if (bt_video_update(it->v, h.tex, now) > 0)
                h.dirty = true;
            if (bt_video_finished(it->v, now))
                begin(&h, h.cur + 1);
            else
                next = bt_video_deadline(it->v, now);
        }
        if (h.cur >= h.n)
            break;
        if (h.cur != was && h.pending < 0)
            continue; /* a new item: ask it for its deadline */
        if (h.dirty)
            draw(&h);
        /* Sleep until the next deadline; any event wakes us sooner. */
        now = SDL_GetTicks64();
        int timeout = next == UINT64_MAX ? 1000 : next <= now ? 0 : next - now > 1000 ? 1000 : (int)(next - now);
        SDL_Event ev;
        if (timeout == 0)
            continue;
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            do {
                if (ev.type == SDL_QUIT)
                    quit = true;
                else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED && h.cur >= 0)
                    h.dirty = true;
                /* h.ev_video: only a wake-up; the loop asks the clips */
            } while (SDL_PollEvent(&ev));
        }
    }
    if (h.cur >= 0 && h.cur < h.n)
        end_clip(&h, h.cur);
    for (int i = 0; i < h.n; i++)
        if (h.items[i].v)
            bt_video_close(h.items[i].v);
    printf("videoplay: done, drops %u\n", h.drops);
    while (h.hold && !quit) {
        SDL_Event ev;
        if (SDL_WaitEvent(&ev) && ev.type == SDL_QUIT)
            quit = true;
        else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED)
            SDL_RenderPresent(h.ren);
    }
    for (int i = 0; i < 100 && bt_video_workers() > 0; i++)
        SDL_Delay(10);
    if (h.tex)
        SDL_DestroyTexture(h.tex);
    if (h.spare)
        SDL_DestroyTexture(h.spare);
    SDL_DestroyRenderer(h.ren);
    SDL_DestroyWindow(h.win);
    SDL_Quit();
    return 0;
}
