/* gesture.c: tap or swipe from a press and its release. */
#include "gesture.h"

#include <stdlib.h>

void bt_gesture_init(bt_gesture_state *g, int screen_w)
{
    *g = (bt_gesture_state){0};
    g->screen_w = screen_w;
}

void bt_gesture_down(bt_gesture_state *g, int x, int y, int fingers, uint64_t ms)
{
    if (g->down || fingers > 1) {
        g->spoiled = true;
        return;
    }
    g->down = true;
    g->spoiled = false;
    g->x0 = g->x = x;
    g->y0 = g->y = y;
    g->t0 = ms;
}

void bt_gesture_move(bt_gesture_state *g, int x, int y)
{
    if (!g->down)
        return;
    g->x = x;
    g->y = y;
}

bt_gesture bt_gesture_up(bt_gesture_state *g, int x, int y, uint64_t ms)
{
    bt_gesture r = {BT_GESTURE_NONE, x, y};
    if (!g->down)
        return r;
    g->down = false;
    if (g->spoiled)
        return r;
    int dx = x - g->x0, dy = y - g->y0;
    int swipe = g->screen_w * 8 / 100; /* a deliberate sideways move */
    int slop = g->screen_w * 3 / 100;  /* a finger wobbles a little on a tap */
    if (abs(dx) >= swipe && abs(dx) > 2 * abs(dy)) {
        r.kind = dx < 0 ? BT_GESTURE_SWIPE_LEFT : BT_GESTURE_SWIPE_RIGHT;
    } else if (abs(dx) <= slop && abs(dy) <= slop && ms - g->t0 <= BT_LONG_PRESS_MS) {
        r.kind = BT_GESTURE_TAP;
        r.x = g->x0;
        r.y = g->y0;
    }
    return r;
}
