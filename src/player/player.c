/* player.c: the main loop. It drains events, moves the loop on at its
 * deadlines, redraws only when something changed, and otherwise sleeps in
 * SDL_WaitEventTimeout until the next deadline. What it draws is the
 * scene's (scene.c); what the visitor asks for comes from input.c; proof of
 * play is shown.c's; the threads that feed it are services.c's. Slides are
 * painted ahead on the prefetch worker; playlists are read on the loader's
 * thread (or the USB thread, for a stick), never here. */
#include "player.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "base/i18n.h"
#include "base/log.h"
#include "clips.h"
#include "display.h"
#include "input.h"
#include "library/current.h"
#include "library/import_message.h"
#include "library/import_stick.h"
#include "model/loop.h"
#include "model/schedule.h"
#include "model/settings.h"
#include "model/touch.h"
#include "powerctl.h"
#include "render/painter.h"
#include "render/prefetch.h"
#include "scene.h"
#include "services.h"
#include "shown.h"
#include "sys/notify.h"

/* What plays: a playlist and what is made for it, replaced together. */
typedef struct {
    bt_playlist *pl;
    bt_painter *painter; /* the main thread's */
    bt_prefetch *pf;     /* the worker, with its own painter */
    bt_touch touch;
} content;

typedef struct {
    const bt_player_config *cfg;
    bt_display display;
    bt_scene scene;
    bt_input_state input;
    bt_services services;
    bt_shown shown;
    bt_clips clips; /* the video clips of the loop and of touch mode */

    content c;
    bt_loop loop;
    char *path;                 /* the playlist file playing (it changes with USB imports) */
    bt_import_result *pending;  /* an imported playlist, taken at the next slide change */
    Uint32 ev_painted;

    /* the library's `current`, followed when it decides what plays
     * (cfg->bundled): the import folder playing and the ones on their way
     * ("playlists/NAME"; "" for the bundled playlist) */
    bool follow;
    char playing_import[64], pending_import[64], want_import[64];
    char *want_path; /* asked of the loader because `current` changed */

    /* the clock and the screen */
    bool clock_known;      /* the wall clock reads at least the build date */
    uint64_t minute_at;    /* when the clock in the header must change */
    bt_powerctl power;     /* opening hours, off hours, the screen's power */
    unsigned long frames_at_sleep; /* frames drawn when the screen went off */
    /* For the status file: the screen's power and the next opening change
     * as of the last update_screen, and whether they changed since the
     * status writer last cleared screen_changed (it copies screen.power into
     * bt_status.power, screen.next_change into its next change). */
    bt_screen_facts screen;
    bool screen_changed;

    /* systemd's watchdog: WATCHDOG=1 from the main loop */
    uint64_t watchdog_ms, watchdog_at;

    bool quit;
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

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* ---- proof of play ---- */

/* Writes what was on screen until now, and counts what is on screen now. */
static void mark_shown(player *p, uint64_t now)
{
    const bt_touch *t = &p->c.touch;
    bool seen = !bt_powerctl_dark(&p->power) && !bt_powerctl_asleep(&p->power);
    int slide = t->view == BT_VIEW_LOOP && seen ? p->loop.current : -1;
    int group = t->view == BT_VIEW_TOPIC ? t->group : -1;
    /* A clip counts what it played, not how long its slide was up. */
    bt_shown_clip(&p->shown, bt_clips_played(&p->clips, p->shown.slide, now));
    bt_shown_mark(&p->shown, p->c.pl, t, slide, group, now, wall(p));
}

/* ---- clips ---- */

/* The loop's next slide is prepared: painted on the worker, and its clip
 * opened, so that it comes on the very frame it is due. */
static void prepare_next(player *p)
{
    bt_scene_prepare(&p->scene, &p->loop);
    bt_clips_prepare(&p->clips, p->loop.upcoming);
}

/* The loop's upcoming clip cannot play: it is passed over before it is
 * due, and the slide after it prepared instead. */
static void pass_over(player *p, uint64_t now)
{
    if (bt_loop_skip_upcoming(&p->loop, now, wall(p)))
        prepare_next(p);
}

/* Whether the loop's upcoming slide may come now: a clip is ready (its
 * first frame decoded), or slow and its poster painted (the clip then
 * takes over from its poster); one that cannot play is passed over. */
static bool clip_may_come(player *p, uint64_t now)
{
    int up = p->loop.upcoming;
    if (up < 0 || !bt_slide_is_clip(&p->c.pl->slides[up]))
        return true;
    bool broken;
    char err[300];
    if (bt_clips_next_ready(&p->clips, up, &broken, err, sizeof err))
        return true;
    if (broken) {
        bt_log(BT_LOG_WARNING, "video %s cannot be played: %s; it is passed over",
               p->c.pl->slides[up].video, err);
        pass_over(p, now);
        return false;
    }
    if (bt_scene_ready(&p->scene, up)) {
        bt_log(BT_LOG_DEBUG, "video %s is slow to open: its poster shows until it plays",
               p->c.pl->slides[up].video);
        return true;
    }
    return false;
}

/* ---- the loop's steps ---- */

/* At the slide deadline: shows the prepared slide with its transition. If it
 * is not ready yet, the current one stays until it is (never a blank). */
static void change_slide(player *p, uint64_t now)
{
    /* A schedule may have opened or closed since the next slide was chosen. */
    if (bt_loop_recheck(&p->loop, now, wall(p)))
        prepare_next(p);
    if (!clip_may_come(p, now))
        return;
    if (!bt_scene_ready(&p->scene, p->loop.upcoming)) {
        bt_log(BT_LOG_DEBUG, "slide %d is late: not painted yet", p->loop.upcoming);
        return;
    }
    int shown = bt_loop_advance(&p->loop, now, wall(p));
    bt_scene_show_next(&p->scene, shown, now);
    bt_clips_advance(&p->clips, shown, now); /* its first frame comes in this step */
    bt_log(BT_LOG_DEBUG, "slide %s", shown >= 0 ? p->c.pl->slides[shown].id : "(none)");
    mark_shown(p, now);
    prepare_next(p);
}

/* A schedule opened or closed: the loop chose again. */
static void rechecked(player *p)
{
    if (p->scene.cur.slide != p->loop.current) {
        bt_scene_repaint_current(&p->scene, p->loop.current);
        bt_clips_begin(&p->clips, p->loop.current);
    }
    prepare_next(p);
}

/* ---- the clock and the screen ---- */

static void say_clock(bool known)
{
    if (!known)
        bt_log(BT_LOG_WARNING, "the clock is not set (it reads earlier than %s): dated "
                               "schedules are treated as unknown",
               BT_BUILD_DATE);
    else
        bt_log(BT_LOG_INFO, "the clock is set now");
}

/* "Mon 2026-03-16 07:00", or "" when the hours do not change within a week. */
static void next_opening_words(const player *p, char *buf, size_t size)
{
    struct tm tm;
    buf[0] = '\0';
    if (p->screen.next_change != (time_t)-1 && localtime_r(&p->screen.next_change, &tm))
        strftime(buf, size, "%a %Y-%m-%d %H:%M", &tm);
}

/* The screen went off: nothing is drawn until it comes on again. */
static void fell_asleep(player *p)
{
    char when[64];
    next_opening_words(p, when, sizeof when);
    bt_log(BT_LOG_INFO, "screen off: outside the opening hours; on again %s%s or at a touch",
           when[0] ? _("at ") : "", when[0] ? when : _("when they open"));
    p->frames_at_sleep = p->scene.frames;
}

/* The screen came on again: the loop goes on where it was, its slide given
 * its full time, under a header that shows the time now. */
static void woke_up(player *p, uint64_t now)
{
    bool woken = p->power.sb.state == BT_STANDBY_WOKEN;
    bt_log(BT_LOG_INFO, "screen on: %s", woken ? "woken until the idle timeout"
                                               : "the opening hours begin");
    bt_log(BT_LOG_DEBUG, "screen: %lu frames drawn while it was off",
           p->scene.frames - p->frames_at_sleep);
    bt_loop_resume(&p->loop, now);
    bt_scene_paint_header(&p->scene, wall(p));
    p->minute_at = now; /* the clock's minute, planned again at once */
    p->scene.dirty = true;
}

/* The screen's state at now (opening hours, the playlist's off hours, the
 * end of a wake), and what changes with it. mark: write proof of play of
 * what was on screen when that changes (not while a new playlist begins:
 * the old one's was written already). */
static void update_screen(player *p, uint64_t now, bool mark)
{
    bool was_dark = bt_powerctl_dark(&p->power), was_asleep = bt_powerctl_asleep(&p->power);
    bt_power_action act =
        bt_powerctl_update(&p->power, now, wall(p), p->clock_known, &p->c.pl->off_hours);
    bool dark = bt_powerctl_dark(&p->power), asleep = bt_powerctl_asleep(&p->power);
    bt_screen_facts facts;
    bt_standby_facts(&p->power.sb, wall(p), p->clock_known, &facts);
    if (!p->screen.power || bt_screen_facts_differ(&facts, &p->screen))
        p->screen_changed = true;
    p->screen = facts;
    /* Powered down in touch mode: back in the loop, as after the idle timeout. */
    if (asleep && !was_asleep && p->c.touch.view != BT_VIEW_LOOP)
        bt_touch_tick(&p->c.touch, UINT64_MAX);
    if (mark && (dark != was_dark || asleep != was_asleep))
        mark_shown(p, now);
    if (dark != was_dark) {
        bt_log(BT_LOG_INFO, dark ? "off hours: the screen is dark" : "off hours are over");
        if (!dark)
            bt_loop_resume(&p->loop, now); /* the slide gets its full time */
        bt_scene_set_dark(&p->scene, dark);
    }
    if (act == BT_POWER_OFF)
        fell_asleep(p);
    else if (act == BT_POWER_ON && was_asleep)
        woke_up(p, now);
    /* No clip decodes while nothing is seen; the loop's starts again after. */
    bool hidden = dark || asleep, was_hidden = was_dark || was_asleep;
    if (hidden && !was_hidden) {
        bt_clips_stop_loop(&p->clips, now);
        bt_scene_detach_clip(&p->scene, false);
    } else if (!hidden && was_hidden) {
        bt_clips_begin(&p->clips, p->loop.current);
        bt_clips_prepare(&p->clips, p->loop.upcoming);
    }
}

/* Each minute: whether the clock can be trusted changed (a board's clock
 * set by the network, or reset). */
static void check_clock(player *p, uint64_t now)
{
    time_t w = wall(p);
    bool known = bt_clock_known(w);
    if (known == p->clock_known)
        return;
    p->clock_known = known;
    say_clock(known);
    bt_scene_paint_header(&p->scene, w);
    if (bt_loop_recheck(&p->loop, now, w))
        rechecked(p);
    update_screen(p, now, true);
}

/* The playlist's idle timeout: a wake lasts as long. */
static uint64_t idle_ms(const player *p)
{
    return (uint64_t)p->c.pl->idle_timeout_ms;
}

/* ---- what plays ---- */

static void content_free(content *c)
{
    bt_prefetch_stop(c->pf);
    bt_painter_free(c->painter);
    bt_touch_free(&c->touch);
    bt_playlist_free(c->pl);
    *c = (content){0};
}

/* Makes what pl needs to be played (taking pl): its painter and worker,
 * the touch tiles. false with the reason in err (pl freed). */
static bool content_make(content *c, bt_playlist *pl, Uint32 ev_painted, char *err, size_t errsize)
{
    *c = (content){.pl = pl};
    snprintf(err, errsize, _("out of memory"));
    if (bt_touch_init(&c->touch, pl) && (c->painter = bt_painter_create(pl, err, errsize)) &&
        (c->pf = bt_prefetch_start(pl, ev_painted, err, errsize)))
        return true;
    content_free(c);
    return false;
}

/* Starts playing c from its first slide, now (the old content already gone
 * or taken over by the caller). */
static void begin(player *p, uint64_t now)
{
    time_t w = wall(p);
    bt_loop_init(&p->loop, p->c.pl, now, w);
    bt_scene_bind(&p->scene, p->c.pl, p->c.painter, p->c.pf);
    bt_scene_relayout(&p->scene, &p->loop, &p->c.touch, w);
    bt_input_resize(&p->input, p->scene.sc.w);
    bt_clips_bind(&p->clips, p->c.pl);
    update_screen(p, now, false); /* this playlist's off hours */
    if (!bt_powerctl_dark(&p->power) && !bt_powerctl_asleep(&p->power)) {
        bt_clips_begin(&p->clips, p->loop.current);
        bt_clips_prepare(&p->clips, p->loop.upcoming);
    }
    p->minute_at = p->c.pl->theme.clock || !p->clock_known ? next_minute(p) : UINT64_MAX;
    mark_shown(p, now);
}

/* Replaces what plays with pl (taken). A playlist whose painter cannot be
 * made changes nothing on screen but a short message. */
static bool switch_to(player *p, bt_playlist *pl, const char *why, uint64_t now)
{
    char err[512];
    content next;
    if (!content_make(&next, pl, p->ev_painted, err, sizeof err)) {
        bt_log(BT_LOG_ERROR, "cannot use the new playlist: %s", err);
        bt_log(BT_LOG_ERROR, "%s cannot be played: kept the playlist that was playing", p->path);
        const char *lines[1] = {err};
        bt_scene_overlay(&p->scene, BT_OVERLAY_ERROR, p->c.pl->labels[BT_LABEL_RELOAD_FAILED],
                         lines, 1, 15, now);
        return false;
    }
    mark_shown(p, now); /* what the old playlist showed, with its names */
    bt_clips_bind(&p->clips, NULL); /* its clips play its slides */
    content_free(&p->c);
    p->c = next;
    begin(p, now);
    bt_log(BT_LOG_INFO, "reloaded %s (%s): %d slides, %d tips, %d topics", p->path, why,
           p->c.pl->n_slides, p->c.pl->n_tips, p->c.pl->n_topics);
    return true;
}

/* ---- the library's current ---- */

/* The import folder ("playlists/NAME") the playlist file at path belongs
 * to, into buf: what `current` names when path goes through it; "" for a
 * file outside the library (the bundled playlist). */
static void import_of(const player *p, const char *path, char *buf, size_t size)
{
    const char *lib = p->cfg->library;
    size_t n = strlen(lib);
    buf[0] = '\0';
    if (strncmp(path, lib, n) != 0 || path[n] != '/')
        return;
    const char *rel = path + n + 1, *end = strrchr(rel, '/');
    if (strncmp(rel, "current/", 8) == 0)
        bt_library_current(lib, buf, size);
    else if (end && strncmp(rel, "playlists/", 10) == 0)
        snprintf(buf, size, "%.*s", (int)(end - rel), rel);
}

/* `current` changed: another process switched it (--rollback, --reset, a
 * second player's import) or our own import did. Reads what it names now
 * (nothing: the bundled playlist), unless that plays already or is on its
 * way. */
static void follow_current(player *p)
{
    char name[64], path[4200];
    bt_library_current(p->cfg->library, name, sizeof name);
    if (strcmp(name, p->playing_import) == 0 || (p->pending && strcmp(name, p->pending_import) == 0) ||
        (p->want_path && strcmp(name, p->want_import) == 0))
        return;
    if (name[0])
        snprintf(path, sizeof path, "%s/current/playlist.yaml", p->cfg->library);
    else
        snprintf(path, sizeof path, "%s", p->cfg->bundled);
    char *copy = strdup(path);
    if (!copy)
        return;
    free(p->want_path);
    p->want_path = copy;
    snprintf(p->want_import, sizeof p->want_import, "%s", name);
    bt_log(BT_LOG_INFO, "the library's current playlist changed (%s): reading %s",
           name[0] ? name : "none: the bundled playlist", path);
    bt_loader_request(p->services.loader, path, "the library's current playlist changed");
}

/* The playlist `current` named was read and can be played: it plays now. */
static void take_wanted(player *p, bt_playlist *pl, const char *why, uint64_t now)
{
    char *old = p->path;
    p->path = p->want_path;
    p->want_path = NULL;
    if (!switch_to(p, pl, why, now)) {
        free(p->path);
        p->path = old;
        return;
    }
    free(old);
    snprintf(p->playing_import, sizeof p->playing_import, "%s", p->want_import);
    bt_services_watch(&p->services, p->path);
}

/* A playlist file read again (saved, SIGHUP, `current` switched): played
 * when it is usable; else the kiosk keeps playing what it had, with a
 * short message. */
static void on_loaded(player *p, bt_loaded *r)
{
    uint64_t now = SDL_GetTicks64();
    bt_log_diags(&r->diags);
    bool wanted = p->want_path && strcmp(r->path, p->want_path) == 0;
    if (wanted && !r->pl) {
        free(p->want_path); /* a later change of `current` is tried again */
        p->want_path = NULL;
    }
    if (r->pl && wanted) {
        take_wanted(p, r->pl, r->why, now);
        r->pl = NULL;
    } else if (r->pl && strcmp(r->path, p->path) == 0) {
        switch_to(p, r->pl, r->why, now);
        r->pl = NULL;
    } else if (!r->pl) {
        bt_log(BT_LOG_ERROR, "%s changed but cannot be used: kept the playlist that was playing",
               r->path);
        char first[1400] = "";
        for (int i = 0; i < r->diags.count; i++)
            if (r->diags.items[i].severity == BT_ERROR) {
                bt_diag_format_people(&r->diags.items[i], first, sizeof first);
                break;
            }
        const char *lines[1] = {first};
        bt_scene_overlay(&p->scene, BT_OVERLAY_ERROR, p->c.pl->labels[BT_LABEL_RELOAD_FAILED],
                         lines, first[0] ? 1 : 0, 15, now);
    }
    bt_loaded_free(r);
}

/* ---- USB sticks ---- */

/* Plays the imported playlist from now: called at a slide change, so the
 * switch looks like any other. The stick's playlist was checked on the USB
 * thread; it is played as it was read there. */
static void take_pending(player *p, uint64_t now)
{
    bt_import_result *r = p->pending;
    p->pending = NULL;
    char *path = strdup(r->current);
    bt_playlist *pl = r->pl;
    r->pl = NULL;
    bt_import_result_free(r);
    if (!path) {
        bt_playlist_free(pl);
        return;
    }
    free(p->path);
    p->path = path;
    if (switch_to(p, pl, "imported from a USB stick", now)) {
        snprintf(p->playing_import, sizeof p->playing_import, "%s", p->pending_import);
        bt_services_watch(&p->services, p->path);
    }
}

/* What the kiosk says about a stick, in words a clerk understands. */
static void on_usb_result(player *p, bt_import_result *r, uint64_t now)
{
    bt_import_message m;
    bt_import_message_make(&m, r, p->c.pl->labels);
    bt_scene_overlay(&p->scene, m.ok ? BT_OVERLAY_INFO : BT_OVERLAY_ERROR, m.title, m.lines,
                     m.n_lines, m.seconds, now);
    /* A new import is taken at the next slide change; the same content
     * again changes nothing unless another playlist was playing. */
    char name[64] = "";
    bool take = r->switched && r->pl;
    if (take && p->follow)
        bt_library_current(p->cfg->library, name, sizeof name);
    if (take && p->follow && name[0] && strcmp(name, p->playing_import) == 0)
        take = false; /* played already: `current` was followed first */
    if (take) {
        bt_import_result_free(p->pending);
        p->pending = r;
        snprintf(p->pending_import, sizeof p->pending_import, "%s", name);
    } else {
        bt_import_result_free(r);
    }
}

/* ---- what the visitor asks for ---- */

/* The loop on screen again (the visitor left, by a button or by being
 * idle): its slide gets its full time, a clip plays from its start. */
static void back_to_loop(player *p, uint64_t now)
{
    bt_loop_resume(&p->loop, now);
    bt_clips_page(&p->clips, -1, false, now);
    if (!bt_powerctl_dark(&p->power) && !bt_powerctl_asleep(&p->power)) {
        bt_clips_begin(&p->clips, p->loop.current);
        bt_clips_prepare(&p->clips, p->loop.upcoming);
    }
}

/* Applies one touch-state input, repainting and starting a screen change. */
static void touch(player *p, bt_input in, uint64_t now)
{
    bt_touch *t = &p->c.touch;
    if (in.kind == BT_INPUT_PRESS || in.kind == BT_INPUT_RELEASE) {
        bt_touch_input(t, in, now); /* a finger down: never time out under it */
        return;
    }
    if (!p->c.pl->touch_enabled)
        return;
    bt_touch before = *t;
    bool moved = bt_touch_input(t, in, now);
    if (t->paused != before.paused)
        bt_clips_pause_page(&p->clips, t->paused, now); /* a tap on the page's clip */
    if (!moved)
        return;
    /* A page turn within a topic slides; any other change fades. */
    bt_scene_begin_change(&p->scene, &before, bt_input_page_direction(in, &before, t), now);
    if (before.view != t->view || before.group != t->group)
        mark_shown(p, now); /* proof of play: a topic opened, or the loop left */
    if (before.view == BT_VIEW_LOOP && t->view != BT_VIEW_LOOP) {
        bt_clips_stop_loop(&p->clips, now); /* it starts over when the visitor leaves */
        bt_scene_detach_clip(&p->scene, false);
    }
    bool new_topic = t->view == BT_VIEW_TOPIC &&
                     (before.view != BT_VIEW_TOPIC || before.group != t->group);
    if (new_topic) {
        const bt_group *g = &t->groups[t->group];
        bt_log(BT_LOG_DEBUG, "touch: topic %s",
               g->topic >= 0 ? p->c.pl->topics[g->topic].id : "other");
    }
    if (t->view == BT_VIEW_TOPICS && before.view != BT_VIEW_TOPICS) {
        for (int i = 0; i < p->scene.tg.n_tiles; i++) {
            bt_rect r = p->scene.tg.tiles[i];
            bt_log(BT_LOG_DEBUG, "touch: topics screen: tile %d at %d,%d %dx%d", i, r.x, r.y, r.w, r.h);
        }
    }
    if (t->view == BT_VIEW_LOOP) {
        /* Back to the loop where it left off, the slide given its full time. */
        back_to_loop(p, now);
        bt_log(BT_LOG_DEBUG, "touch: back to the loop");
    }
    bt_scene_paint_touch(&p->scene, t, new_topic, now, wall(p));
    bt_clips_page(&p->clips, bt_touch_slide(t), t->paused, now);
}

/* ---- events and deadlines ---- */

static void on_event(player *p, const SDL_Event *ev)
{
    uint64_t now = SDL_GetTicks64();
    if (ev->type == p->ev_painted) {
        bt_scene_take_painted(&p->scene, ev->user.data1);
        return;
    }
    if (bt_clips_event(&p->clips, ev))
        return; /* a clip is ready, a frame came, a clip ended: the next step sees it */
    if (ev->type == p->scene.ev_pictures) {
        bt_scene_take_pictures(&p->scene, ev, &p->c.touch, wall(p));
        return;
    }
    switch (bt_services_route(&p->services, ev)) {
    case BT_SERVICE_NONE:
        break;
    case BT_SERVICE_DONE:
        return;
    case BT_SERVICE_RELOAD:
        bt_loader_request(p->services.loader, p->path, "the file changed");
        return;
    case BT_SERVICE_CURRENT:
        if (p->follow)
            follow_current(p);
        return;
    case BT_SERVICE_HUP:
        bt_loader_request(p->services.loader, p->path, "SIGHUP");
        return;
    case BT_SERVICE_LOADED:
        on_loaded(p, ev->user.data1);
        return;
    case BT_SERVICE_USB_STARTED:
        bt_powerctl_poke(&p->power, now, idle_ms(p)); /* the office must see what it says */
        bt_scene_overlay(&p->scene, BT_OVERLAY_INFO, p->c.pl->labels[BT_LABEL_USB_CHECKING], NULL,
                         0, 120, now);
        return;
    case BT_SERVICE_USB_RESULT:
        bt_powerctl_poke(&p->power, now, idle_ms(p));
        on_usb_result(p, ev->user.data1, now);
        return;
    case BT_SERVICE_USB_PROGRESS: {
        /* the same overlay, its line of progress made again */
        char line[256];
        bt_label_fill_progress(p->c.pl->labels[BT_LABEL_USB_COPYING_VIDEO],
                               (int)(intptr_t)ev->user.data1, (int)(intptr_t)ev->user.data2,
                               ev->user.code, line, sizeof line);
        const char *lines[1] = {line};
        bt_scene_overlay(&p->scene, BT_OVERLAY_INFO, p->c.pl->labels[BT_LABEL_USB_CHECKING], lines,
                         1, 120, now);
        return;
    }
    }
    /* A touch that wakes a sleeping screen does only that. */
    if (bt_powerctl_input(&p->power, ev, now, idle_ms(p)))
        return;
    bt_intent it = bt_input_event(&p->input, ev, &p->scene, p->display.win, p->c.touch.view,
                                  p->display.windowed, now);
    if (it.handled) {
        p->quit = p->quit || it.quit;
        for (int i = 0; i < it.n; i++)
            touch(p, it.in[i], now);
        return;
    }
    switch (ev->type) {
    case SDL_QUIT:
        p->quit = true;
        break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            bt_scene_relayout(&p->scene, &p->loop, &p->c.touch, wall(p));
            bt_input_resize(&p->input, p->scene.sc.w);
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            p->scene.dirty = true;
        }
        break;
    }
}

