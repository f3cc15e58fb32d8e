/* campaign_watch.c: following the province's campaign on a thread of its
 * own (campaign_watch.h). */
#include "campaign_watch.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/log.h"
#include "library/campaign_follow.h"
#include "library/history.h"
#include "model/schedule.h"
#include "watch.h"

struct bt_campaign_watch {
    char *folder, *library;
    bt_keyring keys;
    bt_load_options load, start_load;
    int64_t wall_offset_s;
    Uint32 ev_news, ev_watch;
    bt_watch *watch;
    bt_follow follow;

    SDL_Thread *thread;
    int wake_fd; /* eventfd: the folder changed, a stick came, or stop */
    SDL_atomic_t quit;
    SDL_mutex *lock; /* guards stick and new_keys */
    char *stick;     /* a stick waiting to be imported (the newest only) */
    bt_keyring *new_keys; /* keys to use from the next look (SIGHUP) */
    long copy_delay_ms; /* tests: BANGTIN_TEST_IMPORT_DELAY_MS */
};

static void wake(bt_campaign_watch *w)
{
    uint64_t one = 1;
    if (write(w->wake_fd, &one, sizeof one) < 0 && errno != EAGAIN)
        bt_log(BT_LOG_WARNING, "campaign: cannot wake its thread: %s", strerror(errno));
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Posts n; freed when it cannot be posted. */
static void push(bt_campaign_watch *w, bt_campaign_news *n)
{
    SDL_Event ev = {0};
    ev.type = w->ev_news;
    ev.user.data1 = n;
    if (SDL_PushEvent(&ev) != 1)
        bt_campaign_news_free(n);
}

/* The campaign in place, its playlist read: the first news. */
static void say_initial(bt_campaign_watch *w)
{
    bt_campaign_news *n = calloc(1, sizeof *n);
    if (!n)
        return;
    n->initial = true;
    n->r.status = BT_CIMPORT_CURRENT;
    bt_campaign_current *cur = malloc(sizeof *cur);
    if (cur) {
        bt_campaign_store_current(w->library, cur);
        if (cur->present) {
            bt_diags d;
            bt_diags_init(&d);
            n->r.pl = bt_playlist_load_path(cur->playlist, &w->start_load, &d);
            bt_log_diags(&d);
            bt_diags_clear(&d);
            n->r.version = cur->version;
            snprintf(n->r.name, sizeof n->r.name, "%s", cur->name);
            snprintf(n->r.playlist, sizeof n->r.playlist, "%s", cur->playlist);
            snprintf(n->r.issued, sizeof n->r.issued, "%s", cur->issued);
            n->r.n_files = cur->n_files;
            n->r.bytes = cur->bytes;
            n->imported_at = (long long)cur->imported;
            if (!n->r.pl)
                bt_log(BT_LOG_ERROR, "campaign: %s (version %lld) cannot be played now",
                       cur->name, cur->version);
        }
        free(cur);
    }
    push(w, n);
}

/* Import hook: cut short when the player stops; slowed in tests. */
static bool before_copy(void *ctx, int index, const char *path)
{
    (void)index;
    (void)path;
    bt_campaign_watch *w = ctx;
    if (w->copy_delay_ms > 0)
        SDL_Delay((Uint32)w->copy_delay_ms);
    return !SDL_AtomicGet(&w->quit);
}

/* Decides about dir and imports it when it is accepted; the news goes to
 * the player. */
static bt_cimport_status import_from(bt_campaign_watch *w, const char *dir, bool settled,
                                     bool stick)
{
    bt_campaign_news *n = calloc(1, sizeof *n);
    if (!n)
        return BT_CIMPORT_FAILED;
    n->from_stick = stick;
    snprintf(n->source, sizeof n->source, "%s", dir);
    time_t now = time(NULL) + (time_t)w->wall_offset_s;
    bt_cimport_options opt = {
        .library = w->library,
        .keys = &w->keys,
        .now = now,
        .clock_trusted = bt_clock_known(now),
        .settled = settled,
        .load = &w->load,
        .before_copy = before_copy,
        .ctx = w,
    };
    bt_campaign_import(dir, &opt, &n->r); /* logs what it did, but WAIT and CURRENT */
    bt_cimport_status st = n->r.status;
    bt_log(BT_LOG_DEBUG, "campaign: %s: %s", bt_cimport_status_name(st), n->r.reason);
    n->imported_at = (long long)time(NULL);
    if (st != BT_CIMPORT_WAIT && st != BT_CIMPORT_CURRENT) {
        bt_history_entry h = {.when = time(NULL)};
        snprintf(h.source, sizeof h.source, "%s", stick ? "usb-campaign" : "campaign");
        snprintf(h.result, sizeof h.result, "%s", bt_cimport_status_name(st));
        if (st == BT_CIMPORT_LOADED)
            snprintf(h.detail, sizeof h.detail, "version %lld, %d files", n->r.version,
                     n->r.n_files);
        else
            snprintf(h.detail, sizeof h.detail, "version %lld: %s", n->r.version, n->r.reason);
        bt_history_add(w->library, &h);
    }
    push(w, n);
    return st;
}

/* The stick waiting, taken (malloc'd), or NULL. */
static char *take_stick(bt_campaign_watch *w)
{
    SDL_LockMutex(w->lock);
    char *s = w->stick;
    w->stick = NULL;
    SDL_UnlockMutex(w->lock);
    return s;
}

/* Looks at the folder now; returns when to look again at the latest. */
static uint64_t look(bt_campaign_watch *w)
{
    uint64_t now = mono_ms();
    uint64_t fp = bt_campaign_fingerprint(w->folder);
    bt_follow_action act = bt_follow_look(&w->follow, now, fp);
    if (act != BT_FOLLOW_NOTHING) {
        bool settled = act == BT_FOLLOW_DECIDE_SETTLED;
        bt_log(BT_LOG_DEBUG, "campaign: deciding about %s%s", w->folder,
               settled ? " (settled)" : "");
        bt_cimport_status st = import_from(w, w->folder, settled, false);
        bt_follow_decided(&w->follow, fp, settled, st);
        /* It may have changed while it was decided about: look again. */
        now = mono_ms();
        bt_follow_look(&w->follow, now, bt_campaign_fingerprint(w->folder));
    }
    uint64_t next = bt_follow_deadline(&w->follow);
    uint64_t poll_at = now + BT_CAMPAIGN_POLL_MS;
    return next < poll_at ? next : poll_at;
}

/* New keys, when given: used from now, the folder looked at afresh. */
static bool take_keys(bt_campaign_watch *w)
{
    SDL_LockMutex(w->lock);
    bt_keyring *k = w->new_keys;
    w->new_keys = NULL;
    SDL_UnlockMutex(w->lock);
    if (!k)
        return false;
    w->keys = *k;
    free(k);
    bt_follow_init(&w->follow, w->follow.debounce_ms, w->follow.quiet_ms);
    bt_log(BT_LOG_INFO, "campaign: trusted keys now: %d", w->keys.n);
    return true;
}

static int campaign_thread(void *arg)
{
    bt_campaign_watch *w = arg;
    say_initial(w);
    uint64_t next = w->folder ? 0 : UINT64_MAX;
    while (!SDL_AtomicGet(&w->quit)) {
        if (take_keys(w) && w->folder)
            next = 0;
        char *stick = take_stick(w);
        if (stick) {
            bt_log(BT_LOG_INFO, "campaign: a stick carries a campaign: %s", stick);
            import_from(w, stick, true, true);
            free(stick);
            continue;
        }
        uint64_t now = mono_ms();
        if (w->folder && now >= next) {
            next = look(w);
            continue;
        }
        int timeout = next == UINT64_MAX ? -1 : next - now > 600000 ? 600000 : (int)(next - now);
        struct pollfd fd = {w->wake_fd, POLLIN, 0};
        if (poll(&fd, 1, timeout) > 0) {
            uint64_t v;
            if (read(w->wake_fd, &v, sizeof v) < 0 && errno != EAGAIN)
                break;
            if (w->folder)
                next = mono_ms(); /* a change: look now (follow waits for quiet) */
        }
    }
    return 0;
}

bt_campaign_watch *bt_campaign_watch_start(const bt_campaign_watch_config *cfg, char *err,
                                           size_t errsize)
{
    bt_campaign_watch *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    w->wake_fd = -1;
    w->folder = cfg->folder ? strdup(cfg->folder) : NULL;
    w->library = strdup(cfg->library);
    if (cfg->keys)
        w->keys = *cfg->keys;
    if (cfg->load)
        w->load = *cfg->load;
    w->start_load = cfg->start_load ? *cfg->start_load : w->load;
    w->wall_offset_s = cfg->wall_offset_s;
    w->ev_news = cfg->event_type;
    bt_follow_init(&w->follow, cfg->debounce_ms, cfg->quiet_ms);
    const char *delay = getenv("BANGTIN_TEST_IMPORT_DELAY_MS");
    char *end = NULL;
    long ms = delay ? strtol(delay, &end, 10) : 0;
    if (delay && end != delay && *end == '\0' && ms > 0 && ms < 60000)
        w->copy_delay_ms = ms;
    w->lock = SDL_CreateMutex();
    w->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (!w->library || (cfg->folder && !w->folder) || !w->lock || w->wake_fd < 0) {
        snprintf(err, errsize, _("out of memory or descriptors"));
        bt_campaign_watch_stop(w);
        return NULL;
    }
    if (w->folder) {
        w->ev_watch = SDL_RegisterEvents(1);
        const char *paths[1] = {w->folder};
        char werr[512];
        w->watch = w->ev_watch != (Uint32)-1
                       ? bt_watch_start(paths, 1, w->ev_watch, werr, sizeof werr)
                       : NULL;
        if (!w->watch) {
            w->ev_watch = 0;
            bt_log(BT_LOG_WARNING, "campaign: %s is looked at every %d s only", w->folder,
                   BT_CAMPAIGN_POLL_MS / 1000);
        }
    }
    w->thread = SDL_CreateThread(campaign_thread, "bangtin-campai", w);
    if (!w->thread) {
        snprintf(err, errsize, _("cannot start the campaign thread: %s"), SDL_GetError());
        bt_campaign_watch_stop(w);
        return NULL;
    }
    return w;
}

Uint32 bt_campaign_watch_event(const bt_campaign_watch *w)
{
    return w && w->watch ? w->ev_watch : 0;
}

void bt_campaign_watch_changed(bt_campaign_watch *w)
{
    if (w)
        wake(w);
}

void bt_campaign_watch_keys(bt_campaign_watch *w, const bt_keyring *keys)
{
    bt_keyring *copy = w ? malloc(sizeof *copy) : NULL;
    if (!copy)
        return;
    *copy = *keys;
    SDL_LockMutex(w->lock);
    free(w->new_keys);
    w->new_keys = copy;
    SDL_UnlockMutex(w->lock);
    wake(w);
}

void bt_campaign_watch_stick(bt_campaign_watch *w, const char *dir)
{
    char *copy = w ? strdup(dir) : NULL;
    if (!copy)
        return;
    SDL_LockMutex(w->lock);
    free(w->stick);
    w->stick = copy;
    SDL_UnlockMutex(w->lock);
    wake(w);
}

/* Frees the news of type ev_news still queued. */
static void drain(Uint32 type)
{
    SDL_Event ev;
    SDL_PumpEvents();
    while (type && SDL_PeepEvents(&ev, 1, SDL_GETEVENT, type, type) == 1)
        bt_campaign_news_free(ev.user.data1);
}

void bt_campaign_watch_stop(bt_campaign_watch *w)
{
    if (!w)
        return;
    SDL_AtomicSet(&w->quit, 1);
    bt_watch_stop(w->watch);
    if (w->thread) {
        wake(w);
        SDL_WaitThread(w->thread, NULL);
    }
    drain(w->ev_news);
    if (w->wake_fd >= 0)
        close(w->wake_fd);
    if (w->lock)
        SDL_DestroyMutex(w->lock);
    free(w->stick);
    free(w->new_keys);
    free(w->folder);
    free(w->library);
    free(w);
}

void bt_campaign_news_free(bt_campaign_news *n)
{
    if (!n)
        return;
    bt_cimport_result_clear(&n->r);
    free(n);
}
