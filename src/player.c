/* player.c: the main loop. It drains events, moves the loop on at its
 * deadlines, redraws only when something changed, and otherwise sleeps in
 * SDL_WaitEventTimeout until the next deadline. Slides are painted ahead on
 * the prefetch worker; the header, tips and hint are painted here. */
#include "player.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>

#include "layout.h"
#include "log.h"
#include "loop.h"
#include "painter.h"
#include "prefetch.h"

/* ---- state ---- */

typedef struct {
    SDL_Texture *tex;
    int slide; /* which slide it shows; -1 for the empty screen */
} slide_tex;

typedef struct {
    bt_playlist *pl;
    const bt_player_config *cfg;

    /* display */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *canvas; /* for rotated screens: drawn upright, copied turned */
    int out_w, out_h;    /* the window's pixels */
    bt_screen sc;        /* the upright canvas, possibly scaled to fit textures */

    /* painting */
    bt_painter *painter; /* the main thread's: header, tips, hint */
    bt_prefetch *pf;
    Uint32 ev_painted;
    unsigned tag; /* of the prefetch request we are waiting for */

    /* what is on screen */
    bt_loop loop;
    slide_tex cur, next;
    SDL_Texture *header, *tip, *hint;
    uint64_t minute_at; /* when the clock must change */

    /* transition from `old` to `cur` */
    bool in_transition;
    slide_tex old;
    uint64_t trans_start;
    int trans_ms;
    bt_transition trans_kind;

    bool dirty, quit;
    int64_t wall_offset_ms; /* --now minus the real clock at start */
} player;

/* ---- time ---- */

static int64_t real_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* The wall clock as the schedules and the header see it, in ms. */
static int64_t wall_ms(const player *p)
{
    return real_ms() + p->wall_offset_ms;
}

static time_t wall(const player *p)
{
    return (time_t)(wall_ms(p) / 1000);
}

/* When, in monotonic ms, the wall clock reaches its next whole minute. */
static uint64_t next_minute(const player *p)
{
    int64_t w = wall_ms(p);
    int64_t left = 60000 - ((w % 60000) + 60000) % 60000;
    return SDL_GetTicks64() + (uint64_t)left;
}

/* ---- textures ---- */

static SDL_Texture *upload(player *p, SDL_Surface *s)
{
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(p->ren, s);
    SDL_FreeSurface(s);
    if (!t)
        bt_log(BT_LOG_ERROR, "cannot make a texture: %s", SDL_GetError());
    return t;
}

static void replace(SDL_Texture **slot, SDL_Texture *t)
{
    if (!t)
        return; /* keep what is shown rather than show nothing */
    if (*slot)
        SDL_DestroyTexture(*slot);
    *slot = t;
}

static void drop(slide_tex *st)
{
    if (st->tex)
        SDL_DestroyTexture(st->tex);
    st->tex = NULL;
    st->slide = -1;
}

static void paint_header(player *p)
{
    replace(&p->header, upload(p, bt_paint_header(p->painter, p->sc.header.w, p->sc.header.h,
                                                   p->sc.unit, wall(p))));
    p->minute_at = p->pl->theme.clock ? next_minute(p) : UINT64_MAX;
    p->dirty = true;
}

static void paint_tip(player *p)
{
    const bt_tip *tip = p->loop.tip >= 0 ? &p->pl->tips[p->loop.tip] : NULL;
    replace(&p->tip, upload(p, bt_paint_tip(p->painter, tip, p->sc.tips.w, p->sc.tips.h, p->sc.unit)));
    p->dirty = true;
}

/* Paints slide i on this thread: used only when nothing else can be shown
 * (the first slide, a new screen size), never at a slide change. */
static SDL_Texture *paint_slide_now(player *p, int i)
{
    SDL_Surface *s = i >= 0 ? bt_paint_slide(p->painter, &p->pl->slides[i], p->sc.slide.w,
                                             p->sc.slide.h, p->sc.unit)
                            : bt_paint_empty(p->painter, p->sc.slide.w, p->sc.slide.h, p->sc.unit);
    return upload(p, s);
}

