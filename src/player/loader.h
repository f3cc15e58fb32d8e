/* loader.h: reading a playlist file on a thread of its own, so that the
 * player's loop never stalls on a long or hostile file (the first load at
 * start, a file saved in place, SIGHUP).
 *
 * Results come back only as SDL events of the type given at start:
 * user.data1 is a bt_loaded whose ownership passes to whoever takes the
 * event (bt_loaded_free). Needs SDL's event subsystem. */
#ifndef BT_LOADER_H
#define BT_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "base/diag.h"
#include "model/playlist.h"
#include "model/playlist_load.h"

typedef struct bt_loader bt_loader;

typedef struct {
    char *path;       /* the file read, as requested */
    const char *why;  /* as given to bt_loader_request (a static string) */
    bt_playlist *pl;  /* NULL: it cannot be played (see diags) */
    bt_diags diags;   /* every problem found */
} bt_loaded;

/* Starts the thread. opts (copied; NULL: headers only, as at start) is the
 * check each file gets. NULL with the reason in err on failure. */
bt_loader *bt_loader_start(Uint32 event_type, const bt_load_options *opts, char *err,
                           size_t errsize);

/* Asks for path to be read (a copy is made); a request not yet started is
 * replaced by this one. why is a static string that comes back with it. */
void bt_loader_request(bt_loader *l, const char *path, const char *why);

/* Stops and joins the thread (a file being read is finished first) and frees
 * its results still queued. NULL is fine. */
void bt_loader_stop(bt_loader *l);

void bt_loaded_free(bt_loaded *r);

#endif
