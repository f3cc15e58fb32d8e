/* player.c: the main loop. It drains events, moves the loop on at its
 * deadlines, redraws only when something changed, and otherwise sleeps in
 * SDL_WaitEventTimeout until the next deadline. Slides are painted ahead on
 * the prefetch worker; the header, tips and hint are painted here. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>

#include "log.h"
#include "player_int.h"

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

time_t bt_player_wall(const player *p)
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
    bt_player_drop(&p->old);
    p->old = p->cur;
    p->cur = p->next;
    p->next = (slide_tex){NULL, -1};
    p->trans_kind = s->transition;
    p->trans_ms = s->transition_ms;
    p->trans_start = now;
    p->in_transition = p->trans_kind != BT_TRANSITION_NONE && p->trans_ms > 0;
    if (!p->in_transition)
        bt_player_drop(&p->old);
    bt_loop_advance(&p->loop, now, bt_player_wall(p));
    bt_log(BT_LOG_DEBUG, "slide %s", s->id);
    bt_player_prefetch_upcoming(p);
    p->dirty = true;
}

static void on_painted(player *p, bt_prefetch_result *r)
{
    if (r->tag == p->tag && r->surface && !p->next.tex) {
        p->next.tex = bt_player_upload(p, r->surface);
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
    if (bt_player_input(p, ev))
        return;
    switch (ev->type) {
    case SDL_QUIT:
        p->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            bt_player_relayout(p);
        else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED)
            p->dirty = true;
        break;
    }
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Everything that is due at now, in the loop or in touch mode. Returns the
 * next deadline. */
static uint64_t step(player *p, uint64_t now)
{
    if (p->in_transition && now >= p->trans_start + (uint64_t)p->trans_ms) {
        p->in_transition = false;
        bt_player_drop(&p->old);
        p->dirty = true;
    }
    if (p->in_screen_change && now >= p->change_start + BT_SCREEN_CHANGE_MS) {
        p->in_screen_change = false;
        p->dirty = true;
    }
    if (now >= p->minute_at) {
        bt_player_paint_header(p);
        if (p->touch.view == BT_VIEW_TOPICS)
            bt_player_paint_touch(p); /* its header shows the clock too */
        p->minute_at = p->pl->theme.clock ? next_minute(p) : UINT64_MAX;
    }
    bt_touch before = p->touch;
    if (bt_touch_tick(&p->touch, now)) {
        /* The visitor left: back to the loop by itself, with a fade, the
         * loop's slide given its full time again. */
        bt_player_begin_change(p, &before, 0, now);
        p->loop.shown_at = now;
        bt_log(BT_LOG_DEBUG, "touch: idle, back to the loop");
    }
    uint64_t next = p->minute_at;
    if (p->touch.view == BT_VIEW_LOOP) {
        uint64_t slide_at = bt_loop_slide_deadline(&p->loop);
        if (!p->in_transition && now >= slide_at)
            change_slide(p, now);
        if (now >= bt_loop_tip_deadline(&p->loop)) {
            bt_loop_advance_tip(&p->loop, now);
            bt_player_paint_tip(p);
        }
        slide_at = bt_loop_slide_deadline(&p->loop);
        if (slide_at > now) /* when late, the painted event wakes us */
            next = earliest(next, slide_at);
        next = earliest(next, bt_loop_tip_deadline(&p->loop));
    } else {
        if (p->touch.view == BT_VIEW_TOPIC && p->page_tip_n > 1 &&
            now >= p->page_tip_at + (uint64_t)p->pl->tip_interval_ms) {
            p->page_tip_i++;
            p->page_tip_at = now;
            bt_player_paint_touch(p);
        }
        if (p->touch.view == BT_VIEW_TOPIC && p->page_tip_n > 1)
            next = earliest(next, p->page_tip_at + (uint64_t)p->pl->tip_interval_ms);
        next = earliest(next, bt_touch_deadline(&p->touch));
    }
    if (p->in_transition || p->in_screen_change) {
        p->dirty = true;
        next = earliest(next, now + 16); /* a frame of the movement */
    }
    return next;
}

static void run(player *p)
{
    while (!p->quit) {
        uint64_t now = SDL_GetTicks64();
        uint64_t until = step(p, now);
        if (p->dirty)
            bt_player_draw(p, now);
        /* Sleep until the next deadline; any event wakes us sooner. */
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
    /* Fullscreen, the kiosk keeps the keyboard (no Alt+Tab to the desktop)
     * and stays up when focus goes elsewhere. */
    if (!p->cfg->windowed) {
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
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
    if (!p->cfg->windowed) {
        SDL_ShowCursor(SDL_DISABLE); /* a kiosk shows no mouse pointer */
        SDL_SetWindowKeyboardGrab(p->win, SDL_TRUE);
    }
    SDL_SetWindowMinimumSize(p->win, 160, 120);
    return true;
}

static void close_all(player *p)
{
    bt_prefetch_stop(p->pf);
    bt_player_free_textures(p);
    bt_painter_free(p->painter);
    bt_touch_free(&p->touch);
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
    player p = {.pl = pl, .cfg = cfg, .cur = {NULL, -1}, .next = {NULL, -1}, .old = {NULL, -1},
                .page = {NULL, -1}};
    if (cfg->has_now)
        p.wall_offset_ms = (int64_t)cfg->now * 1000 - real_ms();
    int status = 0;
    char err[512] = "out of memory";
    if (!open_display(&p)) {
        status = 3;
        goto done;
    }
    p.ev_painted = SDL_RegisterEvents(1);
    if (!bt_touch_init(&p.touch, pl))
        goto fail;
    p.painter = bt_painter_create(pl, err, sizeof err);
    if (p.painter)
        p.pf = bt_prefetch_start(pl, p.ev_painted, err, sizeof err);
    if (!p.painter || !p.pf || p.ev_painted == (Uint32)-1)
        goto fail;
    uint64_t now = SDL_GetTicks64();
    bt_loop_init(&p.loop, pl, now, bt_player_wall(&p));
    p.minute_at = pl->theme.clock ? next_minute(&p) : UINT64_MAX;
    bt_player_relayout(&p);
    bt_log(BT_LOG_INFO, "playing \"%s\": %d slides, %d tips, %d topics on %dx%d", pl->name,
           pl->n_slides, pl->n_tips, pl->n_topics, p.out_w, p.out_h);
    run(&p);
    bt_log(BT_LOG_INFO, "stopped");
    goto done;
fail:
    bt_log(BT_LOG_ERROR, "cannot start: %s", err);
    status = 1;
done:
    close_all(&p);
    return status;
}
