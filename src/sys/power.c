/* power.c: the table of screen power backends and the power thread (see
 * power.h); which backends a window gets. */
#include "power.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL_syswm.h>

#include "base/log.h"
#include "power_cec.h"
#include "power_cmd.h"
#include "power_drm.h"
#include "power_x11.h"

struct bt_power {
    bt_power_backend b[BT_POWER_MAX_BACKENDS];
    bt_power_result res[BT_POWER_MAX_BACKENDS];
    int n;
    /* The power thread, and what it is asked: want is the latest request
     * (-1 none, 0 off, 1 on), done the last one carried out. */
    pthread_t thread;
    bool has_thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int want, done;
    bool busy, quit;
};

/* Runs one backend's action and logs it; the result is kept under mu. */
static void attempt(bt_power *p, int i, bool on)
{
    const bt_power_backend *b = &p->b[i];
    bool (*fn)(void *, char *, size_t) = on ? b->on : b->off;
    if (!fn)
        return;
    char err[300] = "";
    bool ok = fn(b->ctx, err, sizeof err);
    if (ok)
        bt_log(BT_LOG_INFO, "screen %s: %s: done", on ? "on" : "off", b->name);
    else
        bt_log(BT_LOG_WARNING, "screen %s: %s: failed: %s", on ? "on" : "off", b->name,
               err[0] ? err : "no reason given");
    pthread_mutex_lock(&p->mu);
    bt_power_result *r = &p->res[i];
    r->tries++;
    r->last_on = on;
    r->ok = ok;
    snprintf(r->error, sizeof r->error, "%s", ok ? "" : err);
    pthread_mutex_unlock(&p->mu);
}

/* The backends of one kind (threaded or not) that are available, off in
 * table order, on backwards. */
static void run_all(bt_power *p, bool on, bool threaded)
{
    for (int k = 0; k < p->n; k++) {
        int i = on ? p->n - 1 - k : k;
        if (p->res[i].available && p->b[i].threaded == threaded)
            attempt(p, i, on);
    }
}

static void *power_thread(void *arg)
{
    bt_power *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->want == p->done)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->want == p->done) /* quit, nothing left */
            break;
        int want = p->want;
        p->busy = true;
        pthread_mutex_unlock(&p->mu);
        run_all(p, want == 1, true);
        pthread_mutex_lock(&p->mu);
        p->done = want;
        p->busy = false;
        pthread_cond_broadcast(&p->cv);
        if (p->quit)
            break;
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void free_backends(const bt_power_backend *b, int n)
{
    for (int i = 0; i < n; i++)
        if (b[i].free)
            b[i].free(b[i].ctx);
}

bt_power *bt_power_create(const bt_power_backend *backends, int n)
{
    if (n > BT_POWER_MAX_BACKENDS) {
        free_backends(backends + BT_POWER_MAX_BACKENDS, n - BT_POWER_MAX_BACKENDS);
        n = BT_POWER_MAX_BACKENDS;
    }
    bt_power *p = calloc(1, sizeof *p);
    if (!p) {
        free_backends(backends, n);
        return NULL;
    }
    memcpy(p->b, backends, sizeof *backends * (size_t)n);
    p->n = n;
    p->want = p->done = -1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    bool threaded = false;
    for (int i = 0; i < n; i++) {
        bt_power_result *r = &p->res[i];
        r->name = p->b[i].name;
        r->available = !p->b[i].available || p->b[i].available(p->b[i].ctx, r->why, sizeof r->why);
        if (r->available)
            bt_log(BT_LOG_INFO, "screen power: %s can be used", r->name);
        else
            bt_log(BT_LOG_INFO, "screen power: %s cannot be used: %s", r->name,
                   r->why[0] ? r->why : "not available");
        threaded = threaded || (r->available && p->b[i].threaded);
    }
    if (threaded && pthread_create(&p->thread, NULL, power_thread, p) == 0)
        p->has_thread = true;
    else if (threaded)
        bt_log(BT_LOG_WARNING, "screen power: no thread for the slow backends; they are not "
                               "used");
    return p;
}

void bt_power_set(bt_power *p, bool on)
{
    if (!p)
        return;
    run_all(p, on, false);
    if (!p->has_thread)
        return;
    pthread_mutex_lock(&p->mu);
    p->want = on ? 1 : 0;
    /* Already carried out and nothing newer pending: run it again all the
     * same (the first update always says what the screen must be). */
    if (p->want == p->done && !p->busy)
        p->done = -1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

bool bt_power_wait(bt_power *p, int timeout_ms)
{
    if (!p || !p->has_thread)
        return true;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->mu);
    int rc = 0;
    while ((p->busy || p->want != p->done) && rc == 0)
        rc = pthread_cond_timedwait(&p->cv, &p->mu, &until);
    bool idle = !p->busy && p->want == p->done;
    pthread_mutex_unlock(&p->mu);
    return idle;
}

int bt_power_count(const bt_power *p)
{
    return p ? p->n : 0;
}

bool bt_power_result_of(bt_power *p, int i, bt_power_result *out)
{
    if (!p || i < 0 || i >= p->n)
        return false;
    pthread_mutex_lock(&p->mu);
    *out = p->res[i];
    pthread_mutex_unlock(&p->mu);
    return true;
}

void bt_power_free(bt_power *p)
{
    if (!p)
        return;
    if (p->has_thread) {
        pthread_mutex_lock(&p->mu);
        p->quit = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
    }
    free_backends(p->b, p->n);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}

/* ---- the backends of a window -------------------------------------------- */

int bt_power_backends_for_window(SDL_Window *w, const char *off_cmd, const char *on_cmd,
                                 int cmd_timeout_ms, bt_power_backend *out, int max)
{
    int n = 0;
    if (n < max && bt_power_cec(NULL, NULL, &out[n]))
        n++;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (w && SDL_GetWindowWMInfo(w, &info)) {
#if defined(SDL_VIDEO_DRIVER_X11)
        if (info.subsystem == SDL_SYSWM_X11 && n < max &&
            bt_power_x11(info.info.x11.display, &out[n]))
            n++;
#endif
#if defined(SDL_VIDEO_DRIVER_KMSDRM) && SDL_VERSION_ATLEAST(2, 0, 22)
        if (info.subsystem == SDL_SYSWM_KMSDRM && n < max &&
            bt_power_drm(info.info.kmsdrm.drm_fd, NULL, &out[n]))
            n++;
#endif
    } else if (w) {
        bt_log(BT_LOG_INFO, "screen power: SDL does not say which display it opened (%s)",
               SDL_GetError());
    }
    if (n < max && bt_power_cmd(off_cmd, on_cmd, cmd_timeout_ms, &out[n]))
        n++;
    return n;
}
