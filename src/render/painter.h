/* painter.h: the render layer's ground floor: a painter (one thread's fonts
 * and one playlist's theme) and the drawing helpers every painting file
 * uses. It includes nothing that paints a part of the screen: those files
 * (chrome.h, slide_paint.h, touch_paint.h, overlay.h, screen.h) stand on it.
 *
 * README of the render layer: painting slides, chrome, touch screens and
 * messages into software surfaces (SDL, SDL_ttf, SDL_image, libjpeg,
 * libqrencode). Every bt_paint_* returns a new RGB888 (opaque) surface of
 * exactly the size asked for that the caller frees; NULL only when out of
 * memory. Nothing here touches a renderer, so the worker thread (prefetch.h)
 * paints the next slide while the main thread shows the current one. It may
 * include base/ and model/, never library/, sys/ or player/. */
#ifndef BT_PAINTER_H
#define BT_PAINTER_H

#include <stddef.h>
#include <time.h>

#include <SDL.h>

#include "fonts.h"
#include "pictures.h"
#include "model/layout.h"
#include "model/playlist.h"

typedef struct bt_painter bt_painter;

/* A painter for pl's theme (its fonts, its logo). pl must outlive it.
 * Returns NULL with a reason in err when the fonts cannot be opened. */
bt_painter *bt_painter_create(const bt_playlist *pl, char *err, size_t errsize);

void bt_painter_free(bt_painter *p);

/* ---- drawing helpers, for the files that paint ---- */

struct bt_painter {
    const bt_playlist *pl;
    bt_fonts *fonts;
    bt_pictures *kept; /* NULL: pictures are decoded as they are drawn; else
                        * they are drawn from this store only (bt_painter_keep_pictures) */
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
/* Decodes the picture at path and draws it into box of dst (contain, or
 * cover clipped to box). False when it cannot be shown. */
bool bt_painter_picture(bt_painter *p, SDL_Surface *dst, const char *path, bt_rect box, bool cover);

/* The same for the pictures of the chrome (the logo, the topics' icons),
 * drawn on every screen: a painter that keeps its pictures draws one only
 * once it is in its store (false until then, and it is noted as wanted). */
bool bt_painter_chrome_picture(bt_painter *p, SDL_Surface *dst, const char *path, bt_rect box);

/* From now on p never decodes a picture of the chrome: it draws what its
 * store holds (pictures.h), for a thread that must not stall on a
 * 36-megapixel icon (the main thread). */
void bt_painter_keep_pictures(bt_painter *p);

/* The store of a painter that keeps its pictures, else NULL. */
bt_pictures *bt_painter_pictures(bt_painter *p);

#endif
