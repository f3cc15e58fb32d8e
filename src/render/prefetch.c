/* prefetch.c: the painting worker (prefetch.h), a worker.h job. */
#include "prefetch.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "base/log.h"
#include "painter.h"
#include "slide_paint.h"
#include "worker.h"

typedef struct {
    int slide, w, h, unit;
    unsigned tag;
} request;

struct bt_prefetch {
    const bt_playlist *pl;
    bt_painter *painter; /* used by the worker only */
    Uint32 event_type;
    bt_worker *worker;
};

/* On the worker: paints the slide and posts it. */
static void paint(void *ctx, void *req)
{
    bt_prefetch *pf = ctx;
    request rq = *(request *)req;
    free(req);
    bt_prefetch_result *r = malloc(sizeof *r);
    if (!r)
        return;
    r->slide = rq.slide;
    r->tag = rq.tag;
    r->surface = bt_paint_slide(pf->painter, &pf->pl->slides[rq.slide], rq.w, rq.h, rq.unit);
    /* Painting goes through several picture-sized buffers; give their
     * pages back now, or a kiosk's memory creeps up for months. */
    malloc_trim(0);
    SDL_Event ev = {0};
    ev.type = pf->event_type;
    ev.user.data1 = r;
    if (SDL_PushEvent(&ev) != 1) {
        bt_log(BT_LOG_WARNING, "cannot hand a painted slide to the main loop: %s", SDL_GetError());
        bt_prefetch_result_free(r);
    }
}

bt_prefetch *bt_prefetch_start(const bt_playlist *pl, Uint32 event_type, char *err, size_t errsize)
{
    bt_prefetch *pf = calloc(1, sizeof *pf);
    if (!pf) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    pf->pl = pl;
    pf->event_type = event_type;
    /* Made here, on the calling thread: FreeType opens faces through one
     * shared library object (fonts.h). */
    pf->painter = bt_painter_create(pl, err, errsize);
    if (pf->painter)
        pf->worker = bt_worker_start("bangtin-paint", paint, free, pf, err, errsize);
    if (!pf->worker) {
        bt_prefetch_stop(pf);
        return NULL;
    }
    return pf;
}

void bt_prefetch_request(bt_prefetch *pf, int slide, int w, int h, int unit, unsigned tag)
{
    request *rq = malloc(sizeof *rq);
    if (!rq)
        return; /* the slide is painted on the main thread when it is due */
    *rq = (request){slide, w, h, unit, tag};
    bt_worker_post(pf->worker, rq);
}

Uint32 bt_prefetch_event(const bt_prefetch *pf)
{
    return pf->event_type;
}

void bt_prefetch_stop(bt_prefetch *pf)
{
    if (!pf)
        return;
    bt_worker_stop(pf->worker);
    /* Results already posted but not taken would leak with the queue. */
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, pf->event_type, pf->event_type) == 1)
        bt_prefetch_result_free(ev.user.data1);
    bt_painter_free(pf->painter);
    free(pf);
}

void bt_prefetch_result_free(bt_prefetch_result *r)
{
    if (!r)
        return;
    if (r->surface)
        SDL_FreeSurface(r->surface);
    free(r);
}
