/* painter.h: drawing the parts of the screen into software surfaces.
 *
 * A painter belongs to one thread (it holds that thread's fonts) and to one
 * playlist's theme. Every bt_paint_* returns a new RGB888 (opaque) surface of
 * exactly the size asked for, fully opaque, that the caller frees; NULL only
 * when out of memory. Nothing here touches a renderer, so the worker thread
 * paints the next slide while the main thread shows the current one. */
#ifndef BT_PAINTER_H
#define BT_PAINTER_H

#include <stddef.h>
#include <time.h>

#include <SDL.h>

#include "fonts.h"
#include "model/layout.h"
#include "model/playlist.h"

typedef struct bt_painter bt_painter;

/* A painter for pl's theme (its fonts, its logo). pl must outlive it.
 * Returns NULL with a reason in err when the fonts cannot be opened. */
bt_painter *bt_painter_create(const bt_playlist *pl, char *err, size_t errsize);

void bt_painter_free(bt_painter *p);

/* A slide in an area of w x h (unit: the screen's shorter side). A picture
 * that cannot be read is left out and logged, never a blank slide. */
SDL_Surface *bt_paint_slide(bt_painter *p, const bt_slide *s, int w, int h, int unit);

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

/* The whole screen as the loop shows it: header, slide (NULL: empty), tip
 * and hint, w x h. Used by --render and by tests. */
SDL_Surface *bt_paint_screen(bt_painter *p, const bt_slide *s, const bt_tip *tip, int w, int h,
                             time_t now);

/* ---- shared by the painter's files ---- */

struct bt_painter {
    const bt_playlist *pl;
    bt_fonts *fonts;
    SDL_Surface *logo; /* scaled for the header, cached; NULL when none */
    int logo_h;        /* the height it was scaled for */
};

SDL_Color bt_sdl_color(bt_color c);
/* c darkened by f (0: unchanged, 1: black). */
bt_color bt_color_darken(bt_color c, double f);
/* c lightened by f (0: unchanged, 1: white). */
bt_color bt_color_lighten(bt_color c, double f);
/* Fills r with c, its corners rounded with radius. */
void bt_fill_round(SDL_Surface *dst, bt_rect r, int radius, bt_color c);
/* A new opaque w x h surface filled with c. */
SDL_Surface *bt_surface_new(int w, int h, bt_color c);
/* Fills r with c blended at alpha a (0..255) over what is there. */
void bt_fill_blend(SDL_Surface *dst, bt_rect r, bt_color c, int a);
void bt_fill(SDL_Surface *dst, bt_rect r, bt_color c);
/* Loads a picture and draws it into box (contain, or cover clipped to box). */
bool bt_draw_picture(SDL_Surface *dst, const char *path, bt_rect box, bool cover);

#endif