/* The loop's own deadlines: slide changes, tips, a schedule opening. */
static uint64_t step_loop(player *p, uint64_t now)
{
    if (now >= bt_loop_recheck_deadline(&p->loop) && bt_loop_recheck(&p->loop, now, wall(p)))
        rechecked(p);
    uint64_t slide_at = bt_loop_slide_deadline(&p->loop);
    bool changing = p->scene.in_transition;
    if (p->pending && !changing && (now >= slide_at || slide_at == UINT64_MAX)) {
        take_pending(p, now); /* an imported playlist, in place of the next slide */
        return now;
    }
    if (!changing && now >= slide_at)
        change_slide(p, now);
    if (now >= bt_loop_tip_deadline(&p->loop)) {
        bt_loop_advance_tip(&p->loop, now);
        bt_scene_paint_tip(&p->scene, p->loop.tip);
    }
    uint64_t next = bt_loop_tip_deadline(&p->loop);
    slide_at = bt_loop_slide_deadline(&p->loop);
    if (slide_at > now) /* when late, the painted event wakes us */
        next = earliest(next, slide_at);
    return earliest(next, bt_loop_recheck_deadline(&p->loop));
}

/* The frames due at now; a clip over ends its slide's time, one that
 * cannot play is passed over. The loop wakes for each frame only while a
 * clip plays. Returns when a clip needs it next. */
