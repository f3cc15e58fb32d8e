/* usb.c: finding sticks and importing them on a thread of their own.
 *
 * A stick is noticed two ways: a change in a watched folder (watch.c, as
 * when a sync tool drops a folder), and a change of the mount table
 * (poll() on /proc/self/mountinfo wakes on every mount), since mounting a
 * stick on a folder that already exists changes no folder entry. Mounts
 * take a moment to fill in, so each change is followed by a few later looks. */
#include "usb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/log.h"
#include "library/campaign_store.h"
#include "library/history.h"
#include "library/pairing.h"
#include "watch.h"

/* A stick as last seen: where, and the signature of what it held. */
typedef struct {
    char *path;
    uint64_t sig;
} seen_stick;

struct bt_usb {
    char **folders;
    int n_folders;
    char *library;
    bool unpaired_ok;
    bt_pair_key key;
    Uint32 ev_result, ev_started, ev_progress, ev_watch;
    int told_percent; /* the import thread's: the last progress posted */
    void (*campaign)(void *ctx, const char *dir);
    void *campaign_ctx;
    bt_watch *watch;
    bt_load_options load;
    char kiosk_name[80];

    SDL_Thread *thread;
    int wake_fd;     /* eventfd: a folder changed, or stop */
    int mounts_fd;   /* /proc/self/mountinfo, -1 if unavailable */
    SDL_atomic_t quit;

    /* the USB thread's own */
    seen_stick *seen;
    int n_seen;
};

/* Looks after a change at these delays (ms), for mounts that are slow. */
static const int follow_ups[] = {0, 1000, 3000, 10000};

/* ---- scanning ---- */

static bool same(const seen_stick *a, const seen_stick *b)
{
    return strcmp(a->path, b->path) == 0 && a->sig == b->sig;
}

/* Adds dir to found[] if it is a stick; returns the new count. */
static int consider(const char *dir, seen_stick *found, int n, int max)
{
    uint64_t sig;
    if (n >= max || !bt_import_is_stick(dir, &sig))
        return n;
    found[n] = (seen_stick){strdup(dir), sig};
    return found[n].path ? n + 1 : n;
}

/* The folder itself, its subfolders, and theirs: /media/USER/LABEL. A
 * stick's own folders are not sticks: its bangtin/ (whose playlist.yaml is
 * at its top) would otherwise be told to the office as a stick with its
 * playlist in the wrong place, after every good import. */
static int scan_tree(const char *dir, int depth, seen_stick *found, int n, int max)
{
    int before = n;
    n = consider(dir, found, n, max);
    /* A stick's own folders are its content, not other sticks (its
     * bangtin/ holds a playlist at its top). */
    if (depth == 0 || n > before)
        return n;
    DIR *d = opendir(dir);
    if (!d)
        return n;
    struct dirent *e;
    while ((e = readdir(d)) && n < max) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name) >= sizeof sub)
            continue;
        struct stat st;
        if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) /* never through links */
            n = scan_tree(sub, depth - 1, found, n, max);
    }
    closedir(d);
    return n;
}

/* Posts an event of type carrying r (NULL: none); r is freed when it
 * cannot be posted. */
static void push(Uint32 type, bt_import_result *r)
{
    if (!type) {
        bt_import_result_free(r);
        return;
    }
    SDL_Event ev = {0};
    ev.type = type;
    ev.user.data1 = r;
    if (SDL_PushEvent(&ev) != 1)
        bt_import_result_free(r);
}

/* Tests only: BANGTIN_TEST_IMPORT_DELAY_MS slows each copied file, so a
 * test can pull the stick or kill the player in the middle of an import. */
static bool slow_copy(void *ctx, int index, const char *name)
{
    (void)index;
    (void)name;
    SDL_Delay((Uint32)(intptr_t)ctx);
    return true;
}

/* The import's progress through its clips, as an event: at a clip's
 * start, every 5 % and at its end (each one is an overlay painted and a
 * line in the log: 22 a clip). */
static void post_progress(void *ctx, int n, int total, int percent)
{
    bt_usb *u = ctx;
    if (percent != 0 && percent != 100 && percent < u->told_percent + 5)
        return;
    u->told_percent = percent;
    SDL_Event ev = {0};
    ev.type = u->ev_progress;
    ev.user.code = percent;
    ev.user.data1 = (void *)(intptr_t)n;
    ev.user.data2 = (void *)(intptr_t)total;
    SDL_PushEvent(&ev);
}

