/* textdraw.h: drawing wrapped text into a box of a software surface. */
#ifndef BT_TEXTDRAW_H
#define BT_TEXTDRAW_H

#include <SDL.h>

#include "fonts.h"
#include "model/layout.h"
#include "model/text.h"

typedef enum { BT_ALIGN_LEFT, BT_ALIGN_CENTER, BT_ALIGN_RIGHT } bt_align;

/* Draws the lines of b onto dst, the first line's top at y, each line placed
 * in [x, x+w) by align. Everything is clipped to clip. */
void bt_textdraw_block(SDL_Surface *dst, bt_fonts *f, bool bold, const bt_text_block *b, int x,
                       int y, int w, bt_align align, SDL_Color color, bt_rect clip);

/* Lays text out in box (sizes max_size down to min_size, at most max_lines,
 * 0 for no limit) and draws it, vertically centred when vcenter, else at the
 * top. Returns the height used (0 for empty text or out of memory). */
int bt_textdraw_box(SDL_Surface *dst, bt_fonts *f, bool bold, const char *text, bt_rect box,
                    int max_size, int min_size, int max_lines, bt_align align, bool vcenter,
                    SDL_Color color);

#endif
