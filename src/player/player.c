/* player.c: the main loop. It drains events, moves the loop on at its
 * deadlines, redraws only when something changed, and otherwise sleeps in
 * SDL_WaitEventTimeout until the next deadline. Slides are painted ahead on
 * the prefetch worker; the header, tips and hint are painted here. */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "base/log.h"
#include "render/images.h"
#include "render/pdf.h"
#include "sys/notify.h"
#include "player_int.h"
#include "model/playlist_load.h"
#include "model/schedule.h"
#include "sys/signals.h"

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

/* The monotonic ms at which the wall clock reads t. */
static uint64_t ticks_at(const player *p, time_t t)
{
    int64_t left = (int64_t)t * 1000 - wall_ms(p);
    uint64_t now = SDL_GetTicks64();
    return left <= 0 ? now : now + (uint64_t)left;
}

/* ---- proof of play ---- */

void bt_player_log_shown(player *p, uint64_t now)
{
    time_t w = bt_player_wall(p);
    if (p->log_slide >= 0 && p->log_slide < p->pl->n_slides) {
        double secs = (double)(now - p->log_slide_since) / 1000.0;
        bt_playlog_add(p->log, w - (time_t)secs, p->pl->name, p->pl->slides[p->log_slide].id, secs,
                       false);
    }
    if (p->log_group >= 0 && p->log_group < p->touch.n_groups) {
        double secs = (double)(now - p->log_group_since) / 1000.0;
        int topic = p->touch.groups[p->log_group].topic;
        bt_playlog_add(p->log, w - (time_t)secs, p->pl->name,
                       topic >= 0 ? p->pl->topics[topic].id : "other", secs, true);
    }
    /* What is on screen from now on. */
    p->log_slide = p->touch.view == BT_VIEW_LOOP && !p->off ? p->loop.current : -1;
    p->log_slide_since = now;
    p->log_group = p->touch.view == BT_VIEW_TOPIC ? p->touch.group : -1;
    p->log_group_since = now;
}

/* ---- the loop's steps ---- */

/* Paints the loop's current slide on this thread, when what the loop shows
 * changed without a prepared slide (a schedule opened on an empty screen). */
static void repaint_current(player *p)
{
    SDL_Texture *t = bt_player_paint_slide_now(p, p->loop.current, p->sc.slide.w, p->sc.slide.h);
    if (t) {
        bt_player_drop(&p->cur);
        p->cur = (slide_tex){t, p->loop.current};
    }
    p->dirty = true;
}

/* At the slide deadline: shows the prepared slide with its transition. If it
 * is not ready yet, the current one stays until it is (never a blank). */
