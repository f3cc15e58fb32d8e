/* values.h: small parsers for the values a playlist and the command line
 * write as text (colours, dates, hours, seconds, booleans). Plain C; each
 * returns false, leaving *out untouched, when the text is not exactly one
 * such value. Ranges that depend on the key are the caller's to check. */
#ifndef BT_VALUES_H
#define BT_VALUES_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint8_t r, g, b, a;
} bt_color;

/* A calendar date; y == 0 means "not set". */
typedef struct {
    int y, m, d;
} bt_date;

/* A span of the day in minutes since midnight; from > until crosses midnight. */
typedef struct {
    bool set;
    int from_min, until_min;
} bt_hours;

/* Days of the week as bits: bit 0 is Monday ... bit 6 is Sunday. */
#define BT_DAYS_ALL 0x7f

/* "#rgb", "#rrggbb" or "#rrggbbaa" (hex digits, either case); alpha 255
 * unless given. */
bool bt_parse_color(const char *s, bt_color *out);

/* "YYYY-MM-DD", a date that exists (2026-02-30 does not), years 1970-9999. */
bool bt_parse_date(const char *s, bt_date *out);

/* "HH:MM" as minutes since midnight, 00:00 to 23:59; "24:00" only when
 * allow_24 (the end of a span). One-digit hours ("7:30") are accepted. */
bool bt_parse_hhmm(const char *s, bool allow_24, int *out);

/* "HH:MM-HH:MM" (spaces around '-' allowed); the two times must differ;
 * until may be "24:00" (1440: to the end of the day), from may not;
 * from > until means the span crosses midnight. */
bool bt_parse_hours(const char *s, bt_hours *out);

/* "YYYY-MM-DDTHH:MM" (or a space instead of T), as for --now. */
bool bt_parse_datetime(const char *s, bt_date *date, int *minute);

/* "WxH" with both sides 1..100000, as for --size and --window. */
bool bt_parse_size(const char *s, int *w, int *h);

/* A plain decimal number of seconds ("12", "2.5", "-3"): no exponent, no
 * hex, no inf/nan. */
bool bt_parse_seconds(const char *s, double *out);

/* A whole decimal number ("600", "-1"), within long. */
bool bt_parse_long(const char *s, long *out);

/* true/false, yes/no, on/off (lower, Title or UPPER case, as YAML 1.1). */
bool bt_parse_bool(const char *s, bool *out);

/* A day of the week, "mon".."sun" or "monday".."sunday" in any case, as
 * 0 (Monday) .. 6 (Sunday); -1 when it is not one. */
int bt_parse_day(const char *s);

/* A range of pages, 1-based; to == 0: up to the last page. */
typedef struct {
    int from, to;
} bt_page_range;

#define BT_MAX_PAGE_RANGES 64

/* A list of pages as a clerk writes it for a PDF: "1-4,7", "3", "2-"
 * (from 2 to the end), ranges and pages separated by commas, spaces
 * allowed around numbers, '-' and ','; pages 1 to 999999, each range
 * from <= to. At most max (and BT_MAX_PAGE_RANGES) ranges, into out; *n
 * their number. Whether the pages exist is the caller's to check. */
bool bt_parse_pages(const char *s, bt_page_range *out, int max, int *n);

/* Orders two dates: <0, 0 or >0 as a is before, the same as, after b. */
int bt_date_cmp(const bt_date *a, const bt_date *b);

/* The candidate closest to word by edit distance (insert, delete, replace,
 * swap two neighbours), or NULL when none is close enough to be a typo. */
const char *bt_suggest(const char *word, const char *const *cands, int n);

#endif
