/* loop.h: the attract loop's sequence of slides and tips, plain C.
 *
 * The loop is told the time; it never reads a clock. `ms` is monotonic
 * milliseconds (64-bit: a kiosk runs for months), `wall` the local calendar
 * time used by schedules. */
#ifndef BT_LOOP_H
#define BT_LOOP_H

#include <stdint.h>
#include <time.h>

#include "playlist.h"

typedef struct {
    const bt_playlist *pl;
    int current;       /* slide on screen, -1 when none is active */
    uint64_t shown_at; /* when it came on screen */
    int upcoming;      /* the slide after it, chosen ahead so it can be prepared */
    int tip;           /* tip on screen, -1 when there are none */
    uint64_t tip_at;
} bt_loop;

/* Starts the loop at its first slide and first tip. pl must outlive it. */
void bt_loop_init(bt_loop *l, const bt_playlist *pl, uint64_t ms, time_t wall);

/* When the current slide's time is up (UINT64_MAX when nothing to change). */
uint64_t bt_loop_slide_deadline(const bt_loop *l);

/* Moves to the upcoming slide, as shown at ms, and chooses the next one. */
void bt_loop_advance(bt_loop *l, uint64_t ms, time_t wall);

/* When the current tip's time is up (UINT64_MAX with fewer than two tips). */
uint64_t bt_loop_tip_deadline(const bt_loop *l);

/* Moves to the next tip, shown at ms. */
void bt_loop_advance_tip(bt_loop *l, uint64_t ms);

/* The slide that follows index i in loop order at wall time, or -1 when no
 * slide is active. */
int bt_loop_next_after(const bt_playlist *pl, int i, time_t wall);

#endif
