/* campaign_watch.h: the province's campaign followed on a thread of its
 * own: the synced folder (--campaign) as Syncthing fills it, and sticks
 * that carry a signed campaign, imported into the library's campaign store
 * (library/campaign_store.h) while playback goes on.
 *
 * The folder is looked at when it changes (watch.c, routed here by the
 * player) and every few seconds besides (its subfolders deeper than watch.c
 * sees), by its fingerprint; campaign_follow.h decides when a look becomes
 * a decision: once the folder has been quiet for a second after a change,
 * and again as settled after the quiet period (60 s) when it was waited
 * for. So a folder still syncing is never imported half, and a tampered
 * one is refused once it is quiet. A stick is whole when it is mounted: it
 * is decided about as settled at once.
 *
 * What it finds comes back to the main thread as SDL events of the type
 * given at start; user.data1 is a bt_campaign_news the receiver frees
 * (bt_campaign_news_free). The first event is the campaign in place at
 * start (initial, its playlist read), posted before any look. */
#ifndef BT_CAMPAIGN_WATCH_H
#define BT_CAMPAIGN_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "library/campaign_store.h"

#define BT_CAMPAIGN_POLL_MS 5000 /* looks at the folder this often besides its changes */

typedef struct bt_campaign_watch bt_campaign_watch;

typedef struct {
    const char *folder;  /* the synced folder; NULL: only the campaign in place and sticks */
    const char *library; /* the campaign store's library (copied) */
    const bt_keyring *keys;      /* the trusted keys (copied) */
    const bt_load_options *load; /* the check a new campaign's playlist gets (copied) */
    const bt_load_options *start_load; /* how the campaign in place is read at start
                                        * (copied; NULL: as load) */
    int64_t wall_offset_s; /* --now minus the real clock: the time the decision is told */
    int debounce_ms, quiet_ms; /* 0: campaign_follow.h's defaults */
    Uint32 event_type;
} bt_campaign_watch_config;

/* What the thread found. */
typedef struct {
    bool initial;     /* the campaign in place at start (r.status CURRENT, r.pl read
                       * from it when there is one, else NULL) */
    bool from_stick;  /* r is about a stick's campaign */
    char source[4096]; /* the folder or stick looked at */
    long long imported_at; /* initial, LOADED: when it was switched in (UTC seconds) */
    bt_cimport_result r; /* r.pl: LOADED (and initial): the campaign's playlist, owned */
} bt_campaign_news;

/* Starts the thread (and the watcher of cfg->folder). NULL with the reason
 * in err when it cannot start; the kiosk then plays without campaigns. */
bt_campaign_watch *bt_campaign_watch_start(const bt_campaign_watch_config *cfg, char *err,
                                           size_t errsize);

/* The folder watcher's event type (0 when none), to route its events to
 * bt_campaign_watch_changed. */
Uint32 bt_campaign_watch_event(const bt_campaign_watch *w);

/* The folder changed: look again soon. */
void bt_campaign_watch_changed(bt_campaign_watch *w);

/* A stick whose bangtin/ folder dir holds a campaign: imported on this
 * thread (a copy of dir is made). Thread-safe (the USB thread calls it). */
void bt_campaign_watch_stick(bt_campaign_watch *w, const char *dir);

/* From now on the campaigns of keys (copied) are taken, and the folder is
 * decided about again as if new (a campaign refused for its key may be
 * taken now). Thread-safe. */
void bt_campaign_watch_keys(bt_campaign_watch *w, const bt_keyring *keys);

/* Stops the thread (an import under way is cut short: nothing changes),
 * frees the news still queued. NULL is fine. */
void bt_campaign_watch_stop(bt_campaign_watch *w);

/* Frees news and the playlist it holds; NULL is fine. */
void bt_campaign_news_free(bt_campaign_news *n);

#endif
