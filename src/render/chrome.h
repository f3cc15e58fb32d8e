/* chrome.h: what frames the slides: the header, the tips band, the touch
 * hint, and what the slide area shows when no slide is active. */
#ifndef BT_CHROME_H
#define BT_CHROME_H

#include <time.h>

#include "painter.h"

/* The header: logo, header text, and the date and time of now (when the
 * theme's clock is on); when the clock is not known (bt_clock_known), the
 * `clock_unset` label as a small mark instead, never a wrong date. */
SDL_Surface *bt_paint_header(bt_painter *p, int w, int h, int unit, time_t now);

/* The tips band showing tip (NULL: an empty band). */
SDL_Surface *bt_paint_tip(bt_painter *p, const bt_tip *tip, int w, int h, int unit);

/* The touch hint. */
SDL_Surface *bt_paint_hint(bt_painter *p, int w, int h, int unit);

/* What the slide area shows when no slide is active. */
SDL_Surface *bt_paint_empty(bt_painter *p, int w, int h, int unit);

#endif
