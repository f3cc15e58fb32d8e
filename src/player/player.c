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
#include <unistd.h>

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
#include "render/checks.h"
#include "powerctl.h"
#include "render/painter.h"
#include "render/prefetch.h"
#include "reports.h"
#include "scene.h"
#include "services.h"
#include "shown.h"
#include "sources.h"
#include "sys/notify.h"

/* What plays: a playlist and what is made for it, replaced together. pl
 * is the loop's playlist made from the two sources (sources.h), which it
 * shares with the content before or after it. */
typedef struct {
    bt_playlist *pl;
    bt_source *office, *campaign; /* either may be NULL */
    bool view; /* pl is a view of both (freed here), not one source's own */
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
    bt_source *campaign;        /* the province's campaign in place (NULL: none) */
    bt_source *pending_campaign; /* a new campaign, taken at the next slide change */
    bool campaign_waiting;      /* the campaign's first news not read yet */

    /* the kiosk's status (reports.h): what the player knows of it */
    bt_reports *reports;
    bt_status status;
    const bt_playlist *status_pl; /* the loop's playlist the status says plays */
    uint64_t status_at;         /* when it is written again anyway */
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
    bool stopped; /* asked to quit and ended cleanly */
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
    if (c->view)
        bt_playlist_free(c->pl); /* the view, then what it shares */
    bt_source_drop(c->office);
    bt_source_drop(c->campaign);
    *c = (content){0};
}

/* Makes what the two sources need to be played (each held once more by c):
 * the loop's playlist made from them, its painter and worker, the touch
 * tiles. The office's playlist plays beside a campaign unless it is the
 * bundled one (office_path is where it was read). false with the reason in
 * err (nothing held). */
static bool content_make_from(player *p, content *c, bt_source *office, bt_source *campaign,
                              const char *office_path, char *err, size_t errsize)
{
    const char *bundled = p->cfg->bundled;
    bool beside = !bundled || !office_path || strcmp(office_path, bundled) != 0;
    *c = (content){.office = bt_source_ref(office), .campaign = bt_source_ref(campaign)};
    snprintf(err, errsize, _("out of memory"));
    bt_playlist *pl = c->pl = bt_sources_mix(campaign, office, beside, &c->view);
    if (pl && bt_touch_init(&c->touch, pl) && (c->painter = bt_painter_create(pl, err, errsize)) &&
        (c->pf = bt_prefetch_start(pl, p->ev_painted, err, errsize)))
        return true;
    content_free(c);
    return false;
}

/* content_make_from with the office's playlist pl (taken) read from
 * office_path, and the campaign in place. */
