/* reports.h: the kiosk's status and its reports upward, written on a
 * thread of their own so that the loop never waits on the SD card: the
 * status file the technician's `bangtin --status` reads
 * (LIBRARY/status.json), and with an outbox (outbox.h) the same status and
 * the day's play report for the province, OUTBOX/KIOSK/status.json and
 * OUTBOX/KIOSK/plays-YYYY-MM-DD.csv (today's, and yesterday's once more so
 * that the last day is whole). Each file is written atomically.
 *
 * The player fills what it knows (what plays, the campaign, the office's
 * playlist, the screen); this thread adds the last imports (history.h),
 * the last warnings and errors (log.h), the free space, and writes. Only
 * the newest status waiting matters: one waiting is replaced by the next. */
#ifndef BT_REPORTS_H
#define BT_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "library/status.h"

typedef struct bt_reports bt_reports;

/* Starts the thread. library (NULL: no status file) and outbox (NULL: no
 * outbox) are copied; kiosk is the kiosk's name (bt_settings_name). NULL
 * with the reason in err. */
bt_reports *bt_reports_start(const char *library, const char *outbox, const char *kiosk,
                             char *err, size_t errsize);

/* Writes s (copied) as described above, soon; today is the local date of
 * s->written_at. */
void bt_reports_post(bt_reports *r, const bt_status *s);

/* Where the status file is: LIBRARY/status.json into buf. */
void bt_reports_status_path(const char *library, char *buf, size_t size);

/* Stops and joins the thread (a status being written is finished, one
 * waiting is dropped), then writes last (NULL: nothing) here, as the
 * thread would. NULL is fine. */
void bt_reports_stop(bt_reports *r, const bt_status *last);

#endif
