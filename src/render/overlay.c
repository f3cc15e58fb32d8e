/* overlay.c: a message box over the screen. */
#include "overlay.h"

#include "textdraw.h"

#define MAX_LINES 8

int bt_overlay_width(int w, int unit)
{
    int ow = w * 70 / 100;
    return ow < unit * 8 / 10 ? w * 92 / 100 : ow; /* a portrait screen: nearly full width */
}

int bt_overlay_max_height(int h)
{
    return h * 6 / 10;
}

SDL_Surface *bt_paint_overlay(bt_painter *p, bt_overlay_kind kind, const char *title,
                              const char *const *lines, int n, int max_w, int unit)
{
    return bt_paint_overlay_fit(p, kind, title, lines, n, max_w, unit, NULL);
}

SDL_Surface *bt_paint_overlay_fit(bt_painter *p, bt_overlay_kind kind, const char *title,
                                  const char *const *lines, int n, int max_w, int unit, bool *cut)
{
    if (n > MAX_LINES)
        n = MAX_LINES;
    int pad = bt_pct(unit, 0.03);
    int stripe = bt_pct(unit, 0.015);
    int text_w = max_w - 2 * pad - stripe;
    int title_size = bt_pct(unit, 0.045), line_size = bt_pct(unit, 0.032);
    /* Lay everything out first: the box is as tall as its words. */
    bt_text_block tb = {0}, lb[MAX_LINES] = {{0}};
    if (!bt_text_layout(title, bt_fonts_measure(p->fonts, true), text_w, 4 * title_size * 2,
                        title_size, title_size * 2 / 3, 2, &tb))
        return NULL;
    int h = pad + tb.height;
    for (int i = 0; i < n; i++) {
        bt_text_layout(lines[i], bt_fonts_measure(p->fonts, false), text_w, 4 * line_size * 3,
                       line_size, line_size * 2 / 3, 3, &lb[i]);
        h += pad / 2 + lb[i].height;
    }
    h += pad;
    if (cut) {
        *cut = tb.truncated;
        for (int i = 0; i < n; i++)
            *cut = *cut || lb[i].truncated;
    }
    bt_color bg = {20, 24, 33, 255};
    bt_color mark = kind == BT_OVERLAY_ERROR ? (bt_color){229, 57, 53, 255} : p->pl->theme.accent;
    SDL_Surface *dst = bt_surface_new(max_w, h, bg);
    if (dst) {
        bt_fill(dst, (bt_rect){0, 0, stripe, h}, mark);
        int x = stripe + pad, y = pad;
        bt_rect clip = {0, 0, max_w, h};
        bt_textdraw_block(dst, p->fonts, true, &tb, x, y, text_w, BT_ALIGN_LEFT, bt_sdl_color(mark),
                          clip);
        y += tb.height;
        for (int i = 0; i < n; i++) {
            y += pad / 2;
            bt_textdraw_block(dst, p->fonts, false, &lb[i], x, y, text_w, BT_ALIGN_LEFT,
                              (SDL_Color){255, 255, 255, 255}, clip);
            y += lb[i].height;
        }
    }
    bt_text_block_free(&tb);
    for (int i = 0; i < n; i++)
        bt_text_block_free(&lb[i]);
    return dst;
}