static void change_slide(player *p, uint64_t now)
{
    /* A schedule may have opened or closed since the next slide was chosen. */
    if (bt_loop_recheck(&p->loop, now, bt_player_wall(p)))
        bt_player_prefetch_upcoming(p);
    if (!p->next.tex || p->next.slide != p->loop.upcoming) {
        bt_log(BT_LOG_DEBUG, "slide %d is late: not painted yet", p->loop.upcoming);
        return;
    }
    bt_player_drop(&p->old);
    p->old = p->cur;
    p->cur = p->next;
    p->next = (slide_tex){NULL, -1};
    int shown = bt_loop_advance(&p->loop, now, bt_player_wall(p));
    if (shown != p->cur.slide)
        repaint_current(p); /* the prepared slide left its schedule meanwhile */
    const bt_slide *s = shown >= 0 ? &p->pl->slides[shown] : NULL;
    p->trans_kind = s ? s->transition : p->pl->transition;
    p->trans_ms = s ? s->transition_ms : p->pl->transition_ms;
    p->trans_start = now;
    p->in_transition = p->old.tex && p->trans_kind != BT_TRANSITION_NONE && p->trans_ms > 0;
    if (!p->in_transition)
        bt_player_drop(&p->old);
    bt_log(BT_LOG_DEBUG, "slide %s", s ? s->id : "(none)");
    bt_player_log_shown(p, now);
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

/* ---- the calendar: clock set or not, off hours ---- */

static void say_clock(bool known)
{
    if (!known)
        bt_log(BT_LOG_WARNING, "the clock is not set (it reads earlier than %s): dated "
                               "schedules are treated as unknown",
               BT_BUILD_DATE);
    else
        bt_log(BT_LOG_INFO, "the clock is set now");
}

static void check_calendar(player *p, uint64_t now)
{
    time_t w = bt_player_wall(p);
    bool known = bt_clock_known(w);
    if (known != p->clock_known) {
        p->clock_known = known;
        say_clock(known);
        bt_player_paint_header(p);
        if (bt_loop_recheck(&p->loop, now, w)) {
            repaint_current(p);
            bt_player_prefetch_upcoming(p);
        }
    }
    bool off = known && p->pl->off_hours.set && bt_in_hours(&p->pl->off_hours, w);
    if (off != p->off) {
        bt_player_log_shown(p, now);
        p->off = off;
        p->log_slide = p->touch.view == BT_VIEW_LOOP && !off ? p->loop.current : -1;
        bt_log(BT_LOG_INFO, off ? "off hours: the screen is dark" : "off hours are over");
        if (!off)
            p->loop.shown_at = now; /* the slide gets its full time */
        p->dirty = true;
    }
    p->off_check_at = p->pl->off_hours.set && known
                          ? ticks_at(p, bt_hours_next_change(&p->pl->off_hours, w))
                          : UINT64_MAX;
}

/* ---- reloading ---- */

static void watch_playlist(player *p);

/* Replaces the playlist with pl, whose painter and worker are ready. */
static void switch_to(player *p, bt_playlist *pl, bt_painter *painter, bt_prefetch *pf,
                      const bt_touch *touch, uint64_t now)
{
    bt_player_log_shown(p, now);
    bt_prefetch_stop(p->pf);
    bt_painter_free(p->painter);
    bt_touch_free(&p->touch);
    bt_playlist_free(p->pl);
    p->pl = pl;
    p->painter = painter;
    p->pf = pf;
    p->touch = *touch;
    bt_loop_init(&p->loop, pl, now, bt_player_wall(p));
    p->clock_known = !bt_clock_known(bt_player_wall(p)); /* forces a fresh check */
    p->off = false;
    bt_player_relayout(p);
    check_calendar(p, now);
    p->log_slide = p->touch.view == BT_VIEW_LOOP && !p->off ? p->loop.current : -1;
    p->log_group = -1;
}

/* Reads the playlist file again. A file that is not usable changes nothing
 * on screen but a short message: the kiosk keeps playing what it had. */
static void reload(player *p, const char *why)
{
    uint64_t now = SDL_GetTicks64();
    bt_diags d;
    bt_diags_init(&d);
    /* As at start (commands.c): a folder is a playlist, PDFs are counted. */
    bt_playlist *pl =
        bt_playlist_load_path(p->path, &(bt_load_options){.pdf_pages = bt_pdf_pages}, &d);
    bt_log_diags(&d);
    char err[512] = "out of memory";
    bt_painter *painter = NULL;
    bt_prefetch *pf = NULL;
    bt_touch touch = {0};
    bool ok = pl && bt_touch_init(&touch, pl) && (painter = bt_painter_create(pl, err, sizeof err)) &&
              (pf = bt_prefetch_start(pl, p->ev_painted, err, sizeof err));
    if (ok) {
        bt_log(BT_LOG_INFO, "reloaded %s (%s): %d slides, %d tips, %d topics", p->path, why,
               pl->n_slides, pl->n_tips, pl->n_topics);
        switch_to(p, pl, painter, pf, &touch, now);
    } else {
        if (pl)
            bt_log(BT_LOG_ERROR, "cannot use the new playlist: %s", err);
        bt_log(BT_LOG_ERROR, "%s changed but cannot be used: kept the playlist that was playing",
               p->path);
        char first[1400] = "";
        for (int i = 0; i < d.count; i++)
            if (d.items[i].severity == BT_ERROR) {
                bt_diag_format(&d.items[i], first, sizeof first);
                break;
            }
        const char *lines[1] = {first[0] ? first : err};
        bt_player_overlay(p, BT_OVERLAY_ERROR, p->pl->labels[BT_LABEL_RELOAD_FAILED], lines, 1, 15);
        bt_prefetch_stop(pf);
        bt_painter_free(painter);
        bt_touch_free(&touch);
        bt_playlist_free(pl);
    }
    bt_diags_clear(&d);
}

/* ---- USB sticks ---- */

/* Plays the imported playlist from now: called at a slide change, so the
 * switch looks like any other. */
static void take_pending(player *p)
{
    free(p->path);
    p->path = p->pending_path;
    p->pending_path = NULL;
    reload(p, "imported from a USB stick");
    watch_playlist(p);
}

/* What the kiosk says about a stick, in words a clerk understands. */
static void on_usb_result(player *p, bt_import_result *r)
{
    char **L = p->pl->labels;
    char counts[256];
    bt_label_fill(L[BT_LABEL_USB_COUNTS], r->slides, r->tips, r->topics, counts, sizeof counts);
    const char *lines[5];
    int n = 0;
    switch (r->status) {
    case BT_IMPORT_LOADED:
    case BT_IMPORT_ALREADY:
        lines[n++] = counts;
        if (r->stick_synced)
            lines[n++] = L[BT_LABEL_USB_SAFE];
        bt_player_overlay(p, BT_OVERLAY_INFO,
                          L[r->status == BT_IMPORT_LOADED ? BT_LABEL_USB_LOADED : BT_LABEL_USB_ALREADY],
                          lines, n, 10);
        /* A new import is taken at the next slide change; the same content
         * again changes nothing unless another playlist was playing. */
        if (r->switched) {
            free(p->pending_path);
            p->pending_path = strdup(r->current);
        }
        break;
    case BT_IMPORT_INVALID:
        for (int i = 0; i < r->n_problems && n < 3; i++)
            lines[n++] = r->problems[i];
        if (r->errors_written)
            lines[n++] = L[BT_LABEL_USB_ERRORS_FILE];
        bt_player_overlay(p, BT_OVERLAY_ERROR, L[BT_LABEL_USB_REFUSED], lines, n, 15);
        break;
    case BT_IMPORT_UNAUTHORISED:
        bt_player_overlay(p, BT_OVERLAY_ERROR, L[BT_LABEL_USB_UNAUTHORISED], lines, 0, 15);
        break;
    case BT_IMPORT_ABORTED:
        bt_player_overlay(p, BT_OVERLAY_ERROR, L[BT_LABEL_USB_ABORTED], lines, 0, 15);
        break;
    case BT_IMPORT_FAILED:
        bt_player_overlay(p, BT_OVERLAY_ERROR, L[BT_LABEL_USB_FAILED], lines, 0, 15);
        break;
    }
    free(r);
}

/* ---- events and deadlines ---- */

static void on_event(player *p, const SDL_Event *ev)
{
    if (ev->type == p->ev_painted) {
        on_painted(p, ev->user.data1);
        return;
    }
    if (ev->type == p->ev_reload) {
        reload(p, "the file changed");
        return;
    }
    if (ev->type == p->ev_hup) {
        reload(p, "SIGHUP");
        return;
    }
    if (p->usb && ev->type == bt_usb_watch_event(p->usb)) {
        bt_usb_changed(p->usb);
        return;
    }
    if (p->usb && ev->type == p->ev_usb) {
        on_usb_result(p, ev->user.data1);
        return;
    }
    if (p->usb && ev->type == p->ev_usb_started) {
        bt_player_overlay(p, BT_OVERLAY_INFO, p->pl->labels[BT_LABEL_USB_CHECKING], NULL, 0, 120);
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

/* The loop's own deadlines: slide changes, tips, a schedule opening. */
static uint64_t step_loop(player *p, uint64_t now)
{
    if (now >= bt_loop_recheck_deadline(&p->loop) &&
        bt_loop_recheck(&p->loop, now, bt_player_wall(p))) {
        if (p->cur.slide != p->loop.current)
            repaint_current(p);
        bt_player_prefetch_upcoming(p);
    }
    uint64_t slide_at = bt_loop_slide_deadline(&p->loop);
    if (p->pending_path && !p->in_transition && (now >= slide_at || slide_at == UINT64_MAX)) {
        take_pending(p); /* an imported playlist, in place of the next slide */
        return now;
    }
    if (!p->in_transition && now >= slide_at)
        change_slide(p, now);
    if (now >= bt_loop_tip_deadline(&p->loop)) {
        bt_loop_advance_tip(&p->loop, now);
        bt_player_paint_tip(p);
    }
    uint64_t next = bt_loop_tip_deadline(&p->loop);
    slide_at = bt_loop_slide_deadline(&p->loop);
    if (slide_at > now) /* when late, the painted event wakes us */
        next = earliest(next, slide_at);
    return earliest(next, bt_loop_recheck_deadline(&p->loop));
}

/* Touch mode's deadlines: the topic's tips. */
static uint64_t step_touch(player *p, uint64_t now)
{
    if (p->touch.view != BT_VIEW_TOPIC || p->page_tip_n < 2)
        return UINT64_MAX;
    uint64_t due = p->page_tip_at + (uint64_t)p->pl->tip_interval_ms;
    if (now >= due) {
        p->page_tip_i++;
        p->page_tip_at = now;
        bt_player_paint_touch(p);
        due = now + (uint64_t)p->pl->tip_interval_ms;
    }
    return due;
}

/* Everything that is due at now. Returns the next deadline. */
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
    if (p->overlay && now >= p->overlay_until) {
        SDL_DestroyTexture(p->overlay);
        p->overlay = NULL;
        p->dirty = true;
    }
    if (now >= p->minute_at) {
        check_calendar(p, now);
        bt_player_paint_header(p);
        if (p->touch.view == BT_VIEW_TOPICS)
            bt_player_paint_touch(p); /* its header shows the clock too */
        /* The header changes each minute with the clock, or with the
         * "clock not set" mark until the clock is set. */
        p->minute_at = p->pl->theme.clock || !p->clock_known ? next_minute(p) : UINT64_MAX;
    }
    if (now >= p->off_check_at)
        check_calendar(p, now);
    bt_touch before = p->touch;
    if (bt_touch_tick(&p->touch, now)) {
        /* The visitor left: back to the loop by itself, with a fade, the
         * loop's slide given its full time again. */
        bt_player_begin_change(p, &before, 0, now);
        p->loop.shown_at = now;
        bt_player_log_shown(p, now);
        bt_log(BT_LOG_DEBUG, "touch: idle, back to the loop");
    }
    if (p->watchdog_ms && now >= p->watchdog_at) {
        /* Sent from the main loop: if the loop hangs, systemd restarts us. */
        bt_notify("WATCHDOG=1");
        p->watchdog_at = now + p->watchdog_ms;
    }
    uint64_t next = earliest(p->minute_at, p->off_check_at);
    if (p->watchdog_ms)
        next = earliest(next, p->watchdog_at);
    if (p->overlay)
        next = earliest(next, p->overlay_until);
    if (p->touch.view == BT_VIEW_LOOP) {
        if (!p->off) /* dark: asleep until the off hours end or a touch */
            next = earliest(next, step_loop(p, now));
    } else {
        next = earliest(next, step_touch(p, now));
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
            while (!p->quit && SDL_PollEvent(&ev))
                on_event(p, &ev);
        }
    }
}

/* ---- start and end ---- */

/* Whether SDL found a screen, not one of its drivers that show nothing
 * (unless that one was asked for by name). */
static bool real_screen(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    return driver && ((strcmp(driver, "offscreen") != 0 && strcmp(driver, "dummy") != 0) ||
                      (asked && strcmp(asked, driver) == 0));
}

/* Starts SDL's video, trying again for a few seconds: at boot the display
 * server may come up just after the player, and an X server that has only
 * just started can refuse the first connections. */
static bool init_video(void)
{
    for (int attempt = 0; attempt < 20; attempt++) {
        if (attempt > 0)
            SDL_Delay(250);
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) {
            if (real_screen())
                return true;
            SDL_QuitSubSystem(SDL_INIT_VIDEO);
        }
    }
    return SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0;
}

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
    if (!init_video()) {
        fprintf(stderr,
                "bangtin: no display could be opened (%s).\n"
                "Try: run it inside the desktop session (DISPLAY or WAYLAND_DISPLAY set),\n"
                "or on a console without a desktop with SDL_VIDEODRIVER=kmsdrm,\n"
                "or preview without any display: bangtin --render DIR.\n",
                SDL_GetError());
        return false;
    }
    /* Under X11 the player draws with SDL's software renderer into the
     * window's framebuffer: slides change seldom, and OpenGL would load Mesa
     * (about 90 MB resident, measured with `make bench`) for nothing. On the
     * console (kmsdrm) SDL needs OpenGL ES and picks it itself. SDL_RENDER_DRIVER
     * and SDL_FRAMEBUFFER_ACCELERATION in the environment still win. */
    const char *driver = SDL_GetCurrentVideoDriver();
    /* SDL falls back to drivers that show nothing when no screen answers; a
     * kiosk must not play to nobody and look fine in its log. */
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
        !(asked && strcmp(asked, driver) == 0)) {
        fprintf(stderr,
                "bangtin: no display could be opened (only SDL's \"%s\" driver, which shows "
                "nothing).\nTry: run it inside the desktop session (DISPLAY set), or on the "
                "console with SDL_VIDEODRIVER=kmsdrm, or preview with --render DIR.\n",
                driver);
        return false;
    }
    if (driver && strcmp(driver, "x11") == 0) {
        SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
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
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(p->ren, &info) == 0)
        bt_log(BT_LOG_INFO, "display: %s, renderer %s", driver ? driver : "?", info.name);
    if (!p->cfg->windowed) {
        SDL_ShowCursor(SDL_DISABLE); /* a kiosk shows no mouse pointer */
        SDL_SetWindowKeyboardGrab(p->win, SDL_TRUE);
    }
    SDL_SetWindowMinimumSize(p->win, 160, 120);
    return true;
}

