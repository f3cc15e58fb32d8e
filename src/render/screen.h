/* screen.h: the whole screen as the loop shows it, in one surface: what
 * --render writes and the tests look at (the player composes the same parts
 * from textures instead). */
#ifndef BT_SCREEN_H
#define BT_SCREEN_H

#include <time.h>

#include "painter.h"

/* Header, slide (NULL: the empty screen), tip and hint, w x h, laid out as
 * bt_screen_layout says; a slide that takes the whole screen
 * (bt_slide_full_screen) alone, w x h. */
SDL_Surface *bt_paint_screen(bt_painter *p, const bt_slide *s, const bt_tip *tip, int w, int h,
                             time_t now);

#endif