static bool content_make(player *p, content *c, bt_playlist *pl, const char *office_path,
                         char *err, size_t errsize)
{
    bt_source *office = bt_source_hold(pl);
    if (!office) {
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    bool ok = content_make_from(p, c, office, p->campaign, office_path, err, errsize);
    bt_source_drop(office);
    return ok;
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
    if (!content_make(p, &next, pl, p->path, err, sizeof err)) {
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

/* ---- the province's campaign ---- */

/* Plays the new campaign from now, with the office's playlist playing:
 * called at a slide change, as a stick's import is. */
static void take_campaign(player *p, uint64_t now)
{
    bt_source *campaign = p->pending_campaign;
    p->pending_campaign = NULL;
    char err[512];
    content next;
    if (!content_make_from(p, &next, p->c.office, campaign, p->path, err, sizeof err)) {
        bt_log(BT_LOG_ERROR, "campaign: cannot be played (%s): kept what was playing", err);
        bt_source_drop(campaign);
        return;
    }
    mark_shown(p, now);
    bt_clips_bind(&p->clips, NULL); /* its clips play its slides */
    content_free(&p->c);
    p->c = next;
    bt_source_drop(p->campaign);
    p->campaign = campaign; /* the holder's count taken from pending */
    begin(p, now);
    bt_log(BT_LOG_INFO, "campaign: \"%s\" plays now: %d slides in the loop with the office's",
           bt_source_playlist(campaign)->name, p->c.pl->n_slides);
}

/* The campaign's facts in the status. */
static void status_campaign(player *p, const bt_campaign_news *n, const bt_playlist *pl)
{
    bt_status *s = &p->status;
    s->campaign_present = true;
    s->campaign_version = n->r.version;
    snprintf(s->campaign_name, sizeof s->campaign_name, "%s", pl ? pl->name : n->r.name);
    snprintf(s->campaign_issued, sizeof s->campaign_issued, "%s", n->r.issued);
    s->campaign_imported_at = n->imported_at;
}

/* The first news of the campaign's thread: the campaign in place. */
static void first_campaign(player *p, bt_campaign_news *n)
{
    bool late = !p->campaign_waiting; /* playing already: taken at the next slide change */
    p->campaign_waiting = false;
    if (n->r.pl) {
        bt_source *src = bt_source_hold(n->r.pl);
        n->r.pl = NULL;
        if (late) {
            bt_source_drop(p->pending_campaign);
            p->pending_campaign = src;
        } else {
            p->campaign = src;
        }
        status_campaign(p, n, bt_source_playlist(src));
        snprintf(p->status.campaign_state, sizeof p->status.campaign_state, "in place");
        bt_log(BT_LOG_INFO, "campaign: version %lld (%s) in place", n->r.version, n->r.name);
    } else if (n->r.name[0]) {
        snprintf(p->status.campaign_state, sizeof p->status.campaign_state,
                 "the campaign in place cannot be played");
    }
    bt_campaign_news_free(n);
}

/* What a look at the campaign found: a new one is taken at the next slide
 * change; a refused one is said on screen for a while (the campaign in
 * place plays on) and in the status. */
static void on_campaign(player *p, bt_campaign_news *n, uint64_t now)
{
    if (n->initial) {
        first_campaign(p, n);
        return;
    }
    char **L = p->c.pl->labels;
    bt_cimport_result *r = &n->r;
    char *state = p->status.campaign_state;
    size_t statesize = sizeof p->status.campaign_state;
    const char *lines[4];
    int k = 0;
    char counts[256], version[64];
    switch (r->status) {
    case BT_CIMPORT_LOADED: {
        bt_source *src = bt_source_hold(r->pl);
        r->pl = NULL;
        if (!src)
            break;
        bt_source_drop(p->pending_campaign);
        p->pending_campaign = src;
        const bt_playlist *pl = bt_source_playlist(src);
        status_campaign(p, n, pl);
        snprintf(state, statesize, "loaded version %lld", r->version);
        bt_label_fill(L[BT_LABEL_USB_COUNTS], pl->n_slides, pl->n_tips, pl->n_topics, counts,
                      sizeof counts);
        snprintf(version, sizeof version, "%s %lld", L[BT_LABEL_CAMPAIGN_VERSION], r->version);
        lines[k++] = version;
        lines[k++] = counts;
        bt_scene_overlay(&p->scene, BT_OVERLAY_INFO, L[BT_LABEL_CAMPAIGN_LOADED], lines, k, 10,
                         now);
        p->status_at = now;
        break;
    }
    case BT_CIMPORT_REFUSED:
        /* Once per state of the folder (campaign_follow.h): not repeated. */
        snprintf(state, statesize, "refused: %s", r->reason);
        lines[k++] = bt_campaign_cause_vi(r->cause, r->bad_playlist);
        for (int i = 0; i < r->n_problems && k < 3; i++)
            lines[k++] = r->problems[i];
        if (p->campaign) {
            snprintf(version, sizeof version, "%s %lld", L[BT_LABEL_CAMPAIGN_KEPT],
                     p->status.campaign_version);
            lines[k++] = version;
        }
        bt_scene_overlay(&p->scene, BT_OVERLAY_ERROR, L[BT_LABEL_CAMPAIGN_REFUSED], lines, k, 15,
                         now);
        p->status_at = now;
        break;
    case BT_CIMPORT_WAIT:
        snprintf(state, statesize, "waiting: %s", r->reason);
        p->status_at = now;
        break;
    case BT_CIMPORT_CURRENT:
        snprintf(state, statesize, "version %lld in place", r->version);
        if (n->from_stick) {
            lines[k++] = L[BT_LABEL_USB_SAFE];
            bt_scene_overlay(&p->scene, BT_OVERLAY_INFO, L[BT_LABEL_CAMPAIGN_ALREADY], lines, k,
                             10, now);
        }
        p->status_at = now;
        break;
    case BT_CIMPORT_ABORTED:
    case BT_CIMPORT_FAILED:
        snprintf(state, statesize, "%s: %s", bt_cimport_status_name(r->status), r->reason);
        if (n->from_stick || r->status == BT_CIMPORT_FAILED)
            bt_scene_overlay(&p->scene, BT_OVERLAY_ERROR, L[BT_LABEL_CAMPAIGN_REFUSED], lines, 0,
                             15, now);
        p->status_at = now;
        break;
    }
    bt_campaign_news_free(n);
}

/* SIGHUP: the trusted keys read again (a key installed or removed in
 * trusted.d), for the campaign thread. */
static void reload_keys(player *p)
{
    const bt_player_config *cfg = p->cfg;
    if (!p->services.campaign)
        return;
    bt_keyring *keys = malloc(sizeof *keys);
    if (!keys)
        return;
    bt_diags d;
    bt_diags_init(&d);
    if (!bt_keyring_load(keys, cfg->trust, cfg->n_trust, cfg->trusted_dir, &d))
        bt_log(BT_LOG_ERROR, "a --trust key cannot be used: campaigns it signed are refused");
    bt_log_diags(&d);
    bt_diags_clear(&d);
    bt_campaign_watch_keys(p->services.campaign, keys);
    free(keys);
}

/* ---- the kiosk's status ---- */

#define STATUS_EVERY_MS (3600 * 1000ULL) /* written again anyway, and the outbox with it */

/* When the import folder LIBRARY/playlists/NAME (NAME begins with its UTC
 * time, YYYYMMDDTHHMMSSZ) that path plays from was imported; 0 unknown. */
static long long imported_at(const char *library, const char *path)
{
    char link[4200], name[256] = "";
    size_t n = library ? strlen(library) : 0;
    if (!library || strncmp(path, library, n) != 0 || path[n] != '/')
        return 0;
    const char *rel = path + n + 1;
    if (strncmp(rel, "current/", 8) == 0) {
        snprintf(link, sizeof link, "%s/current", library);
        ssize_t k = readlink(link, name, sizeof name - 1);
        name[k > 0 ? k : 0] = '\0';
        rel = name;
    }
    const char *base = strstr(rel, "playlists/");
    struct tm tm = {0};
    if (!base || !strptime(base + 10, "%Y%m%dT%H%M%SZ", &tm))
        return 0;
    return (long long)timegm(&tm);
}

/* Fills what the player knows of the status. */
static void fill_status(player *p, uint64_t now)
{
    bt_status *s = &p->status;
    const bt_playlist *pl = p->c.pl;
    if (p->status_pl != pl) {
        s->playing_since = (long long)wall(p);
        p->status_pl = pl;
    }
    s->written_at = (long long)wall(p);
    const bt_playlist *office = bt_source_playlist(p->c.office);
    const bt_playlist *campaign = bt_source_playlist(p->c.campaign);
    bool bundled = p->cfg->bundled && strcmp(p->path, p->cfg->bundled) == 0;
    if (campaign && office && !bundled)
        snprintf(s->playing, sizeof s->playing, "%s + %s", campaign->name, office->name);
    else
        snprintf(s->playing, sizeof s->playing, "%s", campaign ? campaign->name : pl->name);
    s->slides = pl->n_slides;
    uint64_t re = bt_loop_recheck_deadline(&p->loop);
    s->next_change_at = re == UINT64_MAX ? 0 : s->written_at + (long long)((re - now) / 1000);
    snprintf(s->next_change, sizeof s->next_change, "%s",
             re == UINT64_MAX ? "" : "a slide's schedule opens or closes");
    s->office_present = office && !bundled;
    snprintf(s->office_name, sizeof s->office_name, "%s", office && !bundled ? office->name : "");
    snprintf(s->office_playlist, sizeof s->office_playlist, "%s", p->path);
    s->office_imported_at = imported_at(p->cfg->library, p->path);
    /* The screen, as update_screen last saw it: its power, and the
     * opening hours' next change when it comes before the loop's. */
    snprintf(s->power, sizeof s->power, "%s", p->screen.power ? p->screen.power : "");
    if (p->screen.next_change != (time_t)-1 && p->screen.power &&
        (!s->next_change_at || (long long)p->screen.next_change < s->next_change_at)) {
        s->next_change_at = (long long)p->screen.next_change;
        snprintf(s->next_change, sizeof s->next_change, "%s",
                 p->screen.next_opens ? "the office opens: the screen comes on"
                                      : "the office closes: the screen goes off");
    }
    p->screen_changed = false;
}

/* The status filled and handed to be written. */
static void write_status(player *p, uint64_t now)
{
    fill_status(p, now);
    bt_reports_post(p->reports, &p->status);
    p->status_at = now + STATUS_EVERY_MS;
}

/* The status is written when something in it changed, and hourly. */
static uint64_t step_status(player *p, uint64_t now)
{
    if (!p->reports)
        return UINT64_MAX;
    if (p->status_pl != p->c.pl || now >= p->status_at || p->screen_changed)
        write_status(p, now);
    return p->status_at;
}

static void start_status(player *p)
{
    const bt_player_config *cfg = p->cfg;
    bt_status_init(&p->status);
    p->status.started_at = (long long)time(NULL);
    p->status.pid = (long long)getpid();
    snprintf(p->status.version, sizeof p->status.version, "%s", BT_VERSION);
    if (cfg->campaign)
        snprintf(p->status.campaign_folder, sizeof p->status.campaign_folder, "%s", cfg->campaign);
    char err[512];
    if (cfg->library || cfg->outbox) {
        p->reports = bt_reports_start(cfg->library, cfg->outbox, cfg->kiosk ? cfg->kiosk : "bangtin",
                                      err, sizeof err);
        if (!p->reports)
            bt_log(BT_LOG_WARNING, "no status file nor outbox: %s", err);
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
        reload_keys(p);
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
        p->status_at = now;
        return;
    case BT_SERVICE_CAMPAIGN:
        on_campaign(p, ev->user.data1, now);
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
    if (p->pending_campaign && !changing && (now >= slide_at || slide_at == UINT64_MAX)) {
        take_campaign(p, now); /* a new campaign, in place of the next slide */
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
        uint64_t until = earliest(step(p, now), step_status(p, now));
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

/* Tests only: BANGTIN_TEST_CAMPAIGN_QUIET_MS shortens the quiet period
 * after which a synced folder still not verifying is refused (0: the
 * default, a minute). */
static int test_quiet_ms(void)
{
    const char *v = getenv("BANGTIN_TEST_CAMPAIGN_QUIET_MS");
    char *end = NULL;
    long ms = v ? strtol(v, &end, 10) : 0;
    return v && end != v && *end == '\0' && ms > 0 && ms < 600000 ? (int)ms : 0;
}

/* Waits for the campaign thread's first news (the campaign in place, read
 * while the display opened), so that the first slide is the mix's; not
 * more than a few seconds (a news that comes later is played then). */
static void wait_campaign(player *p)
{
    Uint32 type = p->services.ev_campaign;
    uint64_t until = SDL_GetTicks64() + 10000;
    while (p->campaign_waiting && SDL_GetTicks64() < until) {
        SDL_Event ev;
        SDL_PumpEvents();
        if (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, type, type) == 1)
            on_campaign(p, ev.user.data1, 0);
        else
            SDL_Delay(1);
    }
    if (p->campaign_waiting)
        bt_log(BT_LOG_WARNING, "campaign: the campaign in place is still being read: the "
                               "office's playlist plays alone until it is");
    p->campaign_waiting = false;
}

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
    wait_campaign(p);
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
            ok = content_make(p, &p->c, r->pl, r->path, err, sizeof err);
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
    /* After a clean run the status says the player stopped, and when. */
    if (p->reports && p->c.pl && p->stopped) {
        fill_status(p, SDL_GetTicks64());
        p->status.stopped_at = (long long)wall(p);
    }
    bt_reports_stop(p->reports, p->reports && p->c.pl && p->stopped ? &p->status : NULL);
    bt_services_stop(&p->services);
    bt_import_result_free(p->pending);
    bt_source_drop(p->pending_campaign);
    free(p->path);
    bt_clips_free(&p->clips);
    free(p->want_path);
    bt_scene_free(&p->scene);
    content_free(&p->c);
    bt_source_drop(p->campaign);
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
    if (cfg->library) {
        /* The campaign in place is read while the display opens, too. */
        bt_campaign_watch_config cc = {
            .folder = cfg->campaign,
            .library = cfg->library,
            .keys = cfg->keys,
            .load = bt_render_checks(),
            .start_load = bt_render_plain(), /* checked when it was taken; read as the loader reads */
            .wall_offset_s = p.wall_offset_ms / 1000,
            .quiet_ms = test_quiet_ms(),
        };
        p.campaign_waiting = bt_services_start_campaign(&p.services, &cc);
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
    start_status(&p);
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
    p.stopped = true;
done:
    close_all(&p);
    return status;
}
