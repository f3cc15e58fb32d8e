/* playlog.h: the play log, the proof of play an office reports upward.
 *
 * LIBRARY/plays.csv holds one record per line, after a header line:
 *
 *     time,playlist,id,seconds,mode
 *     2026-11-29T08:15:00+07:00,An toàn thông tin,otp,12.0,loop
 *
 * time is local time with its UTC offset; seconds have one decimal; mode is
 * `loop` (id is a slide shown by the attract loop) or `touch` (id is a topic
 * a visitor opened; the seconds are the time spent in it). Fields holding a
 * comma or a quote are quoted as RFC 4180 says; line breaks and other
 * control characters inside a field are written as spaces, so that a record
 * is always exactly one line and a torn write can never pass for a whole
 * record.
 *
 * Crash safety: each record is one write(2) of a whole line to a file opened
 * O_APPEND, so a power cut or kill -9 loses at most the line being written;
 * a file that does not end in '\n' (a torn line) gets a '\n' before the next
 * record, and readers skip the torn fragment. fdatasync runs at most once a
 * minute (an SD card must not be flushed on every slide) and on close.
 *
 * Rotation: when a record's month differs from the month of the records in
 * plays.csv, the file is renamed plays-YYYY-MM.csv (plays-YYYY-MM.N.csv if
 * that name is taken, after a clock that went back) and a new plays.csv
 * begins; rotated files more than 12 months older than the new record are
 * deleted. Records written while the clock is not known (bt_clock_known)
 * neither rotate nor prune: they carry their 1970 times, stay in the
 * current file, and fall outside any report's range.
 *
 * Not thread-safe: one thread (the player's) owns a bt_playlog. */
#ifndef BT_PLAYLOG_H
#define BT_PLAYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "playlist.h"

typedef struct bt_playlog bt_playlog;

#define BT_PLAYLOG_FILE "plays.csv"
#define BT_PLAYLOG_HEADER "time,playlist,id,seconds,mode"
#define BT_PLAYLOG_KEEP_MONTHS 12

/* Opens (creating when needed) library_dir/plays.csv for appending; an
 * internal copy of library_dir is made (NULL or "" is the current folder). Returns NULL only when out of
 * memory. When the file cannot be opened now (folder missing, read-only)
 * the handle is still returned, err says why, it is logged once, and each
 * add tries again, so the player never has to care. */
bt_playlog *bt_playlog_open(const char *library_dir, char *err, size_t errsize);

/* Appends one record (playlist and id are copied into the line; NULL is
 * written as empty). touch: id is a topic opened in touch mode, else a slide
 * shown by the loop. Returns false when the record could not be written;
 * the first failure of a run of failures is logged, later ones are not.
 * NULL log: does nothing, returns false. */
bool bt_playlog_add(bt_playlog *log, time_t when, const char *playlist, const char *id,
                    double seconds, bool touch);

/* Flushes what was appended since the last flush to the card (fdatasync),
 * e.g. before the screen goes to off hours. Returns false on error. */
bool bt_playlog_sync(bt_playlog *log);

/* How many times the log was flushed to the card since it was opened: for
 * tests and diagnostics. */
unsigned bt_playlog_sync_count(const bt_playlog *log);

/* Flushes and closes the log and frees it; NULL is fine. */
void bt_playlog_close(bt_playlog *log);

/* ---- the record format, shared by the writer and the report ---- */

/* One parsed record. The strings point into the line given to
 * bt_playlog_parse and live as long as it. */
typedef struct {
    bt_date date;           /* local date, as written */
    int hour, minute, second;
    int utc_offset_min;     /* e.g. 420 for +07:00 */
    const char *playlist;   /* may be empty */
    const char *id;         /* never empty */
    long long tenths;       /* seconds shown, in tenths */
    bool touch;
} bt_play;

/* Formats one record, with its '\n', into buf (NUL-terminated). Returns its
 * length, or 0 when it does not fit (fields are cut to 1024 bytes at a
 * character boundary first, so 4096 bytes always fit). */
size_t bt_playlog_format(char *buf, size_t size, time_t when, const char *playlist,
                         const char *id, double seconds, bool touch);

/* Parses one line (NUL-terminated, without its '\n'), unquoting in place.
 * Returns false for the header, garbage and torn fragments. */
bool bt_playlog_parse(char *line, bt_play *out);

/* The month a rotated file holds, from its name: "plays-2026-11.csv" and
 * "plays-2026-11.2.csv" give 2026 and 11. False for any other name. */
bool bt_playlog_rotated_month(const char *name, int *year, int *month);

#endif
