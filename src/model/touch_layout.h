/* touch_layout.h: where the touch screens put their tiles and buttons, and
 * which target a point falls on. Plain C; sizes scale with the screen, and
 * every target is at least BT_MIN_TARGET of the shorter side (80 px, about
 * 9 mm, on a 21.5-inch 1080p screen). */
#ifndef BT_TOUCH_LAYOUT_H
#define BT_TOUCH_LAYOUT_H

#include <stdbool.h>

#include "layout.h"
#include "touch.h"

#define BT_MAX_TILES 65
#define BT_MIN_TARGET 0.074 /* of the shorter side */

/* The topics screen: the loop's header, a bar with its title and a home
 * button, then the grid of tiles. */
typedef struct {
    bt_rect header, bar, title, home;
    bt_rect tiles[BT_MAX_TILES];
    int n_tiles, cols;
} bt_topics_geom;

/* A topic's page: a bar with back, the topic's title and home; the slide;
 * a bar with previous, the page number and next; the topic's tips. */
typedef struct {
    bt_rect bar, back, title, home;
    bt_rect slide;
    bt_rect nav, prev, pager, next;
    bt_rect tips;
} bt_page_geom;

void bt_topics_layout(int w, int h, int n_tiles, bt_topics_geom *out);

/* back: whether the page has a back button (to the topics); without topics
 * the home button alone goes back to the loop, and out->back is empty. */
void bt_page_layout(int w, int h, bool back, bt_page_geom *out);

/* The target under x, y on the topics screen or on a page; *index is the
 * tile. A point on no target is BT_TARGET_NONE. */
bt_target bt_topics_hit(const bt_topics_geom *g, int x, int y, int *index);
bt_target bt_page_hit(const bt_page_geom *g, int x, int y);

/* Maps a point in the window's pixels (out_w x out_h) to the upright canvas
 * (canvas_w x canvas_h) drawn turned by rotate degrees and scaled to fill
 * the window: touch follows the picture. */
void bt_window_to_canvas(int rotate, int out_w, int out_h, int canvas_w, int canvas_h, int x,
                         int y, int *cx, int *cy);

#endif
