/* scene.c: the screen's textures and the drawing of a frame (scene.h). */
#include "scene.h"

#include "base/log.h"
#include "render/chrome.h"
#include "model/layout.h"
#include "render/slide_paint.h"
#include "render/touch_paint.h"

/* ---- textures ---- */

/* The surface as a texture (the surface is freed); NULL when it cannot be. */
static SDL_Texture *upload(bt_scene *s, SDL_Surface *surface)
{
    if (!surface)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(s->ren, surface);
    SDL_FreeSurface(surface);
    if (!t)
        bt_log(BT_LOG_ERROR, "cannot make a texture: %s", SDL_GetError());
    else /* painted parts are opaque: copy them as they are, as --render saves them */
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    return t;
}

/* Puts t in the slot; a NULL t keeps what is shown rather than show nothing. */
static void replace(SDL_Texture **slot, SDL_Texture *t)
{
    if (!t)
        return;
    if (*slot)
        SDL_DestroyTexture(*slot);
    *slot = t;
}

static void destroy(SDL_Texture **t)
{
    if (*t)
        SDL_DestroyTexture(*t);
    *t = NULL;
}

/* A clip's texture no longer shown is kept for the next clip (one only:
 * a 1080p frame's texture holds some 10 MB). */
static void retire_clip(bt_scene *s, SDL_Texture **clip)
{
    if (!*clip)
        return;
    destroy(&s->spare_clip);
    s->spare_clip = *clip;
    *clip = NULL;
}

static void drop(bt_scene *s, bt_slide_tex *st)
{
    destroy(&st->tex);
    retire_clip(s, &st->clip);
    *st = (bt_slide_tex){.slide = -1};
}

bool bt_scene_init(bt_scene *s, SDL_Renderer *ren, int rotate, char *err, size_t errsize)
{
    *s = (bt_scene){.ren = ren, .rotate = rotate, .cur = {.slide = -1}, .next = {.slide = -1},
                    .old = {.slide = -1}, .page = {.slide = -1}};
    s->ev_pictures = SDL_RegisterEvents(1);
    s->pictures = bt_picture_loader_start(s->ev_pictures, err, errsize);
    return s->pictures != NULL;
}

/* Sends what the painter lacks to the picture worker. */
static void ask_pictures(bt_scene *s)
{
    int n;
    bt_picture *list = bt_pictures_take_wanted(bt_painter_pictures(s->painter), &n);
    if (list)
        bt_picture_loader_request(s->pictures, list, n);
}

void bt_scene_free(bt_scene *s)
{
    drop(s, &s->cur);
    drop(s, &s->next);
    drop(s, &s->old);
    drop(s, &s->page);
    destroy(&s->header);
    destroy(&s->tip);
    destroy(&s->hint);
    destroy(&s->corner_hint);
    destroy(&s->frame);
    destroy(&s->countdown);
    destroy(&s->page_tip);
    destroy(&s->snapshot);
    destroy(&s->canvas);
    destroy(&s->overlay);
    destroy(&s->spare_clip);
    bt_picture_loader_stop(s->pictures);
    s->pictures = NULL;
}

void bt_scene_bind(bt_scene *s, const bt_playlist *pl, bt_painter *painter, bt_prefetch *pf)
{
    s->pl = pl;
    s->painter = painter;
    bt_painter_keep_pictures(painter);
    s->pf = pf;
    s->tag++; /* what the old worker was asked for is not awaited any more */
}

/* ---- painting ---- */