static void import_one(bt_usb *u, const char *stick)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/bangtin", stick);
    if (u->campaign && bt_campaign_is_campaign_dir(dir)) {
        u->campaign(u->campaign_ctx, dir);
        return;
    }
    bt_log(BT_LOG_INFO, "usb: a stick at %s: checking it", stick);
    push(u->ev_started, NULL);
    bt_import_result *r = calloc(1, sizeof *r);
    if (!r)
        return;
    bt_import_options opt = {0};
    opt.library = u->library;
    opt.key = &u->key;
    opt.unpaired_ok = u->unpaired_ok;
    opt.load = &u->load;
    opt.kiosk_name = u->kiosk_name[0] ? u->kiosk_name : NULL;
    if (u->ev_progress) {
        opt.progress = post_progress;
        opt.pctx = u;
    }
    const char *delay = getenv("BANGTIN_TEST_IMPORT_DELAY_MS");
    char *end = NULL;
    long ms = delay ? strtol(delay, &end, 10) : 0;
    if (delay && end != delay && *end == '\0' && ms > 0 && ms < 60000) {
        opt.before_copy = slow_copy;
        opt.ctx = (void *)(intptr_t)ms;
    }
    bt_import_stick(stick, &opt, r); /* logs its one line */
    bt_history_entry h = {.when = time(NULL)};
    snprintf(h.source, sizeof h.source, "usb");
    snprintf(h.result, sizeof h.result, "%s", bt_import_status_name(r->status));
    snprintf(h.detail, sizeof h.detail, "%.*s", (int)sizeof h.detail - 1, r->detail);
    bt_history_add(u->library, &h);
    push(u->ev_result, r);
}

/* Looks at the folders: imports sticks that are new (or whose playlist
 * changed), forgets the ones that went. */
static void rescan(bt_usb *u)
{
    enum { MAX_STICKS = 64 };
    seen_stick found[MAX_STICKS];
    int n = 0;
    for (int i = 0; i < u->n_folders; i++)
        n = scan_tree(u->folders[i], 2, found, n, MAX_STICKS);
    for (int i = 0; i < n && !SDL_AtomicGet(&u->quit); i++) {
        bool known = false;
        for (int k = 0; k < u->n_seen && !known; k++)
            known = same(&u->seen[k], &found[i]);
        if (!known)
            import_one(u, found[i].path);
    }
    for (int k = 0; k < u->n_seen; k++) {
        bool still = false;
        for (int i = 0; i < n && !still; i++)
            still = strcmp(found[i].path, u->seen[k].path) == 0;
        if (!still)
            bt_log(BT_LOG_INFO, "usb: the stick at %s is gone", u->seen[k].path);
        free(u->seen[k].path);
    }
    free(u->seen);
    u->seen = NULL;
    u->n_seen = 0;
    if (n > 0 && (u->seen = malloc((size_t)n * sizeof *u->seen))) {
        memcpy(u->seen, found, (size_t)n * sizeof *found);
        u->n_seen = n;
    } else {
        for (int i = 0; i < n; i++)
            free(found[i].path);
    }
}

/* ---- the USB thread ---- */

static int usb_thread(void *data)
{
    bt_usb *u = data;
    /* What it finds goes on the stick and the screen: the office's words. */
    bt_i18n_speak(BT_FOR_PEOPLE);
    uint64_t due[sizeof follow_ups / sizeof follow_ups[0]];
    int n_due = 0;
    /* Sticks already plugged at start are looked at once. */
    due[n_due++] = SDL_GetTicks64();
    while (!SDL_AtomicGet(&u->quit)) {
        uint64_t now = SDL_GetTicks64(), next = UINT64_MAX;
        for (int i = 0; i < n_due; i++)
            next = due[i] < next ? due[i] : next;
        int timeout = next == UINT64_MAX ? -1 : next <= now ? 0 : (int)(next - now);
        struct pollfd fds[2] = {{u->wake_fd, POLLIN, 0}, {u->mounts_fd, POLLPRI, 0}};
        int r = poll(fds, u->mounts_fd >= 0 ? 2 : 1, timeout);
        if (r < 0 && errno != EINTR)
            break;
        if (SDL_AtomicGet(&u->quit))
            break;
        bool changed = false;
        if (fds[0].revents & POLLIN) {
            uint64_t v;
            if (read(u->wake_fd, &v, sizeof v) < 0 && errno != EAGAIN)
                break;
            changed = true;
        }
        if (u->mounts_fd >= 0 && (fds[1].revents & (POLLPRI | POLLERR))) {
            /* Reading the table re-arms the notification. */
            char buf[4096];
            lseek(u->mounts_fd, 0, SEEK_SET);
            while (read(u->mounts_fd, buf, sizeof buf) > 0)
                ;
            changed = true;
        }
        now = SDL_GetTicks64();
        if (changed) {
            n_due = 0;
            for (size_t i = 0; i < sizeof follow_ups / sizeof follow_ups[0]; i++)
                due[n_due++] = now + (uint64_t)follow_ups[i];
        }
        bool look = false;
        for (int i = 0; i < n_due;) {
            if (due[i] <= now) {
                look = true;
                due[i] = due[--n_due];
            } else {
                i++;
            }
        }
        if (look)
            rescan(u);
    }
    return 0;
}

