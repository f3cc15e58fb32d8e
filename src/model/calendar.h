/* calendar.h: the kiosk's calendar as the screen follows it: whether the
 * wall clock can be trusted (schedule.h, bt_clock_known) and whether the
 * playlist's display.off_hours darken the screen now. Plain C: it is told
 * the wall time and never reads a clock, so tests drive it with a fake one.
 * Off hours only count while the clock is known: a board that booted in 1970
 * must not sit dark all day. */
#ifndef BT_CALENDAR_H
#define BT_CALENDAR_H

#include <stdbool.h>
#include <time.h>

#include "base/values.h"

typedef struct {
    bool clock_known; /* the wall clock reads at least the build date */
    bool off;         /* in off hours: the screen is dark */
} bt_calendar;

/* What bt_calendar_update found changed. */
enum {
    BT_CALENDAR_CLOCK = 1, /* clock_known changed */
    BT_CALENDAR_OFF = 2,   /* off changed */
};

/* The calendar at wall for these off hours (unset: never dark). */
bt_calendar bt_calendar_at(const bt_hours *off_hours, time_t wall);

/* Moves c to wall; returns what changed (BT_CALENDAR_* bits, 0: nothing). */
unsigned bt_calendar_update(bt_calendar *c, const bt_hours *off_hours, time_t wall);

/* The wall time after wall at which off may next change, or (time_t)-1 when
 * it cannot change by itself (no off hours, or the clock is not known: the
 * caller looks again when the clock's minute changes). */
time_t bt_calendar_next_change(const bt_calendar *c, const bt_hours *off_hours, time_t wall);

#endif
