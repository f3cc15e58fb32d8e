/* services.h: the threads that feed the player's loop, started and stopped
 * together: SIGHUP, the playlist reader, the play log, the watcher of the
 * playlist file, and USB sticks. Each is optional: a kiosk plays without
 * any of them, and says in the log which one it lacks. */
#ifndef BT_SERVICES_H
#define BT_SERVICES_H

#include <stdbool.h>

#include <SDL.h>

#include "library/import.h"
#include "library/playlog.h"
#include "loader.h"
#include "sys/campaign_watch.h"
#include "sys/usb.h"
#include "sys/watch.h"

typedef struct {
    Uint32 ev_hup;
    bt_loader *loader;
    Uint32 ev_loaded;
    bt_playlog *log; /* NULL without a library */
    bt_watch *watch; /* the playlist file playing, and `current` when followed */
    Uint32 ev_reload;
    char *current;   /* LIBRARY/current, when followed (bt_services_follow_current) */
    bt_usb *usb;
    Uint32 ev_usb, ev_usb_started, ev_usb_progress;
    bt_campaign_watch *campaign; /* the province's campaign; NULL without a library */
    Uint32 ev_campaign;
    char kiosk_name[80]; /* for the reports on sticks, set before bt_services_start ("": none) */
} bt_services;

/* What an event from a service asks the player to do. */
typedef enum {
    BT_SERVICE_NONE,        /* not a service's event */
    BT_SERVICE_DONE,        /* handled here */
    BT_SERVICE_RELOAD,      /* the playlist file changed */
    BT_SERVICE_CURRENT,     /* the library's `current` changed (an import, --rollback, --reset) */
    BT_SERVICE_HUP,         /* SIGHUP: read the playlist again */
    BT_SERVICE_LOADED,      /* a playlist was read: user.data1 is a bt_loaded */
    BT_SERVICE_USB_STARTED, /* a stick is being checked */
    BT_SERVICE_USB_RESULT,  /* a stick's import ended: user.data1 is a bt_import_result */
    BT_SERVICE_CAMPAIGN,    /* news of the campaign: user.data1 is a bt_campaign_news */
    BT_SERVICE_USB_PROGRESS, /* a clip is being copied in (bt_usb_config's progress_type) */
} bt_service_event;

/* Before SDL's video starts: SIGHUP (blocked in every thread started after
 * this), SDL's events, and the playlist reader, which starts reading path at
 * once. false with the reason in err when the reader cannot start. */
bool bt_services_start_early(bt_services *sv, const char *path, char *err, size_t errsize);

/* Once playing: the play log in library (NULL: none, nor USB), the watcher
 * of path, and the USB thread over the folders watch[n_watch] (none given:
 * /media and /run/media). */
void bt_services_start(bt_services *sv, const char *library, const char *path,
                       const char *const *watch, int n_watch, bool unpaired_ok);

/* Before bt_services_start, with a library: the thread that follows the
 * province's campaign (campaign_watch.h: cfg's event type is filled
 * here), whose first news is the campaign in place. false (said in the
 * log) when it cannot start: the kiosk plays without campaigns. */
bool bt_services_start_campaign(bt_services *sv, bt_campaign_watch_config *cfg);

/* Watches path (the playlist playing) instead of what was watched, and
 * `current` when it is followed. */
void bt_services_watch(bt_services *sv, const char *path);

/* From now on also watches library's `current` itself (the link, not the
 * import it names), for another process switching it; path is the
 * playlist playing, watched as bt_services_watch does. */
void bt_services_follow_current(bt_services *sv, const char *library, const char *path);

/* Tells what ev means for the player; the USB watcher's own events are
 * handled here. */
bt_service_event bt_services_route(bt_services *sv, const SDL_Event *ev);

/* Stops every thread, frees what they left queued, closes the play log. */
void bt_services_stop(bt_services *sv);

#endif