void bt_scene_overlay(bt_scene *s, bt_overlay_kind kind, const char *title,
                      const char *const *lines, int n, int seconds, uint64_t now)
{
    char all[1024];
    int len = snprintf(all, sizeof all, "%s", title);
    for (int i = 0; i < n && len > 0 && (size_t)len < sizeof all; i++)
        len += snprintf(all + len, sizeof all - (size_t)len, " | %s", lines[i]);
    bt_log(kind == BT_OVERLAY_ERROR ? BT_LOG_WARNING : BT_LOG_INFO, "overlay: %s", all);
    const bt_screen *sc = &s->sc;
    int w = bt_overlay_width(sc->w, sc->unit);
    bool cut = false;
    SDL_Surface *surface = bt_paint_overlay_fit(s->painter, kind, title, lines, n, w, sc->unit, &cut);
    if (!surface)
        return;
    int h = surface->h < bt_overlay_max_height(sc->h) ? surface->h : bt_overlay_max_height(sc->h);
    if (cut || h < surface->h) /* the words are the clerk's only clue: say so */
        bt_log(BT_LOG_WARNING, "overlay: cut to fit the screen (%dx%d): %s", sc->w, sc->h, all);
    /* Low over the slide, clear of the header: it never hides the whole
     * screen, and the loop goes on behind it. */
    s->overlay_r = (bt_rect){(sc->w - w) / 2, sc->slide.y + sc->slide.h - h - sc->unit / 30, w, h};
    replace(&s->overlay, upload(s, surface));
    s->overlay_until = now + (uint64_t)seconds * 1000;
    s->dirty = true;
}

void bt_scene_countdown(bt_scene *s, int seconds)
{
    if (seconds == s->countdown_n)
        return;
    s->countdown_n = seconds;
    s->dirty = true;
    if (seconds <= 0) {
        destroy(&s->countdown);
        return;
    }
    char text[256];
    bt_label_fill_seconds(s->pl->labels[BT_LABEL_IDLE_RETURN], seconds, text, sizeof text);
    const bt_screen *sc = &s->sc;
    int w = sc->w * 60 / 100;
    if (w < sc->unit * 8 / 10)
        w = sc->w * 90 / 100;
    SDL_Surface *surface = bt_paint_overlay(s->painter, BT_OVERLAY_INFO, text, NULL, 0, w, sc->unit);
    if (!surface)
        return;
    /* Low over a page's slide, clear of its buttons. */
    bt_rect area = s->pg.slide;
    s->countdown_r = (bt_rect){(sc->w - surface->w) / 2, area.y + area.h - surface->h - sc->unit / 30,
                               surface->w, surface->h};
    replace(&s->countdown, upload(s, surface));
}

void bt_scene_paint_header(bt_scene *s, time_t wall)
{
    replace(&s->header, upload(s, bt_paint_header(s->painter, s->sc.header.w, s->sc.header.h,
                                                  s->sc.unit, wall)));
    ask_pictures(s);
    s->dirty = true;
}

void bt_scene_take_pictures(bt_scene *s, const SDL_Event *ev, const bt_touch *t, time_t wall)
{
    bt_pictures_put(bt_painter_pictures(s->painter), ev->user.data1, ev->user.code);
    bt_scene_paint_header(s, wall);
    if (t->view != BT_VIEW_LOOP)
        bt_scene_paint_touch(s, t, false, 0, wall);
}

void bt_scene_paint_tip(bt_scene *s, int tip)
{
    const bt_tip *t = tip >= 0 ? &s->pl->tips[tip] : NULL;
    replace(&s->tip, upload(s, bt_paint_tip(s->painter, t, s->sc.tips.w, s->sc.tips.h, s->sc.unit)));
    s->dirty = true;
}

/* Whether the loop shows slide i on the whole screen (layout `full`). */
static bool is_full(const bt_scene *s, int i)
{
    return i >= 0 && bt_slide_full_screen(&s->pl->slides[i]);
}

/* The size the loop paints slide i at: the screen for a `full` one, else
 * the slide area between the header and the tips. */
static void loop_size(const bt_scene *s, int i, int *w, int *h)
{
    bool full = is_full(s, i);
    *w = full ? s->sc.w : s->sc.slide.w;
    *h = full ? s->sc.h : s->sc.slide.h;
}

/* Paints slide i (-1: the empty screen) at w x h on this thread: only where
 * nothing else can be shown, never at a loop slide change. */
static SDL_Texture *paint_now(bt_scene *s, int i, int w, int h)
{
    SDL_Surface *surface = i >= 0 ? bt_paint_slide(s->painter, &s->pl->slides[i], w, h, s->sc.unit)
                                  : bt_paint_empty(s->painter, w, h, s->sc.unit);
    return upload(s, surface);
}

