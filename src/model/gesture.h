/* gesture.h: telling a tap from a swipe, a long press or a multi-finger
 * touch, from the raw presses of one pointer (finger or mouse). Plain C: the
 * time and positions are given, in canvas pixels and monotonic ms. */
#ifndef BT_GESTURE_H
#define BT_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    BT_GESTURE_NONE,        /* nothing to act on (long press, several fingers, jitter) */
    BT_GESTURE_TAP,         /* at x, y */
    BT_GESTURE_SWIPE_LEFT,  /* finger moved right to left: the next page */
    BT_GESTURE_SWIPE_RIGHT, /* left to right: the previous page */
} bt_gesture_kind;

typedef struct {
    bt_gesture_kind kind;
    int x, y;
} bt_gesture;

typedef struct {
    int screen_w; /* swipe and slop thresholds scale with it */
    bool down;
    bool spoiled; /* a second finger came: this press means nothing */
    int x0, y0, x, y;
    uint64_t t0;
} bt_gesture_state;

/* A tap lasts at most this long; longer is a long press, which does nothing. */
#define BT_LONG_PRESS_MS 800

void bt_gesture_init(bt_gesture_state *g, int screen_w);

/* A pointer went down at x, y. A second finger while one is down spoils the
 * gesture (fingers > 1). */
void bt_gesture_down(bt_gesture_state *g, int x, int y, int fingers, uint64_t ms);

void bt_gesture_move(bt_gesture_state *g, int x, int y);

/* The pointer went up: what the press was. */
bt_gesture bt_gesture_up(bt_gesture_state *g, int x, int y, uint64_t ms);

#endif
