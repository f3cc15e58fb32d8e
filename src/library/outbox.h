/* outbox.h: what the kiosk leaves for the province in its outbox, a folder
 * a sync tool carries upward (design.md, "Reports upward"). Plain C, no SDL.
 *
 *     OUTBOX/KIOSK/plays-YYYY-MM-DD.csv   the day's play report (report.h's
 *                                         format: per slide and per topic)
 *     OUTBOX/KIOSK/status.json            the kiosk's status (status.h)
 *
 * KIOSK is the kiosk's name (bt_settings_name). Each file is written
 * atomically: a temporary file in the same folder named as Syncthing names
 * its own (".syncthing.NAME.tmp", which Syncthing never sends), fsynced,
 * then renamed over the old one, so the province never receives half a
 * file. The day's report is written again whenever it is asked for (at
 * least daily, and after each import): it always holds the whole day so
 * far, and the province keeps the last copy it received. */
#ifndef BT_OUTBOX_H
#define BT_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/values.h"
#include "status.h"

/* OUTBOX/KIOSK, made when missing, into out. false with err. */
bool bt_outbox_dir(const char *outbox, const char *kiosk, char *out, size_t size, char *err,
                   size_t errsize);

/* Writes OUTBOX/KIOSK/plays-DAY.csv: the play report of library's play
 * log for that day. false with err. */
bool bt_outbox_write_day(const char *outbox, const char *kiosk, const char *library, bt_date day,
                         char *err, size_t errsize);

/* Writes OUTBOX/KIOSK/status.json. false with err. */
bool bt_outbox_write_status(const char *outbox, const char *kiosk, const bt_status *s, char *err,
                            size_t errsize);

/* Whether name is a day's report's file name, and its day. */
bool bt_outbox_day_file(const char *name, bt_date *day);

#endif
