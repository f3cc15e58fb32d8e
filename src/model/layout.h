/* layout.h: where things go on the screen and inside a slide, plain C.
 *
 * Sizes scale with the screen's shorter side (`unit`, 1080 on a 1080p screen
 * in either orientation), so a layout looks the same on every screen. */
#ifndef BT_LAYOUT_H
#define BT_LAYOUT_H

#include <stdbool.h>

#include "playlist.h"

typedef struct {
    int x, y, w, h;
} bt_rect;

/* The parts of the whole screen. hint.w == 0 when there is no touch hint.
 * A full-screen slide takes the whole screen; its touch hint is then a
 * small plate in the bottom-right corner (corner_hint), over the slide. */
typedef struct {
    int w, h, unit;
    bool portrait;
    bt_rect header, slide, tips, hint;
    bt_rect corner_hint;
} bt_screen;

/* The parts inside a slide, relative to the slide area's top-left corner.
 * A rect with w == 0 is absent. */
typedef struct {
    bt_layout layout;  /* resolved, never AUTO */
    bt_rect image_box; /* the box the picture is fitted into */
    bool image_cover;  /* fill the box (cropping) rather than fit inside it */
    bt_rect band;      /* a darkened band under the text over a picture */
    bt_rect text;      /* title and body share this box, title first */
    bt_rect qr;        /* a square, quiet zone included */
    int title_max, title_min, body_max, body_min; /* font sizes, px */
} bt_slide_geom;

/* f of v, rounded: sizes are fractions of the screen's shorter side. */
static inline int bt_pct(int v, double f)
{
    return (int)(v * f + 0.5);
}

/* Splits a w x h screen into header, slide area, tips band and (when
 * touch_hint) the touch hint. */
void bt_screen_layout(int w, int h, bool touch_hint, bt_screen *out);

/* Whether slide s takes the whole screen (layout `full`): the screen's
 * composition then shows it alone, without header, tips band or hint. */
bool bt_slide_full_screen(const bt_slide *s);

/* Places the parts of slide s in an area of w x h pixels; unit as in bt_screen;
 * image_w/h is the picture's size (0 when none). */
void bt_slide_geometry(const bt_slide *s, int w, int h, int unit, bt_slide_geom *out);

/* The rectangle a src_w x src_h picture takes when fitted into box, keeping
 * its aspect ratio: inside the box (contain) or covering it (cover), centred.
 * With cover the result may extend past the box; the caller clips. */
bt_rect bt_rect_fit(int src_w, int src_h, bt_rect box, bool cover);

/* Whether covering box with a src_w x src_h picture keeps enough of it (at
 * least two thirds along each side) to be worth the full-bleed look. */
bool bt_cover_ok(int src_w, int src_h, bt_rect box);

#endif