static void close_all(player *p)
{
    bt_signals_stop();
    bt_usb_stop(p->usb);
    free(p->path);
    free(p->pending_path);
    bt_watch_stop(p->watch);
    bt_prefetch_stop(p->pf);
    bt_playlog_close(p->log);
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

/* Watches the playlist file playing, for hot reload. */
static void watch_playlist(player *p)
{
    char err[512];
    bt_watch_stop(p->watch);
    const char *paths[1] = {p->path};
    p->watch = p->path ? bt_watch_start(paths, 1, p->ev_reload, err, sizeof err) : NULL;
    if (p->path && !p->watch)
        bt_log(BT_LOG_WARNING, "the playlist file is not watched for changes: %s", err);
}

/* Under systemd (RuntimeDirectory=, a RAM folder that outlives a crash of
 * the player), records wait there and reach the SD card once a minute. */
static void spool_plays(player *p)
{
    const char *run = getenv("RUNTIME_DIRECTORY"); /* "dir" or "dir:dir2" */
    if (!p->log || !run || !*run)
        return;
    char dir[4096], err[512];
    snprintf(dir, sizeof dir, "%.*s", (int)strcspn(run, ":"), run);
    if (!bt_playlog_spool(p->log, dir, err, sizeof err))
        bt_log(BT_LOG_WARNING, "play log: records go straight to the card: %s", err);
    else if (err[0])
        bt_log(BT_LOG_WARNING, "play log: %s", err);
    else
        bt_log(BT_LOG_INFO, "play log: records wait in %s and reach the card once a minute", dir);
}

/* The play log, the playlist file's watcher, USB sticks: all optional, a
 * kiosk plays without them. */
static void start_services(player *p)
{
    char err[512];
    if (p->cfg->library) {
        p->log = bt_playlog_open(p->cfg->library, err, sizeof err);
        if (!p->log)
            bt_log(BT_LOG_WARNING, "no play log: %s", err);
        spool_plays(p);
    }
    p->ev_reload = SDL_RegisterEvents(1);
    watch_playlist(p);
    if (p->cfg->library) {
        const char *defaults[] = {"/media", "/run/media"};
        bt_usb_config uc = {
            .folders = p->cfg->n_watch > 0 ? p->cfg->watch : defaults,
            .n_folders = p->cfg->n_watch > 0 ? p->cfg->n_watch : 2,
            .library = p->cfg->library,
            .unpaired_ok = p->cfg->unpaired_ok,
            .load = &(bt_load_options){.verify_image = bt_image_verify,
                                       .pdf_pages = bt_pdf_pages},
            .event_type = p->ev_usb = SDL_RegisterEvents(1),
            .started_type = p->ev_usb_started = SDL_RegisterEvents(1),
        };
        p->usb = bt_usb_start(&uc, err, sizeof err);
        if (!p->usb)
            bt_log(BT_LOG_WARNING, "USB sticks will not be read: %s", err);
    }
}

int bt_player_run(const bt_player_config *cfg)
{
    player p = {.cfg = cfg, .cur = {NULL, -1}, .next = {NULL, -1}, .old = {NULL, -1},
                .page = {NULL, -1}, .log_slide = -1, .log_group = -1};
    p.path = cfg->path ? strdup(cfg->path) : NULL;
    if (cfg->has_now)
        p.wall_offset_ms = (int64_t)cfg->now * 1000 - real_ms();
    /* One malloc arena per thread would keep each thread's freed picture
     * buffers apart; two arenas are plenty for a player that mostly sleeps. */
    mallopt(M_ARENA_MAX, 2);
    /* Slide-sized buffers (megabytes) always get pages of their own and give
     * them back when freed. Left to itself glibc raises this threshold after
     * the first such free and then carves them from the heap, where they
     * fragment and resident memory creeps up slide after slide. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    p.ev_hup = SDL_RegisterEvents(1);
    if (!bt_signals_start(p.ev_hup))
        bt_log(BT_LOG_WARNING, "SIGHUP will not reload the playlist");
    int status = 0;
    char err[512] = "out of memory";
    bool shown = open_display(&p);
    bt_playlist *pl = p.pl = cfg->await_playlist(cfg->await_ctx);
    if (!pl) {
        status = 1;
        goto done;
    }
    if (!shown) {
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
    start_services(&p);
    uint64_t now = SDL_GetTicks64();
    bt_loop_init(&p.loop, pl, now, bt_player_wall(&p));
    /* The header is painted once, with the clock's state known already. */
    p.clock_known = bt_clock_known(bt_player_wall(&p));
    if (!p.clock_known)
        say_clock(false);
    bt_player_relayout(&p);
    check_calendar(&p, now);
    p.minute_at = pl->theme.clock || !p.clock_known ? next_minute(&p) : UINT64_MAX;
    p.log_slide = p.off ? -1 : p.loop.current;
    p.log_slide_since = now;
    bt_log(BT_LOG_INFO, "playing \"%s\": %d slides, %d tips, %d topics on %dx%d", pl->name,
           pl->n_slides, pl->n_tips, pl->n_topics, p.out_w, p.out_h);
    p.watchdog_ms = bt_notify_watchdog_ms();
    p.watchdog_at = now;
    bt_notify("READY=1");
    run(&p);
    bt_notify("STOPPING=1");
    bt_player_log_shown(&p, SDL_GetTicks64());
    bt_log(BT_LOG_INFO, "stopped");
    goto done;
fail:
    bt_log(BT_LOG_ERROR, "cannot start: %s", err);
    status = 1;
done:
    close_all(&p);
    return status;
}
