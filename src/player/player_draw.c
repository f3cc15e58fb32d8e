/* player_draw.c: the player's textures and how a frame is drawn from them.
 * Everything is painted into surfaces (painter, touch_paint) and uploaded
 * once; a frame only copies textures, so a redraw is cheap. */
#include "player_int.h"

#include "base/log.h"
#include "render/touch_paint.h"
#include "render/slide_paint.h"
#include "render/chrome.h"

/* ---- textures ---- */

SDL_Texture *bt_player_upload(player *p, SDL_Surface *s)
{
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(p->ren, s);
    SDL_FreeSurface(s);
    if (!t)
        bt_log(BT_LOG_ERROR, "cannot make a texture: %s", SDL_GetError());
    else /* painted parts are opaque: copy them as they are, as --render saves them */
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    return t;
}

void bt_player_replace(SDL_Texture **slot, SDL_Texture *t)
{
    if (!t)
        return; /* keep what is shown rather than show nothing */
    if (*slot)
        SDL_DestroyTexture(*slot);
    *slot = t;
}

void bt_player_drop(slide_tex *st)
{
    if (st->tex)
        SDL_DestroyTexture(st->tex);
    st->tex = NULL;
    st->slide = -1;
}

static void destroy(SDL_Texture **t)
{
    if (*t)
        SDL_DestroyTexture(*t);
    *t = NULL;
}

void bt_player_free_textures(player *p)
{
    bt_player_drop(&p->cur);
    bt_player_drop(&p->next);
    bt_player_drop(&p->old);
    bt_player_drop(&p->page);
    destroy(&p->header);
    destroy(&p->tip);
    destroy(&p->hint);
    destroy(&p->frame);
    destroy(&p->page_tip);
    destroy(&p->snapshot);
    destroy(&p->canvas);
    destroy(&p->overlay);
}

void bt_player_overlay(player *p, bt_overlay_kind kind, const char *title,
                       const char *const *lines, int n, int seconds)
{
    char all[1024];
    int len = snprintf(all, sizeof all, "%s", title);
    for (int i = 0; i < n && len > 0 && (size_t)len < sizeof all; i++)
        len += snprintf(all + len, sizeof all - (size_t)len, " | %s", lines[i]);
    bt_log(kind == BT_OVERLAY_ERROR ? BT_LOG_WARNING : BT_LOG_INFO, "overlay: %s", all);
    int w = p->sc.w * 70 / 100;
    if (w < p->sc.unit * 8 / 10)
        w = p->sc.w * 92 / 100; /* a portrait screen: nearly full width */
    SDL_Surface *s = bt_paint_overlay(p->painter, kind, title, lines, n, w, p->sc.unit);
    if (!s)
        return;
    int h = s->h < p->sc.h * 6 / 10 ? s->h : p->sc.h * 6 / 10;
    /* Low over the slide, clear of the header: it never hides the whole
     * screen, and the loop goes on behind it. */
    p->overlay_r = (bt_rect){(p->sc.w - w) / 2, p->sc.slide.y + p->sc.slide.h - h - p->sc.unit / 30, w, h};
    bt_player_replace(&p->overlay, bt_player_upload(p, s));
    p->overlay_until = SDL_GetTicks64() + (uint64_t)seconds * 1000;
    p->dirty = true;
}

void bt_player_paint_header(player *p)
{
    bt_player_replace(&p->header, bt_player_upload(p, bt_paint_header(p->painter, p->sc.header.w,
                                                                      p->sc.header.h, p->sc.unit,
                                                                      bt_player_wall(p))));
    p->dirty = true;
}

void bt_player_paint_tip(player *p)
{
    const bt_tip *tip = p->loop.tip >= 0 ? &p->pl->tips[p->loop.tip] : NULL;
    bt_player_replace(&p->tip, bt_player_upload(p, bt_paint_tip(p->painter, tip, p->sc.tips.w,
                                                                p->sc.tips.h, p->sc.unit)));
    p->dirty = true;
}

/* Paints slide i on this thread: used only when nothing else can be shown
 * (the first slide, a new screen size), never at a loop slide change. */
SDL_Texture *bt_player_paint_slide_now(player *p, int i, int w, int h)
{
    SDL_Surface *s = i >= 0 ? bt_paint_slide(p->painter, &p->pl->slides[i], w, h, p->sc.unit)
                            : bt_paint_empty(p->painter, w, h, p->sc.unit);
    return bt_player_upload(p, s);
}

