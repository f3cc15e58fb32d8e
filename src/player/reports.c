/* reports.c: the status and the outbox written on a thread (reports.h). */
#include "reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "base/i18n.h"
#include "base/log.h"
#include "library/history.h"
#include "library/outbox.h"
#include "render/worker.h"

struct bt_reports {
    char *library, *outbox, *kiosk;
    bt_worker *worker;
    bool said_status, said_outbox; /* a failure is logged once until it works again */
};

typedef struct {
    bt_reports *r;
    bt_status s;
} request;

void bt_reports_status_path(const char *library, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", library, BT_STATUS_FILE);
}

/* What the thread adds: the last imports, warnings and errors, free space. */
static void complete(bt_reports *r, bt_status *s)
{
    if (r->library) {
        s->n_imports = bt_history_last(r->library, s->imports, BT_STATUS_IMPORTS);
        struct statvfs vfs;
        snprintf(s->disk_path, sizeof s->disk_path, "%s", r->library);
        if (statvfs(r->library, &vfs) == 0) {
            s->free_bytes = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
            s->total_bytes = (unsigned long long)vfs.f_blocks * vfs.f_frsize;
        }
    }
    bt_log_entry recent[BT_STATUS_ERRORS];
    int n = bt_log_recent(recent, BT_STATUS_ERRORS);
    s->n_errors = n;
    for (int i = 0; i < n; i++) {
        s->errors[i].at = recent[i].when;
        snprintf(s->errors[i].level, sizeof s->errors[i].level, "%s",
                 recent[i].level == BT_LOG_ERROR ? "error" : "warning");
        snprintf(s->errors[i].text, sizeof s->errors[i].text, "%s", recent[i].text);
    }
    snprintf(s->kiosk, sizeof s->kiosk, "%s", r->kiosk);
    if (r->outbox)
        snprintf(s->outbox, sizeof s->outbox, "%s", r->outbox);
}

/* The local date of t. */
static bt_date day_of(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return (bt_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void write_outbox(bt_reports *r, bt_status *s)
{
    char err[512] = "";
    time_t now = (time_t)s->written_at;
    bool ok = true;
    if (r->library)
        ok = bt_outbox_write_day(r->outbox, r->kiosk, r->library, day_of(now - 86400), err,
                                 sizeof err) &&
             bt_outbox_write_day(r->outbox, r->kiosk, r->library, day_of(now), err, sizeof err);
    if (ok) {
        s->outbox_written_at = s->written_at;
        ok = bt_outbox_write_status(r->outbox, r->kiosk, s, err, sizeof err);
    }
    if (!ok && !r->said_outbox)
        bt_log(BT_LOG_WARNING, "outbox: %s", err);
    r->said_outbox = !ok;
}

static void run(void *ctx, void *req)
{
    (void)ctx;
    request *q = req;
    bt_reports *r = q->r;
    complete(r, &q->s);
    if (r->outbox)
        write_outbox(r, &q->s);
    if (r->library) {
        char path[4200], err[512];
        bt_reports_status_path(r->library, path, sizeof path);
        bool ok = bt_status_write(&q->s, path, err, sizeof err);
        if (!ok && !r->said_status)
            bt_log(BT_LOG_WARNING, "status: %s", err);
        r->said_status = !ok;
    }
    free(q);
}

static void drop(void *req)
{
    free(req);
}

bt_reports *bt_reports_start(const char *library, const char *outbox, const char *kiosk,
                             char *err, size_t errsize)
{
    bt_reports *r = calloc(1, sizeof *r);
    if (!r || (library && !(r->library = strdup(library))) ||
        (outbox && !(r->outbox = strdup(outbox))) || !(r->kiosk = strdup(kiosk))) {
        snprintf(err, errsize, _("out of memory"));
        bt_reports_stop(r, NULL);
        return NULL;
    }
    r->worker = bt_worker_start("bangtin-status", run, drop, r, err, errsize);
    if (!r->worker) {
        bt_reports_stop(r, NULL);
        return NULL;
    }
    return r;
}

void bt_reports_post(bt_reports *r, const bt_status *s)
{
    request *q = r ? malloc(sizeof *q) : NULL;
    if (!q)
        return;
    q->r = r;
    q->s = *s;
    bt_worker_post(r->worker, q);
}

void bt_reports_stop(bt_reports *r, const bt_status *last)
{
    if (!r)
        return;
    bt_worker_stop(r->worker); /* a request under way is finished first */
    request *q = last ? malloc(sizeof *q) : NULL;
    if (q) {
        q->r = r;
        q->s = *last;
        run(NULL, q);
    }
    free(r->library);
    free(r->outbox);
    free(r->kiosk);
    free(r);
}
