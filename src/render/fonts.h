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

#include "model/playlist_load.h"
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

/* A bt_load_options.verify_font for --check and imports: opens the font
 * as the painter will, through a FreeType library of its own (so it is
 * safe on any thread, beside the painters'), and draws its letters. FAIL
 * when it cannot be opened or cannot draw plain letters (a damaged or fake
 * font would stop the kiosk from starting); WARN when it lacks Vietnamese
 * letters (they would show as boxes). */
bt_check bt_font_verify(void *ctx, const char *path, char *msg, size_t msgsize);

#endif