void bt_player_prefetch_upcoming(player *p)
{
    bt_player_drop(&p->next);
    p->tag++;
    if (p->loop.upcoming >= 0 && p->loop.upcoming != p->loop.current)
        bt_prefetch_request(p->pf, p->loop.upcoming, p->sc.slide.w, p->sc.slide.h, p->sc.unit,
                            p->tag);
}

void bt_player_paint_touch(player *p)
{
    const bt_touch *t = &p->touch;
    int w = p->sc.w, h = p->sc.h;
    if (t->view == BT_VIEW_TOPICS) {
        bt_player_replace(&p->frame, bt_player_upload(p, bt_paint_topics(p->painter, t, w, h,
                                                                         bt_player_wall(p))));
    } else if (t->view == BT_VIEW_TOPIC) {
        bt_player_replace(&p->frame, bt_player_upload(p, bt_paint_page(p->painter, t, w, h)));
        int slide = bt_touch_slide(t);
        if (p->page.slide != slide || !p->page.tex) {
            SDL_Texture *tex = bt_player_paint_slide_now(p, slide, p->pg.slide.w, p->pg.slide.h);
            if (tex) {
                bt_player_drop(&p->page);
                p->page = (slide_tex){tex, slide};
            }
        }
        /* The topic's own tips rotate beneath its pages. */
        int which[64];
        int m = bt_touch_tips(t, which, 64);
        p->page_tip_n = m < 64 ? m : 64;
        const bt_tip *tip =
            p->page_tip_n > 0 ? &p->pl->tips[which[p->page_tip_i % p->page_tip_n]] : NULL;
        bt_player_replace(&p->page_tip, bt_player_upload(p, bt_paint_tip(p->painter, tip, p->pg.tips.w,
                                                                         p->pg.tips.h, p->sc.unit)));
    }
    p->dirty = true;
}

/* Waits (10 s at most) for the worker's painting of slide with tag and makes
 * it a texture; NULL when it does not come or cannot be shown. Results of
 * older requests met on the way are dropped. */
