/* opening.h: the office's opening hours (kiosk.yaml `hours:`) and the
 * screen's standby state machine built on them. Plain C, no SDL: every
 * function is told the time (a time_t read as local time with localtime_r,
 * in the zone bt_tz_apply set; and the player's monotonic milliseconds)
 * and never reads a clock, so tests drive it with explicit times.
 *
 * Decisions a technician can rely on:
 * - Spans are [from, until): "07:00-17:30" is open at 07:00, closed at 17:30.
 * - A span that crosses midnight belongs to the day it starts on, as slides'
 *   schedules do (schedule.h): `fri: "22:00-02:00"` is open from Friday 22:00
 *   to Saturday 02:00.
 * - A day may have several spans ("07:00-11:30, 13:30-17:00"); a day not
 *   listed, or listed as `off`, is closed. No `hours:` at all: always open.
 * - While the clock is not known (bt_clock_known() is false) the office is
 *   taken to be open: hours read from a wrong clock would darken the screen
 *   in front of visitors.
 *
 * The standby machine: outside the opening hours the screen is powered down
 * (BT_STANDBY_ASLEEP); a touch or a key wakes it for the playlist's idle
 * timeout, each input restarting that time (BT_STANDBY_WOKEN); inside the
 * hours, the playlist's display.off_hours still paints it black but keeps it
 * powered (BT_STANDBY_DARK, as before); otherwise it plays. */
#ifndef BT_OPENING_H
#define BT_OPENING_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "base/values.h"

/* Spans a day may have. */
#define BT_OPENING_MAX_SPANS 4

typedef struct {
    bool set;                                 /* false: no hours given, always open */
    int n[7];                                 /* spans per weekday, 0 = Monday */
    bt_hours span[7][BT_OPENING_MAX_SPANS];   /* sorted by from; each starts that day */
} bt_opening;

/* ---- reading the hours (for settings.c) ---------------------------------- */

/* A key of `hours:` as the days it names, bits as bt_schedule.days (bit 0
 * Monday): "mon", "monday", "mon-fri", "fri-mon" (wraps over the weekend),
 * or a comma list of those ("mon, wed, fri-sat"). 0 when it is not one. */
uint8_t bt_opening_parse_days(const char *key);

/* A value of `hours:`: "off" or "closed" (no span, *n = 0) or one to
 * BT_OPENING_MAX_SPANS spans "HH:MM-HH:MM" separated by commas, in any
 * order; stored sorted by their start. False (nothing set) when it is not
 * one; *why then says what is wrong ("the spans overlap", ...). */
bool bt_opening_parse_spans(const char *value, bt_hours *out, int *n, const char **why);

/* Whether two spans of the week overlap, counting the spans that cross
 * midnight into the next day (Sunday's into Monday's). On true, *day_a,
 * *day_b are the weekdays of the two spans, and *span_a, *span_b their
 * indices. Used to refuse hours that say the same time twice. */
bool bt_opening_overlap(const bt_opening *o, int *day_a, int *span_a, int *day_b, int *span_b);

/* ---- asking the hours ------------------------------------------------------ */

/* Whether the office is open at wall (local time). Unset o: always open. */
bool bt_opening_is_open(const bt_opening *o, time_t wall);

/* The first time after wall at which bt_opening_is_open changes, to the
 * second (also on the nights the clocks change), looked for over the next
 * eight days; wall + 24 h when it does not change in them (unset, or always
 * open or closed), so that a caller sleeping until it simply asks again. */
time_t bt_opening_next_change(const bt_opening *o, time_t wall);

/* ---- the screen's standby state machine ----------------------------------- */

typedef enum {
    BT_POWER_NONE, /* nothing to do */
    BT_POWER_OFF,  /* power the screen down now */
    BT_POWER_ON,   /* power it up now */
} bt_power_action;

typedef enum {
    BT_STANDBY_PLAYING, /* open: the loop plays */
    BT_STANDBY_DARK,    /* open, in the playlist's off_hours: black, powered */
    BT_STANDBY_ASLEEP,  /* closed: powered down, nothing drawn */
    BT_STANDBY_WOKEN,   /* closed, woken by an input: plays until woken_until */
} bt_standby_state;

typedef struct {
    const bt_opening *hours; /* not owned; NULL: always open */
    bt_standby_state state;
    bool started;            /* update has run once */
    bool powered;            /* what the screen was last told to be */
    uint64_t woken_until;    /* BT_STANDBY_WOKEN: monotonic ms it sleeps again */
} bt_standby;

/* Starts the machine; hours (may be NULL) must outlive it. The first
 * bt_standby_update always returns the power the screen must have (ON or
 * OFF), so that a player restarted while the screen was down puts it right. */
void bt_standby_init(bt_standby *s, const bt_opening *hours);

/* Re-evaluates the state at now_ms (monotonic) and wall (the same moment
 * as local time). off_hours is the playlist's display.off_hours (NULL or
 * unset: none). Returns the power action due now, once per change. */
bt_power_action bt_standby_update(bt_standby *s, uint64_t now_ms, time_t wall, bool clock_known,
                                  const bt_hours *off_hours);

/* A touch, a click or a key at now_ms. While asleep it wakes the screen for
 * idle_ms and returns true: the input was used to wake, and should not also
 * press what lies under it on a screen the visitor could not see. While
 * woken, it restarts the idle_ms. Otherwise it changes nothing (false).
 * Call bt_standby_update afterwards for the power action (ON). */
bool bt_standby_input(bt_standby *s, uint64_t now_ms, uint64_t idle_ms);

/* The monotonic ms at which bt_standby_update must next run (an opening
 * hour, an off_hours edge, the end of a wake), given the same now_ms and
 * wall as the last update; UINT64_MAX when nothing is due. */
uint64_t bt_standby_deadline(const bt_standby *s, uint64_t now_ms, time_t wall, bool clock_known,
                             const bt_hours *off_hours);

/* "playing", "dark", "asleep", "woken": for logs and --status. */
const char *bt_standby_state_name(bt_standby_state st);

/* ---- what --status shows of the screen ------------------------------------ */

/* The screen's facts for the status file and --status: plain values, no
 * pointer into the machine but static strings, so a status writer may copy
 * the struct and keep it (bt_status.power takes .power). */
typedef struct {
    const char *power;   /* "on", "off" (powered down), "unknown" before the first update */
    const char *state;   /* bt_standby_state_name: "playing", "dark", "asleep", "woken" */
    bool has_hours;      /* opening hours are set (kiosk.yaml `hours:`, no mistake) */
    bool clock_known;    /* false: the clock is not set, the hours are not applied */
    bool open;           /* the office is open now (true without hours or a set clock) */
    time_t next_change;  /* when the hours next open or close; (time_t)-1: none within a
                          * week, no hours, or the clock not set */
    bool next_opens;     /* at next_change the office opens (else it closes) */
} bt_screen_facts;

/* The facts of s at wall (the kiosk's clock now, local time in the zone
 * bt_tz_apply set) into out. Reads only. */
void bt_standby_facts(const bt_standby *s, time_t wall, bool clock_known, bt_screen_facts *out);

/* Whether two facts differ in what a status file shows (power, state,
 * open, next change): a writer rewrites the file only then. */
bool bt_screen_facts_differ(const bt_screen_facts *a, const bt_screen_facts *b);

#endif
