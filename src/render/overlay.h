/* overlay.h: the short messages laid over the screen (a USB stick's
 * result, a playlist that could not be reloaded): a box that covers only
 * part of the screen, drawn into a software surface. */
#ifndef BT_OVERLAY_H
#define BT_OVERLAY_H

#include "painter.h"

typedef enum {
    BT_OVERLAY_INFO,  /* went well: the theme's accent */
    BT_OVERLAY_ERROR, /* was refused: red, so it is noticed */
} bt_overlay_kind;

/* The width of a message box on a screen w pixels wide (unit as in
 * bt_screen): most of a landscape screen, nearly all of a portrait one;
 * and the most of its height h the box may take. */
int bt_overlay_width(int w, int unit);
int bt_overlay_max_height(int h);

/* A new opaque surface at most max_w wide holding title and up to n lines
 * (the title wrapped to at most two lines, each line to three), sized to fit; NULL when out of
 * memory. unit as in bt_screen. */
SDL_Surface *bt_paint_overlay(bt_painter *p, bt_overlay_kind kind, const char *title,
                              const char *const *lines, int n, int max_w, int unit);

/* The same, telling in *cut whether any text had to be shortened (an
 * ellipsis) to fit its lines. */
SDL_Surface *bt_paint_overlay_fit(bt_painter *p, bt_overlay_kind kind, const char *title,
                                  const char *const *lines, int n, int max_w, int unit, bool *cut);

#endif