void bt_scene_repaint_current(bt_scene *s, int slide)
{
    int w, h;
    loop_size(s, slide, &w, &h);
    SDL_Texture *t = paint_now(s, slide, w, h);
    if (t) {
        drop(s, &s->cur);
        s->cur = (bt_slide_tex){.tex = t, .slide = slide, .full = is_full(s, slide)};
    }
    s->dirty = true;
}

void bt_scene_prepare(bt_scene *s, const bt_loop *loop)
{
    drop(s, &s->next);
    s->tag++;
    int up = loop->upcoming, w, h;
    /* A clip alone plays again: its poster is painted again for it. */
    if (up >= 0 && (up != loop->current || bt_slide_is_clip(&s->pl->slides[up]))) {
        loop_size(s, up, &w, &h);
        bt_prefetch_request(s->pf, up, w, h, s->sc.unit, s->tag);
    }
}

void bt_scene_take_painted(bt_scene *s, bt_prefetch_result *r)
{
    if (r->tag == s->tag && r->surface && !s->next.tex) {
        s->next.tex = upload(s, r->surface);
        s->next.slide = s->next.tex ? r->slide : -1;
        s->next.full = is_full(s, s->next.slide);
        r->surface = NULL;
    }
    bt_prefetch_result_free(r);
}

bool bt_scene_ready(const bt_scene *s, int slide)
{
    return s->next.tex && s->next.slide == slide;
}

void bt_scene_show_next(bt_scene *s, int shown, uint64_t now)
{
    drop(s, &s->old);
    s->old = s->cur;
    s->cur = s->next;
    s->next = (bt_slide_tex){.slide = -1};
    if (shown != s->cur.slide)
        bt_scene_repaint_current(s, shown); /* the prepared slide left its schedule meanwhile */
    const bt_slide *sl = shown >= 0 ? &s->pl->slides[shown] : NULL;
    s->trans_kind = sl ? sl->transition : s->pl->transition;
    s->trans_ms = sl ? sl->transition_ms : s->pl->transition_ms;
    s->trans_start = now;
    s->in_transition = s->old.tex && s->trans_kind != BT_TRANSITION_NONE && s->trans_ms > 0;
    if (!s->in_transition)
        drop(s, &s->old);
    s->dirty = true;
}

/* ---- clips ---- */

SDL_Texture *bt_scene_attach_clip(bt_scene *s, bool page, bt_video *v)
{
    bt_slide_tex *st = page ? &s->page : &s->cur;
    const bt_video_layout *l = bt_video_describe(v);
    if (st->slide < 0 || !l)
        return NULL;
    retire_clip(s, &st->clip);
    SDL_Texture *t = s->spare_clip;
    if (bt_video_texture_fits(v, t))
        s->spare_clip = NULL;
    else if (!(t = bt_video_texture(v, s->ren))) {
        bt_log(BT_LOG_ERROR, "cannot make a texture for a video: %s", SDL_GetError());
        return NULL;
    }
    int w = s->pg.slide.w, h = s->pg.slide.h;
    if (!page)
        loop_size(s, st->slide, &w, &h);
    st->clip = t;
    st->clip_l = *l;
    st->clip_l.decoder = NULL; /* v's own: v may close before the texture goes */
    st->clip_box = bt_slide_picture_box(&s->pl->slides[st->slide], w, h, s->sc.unit);
    s->dirty = true;
    return t;
}

SDL_Texture *bt_scene_clip(const bt_scene *s, bool page)
{
    return page ? s->page.clip : s->cur.clip;
}

void bt_scene_detach_clip(bt_scene *s, bool page)
{
    bt_slide_tex *st = page ? &s->page : &s->cur;
    if (st->clip)
        s->dirty = true;
    retire_clip(s, &st->clip);
}

void bt_scene_set_dark(bt_scene *s, bool dark)
{
    s->dark = dark;
    s->dirty = true;
}

