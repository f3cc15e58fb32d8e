/* report.h: the play report (`bangtin --report FROM..TO`, and the file
 * written to a stick): the play log summed per slide and per topic, as CSV.
 *
 * One table with one header row, so a spreadsheet can sort and filter it:
 *
 *     kind,playlist,id,shown,touches,seconds
 *     slide,An toàn thông tin,otp,42,0,504.0
 *     topic,An toàn thông tin,lua-dao,0,7,183.5
 *     total,,,42,7,687.5
 *
 * kind is `slide` (shown: times the loop showed it), `topic` (touches: times
 * a visitor opened it in touch mode), `screen` (id `on`, only when the log
 * has such records: the time the screen was powered, its hours on; not
 * part of the total) or the one closing `total` row; seconds are the time
 * on screen, one decimal. Rows are sorted by kind, playlist, then id, in
 * natural order (slide-2 before slide-10). The copy an office opens in a
 * spreadsheet (on its stick) has the same columns under headers in its
 * language, is UTF-8 with a byte-order mark and has CRLF line ends. A
 * field a spreadsheet would run as a formula
 * (starting with = + - @) is written with a leading apostrophe. */
#ifndef BT_REPORT_H
#define BT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/playlist.h"

#define BT_REPORT_HEADER "kind,playlist,id,shown,touches,seconds"

/* What a report read, for the caller to tell the user. */
typedef struct {
    long plays;   /* records counted: their local date is in the range */
    long outside; /* readable records outside the range */
    long skipped; /* unreadable lines: torn by a power cut, or garbage */
    int files;    /* log files read */
} bt_report_stats;

/* Parses "FROM..TO" (YYYY-MM-DD, inclusive), a single date "DATE" (that
 * day), "FROM.." (from then on) or "..TO" (up to then). False, leaving the
 * outputs untouched, when malformed or when FROM is after TO. */
bool bt_report_parse_range(const char *s, bt_date *from, bt_date *to);

/* Reads library_dir/plays.csv and the rotated month files that can hold
 * dates in [from, to], and writes the summary to out (which the caller
 * owns and closes). Returns the number of plays counted, or -1 with err
 * filled (library folder unreadable, out of memory, write error). A folder
 * without any log gives a report with only the header and a zero total. */
int bt_report_write(const char *library_dir, bt_date from, bt_date to, FILE *out, char *err,
                    size_t errsize);

/* Who reads a report: a terminal or a tool (the header above, LF), or an
 * office's spreadsheet (see above). */
typedef enum { BT_REPORT_PLAIN, BT_REPORT_OFFICE } bt_report_form;

/* bt_report_write in the given form, also filling *stats (may be NULL). */
int bt_report_write_form(const char *library_dir, bt_date from, bt_date to, bt_report_form form,
                         FILE *out, bt_report_stats *stats, char *err, size_t errsize);

/* bt_report_write, also filling *stats (which may be NULL). */
int bt_report_write_stats(const char *library_dir, bt_date from, bt_date to, FILE *out,
                          bt_report_stats *stats, char *err, size_t errsize);

#endif