/* Asks the worker for the upcoming slide, forgetting any older answer. */
static void prefetch_upcoming(player *p)
{
    drop(&p->next);
    p->tag++;
    if (p->loop.upcoming >= 0 && p->loop.upcoming != p->loop.current)
        bt_prefetch_request(p->pf, p->loop.upcoming, p->sc.slide.w, p->sc.slide.h, p->sc.unit,
                            p->tag);
}

/* (Re)lays out the screen for the window's size and repaints everything. */
static void relayout(player *p)
{
    SDL_GetRendererOutputSize(p->ren, &p->out_w, &p->out_h);
    bool turned = p->cfg->rotate == 90 || p->cfg->rotate == 270;
    int w = turned ? p->out_h : p->out_w, h = turned ? p->out_w : p->out_h;

    /* Low-cost boards cap texture sizes: draw smaller and let the GPU scale. */
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(p->ren, &info) == 0 && info.max_texture_width > 0) {
        double s = 1.0;
        if (w > info.max_texture_width)
            s = (double)info.max_texture_width / w;
        if (h * s > info.max_texture_height)
            s = (double)info.max_texture_height / h;
        w = (int)(w * s);
        h = (int)(h * s);
    }
    bt_screen_layout(w, h, p->pl->touch_enabled, &p->sc);

    if (p->canvas)
        SDL_DestroyTexture(p->canvas);
    p->canvas = NULL;
    if (p->cfg->rotate != 0)
        p->canvas = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    else
        SDL_RenderSetLogicalSize(p->ren, w, h);

    paint_header(p);
    paint_tip(p);
    if (p->sc.hint.w > 0)
        replace(&p->hint, upload(p, bt_paint_hint(p->painter, p->sc.hint.w, p->sc.hint.h, p->sc.unit)));
    p->in_transition = false;
    drop(&p->old);
    drop(&p->cur);
    p->cur.tex = paint_slide_now(p, p->loop.current);
    p->cur.slide = p->loop.current;
    prefetch_upcoming(p);
    p->dirty = true;
}

/* ---- drawing ---- */

static SDL_Rect sdl_rect(bt_rect r)
{
    return (SDL_Rect){r.x, r.y, r.w, r.h};
}

/* Smooth start and end of a transition. */
static double ease(double t)
{
    return t < 0 ? 0 : t > 1 ? 1 : t * t * (3 - 2 * t);
}

