/* current.h: what the library's `current` names (import.h), and the
 * technician's two ways of changing it by hand: back to the import before
 * (--rollback) and back to the bundled playlist (--reset). Plain C.
 *
 * Both take the import lock, so they never race a stick being imported,
 * and both change `current` in one step: a new symlink renamed over it, or
 * the link removed. A running player watches `current` and follows it
 * within seconds; one starting later reads what it names (no `current`:
 * the bundled playlist). Neither removes an import nor touches the play
 * log, the pairing key or anything else in the library. */
#ifndef BT_CURRENT_H
#define BT_CURRENT_H

#include <stdbool.h>
#include <stddef.h>

#include "import_store.h"

typedef enum {
    BT_SWITCH_DONE,      /* `current` changed */
    BT_SWITCH_NOTHING,   /* nothing to change: err says why */
    BT_SWITCH_BUSY,      /* an import holds the lock (only when not waiting) */
    BT_SWITCH_READ_ONLY, /* the library's file system is read-only */
    BT_SWITCH_FAILED,    /* anything else: err says what */
} bt_switch_status;

/* The folder `current` names below library ("playlists/NAME"), into buf,
 * when it names a complete import; "" and false when it names none (no
 * link, a dangling or foreign one). Reads only; takes no lock. */
bool bt_library_current(const char *library, char *buf, size_t size);

/* --rollback: makes the import before the current one (the newest import
 * older than it) current. from and to get the two folder names
 * (BT_STORE_NAME_SIZE each; "" when unknown). wait: wait for an import
 * under way, else BT_SWITCH_BUSY. On anything but DONE, err says why in
 * words a technician can act on. */
bt_switch_status bt_library_rollback(const char *library, bool wait, char *from, char *to,
                                     char *err, size_t errsize);

/* --reset: removes `current`, so the bundled playlist plays; the imports
 * stay (a stick with the same content is taken again at once, and older
 * ones are pruned as usual). from gets the folder that was current. */
bt_switch_status bt_library_reset(const char *library, bool wait, char *from, char *err,
                                  size_t errsize);

/* "2026-03-15 08:12:05 UTC" from a folder name, into buf (>= 24 bytes); the
 * name itself when it is not one. */
void bt_library_import_time(const char *name, char *buf, size_t size);

#endif
