/* history.h: the kiosk's imports, one line each, for its status: what was
 * loaded or refused, from a stick or the province's campaign, and when.
 * Plain C, no SDL.
 *
 * LIBRARY/imports.log holds one record per line, fields separated by tabs
 * (tabs and line breaks inside a field are written as spaces):
 *
 *     1773563400	campaign	loaded	version 7 "Tháng an toàn thông tin", 24 slides
 *
 * Each record is one append of a whole line (a torn last line is skipped
 * when read); the file is cut to its last BT_HISTORY_KEEP records when it
 * passes BT_HISTORY_MAX_BYTES, by an atomic rewrite. Imports are rare, so
 * the SD card is written once an import. */
#ifndef BT_HISTORY_H
#define BT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define BT_HISTORY_FILE "imports.log"
#define BT_HISTORY_MAX_BYTES (64 * 1024)
#define BT_HISTORY_KEEP 50

typedef struct {
    time_t when;
    char source[16]; /* "usb", "campaign", "usb-campaign" */
    char result[16]; /* "loaded", "already", "refused", "invalid", "aborted", "failed", ... */
    char detail[300]; /* one line, cut short */
} bt_history_entry;

/* Appends a record to library's history; false when it cannot be written
 * (logged once by the caller if it cares). */
bool bt_history_add(const char *library, const bt_history_entry *e);

/* The last (at most max) records, oldest first, into out; how many. */
int bt_history_last(const char *library, bt_history_entry *out, int max);

/* Parses one line (NUL-terminated, without its '\n') into *e; false for a
 * line that is not a record. */
bool bt_history_parse(const char *line, bt_history_entry *e);

#endif