static void draw_slide_area(player *p, uint64_t now)
{
    SDL_Rect area = sdl_rect(p->sc.slide);
    if (!p->in_transition || !p->old.tex) {
        SDL_RenderCopy(p->ren, p->cur.tex, NULL, &area);
        return;
    }
    double t = ease((double)(now - p->trans_start) / p->trans_ms);
    SDL_RenderSetClipRect(p->ren, &area);
    if (p->trans_kind == BT_TRANSITION_SLIDE) {
        int dx = (int)(area.w * t);
        SDL_Rect a = {area.x - dx, area.y, area.w, area.h};
        SDL_Rect b = {area.x + area.w - dx, area.y, area.w, area.h};
        SDL_RenderCopy(p->ren, p->old.tex, NULL, &a);
        SDL_RenderCopy(p->ren, p->cur.tex, NULL, &b);
    } else {
        SDL_RenderCopy(p->ren, p->old.tex, NULL, &area);
        SDL_SetTextureBlendMode(p->cur.tex, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(p->cur.tex, (Uint8)(255 * t));
        SDL_RenderCopy(p->ren, p->cur.tex, NULL, &area);
        SDL_SetTextureAlphaMod(p->cur.tex, 255);
    }
    SDL_RenderSetClipRect(p->ren, NULL);
}

static void draw(player *p, uint64_t now)
{
    bt_color bg = p->pl->theme.background;
    SDL_SetRenderTarget(p->ren, p->canvas);
    SDL_SetRenderDrawColor(p->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(p->ren);
    SDL_Rect r = sdl_rect(p->sc.header);
    SDL_RenderCopy(p->ren, p->header, NULL, &r);
    draw_slide_area(p, now);
    r = sdl_rect(p->sc.tips);
    SDL_RenderCopy(p->ren, p->tip, NULL, &r);
    if (p->sc.hint.w > 0) {
        r = sdl_rect(p->sc.hint);
        SDL_RenderCopy(p->ren, p->hint, NULL, &r);
    }
    if (p->canvas) {
        SDL_SetRenderTarget(p->ren, NULL);
        SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
        SDL_RenderClear(p->ren);
        SDL_Rect dst = {(p->out_w - p->sc.w) / 2, (p->out_h - p->sc.h) / 2, p->sc.w, p->sc.h};
        if (p->cfg->rotate == 90 || p->cfg->rotate == 270) {
            /* scale the (possibly reduced) canvas up to fill the turned screen */
            dst.w = p->out_h;
            dst.h = p->out_w;
            dst.x = (p->out_w - dst.w) / 2;
            dst.y = (p->out_h - dst.h) / 2;
        } else {
            dst = (SDL_Rect){0, 0, p->out_w, p->out_h};
        }
        SDL_RenderCopyEx(p->ren, p->canvas, NULL, &dst, p->cfg->rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(p->ren);
    p->dirty = false;
}

/* ---- the loop's steps ---- */

/* At the slide deadline: shows the prepared slide with its transition. If it
 * is not ready yet, the current one stays until it is (never a blank). */
static void change_slide(player *p, uint64_t now)
{
    if (!p->next.tex || p->next.slide != p->loop.upcoming) {
        bt_log(BT_LOG_DEBUG, "slide %d is late: not painted yet", p->loop.upcoming);
        return;
    }
    const bt_slide *s = &p->pl->slides[p->next.slide];
    drop(&p->old);
    p->old = p->cur;
    p->cur = p->next;
    p->next = (slide_tex){NULL, -1};
    p->trans_kind = s->transition;
    p->trans_ms = s->transition_ms;
    p->trans_start = now;
    p->in_transition = p->trans_kind != BT_TRANSITION_NONE && p->trans_ms > 0;
    if (!p->in_transition)
        drop(&p->old);
    bt_loop_advance(&p->loop, now, wall(p));
    bt_log(BT_LOG_DEBUG, "slide %s", s->id);
    prefetch_upcoming(p);
    p->dirty = true;
}

static void on_painted(player *p, bt_prefetch_result *r)
{
    if (r->tag == p->tag && r->surface && !p->next.tex) {
        p->next.tex = upload(p, r->surface);
        p->next.slide = p->next.tex ? r->slide : -1;
        r->surface = NULL;
    }
    bt_prefetch_result_free(r);
}

static void on_event(player *p, const SDL_Event *ev)
{
    if (ev->type == p->ev_painted) {
        on_painted(p, ev->user.data1);
        return;
    }
    switch (ev->type) {
    case SDL_QUIT:
        p->quit = true;
        break;
    case SDL_KEYDOWN: {
        SDL_Keymod mod = SDL_GetModState();
        if (ev->key.keysym.sym == SDLK_q && (mod & KMOD_CTRL) && (mod & KMOD_ALT))
            p->quit = true; /* the technicians' way out, also fullscreen */
        else if (ev->key.keysym.sym == SDLK_ESCAPE && p->cfg->windowed)
            p->quit = true;
        break;
    }
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            relayout(p);
        else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED)
            p->dirty = true;
        break;
    }
}

static uint64_t min3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t m = a < b ? a : b;
    return m < c ? m : c;
}

static void run(player *p)
{
    while (!p->quit) {
        uint64_t now = SDL_GetTicks64();
        if (p->in_transition && now >= p->trans_start + (uint64_t)p->trans_ms) {
            p->in_transition = false;
            drop(&p->old);
            p->dirty = true;
        }
        if (!p->in_transition && now >= bt_loop_slide_deadline(&p->loop))
            change_slide(p, now);
        if (now >= bt_loop_tip_deadline(&p->loop)) {
            bt_loop_advance_tip(&p->loop, now);
            paint_tip(p);
        }
        if (now >= p->minute_at)
            paint_header(p);
        if (p->in_transition)
            p->dirty = true;
        if (p->dirty)
            draw(p, now);

        /* Sleep until the next deadline: a frame during a transition, else
         * the slide, the tip or the clock. A late slide wakes on its event. */
        uint64_t slide_at = bt_loop_slide_deadline(&p->loop);
        if (slide_at <= now)
            slide_at = UINT64_MAX; /* late: the painted event will wake us */
        uint64_t until = p->in_transition
                             ? now + 16
                             : min3(slide_at, bt_loop_tip_deadline(&p->loop), p->minute_at);
        now = SDL_GetTicks64();
        int timeout = until <= now ? 0 : until - now > 3600000 ? 3600000 : (int)(until - now);
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            on_event(p, &ev);
            while (SDL_PollEvent(&ev))
                on_event(p, &ev);
        }
    }
}

/* ---- start and end ---- */

static bool open_display(player *p)
{
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr,
                "bangtin: no display could be opened (%s).\n"
                "Try: run it inside the desktop session (DISPLAY or WAYLAND_DISPLAY set),\n"
                "or on a console without a desktop with SDL_VIDEODRIVER=kmsdrm,\n"
                "or preview without any display: bangtin --render DIR.\n",
                SDL_GetError());
        return false;
    }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int w = p->cfg->win_w, h = p->cfg->win_h;
    if (!p->cfg->windowed) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = h = 0;
    }
    p->win = SDL_CreateWindow("bangtin", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (p->win)
        p->ren = SDL_CreateRenderer(p->win, -1, 0);
    if (!p->win || !p->ren) {
        fprintf(stderr,
                "bangtin: no display could be opened: %s\n"
                "Try: a different SDL_VIDEODRIVER (x11, wayland, kmsdrm), or --render DIR.\n",
                SDL_GetError());
        return false;
    }
    if (!p->cfg->windowed)
        SDL_ShowCursor(SDL_DISABLE); /* a kiosk shows no mouse pointer */
    SDL_SetWindowMinimumSize(p->win, 160, 120);
    return true;
}