/* Repaints the topic's tip on screen. */
static void paint_page_tip(bt_scene *s, const bt_touch *t)
{
    int which[64];
    int m = bt_touch_tips(t, which, 64);
    s->page_tip_n = m < 64 ? m : 64;
    const bt_tip *tip = s->page_tip_n > 0 ? &s->pl->tips[which[s->page_tip_i % s->page_tip_n]] : NULL;
    replace(&s->page_tip,
            upload(s, bt_paint_tip(s->painter, tip, s->pg.tips.w, s->pg.tips.h, s->sc.unit)));
}

void bt_scene_paint_touch(bt_scene *s, const bt_touch *t, bool new_topic, uint64_t now, time_t wall)
{
    int w = s->sc.w, h = s->sc.h;
    if (t->view == BT_VIEW_TOPICS) {
        replace(&s->frame, upload(s, bt_paint_topics(s->painter, t, w, h, wall)));
    } else if (t->view == BT_VIEW_TOPIC) {
        replace(&s->frame, upload(s, bt_paint_page(s->painter, t, w, h)));
        int slide = bt_touch_slide(t);
        if (s->page.slide != slide || !s->page.tex) {
            SDL_Texture *tex = paint_now(s, slide, s->pg.slide.w, s->pg.slide.h);
            if (tex) {
                drop(s, &s->page);
                s->page = (bt_slide_tex){.tex = tex, .slide = slide};
            }
        }
        /* The topic's own tips rotate beneath its pages. */
        if (new_topic) {
            s->page_tip_i = 0;
            s->page_tip_at = now;
        }
        paint_page_tip(s, t);
    }
    ask_pictures(s);
    s->dirty = true;
}

/* Waits (10 s at most) for the worker's painting of slide with tag and makes
 * it a texture; NULL when it does not come or cannot be shown. Results of
 * older requests met on the way are dropped. */
static SDL_Texture *await_painted(bt_scene *s, int slide, unsigned tag)
{
    Uint32 type = bt_prefetch_event(s->pf);
    uint64_t until = SDL_GetTicks64() + 10000;
    while (SDL_GetTicks64() < until) {
        SDL_Event ev;
        while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, type, type) == 1) {
            bt_prefetch_result *r = ev.user.data1;
            SDL_Texture *t = NULL;
            bool mine = r->tag == tag && r->slide == slide;
            if (mine && r->surface) {
                t = upload(s, r->surface);
                r->surface = NULL;
            }
            bt_prefetch_result_free(r);
            if (mine)
                return t;
        }
        SDL_Delay(1);
    }
    return NULL;
}

void bt_scene_relayout(bt_scene *s, const bt_loop *loop, const bt_touch *t, time_t wall)
{
    SDL_GetRendererOutputSize(s->ren, &s->out_w, &s->out_h);
    bool turned = s->rotate == 90 || s->rotate == 270;
    int w = turned ? s->out_h : s->out_w, h = turned ? s->out_w : s->out_h;

    /* Low-cost boards cap texture sizes: draw smaller and let the GPU scale. */
    bool scaled = false;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(s->ren, &info) == 0 && info.max_texture_width > 0) {
        double f = 1.0;
        if (w > info.max_texture_width)
            f = (double)info.max_texture_width / w;
        if (h * f > info.max_texture_height)
            f = (double)info.max_texture_height / h;
        scaled = f < 1.0;
        w = (int)(w * f);
        h = (int)(h * f);
    }
    bt_screen_layout(w, h, s->pl->touch_enabled, &s->sc);
    bt_topics_layout(w, h, t->n_groups, &s->tg);
    bt_page_layout(w, h, t->grid, &s->pg);

    destroy(&s->canvas);
    if (s->rotate != 0 || scaled)
        s->canvas = SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    destroy(&s->snapshot);
    s->snapshot = SDL_CreateTexture(s->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    s->in_screen_change = false;

    /* The worker paints the slide while this thread draws the header, tip
     * and hint: at start-up, a picture and that text take about as long. */
    int slide = loop->current, cw, ch;
    unsigned tag = ++s->tag;
    loop_size(s, slide, &cw, &ch);
    if (slide >= 0)
        bt_prefetch_request(s->pf, slide, cw, ch, s->sc.unit, tag);
    bt_scene_paint_header(s, wall);
    bt_scene_paint_tip(s, loop->tip);
    if (s->sc.hint.w > 0) {
        replace(&s->hint, upload(s, bt_paint_hint(s->painter, s->sc.hint.w, s->sc.hint.h, s->sc.unit)));
        replace(&s->corner_hint, upload(s, bt_paint_hint(s->painter, s->sc.corner_hint.w,
                                                         s->sc.corner_hint.h, s->sc.unit)));
    }
    s->in_transition = false;
    drop(s, &s->old);
    drop(s, &s->cur);
    s->cur.tex = slide >= 0 ? await_painted(s, slide, tag) : NULL;
    if (!s->cur.tex)
        s->cur.tex = paint_now(s, slide, cw, ch);
    s->cur.slide = slide;
    s->cur.full = is_full(s, slide);
    bt_scene_prepare(s, loop);
    drop(s, &s->page);
    bt_scene_paint_touch(s, t, false, 0, wall);
    s->dirty = true;
}

