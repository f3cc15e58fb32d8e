/* worker.c: one thread, one waiting request (worker.h). */
#include "worker.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bt_worker {
    void (*run)(void *ctx, void *req);
    void (*drop)(void *req);
    void *ctx;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    /* guarded by lock: */
    void *req; /* the request waiting, NULL when none */
    bool quit;
};

static void *loop(void *data)
{
    bt_worker *w = data;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        while (!w->req && !w->quit)
            pthread_cond_wait(&w->wake, &w->lock);
        if (w->quit) {
            pthread_mutex_unlock(&w->lock);
            return NULL;
        }
        void *req = w->req;
        w->req = NULL;
        pthread_mutex_unlock(&w->lock);
        w->run(w->ctx, req);
    }
}

bt_worker *bt_worker_start(const char *name, void (*run)(void *ctx, void *req),
                           void (*drop)(void *req), void *ctx, char *err, size_t errsize)
{
    bt_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    *w = (bt_worker){.run = run, .drop = drop, .ctx = ctx};
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    int e = pthread_create(&w->thread, NULL, loop, w);
    if (e != 0) {
        snprintf(err, errsize, "cannot start the %s thread: %s", name, strerror(e));
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    char shown[16];
    snprintf(shown, sizeof shown, "%s", name);
    pthread_setname_np(w->thread, shown);
    return w;
}

void bt_worker_post(bt_worker *w, void *req)
{
    pthread_mutex_lock(&w->lock);
    void *old = w->req;
    w->req = req;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    if (old)
        w->drop(old);
}

void bt_worker_stop(bt_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    if (w->req)
        w->drop(w->req);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}
