/* worker.c: one thread, one waiting request (worker.h). */
#include "worker.h"
#include "base/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

struct bt_worker {
    void (*run)(void *ctx, void *req);
    void (*drop)(void *req);
    void *ctx;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    /* guarded by lock: */
    void *req; /* the request waiting, NULL when none */
    bool quit;
};

static int loop(void *data)
{
    bt_worker *w = data;
    for (;;) {
        SDL_LockMutex(w->lock);
        while (!w->req && !w->quit)
            SDL_CondWait(w->wake, w->lock);
        if (w->quit) {
            SDL_UnlockMutex(w->lock);
            return 0;
        }
        void *req = w->req;
        w->req = NULL;
        SDL_UnlockMutex(w->lock);
        w->run(w->ctx, req);
    }
}

bt_worker *bt_worker_start(const char *name, void (*run)(void *ctx, void *req),
                           void (*drop)(void *req), void *ctx, char *err, size_t errsize)
{
    bt_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    *w = (bt_worker){.run = run, .drop = drop, .ctx = ctx};
    w->lock = SDL_CreateMutex();
    w->wake = SDL_CreateCond();
    if (w->lock && w->wake)
        w->thread = SDL_CreateThread(loop, name, w);
    if (!w->thread) {
        snprintf(err, errsize, _("cannot start the %s thread: %s"), name, SDL_GetError());
        bt_worker_stop(w);
        return NULL;
    }
    return w;
}

void bt_worker_post(bt_worker *w, void *req)
{
    SDL_LockMutex(w->lock);
    void *old = w->req;
    w->req = req;
    SDL_CondSignal(w->wake);
    SDL_UnlockMutex(w->lock);
    if (old)
        w->drop(old);
}

void bt_worker_stop(bt_worker *w)
{
    if (!w)
        return;
    if (w->thread) {
        SDL_LockMutex(w->lock);
        w->quit = true;
        SDL_CondSignal(w->wake);
        SDL_UnlockMutex(w->lock);
        SDL_WaitThread(w->thread, NULL);
    }
    if (w->req)
        w->drop(w->req);
    if (w->wake)
        SDL_DestroyCond(w->wake);
    if (w->lock)
        SDL_DestroyMutex(w->lock);
    free(w);
}
