/* loader.c: the playlist-reading thread (loader.h), a render/worker.h job. */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "render/worker.h"

struct bt_loader {
    Uint32 event_type;
    bt_load_options opts;
    bool has_opts;
    bt_worker *worker;
};

typedef struct {
    char *path;
    const char *why;
} request;

static void drop(void *req)
{
    request *rq = req;
    free(rq->path);
    free(rq);
}

/* On the worker: reads the file and posts what was read. */
static void load(void *ctx, void *req)
{
    bt_loader *l = ctx;
    request *rq = req;
    bt_loaded *r = calloc(1, sizeof *r);
    if (!r) {
        bt_log(BT_LOG_ERROR, "out of memory reading %s", rq->path);
        drop(rq);
        return;
    }
    r->path = rq->path;
    r->why = rq->why;
    free(rq);
    bt_diags_init(&r->diags);
    r->pl = bt_playlist_load_path(r->path, l->has_opts ? &l->opts : NULL, &r->diags);
    SDL_Event ev = {0};
    ev.type = l->event_type;
    ev.user.data1 = r;
    if (SDL_PushEvent(&ev) != 1) {
        bt_log(BT_LOG_WARNING, "cannot hand %s to the main loop: %s", r->path, SDL_GetError());
        bt_loaded_free(r);
    }
}

bt_loader *bt_loader_start(Uint32 event_type, const bt_load_options *opts, char *err,
                           size_t errsize)
{
    bt_loader *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    l->event_type = event_type;
    if (opts) {
        l->opts = *opts;
        l->has_opts = true;
    }
    l->worker = bt_worker_start("bangtin-load", load, drop, l, err, errsize);
    if (!l->worker) {
        free(l);
        return NULL;
    }
    return l;
}

void bt_loader_request(bt_loader *l, const char *path, const char *why)
{
    request *rq = malloc(sizeof *rq);
    char *copy = strdup(path);
    if (!rq || !copy) {
        bt_log(BT_LOG_ERROR, "out of memory: %s is not read again", path);
        free(rq);
        free(copy);
        return;
    }
    *rq = (request){copy, why};
    bt_worker_post(l->worker, rq);
}

void bt_loader_stop(bt_loader *l)
{
    if (!l)
        return;
    bt_worker_stop(l->worker);
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, l->event_type, l->event_type) == 1)
        bt_loaded_free(ev.user.data1);
    free(l);
}

void bt_loaded_free(bt_loaded *r)
{
    if (!r)
        return;
    bt_playlist_free(r->pl);
    bt_diags_clear(&r->diags);
    free(r->path);
    free(r);
}
