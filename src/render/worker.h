/* worker.h: a thread that does one kind of job, one request at a time,
 * where only the newest request matters: a request not yet started is
 * replaced by the next one (the slide to paint ahead, the playlist file to
 * read again). The job hands its result on itself (an SDL event). It is an
 * SDL thread: SDL keeps per-thread state (its error message) that it gives
 * back only for its own threads, and the jobs call SDL and SDL_image. */
#ifndef BT_WORKER_H
#define BT_WORKER_H

#include <stddef.h>

typedef struct bt_worker bt_worker;

/* Starts the thread, named name (at most 15 bytes show). run(ctx, req) does
 * a request on it and owns req from then; drop(req) frees a request that
 * was replaced or never started. NULL with the reason in err. */
bt_worker *bt_worker_start(const char *name, void (*run)(void *ctx, void *req),
                           void (*drop)(void *req), void *ctx, char *err, size_t errsize);

/* Hands req (owned from now) to the thread; a request waiting is dropped. */
void bt_worker_post(bt_worker *w, void *req);

/* Stops and joins the thread (a request under way is finished first) and
 * drops a request still waiting. NULL is fine. */
void bt_worker_stop(bt_worker *w);

#endif
