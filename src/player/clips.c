/* clips.c: the clips the player plays (clips.h). */
#include "clips.h"

#include "base/i18n.h"
#include "base/log.h"

static const bt_clip no_clip = {.slide = -1};

bool bt_clips_init(bt_clips *c, SDL_Renderer *ren)
{
    *c = (bt_clips){.loop = no_clip, .next = no_clip, .page = no_clip, .ended_slide = -1};
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(ren, &info) == 0) {
        c->max_w = info.max_texture_width;
        c->max_h = info.max_texture_height;
    }
    c->ev = SDL_RegisterEvents(1);
    return c->ev != (Uint32)-1;
}

/* ---- one clip ---- */

static const bt_slide *slide_of(const bt_clips *c, int slide)
{
    return c->pl && slide >= 0 && slide < c->pl->n_slides ? &c->pl->slides[slide] : NULL;
}

static const char *name_of(const bt_clips *c, const bt_clip *k)
{
    const bt_slide *s = slide_of(c, k->slide);
    return s && s->video ? s->video : "?";
}

/* A clip for slide, opening (its thread reads, checks and decodes its
 * first frame); none when the slide is no clip. touch: for touch mode,
 * where it is heard unless `sound: false`. */
static bt_clip open_clip(const bt_clips *c, int slide, bool touch)
{
    const bt_slide *s = slide_of(c, slide);
    if (!bt_slide_is_clip(s))
        return no_clip;
    bt_video_options o = {
        .path = s->video_path,
        .cut = s->cut_ms / 1000.0,
        .sound = bt_slide_sound(s, touch),
        .volume = 100,
        .event_type = c->ev,
        .max_w = c->max_w,
        .max_h = c->max_h,
    };
    char err[256];
    bt_clip k = {.v = bt_video_open(&o, err, sizeof err), .slide = slide};
    if (!k.v)
        bt_log(BT_LOG_ERROR, "video %s cannot be opened: %s", s->video, err);
    return k;
}

/* What a clip played, once, when it is over or given up. */
static void tell_end(const bt_clips *c, bt_clip *k, uint64_t now)
{
    if (!k->v || !k->started)
        return;
    const bt_video_layout *l = bt_video_describe(k->v);
    bt_log(BT_LOG_INFO, "video %s: played %.1f s, %u frames dropped (%s decoding)", name_of(c, k),
           bt_video_played(k->v, now), bt_video_drops(k->v), l && l->decoder ? l->decoder : "?");
}

/* The clip is done with: closed after the next present (now when there
 * is no room to wait). */
static void retire(bt_clips *c, bt_clip *k, uint64_t now)
{
    if (k->v) {
        if (!k->over)
            tell_end(c, k, now);
        if (c->n_retired < BT_CLIPS_RETIRED)
            c->retired[c->n_retired++] = k->v;
        else
            bt_video_close(k->v);
    }
    *k = no_clip;
}

void bt_clips_flush(bt_clips *c)
{
    for (int i = 0; i < c->n_retired; i++)
        bt_video_close(c->retired[i]);
    c->n_retired = 0;
}

static void close_all(bt_clips *c)
{
    uint64_t now = SDL_GetTicks64();
    retire(c, &c->loop, now);
    retire(c, &c->next, now);
    retire(c, &c->page, now);
    bt_clips_flush(c);
    c->ended_slide = -1;
}

void bt_clips_free(bt_clips *c)
{
    close_all(c);
    /* The threads of closed clips end by themselves; a moment for them
     * before SDL goes (one stuck on a dying stick is left behind). */
    for (int i = 0; i < 100 && bt_video_workers() > 0; i++)
        SDL_Delay(10);
    c->pl = NULL;
}

void bt_clips_bind(bt_clips *c, const bt_playlist *pl)
{
    close_all(c);
    c->pl = pl;
}

bool bt_clips_event(const bt_clips *c, const SDL_Event *ev)
{
    return ev->type == c->ev;
}

/* ---- the loop ---- */

void bt_clips_prepare(bt_clips *c, int slide)
{
    if (c->next.v && c->next.slide == slide)
        return;
    retire(c, &c->next, SDL_GetTicks64());
    c->next = open_clip(c, slide, false);
}

void bt_clips_begin(bt_clips *c, int slide)
{
    uint64_t now = SDL_GetTicks64();
    retire(c, &c->loop, now);
    c->loop = open_clip(c, slide, false);
}