/* ---- the deadlines of what moves ---- */

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

uint64_t bt_scene_step(bt_scene *s, const bt_touch *t, uint64_t now, time_t wall)
{
    if (s->in_transition && now >= s->trans_start + (uint64_t)s->trans_ms) {
        s->in_transition = false;
        drop(s, &s->old);
        s->dirty = true;
    }
    if (s->in_screen_change && now >= s->change_start + BT_SCREEN_CHANGE_MS) {
        s->in_screen_change = false;
        s->dirty = true;
    }
    if (s->overlay && now >= s->overlay_until) {
        destroy(&s->overlay);
        s->dirty = true;
    }
    uint64_t next = s->overlay ? s->overlay_until : UINT64_MAX;
    /* A topic's tips take turns under its pages. */
    if (t->view == BT_VIEW_TOPIC && s->page_tip_n >= 2) {
        uint64_t due = s->page_tip_at + (uint64_t)s->pl->tip_interval_ms;
        if (now >= due) {
            s->page_tip_i++;
            s->page_tip_at = now;
            bt_scene_paint_touch(s, t, false, now, wall);
            due = now + (uint64_t)s->pl->tip_interval_ms;
        }
        next = earliest(next, due);
    }
    if (s->in_transition || s->in_screen_change) {
        s->dirty = true;
        next = earliest(next, now + 16); /* a frame of the movement */
    }
    return next;
}

/* ---- drawing ---- */

static SDL_Rect sdl_rect(bt_rect r)
{
    return (SDL_Rect){r.x, r.y, r.w, r.h};
}

/* Smooth start and end of a movement. */
static double ease(double t)
{
    return t < 0 ? 0 : t > 1 ? 1 : t * t * (3 - 2 * t);
}

static void copy(bt_scene *s, SDL_Texture *t, bt_rect r)
{
    SDL_Rect d = sdl_rect(r);
    if (t)
        SDL_RenderCopy(s->ren, t, NULL, &d);
}

