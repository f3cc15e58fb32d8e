/* schedule.h: when a slide's schedule is open, when display.off_hours
 * holds, and when either next changes. Plain C, no SDL: every function is
 * told the time (a time_t read as local time with localtime_r) and never
 * reads a clock, so tests drive it with explicit times.
 *
 * Decisions an office can rely on:
 * - Dates (`from`, `until`) are inclusive whole local days.
 * - Hours are [from, until): 07:30-17:00 shows at 07:30 and not at 17:00.
 * - Hours that cross midnight belong to the day they start on: `days: [fri]`
 *   with `hours: "22:00-02:00"` is Friday 22:00 to Saturday 02:00, and the
 *   same span on `until: 2026-12-31` still runs to 02:00 on 2027-01-01.
 * - When the clock is not known (it reads earlier than the build date, as
 *   a board without a real-time clock does at boot), only slides without a
 *   schedule play: days and hours read from a wrong clock are as wrong as
 *   dates, and an unscheduled slide is always right to show. */
#ifndef BT_SCHEDULE_H
#define BT_SCHEDULE_H

#include <stdbool.h>
#include <time.h>

#include "playlist.h"

/* Whether minute_of_day (0..1439) falls in h: from inclusive, until
 * exclusive, across midnight when from > until. An unset span contains
 * nothing; a span whose ends are the same minute (never produced by the
 * loader, which refuses it) is the whole day. */
bool bt_hours_contains(const bt_hours *h, int minute_of_day);

/* Whether the local time of wall falls in h (as bt_hours_contains). For
 * display.off_hours: callers should not blank the screen while
 * bt_clock_known() is false, since the hour is then meaningless. */
bool bt_in_hours(const bt_hours *h, time_t wall);

/* The first time after wall at which bt_in_hours(h, .) changes, or
 * wall + 24 h when it does not change within a day (unset or all-day h). */
time_t bt_hours_next_change(const bt_hours *h, time_t wall);

/* Whether a schedule lets its slide show at wall. s == NULL (no schedule)
 * and a schedule that restricts nothing are always active; any other
 * schedule is inactive while !clock_known. */
bool bt_schedule_active(const bt_schedule *s, time_t wall, bool clock_known);

/* The first time after wall at which bt_schedule_active(s, ., true)
 * changes: exactly the minute an hours span opens or closes, or the local
 * midnight a day or date starts or ends; wall + 24 h when nothing changes
 * within a day. Times that may change but do not are skipped, so a player
 * sleeping until the earliest of these wakes only when it must. */
time_t bt_schedule_next_change(const bt_schedule *s, time_t wall);

/* Whether the wall clock can be trusted: false when its local date is
 * earlier than BT_BUILD_DATE (a board without RTC boots in 1970). */
bool bt_clock_known(time_t wall);

#endif
