/* shown.h: proof of play: what is on screen since when, written to the
 * play log (library/playlog.h) each time it changes. The loop's slides and
 * the topics a visitor opens are counted; a dark screen, the topics grid
 * and the empty screen are not. */
#ifndef BT_SHOWN_H
#define BT_SHOWN_H

#include <stdint.h>
#include <time.h>

#include "library/playlog.h"
#include "model/playlist.h"
#include "model/touch.h"

typedef struct {
    bt_playlog *log; /* NULL: no library, nothing is written */
    int slide;       /* the loop's slide on screen, -1 */
    uint64_t slide_since;
    int group; /* the topic open in touch mode (a group of touch.h), -1 */
    uint64_t group_since;
    double clip_secs; /* the loop's slide is a clip that played this long (-1: not a clip) */
} bt_shown;

/* Nothing counted yet; log may be NULL. The log stays the caller's. */
void bt_shown_init(bt_shown *s, bt_playlog *log);

/* Writes what was on screen until now (its names read from pl and t, which
 * must still be the ones it was shown from) and starts counting, from now,
 * loop_slide (-1: no slide of the loop on screen) and group (-1: no topic
 * open). wall is the wall clock at now. */
void bt_shown_mark(bt_shown *s, const bt_playlist *pl, const bt_touch *t, int loop_slide, int group,
                   uint64_t now, time_t wall);

/* The loop's slide counted now is a clip that really played secs (its
 * own count: a slow start's poster and the end's wait are not play); the
 * next bt_shown_mark writes that instead of the time on screen. -1: not a
 * clip. */
void bt_shown_clip(bt_shown *s, double secs);

#endif
