/* prefetch.c: the painting worker. */
#include "prefetch.h"

#include <stdbool.h>
#include <malloc.h>
#include <stdlib.h>

#include "base/log.h"
#include "painter.h"
#include "slide_paint.h"

typedef struct {
    int slide, w, h, unit;
    unsigned tag;
} request;

struct bt_prefetch {
    const bt_playlist *pl;
    bt_painter *painter; /* used by the worker only */
    Uint32 event_type;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    /* guarded by lock: */
    bool has_request, quit;
    request req;
};

static int worker(void *data)
{
    bt_prefetch *pf = data;
    for (;;) {
        SDL_LockMutex(pf->lock);
        while (!pf->has_request && !pf->quit)
            SDL_CondWait(pf->wake, pf->lock);
        if (pf->quit) {
            SDL_UnlockMutex(pf->lock);
            return 0;
        }
        request rq = pf->req;
        pf->has_request = false;
        SDL_UnlockMutex(pf->lock);

        bt_prefetch_result *r = malloc(sizeof *r);
        if (!r)
            continue;
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
            bt_log(BT_LOG_WARNING, "cannot hand a painted slide to the main loop: %s",
                   SDL_GetError());
            bt_prefetch_result_free(r);
        }
    }
}

bt_prefetch *bt_prefetch_start(const bt_playlist *pl, Uint32 event_type, char *err, size_t errsize)
{
    bt_prefetch *pf = calloc(1, sizeof *pf);
    if (!pf) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    pf->pl = pl;
    pf->event_type = event_type;
    pf->painter = bt_painter_create(pl, err, errsize);
    pf->lock = SDL_CreateMutex();
    pf->wake = SDL_CreateCond();
    if (!pf->painter || !pf->lock || !pf->wake) {
        if (pf->painter && (!pf->lock || !pf->wake))
            snprintf(err, errsize, "cannot create a lock: %s", SDL_GetError());
        bt_prefetch_stop(pf);
        return NULL;
    }
    pf->thread = SDL_CreateThread(worker, "bangtin-paint", pf);
    if (!pf->thread) {
        snprintf(err, errsize, "cannot start the painting thread: %s", SDL_GetError());
        bt_prefetch_stop(pf);
        return NULL;
    }
    return pf;
}

void bt_prefetch_request(bt_prefetch *pf, int slide, int w, int h, int unit, unsigned tag)
{
    SDL_LockMutex(pf->lock);
    pf->req = (request){slide, w, h, unit, tag};
    pf->has_request = true;
    SDL_CondSignal(pf->wake);
    SDL_UnlockMutex(pf->lock);
}

void bt_prefetch_stop(bt_prefetch *pf)
{
    if (!pf)
        return;
    if (pf->thread) {
        SDL_LockMutex(pf->lock);
        pf->quit = true;
        SDL_CondSignal(pf->wake);
        SDL_UnlockMutex(pf->lock);
        SDL_WaitThread(pf->thread, NULL);
    }
    /* Results already posted but not taken would leak with the queue. */
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, pf->event_type, pf->event_type) == 1)
        bt_prefetch_result_free(ev.user.data1);
    bt_painter_free(pf->painter);
    if (pf->wake)
        SDL_DestroyCond(pf->wake);
    if (pf->lock)
        SDL_DestroyMutex(pf->lock);
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
