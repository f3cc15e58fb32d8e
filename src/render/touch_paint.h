/* touch_paint.h: the touch screens drawn into software surfaces: the topics
 * grid, and the frame of a topic's page around its slide (the slide itself
 * is bt_paint_slide, the same drawing as in the loop). Each returns a new
 * opaque w x h surface the caller frees; NULL when out of memory. */
#ifndef BT_TOUCH_PAINT_H
#define BT_TOUCH_PAINT_H

#include <time.h>

#include "painter.h"
#include "model/touch.h"

/* The topics screen of t, the tile t->selected outlined for the keyboard. */
SDL_Surface *bt_paint_topics(bt_painter *p, const bt_touch *t, int w, int h, time_t now);

/* A page's frame for the topic on screen in t: the bar with back, title and
 * home, and the bar with previous, "page / pages" and next. The slide area
 * and the tips band are left in the background colour. */
SDL_Surface *bt_paint_page(bt_painter *p, const bt_touch *t, int w, int h);

/* The whole page as it is seen: frame, slide and the topic's first tip. */
SDL_Surface *bt_paint_page_screen(bt_painter *p, const bt_touch *t, int w, int h);

#endif