static uint64_t step_clips(player *p, bool loop, uint64_t now)
{
    bt_clips_news n = bt_clips_step(&p->clips, &p->scene, loop, now);
    if (n.redraw)
        p->scene.dirty = true;
    if (n.next_broken)
        pass_over(p, now);
    if (n.loop_over) {
        bt_loop_clip_over(&p->loop, now);
        return now; /* the loop moves on at once */
    }
    return n.deadline;
}

/* systemd's watchdog: WATCHDOG=1 when due, sent from the main loop, so
 * that a loop that hangs is restarted. Returns when it is next due. */
static uint64_t watchdog(player *p, uint64_t now)
{
    if (!p->watchdog_ms)
        return UINT64_MAX;
    if (now >= p->watchdog_at) {
        bt_notify("WATCHDOG=1");
        p->watchdog_at = now + p->watchdog_ms;
    }
    return p->watchdog_at;
}

/* Everything that is due at now. Returns the next deadline. */
static uint64_t step(player *p, uint64_t now)
{
    if (now >= bt_powerctl_deadline(&p->power))
        update_screen(p, now, true);
    /* Powered down: no frame, no slide, tip or clock; only the screen's
     * next change and the watchdog wake the loop (and any event). */
    if (bt_powerctl_asleep(&p->power))
        return earliest(bt_powerctl_deadline(&p->power), watchdog(p, now));
    uint64_t next = bt_scene_step(&p->scene, &p->c.touch, now, wall(p));
    if (now >= p->minute_at) {
        check_clock(p, now);
        bt_scene_paint_header(&p->scene, wall(p));
        if (p->c.touch.view == BT_VIEW_TOPICS) /* its header shows the clock too */
            bt_scene_paint_touch(&p->scene, &p->c.touch, false, now, wall(p));
        /* The header changes each minute with the clock, or with the
         * "clock not set" mark until the clock is set. */
        p->minute_at = p->c.pl->theme.clock || !p->clock_known ? next_minute(p) : UINT64_MAX;
    }
    bt_touch before = p->c.touch;
    if (bt_touch_tick(&p->c.touch, now)) {
        /* The visitor left: back to the loop by itself, with a fade, the
         * loop's slide given its full time again. */
        bt_scene_begin_change(&p->scene, &before, 0, now);
        back_to_loop(p, now);
        mark_shown(p, now);
        bt_log(BT_LOG_DEBUG, "touch: idle, back to the loop");
    }
    next = earliest(next, earliest(p->minute_at, bt_powerctl_deadline(&p->power)));
    next = earliest(next, watchdog(p, now));
    bool loop = p->c.touch.view == BT_VIEW_LOOP;
    if (loop) {
        if (!bt_powerctl_dark(&p->power)) /* dark: still until the off hours end or a touch */
            next = earliest(next, step_loop(p, now));
    } else {
        next = earliest(next, bt_touch_deadline(&p->c.touch));
        next = earliest(next, bt_touch_countdown_at(&p->c.touch, now));
    }
    /* The visitor sees the idle return coming in its last seconds. */
    bt_scene_countdown(&p->scene, bt_touch_countdown(&p->c.touch, now));
    next = earliest(next, step_clips(p, loop && !bt_powerctl_dark(&p->power), now));
    /* A movement started by this step draws its next frame soon. */
    if (p->scene.in_transition || p->scene.in_screen_change)
        next = earliest(next, now + 16);
    return next;
}

