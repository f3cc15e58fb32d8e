/* watch.h: noticing that files or folders changed on disk, on a thread of
 * its own: the playlist file for hot reload, the folders where USB sticks
 * appear.
 *
 * Each watched path is a file or a folder (whichever it is at start; a
 * missing path is watched as a file that may appear):
 * - a file: its folder is watched for that name being written and closed,
 *   replaced by rename (as editors and sync tools save), created, deleted,
 *   or its attributes changed;
 * - a folder: its entries being created, deleted, renamed, written or
 *   touched, and the same one level down, in subfolders present at start
 *   or appearing later (a stick mounts as /media/USER/LABEL).
 * inotify does the work; a path inotify cannot watch (no inotify, out of
 * watches, a missing folder), or whose watch is lost (its folder removed),
 * is polled every 2 s instead (stat: inode, size, mtime).
 *
 * Bursts are coalesced: an event is reported 300 ms after the last change
 * of a path, so one save gives one event. The only way out of the thread is
 * SDL_PushEvent: type event_type, user.code = the index of the path in the
 * array given at start, user.data1 = the bt_watch itself as an identity
 * (no payload: nothing to free). */
#ifndef BT_WATCH_H
#define BT_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

typedef struct bt_watch bt_watch;

typedef struct {
    bool poll_only;  /* never inotify (tests, odd file systems) */
    bool links;      /* a path that is a symbolic link is watched as the link itself (a file:
                      * replaced by rename, removed, made again), not as what it points to:
                      * the library's `current` */
    int poll_ms;     /* polling period, default 2000 */
    int debounce_ms; /* quiet time before reporting, default 300 */
} bt_watch_options;

/* Starts watching the n paths (internal copies are made) and reporting as
 * above. Needs SDL_INIT_EVENTS. Returns NULL with the reason in err when
 * the thread or its wake-up descriptor cannot be made, or n < 1. */
bt_watch *bt_watch_start(const char *const *paths, int n, Uint32 event_type, char *err,
                         size_t errsize);

/* bt_watch_start with options; opt NULL or zero fields take the defaults. */
bt_watch *bt_watch_start_with(const char *const *paths, int n, Uint32 event_type,
                              const bt_watch_options *opt, char *err, size_t errsize);

/* Whether path i is polled rather than watched by inotify (diagnostics). */
bool bt_watch_polled(const bt_watch *w, int i);

/* Stops the thread at once (it is woken, not waited for), closes every
 * descriptor, removes this watcher's events still queued, and frees w.
 * NULL is fine. Call it from the thread that started it. */
void bt_watch_stop(bt_watch *w);

#endif