static void close_all(player *p)
{
    bt_prefetch_stop(p->pf);
    drop(&p->cur);
    drop(&p->next);
    drop(&p->old);
    if (p->header)
        SDL_DestroyTexture(p->header);
    if (p->tip)
        SDL_DestroyTexture(p->tip);
    if (p->hint)
        SDL_DestroyTexture(p->hint);
    if (p->canvas)
        SDL_DestroyTexture(p->canvas);
    bt_painter_free(p->painter);
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    bt_playlist_free(p->pl);
    TTF_Quit();
    SDL_Quit();
}

int bt_player_run(bt_playlist *pl, const bt_player_config *cfg)
{
    player p = {.pl = pl, .cfg = cfg, .cur = {NULL, -1}, .next = {NULL, -1}, .old = {NULL, -1}};
    if (cfg->has_now)
        p.wall_offset_ms = (int64_t)cfg->now * 1000 - real_ms();
    int status = 0;
    char err[512];
    if (!open_display(&p)) {
        status = 3;
        goto done;
    }
    p.ev_painted = SDL_RegisterEvents(1);
    p.painter = bt_painter_create(pl, err, sizeof err);
    if (p.painter)
        p.pf = bt_prefetch_start(pl, p.ev_painted, err, sizeof err);
    if (!p.painter || !p.pf || p.ev_painted == (Uint32)-1) {
        bt_log(BT_LOG_ERROR, "cannot start: %s", err);
        status = 1;
        goto done;
    }
    uint64_t now = SDL_GetTicks64();
    bt_loop_init(&p.loop, pl, now, wall(&p));
    relayout(&p);
    bt_log(BT_LOG_INFO, "playing \"%s\": %d slides, %d tips, %d topics on %dx%d", pl->name,
           pl->n_slides, pl->n_tips, pl->n_topics, p.out_w, p.out_h);
    run(&p);
    bt_log(BT_LOG_INFO, "stopped");
done:
    close_all(&p);
    return status;
}