static void run(player *p)
{
    while (!p->quit) {
        uint64_t now = SDL_GetTicks64();
        uint64_t until = step(p, now);
        if (p->scene.dirty && !bt_powerctl_asleep(&p->power))
            bt_scene_draw(&p->scene, &p->c.touch, now);
        bt_clips_flush(&p->clips); /* what the frame just shown replaced */
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

/* Waits for the loader's first result (the playlist given at start) and
 * returns it; it was read while the display opened. */
static bt_loaded *first_load(player *p)
{
    Uint32 type = p->services.ev_loaded;
    for (;;) {
        SDL_Event ev;
        SDL_PumpEvents();
        if (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, type, type) == 1)
            return ev.user.data1;
        SDL_Delay(1);
    }
}

/* The first playlist's problem in one line, for the screen: its first
 * error, else why it could not be made ready. */
static void first_problem(const bt_loaded *r, const char *err, char *buf, size_t size)
{
    snprintf(buf, size, "%s", err);
    for (int i = 0; i < r->diags.count; i++)
        if (r->diags.items[i].severity == BT_ERROR) {
            bt_diag_format_people(&r->diags.items[i], buf, size);
            break;
        }
}

/* Starts playing the first of the candidates that can be played: each is
 * read on the loader in turn and made ready here (its fonts opened). The
 * first one's problem goes to why (when another is played instead). Returns
 * the exit status: 0 playing, 1 none can be played, 3 no display (the
 * playlists are still read first: an unusable one is a 1 either way). */
static int start_content(player *p, bool shown, char *why, size_t whysize)
{
    const bt_player_config *cfg = p->cfg;
    char err[512];
    for (int i = 0; i < cfg->n_paths; i++) {
        if (i > 0)
            bt_loader_request(p->services.loader, cfg->paths[i], "start");
        bt_loaded *r = first_load(p);
        bt_log_diags(&r->diags);
        snprintf(err, sizeof err, _("it has no slide that can be shown"));
        bool ok = r->pl != NULL;
        if (ok && !shown) {
            bt_loaded_free(r);
            return 3;
        }
        if (ok) {
            ok = content_make(&p->c, r->pl, p->ev_painted, err, sizeof err);
            r->pl = NULL; /* taken, or freed */
        }
        if (ok && !(p->path = strdup(r->path))) {
            snprintf(err, sizeof err, "out of memory");
            content_free(&p->c);
            ok = false;
        }
        if (ok) {
            bt_loaded_free(r);
            return 0;
        }
        if (i == 0)
            first_problem(r, err, why, whysize);
        if (i + 1 < cfg->n_paths)
            bt_log(BT_LOG_ERROR, "%s cannot be played (%s): trying %s", r->path, err,
                   cfg->paths[i + 1]);
        else
            fprintf(stderr, _("bangtin: %s cannot be played (%s; see the errors above)\n"), r->path,
                    err);
        bt_loaded_free(r);
    }
    return 1;
}

static void close_all(player *p)
{
    bt_services_stop(&p->services);
    bt_import_result_free(p->pending);
    free(p->path);
    bt_clips_free(&p->clips);
    free(p->want_path);
    bt_scene_free(&p->scene);
    content_free(&p->c);
    bt_display_close(&p->display);
    TTF_Quit();
    SDL_Quit();
}

int bt_player_run(const bt_player_config *cfg)
{
    player p = {.cfg = cfg};
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
    int status = 0;
    char err[512] = "out of memory";
    /* The playlist is read on its thread while the display opens: a long
     * playlist and a window take about as long. */
    if (cfg->n_paths < 1 || !bt_services_start_early(&p.services, cfg->paths[0], err, sizeof err)) {
        fprintf(stderr, _("bangtin: cannot start: %s\n"), cfg->n_paths < 1 ? "no playlist" : err);
        close_all(&p);
        return 1;
    }
    bool shown = bt_display_open(&p.display, cfg->windowed, cfg->win_w, cfg->win_h);
    p.ev_painted = SDL_RegisterEvents(1);
    char why[1024] = "";
    status = p.ev_painted == (Uint32)-1 ? 1 : start_content(&p, shown, why, sizeof why);
    if (status != 0)
        goto done;
    if (!bt_scene_init(&p.scene, p.display.ren, cfg->rotate, err, sizeof err) ||
        (!bt_clips_init(&p.clips, p.display.ren) && snprintf(err, sizeof err, "%s", _("no SDL events left")))) {
        fprintf(stderr, _("bangtin: cannot start: %s\n"), err);
        status = 1;
        goto done;
    }
    /* The kiosk's name on the reports it writes: kiosk.yaml's, else its
     * header (the office's name), never the board's bare host name (the
     * same on every kiosk of an image). */
    bt_kiosk_name_make(cfg->settings ? cfg->settings->name : NULL, p.c.pl->theme.header,
                       p.services.kiosk_name, sizeof p.services.kiosk_name);
    bt_services_start(&p.services, cfg->library, p.path, cfg->watch, cfg->n_watch, cfg->unpaired_ok);
    p.follow = cfg->bundled && cfg->library;
    if (p.follow) {
        bt_services_follow_current(&p.services, cfg->library, p.path);
        import_of(&p, p.path, p.playing_import, sizeof p.playing_import);
    }
    bt_shown_init(&p.shown, p.services.log);
    const bt_settings *set = cfg->settings;
    bt_powerctl_start(&p.power, set ? &set->hours : NULL, p.display.win,
                      set ? set->power_off : NULL, set ? set->power_on : NULL, p.services.log);
    uint64_t now = SDL_GetTicks64();
    /* The header is painted once, with the clock's state known already. */
    p.clock_known = bt_clock_known(wall(&p));
    if (!p.clock_known)
        say_clock(false);
    begin(&p, now);
    bt_log(BT_LOG_INFO, "playing \"%s\": %d slides, %d tips, %d topics on %dx%d", p.c.pl->name,
           p.c.pl->n_slides, p.c.pl->n_tips, p.c.pl->n_topics, p.scene.out_w, p.scene.out_h);
    if (strcmp(p.path, cfg->paths[0]) != 0) {
        /* The newest content could not start: the kiosk plays the one
         * before, and says so where the technician and the office see it. */
        bt_log(BT_LOG_WARNING, "%s could not be played: playing %s instead", cfg->paths[0], p.path);
        const char *lines[1] = {why};
        bt_scene_overlay(&p.scene, BT_OVERLAY_ERROR, p.c.pl->labels[BT_LABEL_FALLBACK], lines,
                         why[0] ? 1 : 0, 30, now);
    }
    p.watchdog_ms = bt_notify_watchdog_ms();
    p.watchdog_at = now;
    bt_notify("READY=1");
    run(&p);
    bt_notify("STOPPING=1");
    now = SDL_GetTicks64();
    mark_shown(&p, now);
    bt_powerctl_stop(&p.power, now, wall(&p));
    bt_log(BT_LOG_INFO, "stopped");
done:
    close_all(&p);
    return status;
}
