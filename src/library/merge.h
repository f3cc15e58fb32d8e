/* merge.h: one report over many kiosks (`bangtin --report RANGE --merge
 * DIR`), at the province: DIR holds the outboxes the sync tool brought up,
 * DIR/KIOSK/plays-YYYY-MM-DD.csv (outbox.h), and the report sums them per
 * kiosk, slide and topic over the days of RANGE, as CSV:
 *
 *     kiosk,kind,playlist,id,shown,touches,seconds
 *     ubnd-ben-nghe-01,slide,Tháng an toàn thông tin,otp,420,0,5040.0
 *     ubnd-ben-nghe-01,topic,Tháng an toàn thông tin,lua-dao,0,31,912.5
 *     ubnd-ben-nghe-01,total,,,420,31,5952.5
 *     ...
 *     ,total,,,84000,6200,1190500.0
 *
 * Rows are sorted by kiosk, then kind (slides first), playlist and id
 * (byte order); each kiosk ends with its total, the last row is the total
 * of all. Plain C, no SDL.
 *
 * The files are untrusted (any kiosk, or anyone with the folder, wrote
 * them): names that are not kiosk names or day files are skipped, each
 * file is read up to BT_MERGE_MAX_FILE_BYTES, a line that is not a row is
 * counted and skipped, and the totals are bounded (BT_MERGE_MAX_ROWS). */
#ifndef BT_MERGE_H
#define BT_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "base/values.h"

#define BT_MERGE_HEADER "kiosk,kind,playlist,id,shown,touches,seconds"
#define BT_MERGE_MAX_FILE_BYTES (16 * 1024 * 1024)
#define BT_MERGE_MAX_ROWS 5000000 /* distinct (kiosk, kind, playlist, id) */
#define BT_MERGE_MAX_KIOSKS 100000

typedef struct {
    int kiosks;   /* folders with at least one day file in the range */
    long files;   /* day files read */
    long rows;    /* rows summed */
    long skipped; /* lines that were not rows, files too big or unreadable */
} bt_merge_stats;

/* Writes the merged report of the outboxes in dir for the days from..to
 * (inclusive) to out; fills *stats (may be NULL). Returns the number of
 * kiosks, or -1 with err (dir unreadable, out of memory, write error). */
int bt_merge_write(const char *dir, bt_date from, bt_date to, FILE *out, bt_merge_stats *stats,
                   char *err, size_t errsize);

#endif