/* Copies t to r at alpha a (255: as it is, unblended). */
static void copy_alpha(bt_scene *s, SDL_Texture *t, const SDL_Rect *r, Uint8 a)
{
    if (!t)
        return;
    if (a == 255) {
        SDL_RenderCopy(s->ren, t, NULL, r);
        return;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(t, a);
    SDL_RenderCopy(s->ren, t, NULL, r);
    SDL_SetTextureAlphaMod(t, 255);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
}

/* Whether the clip's picture, contain-fitted into its box, fills the box:
 * then nothing of the poster beneath can be seen. */
static bool clip_fills(const bt_slide_tex *st)
{
    const bt_video_layout *l = &st->clip_l;
    long long a = (long long)l->display_w * st->clip_box.h, b = (long long)l->display_h * st->clip_box.w;
    /* within a pixel either way */
    long long tol = (long long)(l->display_w > l->display_h ? l->display_w : l->display_h);
    return l->display_w > 0 && l->display_h > 0 && (a - b <= tol && b - a <= tol);
}

/* Draws a slide's texture at r, then its clip's frame in its box, at
 * alpha a. A clip that fills its box over the whole slide hides the
 * poster: that copy (a screen's worth each frame) is left out. */
static void draw_slide_tex(bt_scene *s, bt_slide_tex *st, SDL_Rect r, Uint8 a)
{
    bool hidden = st->clip && a == 255 && st->clip_box.x == 0 && st->clip_box.y == 0 &&
                  st->clip_box.w == r.w && st->clip_box.h == r.h && clip_fills(st);
    if (!hidden)
        copy_alpha(s, st->tex, &r, a);
    if (!st->clip)
        return;
    SDL_Rect box = {r.x + st->clip_box.x, r.y + st->clip_box.y, st->clip_box.w, st->clip_box.h};
    if (a != 255) {
        SDL_SetTextureBlendMode(st->clip, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(st->clip, a);
    }
    bt_video_draw(s->ren, st->clip, &st->clip_l, &box);
    if (a != 255) {
        SDL_SetTextureAlphaMod(st->clip, 255);
        SDL_SetTextureBlendMode(st->clip, SDL_BLENDMODE_NONE);
    }
}

/* The header, the tips band and the hint, moved right by dx, at alpha a. */
static void draw_chrome(bt_scene *s, int dx, Uint8 a)
{
    bt_rect parts[3] = {s->sc.header, s->sc.tips, s->sc.hint};
    SDL_Texture *tex[3] = {s->header, s->tip, s->hint};
    for (int i = 0; i < 3; i++) {
        if (parts[i].w <= 0)
            continue;
        SDL_Rect r = {parts[i].x + dx, parts[i].y, parts[i].w, parts[i].h};
        copy_alpha(s, tex[i], &r, a);
    }
}

/* A loop slide with what surrounds it (for a `full` one only the touch
 * hint's plate in the corner), moved right by dx, at alpha a. */
static void draw_loop_layer(bt_scene *s, bt_slide_tex *st, int dx, Uint8 a)
{
    bt_rect r = st->full ? (bt_rect){0, 0, s->sc.w, s->sc.h} : s->sc.slide;
    draw_slide_tex(s, st, (SDL_Rect){r.x + dx, r.y, r.w, r.h}, a);
    if (!st->full) {
        draw_chrome(s, dx, a);
    } else if (s->sc.corner_hint.w > 0) {
        /* the touch hint stays findable: a small plate in the corner */
        bt_rect c = s->sc.corner_hint;
        SDL_Rect r2 = {c.x + dx, c.y, c.w, c.h};
        copy_alpha(s, s->corner_hint, &r2, a);
    }
}

/* The loop's screen: the slide on screen with its header and tips, or,
 * during a transition, the old one giving way to it. Between two slides
 * of the slide area only that area moves; when either is a `full` one the
 * whole screen does. */
static void draw_loop(bt_scene *s, uint64_t now)
{
    if (!s->in_transition || !s->old.tex) {
        draw_loop_layer(s, &s->cur, 0, 255);
        return;
    }
    double t = ease((double)(now - s->trans_start) / s->trans_ms);
    bool slide = s->trans_kind == BT_TRANSITION_SLIDE;
    if (s->old.full || s->cur.full) {
        int dx = slide ? (int)(s->sc.w * t) : 0;
        draw_loop_layer(s, &s->old, -dx, 255);
        draw_loop_layer(s, &s->cur, slide ? s->sc.w - dx : 0, slide ? 255 : (Uint8)(255 * t));
        return;
    }
    SDL_Rect area = sdl_rect(s->sc.slide);
    SDL_RenderSetClipRect(s->ren, &area);
    if (slide) {
        int dx = (int)(area.w * t);
        draw_slide_tex(s, &s->old, (SDL_Rect){area.x - dx, area.y, area.w, area.h}, 255);
        draw_slide_tex(s, &s->cur, (SDL_Rect){area.x + area.w - dx, area.y, area.w, area.h}, 255);
    } else {
        draw_slide_tex(s, &s->old, area, 255);
        draw_slide_tex(s, &s->cur, area, (Uint8)(255 * t));
    }
    SDL_RenderSetClipRect(s->ren, NULL);
    draw_chrome(s, 0, 255);
}

/* Draws the screen for view state t into the current render target. */
static void draw_view(bt_scene *s, const bt_touch *t, uint64_t now)
{
    bt_color bg = s->pl->theme.background;
    SDL_SetRenderDrawColor(s->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(s->ren);
    switch (t->view) {
    case BT_VIEW_LOOP:
        if (s->dark) {
            /* display.off_hours: dark, as if switched off */
            SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
            SDL_RenderClear(s->ren);
            break;
        }
        draw_loop(s, now);
        break;
    case BT_VIEW_TOPICS:
        copy(s, s->frame, (bt_rect){0, 0, s->sc.w, s->sc.h});
        break;
    case BT_VIEW_TOPIC:
        copy(s, s->frame, (bt_rect){0, 0, s->sc.w, s->sc.h});
        draw_slide_tex(s, &s->page, sdl_rect(s->pg.slide), 255);
        copy(s, s->page_tip, s->pg.tips);
        break;
    }
}

void bt_scene_begin_change(bt_scene *s, const bt_touch *before, int dir, uint64_t now)
{
    if (!s->snapshot)
        return;
    SDL_SetRenderTarget(s->ren, s->snapshot);
    draw_view(s, before, now);
    SDL_SetRenderTarget(s->ren, NULL);
    s->in_screen_change = true;
    s->change_start = now;
    s->change_dir = dir;
    s->dirty = true;
}

/* The old screen over the new one: fading out, or sliding off sideways. */
static void draw_screen_change(bt_scene *s, uint64_t now)
{
    double t = ease((double)(now - s->change_start) / BT_SCREEN_CHANGE_MS);
    if (s->change_dir == 0) {
        SDL_SetTextureBlendMode(s->snapshot, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(s->snapshot, (Uint8)(255 * (1 - t)));
        SDL_RenderCopy(s->ren, s->snapshot, NULL, NULL);
        SDL_SetTextureAlphaMod(s->snapshot, 255);
        return;
    }
    /* Only the slide area moves on a page turn; the bars stay put. */
    SDL_Rect area = sdl_rect(s->pg.slide);
    int dx = (int)(area.w * t) * s->change_dir;
    SDL_Rect out = {area.x - dx, area.y, area.w, area.h};
    SDL_Rect in = {area.x - dx + s->change_dir * area.w, area.y, area.w, area.h};
    SDL_RenderSetClipRect(s->ren, &area);
    SDL_SetTextureBlendMode(s->snapshot, SDL_BLENDMODE_NONE);
    SDL_RenderCopy(s->ren, s->snapshot, &area, &out);
    if (s->page.tex)
        draw_slide_tex(s, &s->page, in, 255);
    SDL_RenderSetClipRect(s->ren, NULL);
}

void bt_scene_draw(bt_scene *s, const bt_touch *t, uint64_t now)
{
    SDL_SetRenderTarget(s->ren, s->canvas);
    draw_view(s, t, now);
    if (s->in_screen_change)
        draw_screen_change(s, now);
    if (s->countdown && t->view != BT_VIEW_LOOP)
        copy(s, s->countdown, s->countdown_r);
    if (s->overlay)
        copy(s, s->overlay, s->overlay_r);
    if (s->canvas) {
        SDL_SetRenderTarget(s->ren, NULL);
        SDL_SetRenderDrawColor(s->ren, 0, 0, 0, 255);
        SDL_RenderClear(s->ren);
        /* Turned a quarter, the canvas' sides swap: centre it so that after
         * turning it fills the window exactly. */
        bool turned = s->rotate == 90 || s->rotate == 270;
        int dw = turned ? s->out_h : s->out_w, dh = turned ? s->out_w : s->out_h;
        SDL_Rect dst = {(s->out_w - dw) / 2, (s->out_h - dh) / 2, dw, dh};
        SDL_RenderCopyEx(s->ren, s->canvas, NULL, &dst, s->rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(s->ren);
    s->frames++;
    s->dirty = false;
}
