/* fonts.h: a regular and a bold font at any size, for one thread.
 *
 * SDL_ttf fonts must not be shared between threads, so each thread that
 * draws text opens its own bt_fonts (on the main thread, before the worker
 * starts: FreeType opens faces through one shared library object). */
#ifndef BT_FONTS_H
#define BT_FONTS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_ttf.h>

#include "model/text.h"

typedef struct bt_fonts bt_fonts;

/* Opens the two font files; NULL for either means the bundled Noto Sans.
 * Returns NULL with a reason in err when a font cannot be opened. */
bt_fonts *bt_fonts_open(const char *regular, const char *bold, char *err, size_t errsize);

void bt_fonts_free(bt_fonts *f);

/* The font at this pixel size; owned by f, valid until the next call. */
TTF_Font *bt_fonts_at(bt_fonts *f, bool bold, int size);

/* A measure for the text breaker, bound to f; valid while f lives. */
const bt_measure *bt_fonts_measure(bt_fonts *f, bool bold);

#endif
