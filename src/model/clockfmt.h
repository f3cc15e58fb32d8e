/* clockfmt.h: the date and time as the header shows them, in Vietnamese. */
#ifndef BT_CLOCKFMT_H
#define BT_CLOCKFMT_H

#include <stddef.h>
#include <time.h>

/* "Thứ Hai, 30/11/2026" for the local date of t (in the office's language). */
void bt_clock_date(time_t t, char *buf, size_t size);

/* "08:05" for the local time of t. */
void bt_clock_time(time_t t, char *buf, size_t size);

/* The start of the next local minute after t: when the clock must change. */
time_t bt_clock_next_minute(time_t t);

#endif