static SDL_Texture *await_painted(player *p, int slide, unsigned tag)
{
    uint64_t until = SDL_GetTicks64() + 10000;
    while (SDL_GetTicks64() < until) {
        SDL_Event ev;
        while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, p->ev_painted, p->ev_painted) == 1) {
            bt_prefetch_result *r = ev.user.data1;
            SDL_Texture *t = NULL;
            bool mine = r->tag == tag && r->slide == slide;
            if (mine && r->surface) {
                t = bt_player_upload(p, r->surface);
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

/* (Re)lays out the screen for the window's size and repaints everything. */
void bt_player_relayout(player *p)
{
    SDL_GetRendererOutputSize(p->ren, &p->out_w, &p->out_h);
    bool turned = p->cfg->rotate == 90 || p->cfg->rotate == 270;
    int w = turned ? p->out_h : p->out_w, h = turned ? p->out_w : p->out_h;

    /* Low-cost boards cap texture sizes: draw smaller and let the GPU scale. */
    bool scaled = false;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(p->ren, &info) == 0 && info.max_texture_width > 0) {
        double s = 1.0;
        if (w > info.max_texture_width)
            s = (double)info.max_texture_width / w;
        if (h * s > info.max_texture_height)
            s = (double)info.max_texture_height / h;
        scaled = s < 1.0;
        w = (int)(w * s);
        h = (int)(h * s);
    }
    bt_screen_layout(w, h, p->pl->touch_enabled, &p->sc);
    bt_topics_layout(w, h, p->touch.n_groups, &p->tg);
    bt_page_layout(w, h, &p->pg);
    bt_gesture_init(&p->gesture, w);

    if (p->canvas)
        SDL_DestroyTexture(p->canvas);
    p->canvas = NULL;
    if (p->cfg->rotate != 0 || scaled)
        p->canvas = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (p->snapshot)
        SDL_DestroyTexture(p->snapshot);
    p->snapshot = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    p->in_screen_change = false;

    /* The worker paints the slide while this thread draws the header, tip
     * and hint: at start-up, a picture and that text take about as long. */
    int slide = p->loop.current;
    unsigned tag = ++p->tag;
    if (slide >= 0)
        bt_prefetch_request(p->pf, slide, p->sc.slide.w, p->sc.slide.h, p->sc.unit, tag);
    bt_player_paint_header(p);
    bt_player_paint_tip(p);
    if (p->sc.hint.w > 0)
        bt_player_replace(&p->hint, bt_player_upload(p, bt_paint_hint(p->painter, p->sc.hint.w,
                                                                      p->sc.hint.h, p->sc.unit)));
    p->in_transition = false;
    bt_player_drop(&p->old);
    bt_player_drop(&p->cur);
    p->cur.tex = slide >= 0 ? await_painted(p, slide, tag) : NULL;
    if (!p->cur.tex)
        p->cur.tex = bt_player_paint_slide_now(p, slide, p->sc.slide.w, p->sc.slide.h);
    p->cur.slide = slide;
    bt_player_prefetch_upcoming(p);
    bt_player_drop(&p->page);
    bt_player_paint_touch(p);
    p->dirty = true;
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

static void copy(player *p, SDL_Texture *t, bt_rect r)
{
    SDL_Rect d = sdl_rect(r);
    if (t)
        SDL_RenderCopy(p->ren, t, NULL, &d);
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
        SDL_SetTextureBlendMode(p->cur.tex, SDL_BLENDMODE_NONE);
    }
    SDL_RenderSetClipRect(p->ren, NULL);
}

void bt_player_draw_view(player *p, const bt_touch *t, uint64_t now)
{
    bt_color bg = p->pl->theme.background;
    SDL_SetRenderDrawColor(p->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(p->ren);
    switch (t->view) {
    case BT_VIEW_LOOP:
        if (p->off) {
            /* display.off_hours: dark, as if switched off */
            SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
            SDL_RenderClear(p->ren);
            break;
        }
        copy(p, p->header, p->sc.header);
        draw_slide_area(p, now);
        copy(p, p->tip, p->sc.tips);
        if (p->sc.hint.w > 0)
            copy(p, p->hint, p->sc.hint);
        break;
    case BT_VIEW_TOPICS:
        copy(p, p->frame, (bt_rect){0, 0, p->sc.w, p->sc.h});
        break;
    case BT_VIEW_TOPIC:
        copy(p, p->frame, (bt_rect){0, 0, p->sc.w, p->sc.h});
        copy(p, p->page.tex, p->pg.slide);
        copy(p, p->page_tip, p->pg.tips);
        break;
    }
}

void bt_player_begin_change(player *p, const bt_touch *before, int dir, uint64_t now)
{
    if (!p->snapshot)
        return;
    SDL_SetRenderTarget(p->ren, p->snapshot);
    bt_player_draw_view(p, before, now);
    SDL_SetRenderTarget(p->ren, NULL);
    p->in_screen_change = true;
    p->change_start = now;
    p->change_dir = dir;
    p->dirty = true;
}

/* The old screen over the new one: fading out, or sliding off sideways. */
static void draw_screen_change(player *p, uint64_t now)
{
    double t = ease((double)(now - p->change_start) / BT_SCREEN_CHANGE_MS);
    if (p->change_dir == 0) {
        SDL_SetTextureBlendMode(p->snapshot, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(p->snapshot, (Uint8)(255 * (1 - t)));
        SDL_RenderCopy(p->ren, p->snapshot, NULL, NULL);
        SDL_SetTextureAlphaMod(p->snapshot, 255);
        return;
    }
    /* Only the slide area moves on a page turn; the bars stay put. */
    SDL_Rect area = sdl_rect(p->pg.slide);
    int dx = (int)(area.w * t) * p->change_dir;
    SDL_Rect out = {area.x - dx, area.y, area.w, area.h};
    SDL_Rect in = {area.x - dx + p->change_dir * area.w, area.y, area.w, area.h};
    SDL_RenderSetClipRect(p->ren, &area);
    SDL_SetTextureBlendMode(p->snapshot, SDL_BLENDMODE_NONE);
    SDL_RenderCopy(p->ren, p->snapshot, &area, &out);
    if (p->page.tex)
        SDL_RenderCopy(p->ren, p->page.tex, NULL, &in);
    SDL_RenderSetClipRect(p->ren, NULL);
}

void bt_player_draw(player *p, uint64_t now)
{
    SDL_SetRenderTarget(p->ren, p->canvas);
    bt_player_draw_view(p, &p->touch, now);
    if (p->in_screen_change)
        draw_screen_change(p, now);
    if (p->overlay)
        copy(p, p->overlay, p->overlay_r);
    if (p->canvas) {
        SDL_SetRenderTarget(p->ren, NULL);
        SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
        SDL_RenderClear(p->ren);
        /* Turned a quarter, the canvas' sides swap: centre it so that after
         * turning it fills the window exactly. */
        bool turned = p->cfg->rotate == 90 || p->cfg->rotate == 270;
        int dw = turned ? p->out_h : p->out_w, dh = turned ? p->out_w : p->out_h;
        SDL_Rect dst = {(p->out_w - dw) / 2, (p->out_h - dh) / 2, dw, dh};
        SDL_RenderCopyEx(p->ren, p->canvas, NULL, &dst, p->cfg->rotate, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(p->ren);
    p->dirty = false;
}