bool bt_clips_next_ready(bt_clips *c, int slide, bool *broken, char *err, size_t errsize)
{
    *broken = false;
    if (!c->next.v || c->next.slide != slide) {
        bt_clips_prepare(c, slide);
        if (!c->next.v) {
            snprintf(err, errsize, _("it cannot be opened"));
            *broken = bt_slide_is_clip(slide_of(c, slide));
            return false;
        }
    }
    if (bt_video_failed(c->next.v, err, errsize)) {
        *broken = true;
        return false;
    }
    return bt_video_ready(c->next.v);
}

void bt_clips_advance(bt_clips *c, int shown, uint64_t now)
{
    c->ended_slide = c->loop.slide;
    c->ended_secs = c->loop.v && c->loop.started ? bt_video_played(c->loop.v, now) : 0;
    retire(c, &c->loop, now);
    if (c->next.v && c->next.slide == shown) {
        c->loop = c->next;
        c->next = no_clip;
    } else {
        retire(c, &c->next, now);
        c->loop = open_clip(c, shown, false);
    }
}

void bt_clips_stop_loop(bt_clips *c, uint64_t now)
{
    retire(c, &c->loop, now);
    retire(c, &c->next, now);
}

double bt_clips_played(bt_clips *c, int slide, uint64_t now)
{
    if (!bt_slide_is_clip(slide_of(c, slide)))
        return -1;
    if (c->ended_slide == slide) {
        /* the clip that just gave way: told once */
        c->ended_slide = -1;
        return c->ended_secs;
    }
    if (c->loop.v && c->loop.slide == slide && c->loop.started)
        return bt_video_played(c->loop.v, now);
    return 0;
}

/* ---- touch mode ---- */

void bt_clips_page(bt_clips *c, int slide, bool paused, uint64_t now)
{
    if (c->page.v && c->page.slide == slide)
        return;
    retire(c, &c->page, now);
    c->page = open_clip(c, slide, true);
    if (c->page.v && paused)
        bt_video_pause(c->page.v, true, now);
}

void bt_clips_pause_page(bt_clips *c, bool paused, uint64_t now)
{
    if (!c->page.v)
        return;
    if (c->page.over && !paused) {
        /* played to its end: a tap plays it again */
        int slide = c->page.slide;
        retire(c, &c->page, now);
        c->page = open_clip(c, slide, true);
        return;
    }
    bt_video_pause(c->page.v, paused, now);
}

/* ---- every wake-up ---- */

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Moves clip k on at now: its first frame onto the scene's texture of the
 * loop's slide (or the page's) once it is ready, then each frame due.
 * true when it is over now (said once). */
static bool step_one(bt_clips *c, bt_clip *k, bt_scene *s, bool page, uint64_t now,
                     bt_clips_news *news)
{
    if (!k->v || k->over)
        return false;
    char err[300];
    if (!k->started && bt_video_failed(k->v, err, sizeof err)) {
        bt_log(BT_LOG_WARNING, "video %s cannot be played: %s; skipped", name_of(c, k), err);
        k->over = true;
        return true;
    }
    if (!k->started && !bt_video_ready(k->v)) {
        news->deadline = earliest(news->deadline, bt_video_deadline(k->v, now));
        return false;
    }
    const bt_slide_tex *st = page ? &s->page : &s->cur;
    if (st->slide != k->slide)
        return false; /* not on screen (yet): its poster is not either */
    SDL_Texture *tex = bt_scene_clip(s, page);
    if (!tex && !(tex = bt_scene_attach_clip(s, page, k->v))) {
        k->over = true; /* no texture for it: the poster stays, the loop moves on */
        return true;
    }
    int r = bt_video_update(k->v, tex, now);
    if (r > 0)
        news->redraw = true;
    k->started = true;
    if (r < 0 || bt_video_finished(k->v, now)) {
        tell_end(c, k, now);
        k->over = true;
        return true;
    }
    news->deadline = earliest(news->deadline, bt_video_deadline(k->v, now));
    return false;
}

bt_clips_news bt_clips_step(bt_clips *c, bt_scene *s, bool loop, uint64_t now)
{
    bt_clips_news news = {.deadline = UINT64_MAX};
    if (loop) {
        news.loop_over = step_one(c, &c->loop, s, false, now, &news);
        char err[300];
        bt_clip *n = &c->next;
        if (n->v && !n->over && bt_video_failed(n->v, err, sizeof err)) {
            bt_log(BT_LOG_WARNING, "video %s cannot be played: %s; it is passed over",
                   name_of(c, n), err);
            n->over = true;
            news.next_broken = true;
        } else if (n->v && !n->over) {
            /* opening: when it would be given up (its READY usually comes first) */
            news.deadline = earliest(news.deadline, bt_video_deadline(n->v, now));
        }
    }
    step_one(c, &c->page, s, true, now, &news);
    return news;
}
