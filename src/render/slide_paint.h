/* slide_paint.h: one slide, in any of its layouts, onto a surface. */
#ifndef BT_SLIDE_PAINT_H
#define BT_SLIDE_PAINT_H

#include "painter.h"

/* A slide in an area of w x h (unit: the screen's shorter side). A picture
 * that cannot be read is left out and logged, never a blank slide. */
SDL_Surface *bt_paint_slide(bt_painter *p, const bt_slide *s, int w, int h, int unit);

/* Where bt_paint_slide puts the slide's picture in a painting of w x h
 * (w 0 when its layout has none): the box a clip's frames are drawn in,
 * over its poster. */
bt_rect bt_slide_picture_box(const bt_slide *s, int w, int h, int unit);

#endif
