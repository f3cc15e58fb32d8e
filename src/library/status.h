/* status.h: what the kiosk is doing, as facts a technician or a tool can
 * read: what plays and since when, the next change, the campaign and the
 * office's playlist with their import times, the last imports and their
 * results, the last errors, free space, version, uptime, the screen's
 * power. Plain C, no SDL.
 *
 * The running player writes it as JSON (status.json) in its runtime folder
 * (or the library) whenever something in it changes, and into the outbox
 * for the province (outbox.h); `bangtin --status` reads it back and prints
 * it as text, or as JSON with --json. Every write is atomic: a reader sees
 * the old file or the new one.
 *
 *     {
 *       "format": 1, "kiosk": "ubnd-ben-nghe-01", "version": "0.3", "pid": 812,
 *       "written": "2026-03-15T08:30:00+07:00", "written_at": 1773538200,
 *       "started_at": 1773480000,
 *       "playing": {"what": "...", "slides": 33, "since_at": ..., "next_change_at": ...,
 *                   "next_change": "a slide's schedule opens or closes"},
 *       "campaign": {"present": true, "version": 7, "name": "...", "issued": "...",
 *                    "imported_at": ..., "folder": "...", "state": "..."},
 *       "office": {"present": true, "name": "...", "playlist": "...", "imported_at": ...},
 *       "imports": [{"at": ..., "source": "campaign", "result": "loaded", "detail": "..."}],
 *       "errors": [{"at": ..., "level": "warning", "text": "..."}],
 *       "disk": {"path": "/var/lib/bangtin", "free_bytes": ..., "total_bytes": ...},
 *       "screen": {"power": "on"},
 *       "outbox": {"path": "...", "written_at": ...}
 *     }
 *
 * Times are seconds since 1970 (UTC), 0 when not known; "written" is the
 * same instant as text. Strings are UTF-8, escaped as JSON says. */
#ifndef BT_STATUS_H
#define BT_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "base/diag.h"
#include "history.h"

#define BT_STATUS_FILE "status.json"
#define BT_STATUS_IMPORTS 5
#define BT_STATUS_ERRORS 5
#define BT_STATUS_TEXT 300 /* bytes of each text field, at most */

typedef struct {
    long long at;
    char level[8]; /* "error", "warning" */
    char text[BT_STATUS_TEXT];
} bt_status_error;

typedef struct {
    int format;
    char kiosk[80];
    char version[80];
    long long pid;
    long long written_at, started_at;
    long long stopped_at; /* the player ended cleanly then; 0 while it runs (or after a crash) */

    /* what plays */
    char playing[BT_STATUS_TEXT];
    int slides;
    long long playing_since;
    long long next_change_at; /* 0: nothing scheduled */
    char next_change[BT_STATUS_TEXT];

    /* the province's campaign */
    bool campaign_present;
    long long campaign_version;
    char campaign_name[BT_STATUS_TEXT];
    char campaign_issued[24];
    long long campaign_imported_at;
    char campaign_folder[BT_STATUS_TEXT]; /* the synced folder followed; "" none */
    char campaign_state[BT_STATUS_TEXT];  /* the last look at it: "waiting: ...", "refused: ..." */

    /* the office's playlist */
    bool office_present;
    char office_name[BT_STATUS_TEXT];
    char office_playlist[BT_STATUS_TEXT];
    long long office_imported_at;

    bt_history_entry imports[BT_STATUS_IMPORTS]; /* oldest first */
    int n_imports;
    bt_status_error errors[BT_STATUS_ERRORS]; /* oldest first */
    int n_errors;

    char disk_path[BT_STATUS_TEXT];
    unsigned long long free_bytes, total_bytes;

    /* The screen's power, as the standby code sets it ("on", "off",
     * "asleep", ...); "" while nothing sets it. */
    char power[32];

    char outbox[BT_STATUS_TEXT];
    long long outbox_written_at;
} bt_status;

/* Empty: format 1, every field zero or "". */
void bt_status_init(bt_status *s);

/* The JSON of s into a malloc'd NUL-terminated string (*len bytes) owned
 * by the caller; NULL when out of memory. written (the text form) is
 * s->written_at in local time. */
char *bt_status_json(const bt_status *s, size_t *len);

/* Writes s as JSON to path atomically (a temporary file beside it,
 * renamed over it). false with err. */
bool bt_status_write(const bt_status *s, const char *path, char *err, size_t errsize);

/* Reads a status file written by bt_status_write (bounded, through the
 * YAML reader: JSON is YAML) into *s. false, with the problem in d, when
 * it cannot be read or is not a status file. Unknown keys are ignored (a
 * newer player may write more). */
bool bt_status_read(const char *path, bt_status *s, bt_diags *d);

/* The facts of s for a technician, a few lines of text, to out. now is
 * the time it is read; alive whether the player that wrote it still runs. */
void bt_status_print(const bt_status *s, time_t now, bool alive, FILE *out);

#endif
