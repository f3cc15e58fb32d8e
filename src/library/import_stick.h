/* import_stick.h: what an import writes on a stick (import.h): errors.txt
 * and the play report, each written atomically (a temporary file, fsync,
 * rename, fsync of the folder) through an fd of the stick's bangtin/ folder
 * opened without following links. A stick that cannot be written (read-only,
 * EROFS/EACCES/EPERM) is skipped quietly. Internal to import.c; plain C. */
#ifndef BT_IMPORT_STICK_H
#define BT_IMPORT_STICK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "pairing.h"

/* Formats a problem as `FILE:LINE:COL: error: MESSAGE` with FILE relative
 * to the stick's bangtin folder (bangtin_dir), and the kiosk's key, should
 * the text quote it, masked. */
void bt_import_format_problem(const char *bangtin_dir, const bt_diag *p, const bt_pair_key *key,
                              char *buf, size_t size);

/* Writes errors.txt in the folder dirfd: a header line in Vietnamese with
 * the date (refused for its errors, or loaded with these warnings), then
 * every problem of d (bt_import_format_problem), CRLF line ends for
 * Windows' Notepad. true when written and synced. */
bool bt_import_write_errors(int dirfd, const char *bangtin_dir, const bt_diags *d,
                            const bt_pair_key *key);

/* Removes a stale errors.txt from the folder dirfd, if any. */
void bt_import_remove_errors(int dirfd);

/* Writes the play report of library over the last BT_IMPORT_REPORT_DAYS to
 * reports/KIOSK-YYYY-MM-DD.csv below dirfd, in the office's form (report.h).
 * KIOSK is name (the kiosk's name from its settings) when given, else a
 * name made from header (the office playlist's header: "UBND Phường 1"
 * gives ubnd-phuong-1), else the host name with the start of the
 * machine's id (every board of an image has the same host name). true
 * when written and synced. */
bool bt_import_write_report(int dirfd, const char *library, const char *name, const char *header);

#endif
