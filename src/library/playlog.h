/* playlog.h: the play log, the proof of play an office reports upward.
 *
 * LIBRARY/plays.csv holds one record per line, after a header line:
 *
 *     time,playlist,id,seconds,mode
 *     2026-11-29T08:15:00+07:00,An toàn thông tin,otp,12.0,loop
 *
 * time is local time with its UTC offset; seconds have one decimal; mode is
 * `loop` (id is a slide shown by the attract loop), `touch` (id is a topic
 * a visitor opened; the seconds are the time spent in it) or `screen` (id
 * `on`, playlist empty: the screen was powered from time on for seconds,
 * as the opening hours and wakes allow: written when it goes off, at each
 * full hour and at the end, so a day's lines sum to its hours on). Fields holding a
 * comma or a quote are quoted as RFC 4180 says; line breaks and other
 * control characters inside a field are written as spaces, so that a record
 * is always exactly one line and a torn write can never pass for a whole
 * record.
 *
 * Crash safety: each record is one write(2) of a whole line to a file opened
 * O_APPEND, so a kill -9 or a power cut loses at most the line being
 * written; a file that does not end in '\n' (a torn line) gets a '\n' before
 * the next record, and readers skip the torn fragment. fdatasync runs at
 * most once a minute and on close.
 *
 * Sparing the SD card (bt_playlog_spool): on a kiosk, records first go to a
 * spool file in RAM (tmpfs: systemd's RuntimeDirectory, /run/bangtin) and
 * reach plays.csv at most once a minute, in one write and one fdatasync,
 * so the card is written once a minute, not on every slide (each write of a
 * file costs ext4 a journal commit within 5 s). A kill -9, a crash or the
 * watchdog lose nothing: the spool outlives the process, and the next run
 * moves it first, never twice (records already at the end of plays.csv are
 * not written again). A power cut loses at most the last minute of records,
 * and still never an earlier one.
 *
 * Rotation: when a record's month differs from the month of the records in
 * plays.csv, the file is renamed plays-YYYY-MM.csv (plays-YYYY-MM.N.csv if
 * that name is taken, after a clock that went back) and a new plays.csv
 * begins. Of the rotated files, the newest BT_PLAYLOG_KEEP_FILES (by the
 * month in their names: two years of months) are kept and older ones
 * deleted: by their count, never by what the clock says, so a clock set
 * years ahead (a bad RTC, a typo) cannot erase proof of play. Records are
 * kept whatever their time: written while the clock is not known
 * (bt_clock_known) they neither rotate nor prune, carry their 1970 times,
 * stay in the current file, and fall outside any report's range.
 *
 * Growth is bounded: at most BT_MAX_PLAYS_PER_DAY records a local day are
 * written (a playlist of one-second slides would write tens of thousands);
 * past that, the day's further plays are counted in the log, once.
 *
 * Not thread-safe: one thread (the player's) owns a bt_playlog. */
#ifndef BT_PLAYLOG_H
#define BT_PLAYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model/playlist.h"

typedef struct bt_playlog bt_playlog;

#define BT_PLAYLOG_FILE "plays.csv"
#define BT_PLAYLOG_HEADER "time,playlist,id,seconds,mode"
#define BT_PLAYLOG_KEEP_FILES 24
#define BT_PLAYLOG_SCREEN_ID "on" /* the id of a `screen` record */

/* Opens (creating when needed) library_dir/plays.csv for appending; an
 * internal copy of library_dir is made (NULL or "" is the current folder). Returns NULL only when out of
 * memory. When the file cannot be opened now (folder missing, read-only)
 * the handle is still returned, err says why, it is logged once, and each
 * add tries again, so the player never has to care. */
bt_playlog *bt_playlog_open(const char *library_dir, char *err, size_t errsize);

/* From now on, records wait in dir/plays.pending (dir on a RAM file
 * system) and are moved to plays.csv at most once a minute, or when 256 KiB
 * wait, and on sync and close. Records a killed run left there are moved
 * first. Returns false with err when the spool cannot be opened: records
 * then go straight to plays.csv as before. err may also say, with true,
 * that left records wait because plays.csv cannot be written now. */
bool bt_playlog_spool(bt_playlog *log, const char *dir, char *err, size_t errsize);

/* Appends one record (playlist and id are copied into the line; NULL is
 * written as empty). touch: id is a topic opened in touch mode, else a slide
 * shown by the loop. Returns false when the record could not be written;
 * the first failure of a run of failures is logged, later ones are not.
 * NULL log: does nothing, returns false. */
bool bt_playlog_add(bt_playlog *log, time_t when, const char *playlist, const char *id,
                    double seconds, bool touch);

/* Appends a `screen` record: the screen was on for seconds from when.
 * As bt_playlog_add otherwise (the same bound a day). */
bool bt_playlog_add_screen(bt_playlog *log, time_t when, double seconds);

/* Moves what waits in the spool to plays.csv and flushes what was appended
 * since the last flush to the card (fdatasync), e.g. before a report is
 * made from plays.csv. Returns false on error. */
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
    bool screen;            /* a `screen` record (touch false): seconds the screen was on */
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
