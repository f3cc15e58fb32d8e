/* slide_paint.h: one slide, in any of its layouts, onto a surface. */
#ifndef BT_SLIDE_PAINT_H
#define BT_SLIDE_PAINT_H

#include "painter.h"

/* A slide in an area of w x h (unit: the screen's shorter side). A picture
 * that cannot be read is left out and logged, never a blank slide. */
SDL_Surface *bt_paint_slide(bt_painter *p, const bt_slide *s, int w, int h, int unit);

#endif
