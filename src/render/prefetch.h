/* prefetch.h: a worker thread that paints the next slide before it is due,
 * so a slide change never waits on disk or decoding.
 *
 * Results come back to the main thread only as SDL user events of the type
 * given at start: event.user.data1 is a bt_prefetch_result whose ownership
 * passes to whoever takes the event (free it with bt_prefetch_result_free). */
#ifndef BT_PREFETCH_H
#define BT_PREFETCH_H

#include <SDL.h>

#include "model/playlist.h"

typedef struct bt_prefetch bt_prefetch;

typedef struct {
    SDL_Surface *surface; /* NULL when painting failed (out of memory) */
    int slide;
    unsigned tag; /* as given to bt_prefetch_request */
} bt_prefetch_result;

/* Starts the worker with its own painter for pl (made here, on the calling
 * thread). pl must outlive the worker. NULL with a reason in err on failure. */
bt_prefetch *bt_prefetch_start(const bt_playlist *pl, Uint32 event_type, char *err,
                               size_t errsize);

/* Asks for slide to be painted at w x h; a request not yet started is
 * replaced, so the worker never paints what is no longer wanted. */
void bt_prefetch_request(bt_prefetch *pf, int slide, int w, int h, int unit, unsigned tag);

/* The event type its results come back as (as given at start). */
Uint32 bt_prefetch_event(const bt_prefetch *pf);

/* Stops and joins the worker, and frees its results still in the event
 * queue. NULL is fine. */
void bt_prefetch_stop(bt_prefetch *pf);

void bt_prefetch_result_free(bt_prefetch_result *r);

#endif
