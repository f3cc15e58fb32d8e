/* loop.h: the attract loop's sequence of slides and tips, plain C.
 *
 * The loop is told the time; it never reads a clock. `ms` is monotonic
 * milliseconds (64-bit: a kiosk runs for months), `wall` the local calendar
 * time used by schedules. Whether the wall clock is trusted is decided by
 * bt_clock_known(wall) (schedule.h) at each choice: the player calls that
 * itself for the "clock not set" mark and its log line; the loop keeps no
 * copy of it.
 *
 * Order: a slide is playable when its schedule is active at wall. Normal
 * slides play in playlist order; while any `priority: alert` slide is
 * playable, one alert follows every normal slide, the alerts taking turns
 * (N1 A1 N2 A2 N3 A1 ...). With only alerts playable, they cycle. At the
 * start the loop begins with a normal slide. The slide after the current
 * one is chosen ahead (`upcoming`) so it can be painted before it is due.
 *
 * A video slide (bt_slide_is_clip) has no time of its own: it is held
 * until the player says its clip is over (bt_loop_clip_over), then the
 * loop moves on at once, to the same clip again when it is the only slide
 * playable. A clip that cannot play is passed over before it is due
 * (bt_loop_skip_upcoming). */
#ifndef BT_LOOP_H
#define BT_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "playlist.h"

typedef struct {
    const bt_playlist *pl;
    int current;       /* slide on screen, -1 when none is active */
    uint64_t shown_at; /* when it (or the empty screen) came on screen */
    int upcoming;      /* the slide after it, chosen ahead so it can be prepared;
                          -1 when none is active */
    int tip;           /* tip on screen, -1 when there are none */
    uint64_t tip_at;

    /* where each kind resumes: the last normal and last alert slide shown */
    int last_normal, last_alert;
    uint64_t recheck_at; /* see bt_loop_recheck_deadline */
    uint64_t clip_over_at; /* a video slide on screen: when its clip ended (UINT64_MAX: playing) */
} bt_loop;

/* Starts the loop at its first playable normal slide (else alert) and its
 * first tip. pl must outlive it. */
void bt_loop_init(bt_loop *l, const bt_playlist *pl, uint64_t ms, time_t wall);

/* When the current slide's time is up: UINT64_MAX when there is nothing to
 * change to (no slide, or the only playable one is on screen), shown_at
 * when the empty screen is on and a slide has become playable (due now). */
uint64_t bt_loop_slide_deadline(const bt_loop *l);

/* Moves to the upcoming slide, as shown at ms, and chooses the next one.
 * If the upcoming slide has left its schedule by wall, the choice is made
 * again; with nothing playable the empty screen comes on. Returns the slide
 * now current (-1: empty), which the caller compares with what it painted. */
int bt_loop_advance(bt_loop *l, uint64_t ms, time_t wall);

/* The clip of the current (video) slide is over at ms: the slide's time is
 * up. Nothing for another slide. */
void bt_loop_clip_over(bt_loop *l, uint64_t ms);

/* The upcoming slide cannot be shown (a clip that cannot play): it is
 * passed over as if it had played, and the one after it is chosen (at ms,
 * by wall). Returns true when upcoming changed: the caller prepares it; false
 * when nothing else can come (it is the only playable slide). */
bool bt_loop_skip_upcoming(bt_loop *l, uint64_t ms, time_t wall);

/* When bt_loop_recheck must next run (monotonic ms), UINT64_MAX when never:
 * only while the loop is not cycling (empty screen, or one slide held) can
 * a schedule opening or closing go unnoticed, so only then is it finite. It
 * is the earliest minute any slide's schedule changes (at most 24 h ahead),
 * or one minute ahead while the clock is not known (so a clock set later
 * lets dated slides in within a minute). */
uint64_t bt_loop_recheck_deadline(const bt_loop *l);

/* Re-evaluates schedules at wall: chooses the upcoming slide again and,
 * when nothing is playable any more, puts the empty screen on (current =
 * -1, shown at ms). Returns true when current or upcoming changed: the
 * caller then repaints the current one if it differs from what it shows,
 * and prepares the new upcoming one. Cheap; calling it more often (each
 * clock minute, before each slide change) is harmless. */
bool bt_loop_recheck(bt_loop *l, uint64_t ms, time_t wall);

/* The slide on screen (or the empty screen) gets its full time again from
 * ms: after the visitor leaves touch mode, or the screen wakes from dark. */
void bt_loop_resume(bt_loop *l, uint64_t ms);

/* When the current tip's time is up (UINT64_MAX with fewer than two tips). */
uint64_t bt_loop_tip_deadline(const bt_loop *l);

/* Moves to the next tip, shown at ms. */
void bt_loop_advance_tip(bt_loop *l, uint64_t ms);


#endif