/* ---- start and stop ---- */

bt_usb *bt_usb_start(const bt_usb_config *cfg, char *err, size_t errsize)
{
    bt_usb *u = calloc(1, sizeof *u);
    if (!u) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    u->wake_fd = -1;
    u->mounts_fd = -1;
    u->ev_result = cfg->event_type;
    u->ev_started = cfg->started_type;
    u->ev_progress = cfg->progress_type;
    u->unpaired_ok = cfg->unpaired_ok;
    u->campaign = cfg->campaign;
    u->campaign_ctx = cfg->campaign_ctx;
    u->load = cfg->load ? *cfg->load : (bt_load_options){0};
    snprintf(u->kiosk_name, sizeof u->kiosk_name, "%s", cfg->kiosk_name ? cfg->kiosk_name : "");
    u->library = strdup(cfg->library);
    u->folders = calloc((size_t)cfg->n_folders, sizeof *u->folders);
    if (!u->library || !u->folders)
        goto oom;
    for (int i = 0; i < cfg->n_folders; i++) {
        if (!(u->folders[i] = strdup(cfg->folders[i])))
            goto oom;
        u->n_folders++;
    }
    if (!bt_pairing_load_or_create(cfg->library, &u->key, err, errsize)) {
        if (!cfg->unpaired_ok)
            goto fail;
        /* First setup: no key yet, sticks without one are welcome. */
        bt_log(BT_LOG_WARNING, "usb: no pairing key (%s): only unpaired sticks load", err);
    }
    if (cfg->unpaired_ok)
        bt_log(BT_LOG_WARNING, "usb: --unpaired-ok: sticks without the pairing key are accepted");
    u->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    u->mounts_fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    u->ev_watch = SDL_RegisterEvents(1);
    u->watch = bt_watch_start((const char *const *)u->folders, u->n_folders, u->ev_watch, err, errsize);
    if (!u->watch)
        bt_log(BT_LOG_WARNING, "usb: the folders are not watched (%s): mounts still are", err);
    if (u->wake_fd < 0) {
        snprintf(err, errsize, _("cannot make an eventfd: %s"), strerror(errno));
        goto fail;
    }
    u->thread = SDL_CreateThread(usb_thread, "bangtin-usb", u);
    if (!u->thread) {
        snprintf(err, errsize, _("cannot start the USB thread: %s"), SDL_GetError());
        goto fail;
    }
    return u;
oom:
    snprintf(err, errsize, _("out of memory"));
fail:
    bt_usb_stop(u);
    return NULL;
}

void bt_usb_stop(bt_usb *u)
{
    if (!u)
        return;
    SDL_AtomicSet(&u->quit, 1);
    if (u->thread) {
        uint64_t one = 1;
        if (write(u->wake_fd, &one, sizeof one) < 0)
            bt_log(BT_LOG_WARNING, "usb: cannot wake the USB thread: %s", strerror(errno));
        SDL_WaitThread(u->thread, NULL);
    }
    bt_watch_stop(u->watch);
    SDL_Event ev;
    while (u->ev_result && SDL_PeepEvents(&ev, 1, SDL_GETEVENT, u->ev_result, u->ev_result) == 1)
        bt_import_result_free(ev.user.data1);
    if (u->wake_fd >= 0)
        close(u->wake_fd);
    if (u->mounts_fd >= 0)
        close(u->mounts_fd);
    for (int i = 0; i < u->n_seen; i++)
        free(u->seen[i].path);
    free(u->seen);
    for (int i = 0; i < u->n_folders; i++)
        free(u->folders[i]);
    free(u->folders);
    free(u->library);
    bt_pairing_key_clear(&u->key);
    free(u);
}

Uint32 bt_usb_watch_event(const bt_usb *u)
{
    return u ? u->ev_watch : 0;
}

void bt_usb_changed(bt_usb *u)
{
    uint64_t one = 1;
    if (u && write(u->wake_fd, &one, sizeof one) < 0)
        bt_log(BT_LOG_WARNING, "usb: cannot wake the USB thread: %s", strerror(errno));
}
