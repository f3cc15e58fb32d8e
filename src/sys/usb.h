/* usb.h: sticks appearing in the --watch folders, imported on a worker
 * thread while playback goes on.
 *
 * The folders (and their subfolders one level down, where automounters put
 * /media/USER/LABEL) are watched (watch.c). A folder that holds
 * bangtin/playlist.yaml and was not there before is a stick: it is imported
 * (import.c) on the USB thread, one at a time, and the result comes back to
 * the main thread as an SDL event of the type given at start, whose
 * user.data1 is a bt_import_result the receiver frees (bt_import_result_free). A stick
 * that stays plugged is imported once; pulled out and plugged again, it is
 * looked at again.
 *
 * README of the sys layer: the threads that turn what the OS says (a stick
 * mounted, a file saved, a signal) into SDL events for the player's loop.
 * It may include base/, model/ and library/, never render/ or player/. */
#ifndef BT_USB_H
#define BT_USB_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "library/import.h"

typedef struct bt_usb bt_usb;

typedef struct {
    const char *const *folders; /* the --watch folders; copies are made */
    int n_folders;
    const char *library;
    bool unpaired_ok;
    const bt_load_options *load; /* the check a stick's playlist must pass (copied); NULL: headers only */
    Uint32 event_type; /* results */
    Uint32 started_type; /* optional (0: none): a stick is being checked; user.data1 NULL */
    /* A stick whose bangtin/ holds a signed campaign (manifest.txt) is the
     * province's, not the office's: handed to campaign(ctx, that folder)
     * instead of imported (NULL: imported as the office's, and refused
     * for want of a playlist). */
    void (*campaign)(void *ctx, const char *dir);
    void *campaign_ctx;
    const char *kiosk_name; /* names the report on a stick (copied); NULL: see import.h */
    /* optional (0: none): a clip is being copied in; user.code its percent
     * copied, data1 and data2 (as intptr_t) its number from 1 and how many */
    Uint32 progress_type;
} bt_usb_config;

/* Loads the kiosk's pairing key (on this thread: see pairing.h), starts the
 * watcher and the import thread, and looks at the folders once. NULL with a
 * reason in err when it cannot start; the player then plays without USB. */
bt_usb *bt_usb_start(const bt_usb_config *cfg, char *err, size_t errsize);

/* Stops both threads (an import under way finishes or aborts first) and
 * frees results still queued. NULL is fine. */
void bt_usb_stop(bt_usb *u);

/* The watcher's event type, to route its events to bt_usb_changed. */
Uint32 bt_usb_watch_event(const bt_usb *u);

/* The watched folders changed: finds sticks that appeared and queues them,
 * forgets sticks that went. */
void bt_usb_changed(bt_usb *u);

#endif
