/* chrome.c: what frames the slides: the header (logo, header text, date and
 * time, or the "clock not set" mark), the tips band, the touch hint, and the screen with no slide. */
#include "chrome.h"

#include "model/clockfmt.h"
#include "images.h"
#include "model/schedule.h"
#include "textdraw.h"

/* Draws the logo into a square box; its place is kept while it is still
 * being decoded (the main thread's painter draws it once it is). Returns
 * the width it takes. */
static int draw_logo(bt_painter *p, SDL_Surface *dst, bt_rect box)
{
    const char *path = p->pl->theme.logo_path;
    if (!path)
        return 0;
    bt_painter_chrome_picture(p, dst, path, box);
    return box.w;
}

/* The "clock not set" mark at the right end of the header, ending at
 * right: the label in the accent colour inside a thin accent frame, small,
 * for technicians rather than visitors. Returns its left edge. */
static int draw_clock_unset(bt_painter *p, SDL_Surface *dst, int right, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    const char *text = p->pl->labels[BT_LABEL_CLOCK_UNSET];
    int size = bt_pct(unit, 0.026), line = bt_pct(unit, 0.003) > 1 ? bt_pct(unit, 0.003) : 1;
    int tw = 0, t_h = 0;
    TTF_SizeUTF8(bt_fonts_at(p->fonts, true, size), text, &tw, &t_h);
    int inner = size / 2;
    int bw = tw + 2 * inner, bh = t_h + inner;
    if (bw > right / 2)
        bw = right / 2; /* never more than half the header */
    if (bh > h - 2 * line)
        bh = h - 2 * line;
    bt_rect box = {right - bw, (h - bh) / 2, bw, bh};
    bt_fill(dst, (bt_rect){box.x, box.y, box.w, line}, th->accent);
    bt_fill(dst, (bt_rect){box.x, box.y + box.h - line, box.w, line}, th->accent);
    bt_fill(dst, (bt_rect){box.x, box.y, line, box.h}, th->accent);
    bt_fill(dst, (bt_rect){box.x + box.w - line, box.y, line, box.h}, th->accent);
    bt_rect tbox = {box.x + inner / 2, box.y + line, box.w - inner, box.h - 2 * line};
    bt_textdraw_box(dst, p->fonts, true, text, tbox, size, size / 2, 1, BT_ALIGN_CENTER, true,
                    bt_sdl_color(th->accent));
    return box.x;
}

SDL_Surface *bt_paint_header(bt_painter *p, int w, int h, int unit, time_t now)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, bt_color_darken(th->background, 0.3));
    if (!dst)
        return NULL;
    int pad = bt_pct(unit, 0.025);
    int x = pad;
    int logo_side = bt_pct(h, 0.76);
    int logo_w = draw_logo(p, dst, (bt_rect){x, (h - logo_side) / 2, logo_side, logo_side});
    if (logo_w)
        x += logo_w + pad;

    int right = w - pad;
    if (!bt_clock_known(now)) {
        /* A wrong date is worse than none: technicians get a mark instead,
         * whether or not the theme shows the clock, since dated slides are
         * not playing. */
        right = draw_clock_unset(p, dst, right, h, unit) - pad;
    } else if (th->clock) {
        char date[64], tm[16];
        bt_clock_date(now, date, sizeof date);
        bt_clock_time(now, tm, sizeof tm);
        int time_size = bt_pct(unit, 0.052), date_size = bt_pct(unit, 0.03);
        int tw = 0, dw = 0, th_ = 0;
        TTF_SizeUTF8(bt_fonts_at(p->fonts, true, time_size), tm, &tw, &th_);
        TTF_SizeUTF8(bt_fonts_at(p->fonts, false, date_size), date, &dw, &th_);
        bt_rect tbox = {right - tw, 0, tw, h};
        bt_textdraw_box(dst, p->fonts, true, tm, tbox, time_size, time_size / 2, 1, BT_ALIGN_RIGHT,
                        true, bt_sdl_color(th->text));
        right = tbox.x - pad / 2;
        int date_w = dw < right - x ? dw : right - x;
        if (date_w > 0) {
            bt_rect dbox = {right - date_w, 0, date_w, h};
            bt_textdraw_box(dst, p->fonts, false, date, dbox, date_size, date_size * 2 / 3, 1,
                            BT_ALIGN_RIGHT, true, bt_sdl_color(th->text));
            right = dbox.x - pad;
        }
    }
    if (th->header && right - x > 0)
        bt_textdraw_box(dst, p->fonts, true, th->header, (bt_rect){x, bt_pct(h, 0.08), right - x, h - bt_pct(h, 0.16)},
                        bt_pct(unit, 0.04), bt_pct(unit, 0.022), 2, BT_ALIGN_LEFT, true,
                        bt_sdl_color(th->text));
    /* A thin accent line separates the header from the slide. */
    bt_fill(dst, (bt_rect){0, h - bt_pct(unit, 0.004), w, bt_pct(unit, 0.004)}, th->accent);
    return dst;
}

SDL_Surface *bt_paint_tip(bt_painter *p, const bt_tip *tip, int w, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, bt_color_darken(th->background, 0.45));
    if (!dst || !tip)
        return dst;
    int pad = bt_pct(unit, 0.025);
    int stripe = bt_pct(unit, 0.012);
    bt_fill(dst, (bt_rect){pad, bt_pct(h, 0.2), stripe, h - 2 * bt_pct(h, 0.2)}, th->accent);
    bt_rect box = {pad + stripe + pad, bt_pct(h, 0.06), w - 3 * pad - stripe, h - 2 * bt_pct(h, 0.06)};
    bt_textdraw_box(dst, p->fonts, false, tip->text, box, bt_pct(unit, 0.036), bt_pct(unit, 0.022), 2,
                    BT_ALIGN_LEFT, true, bt_sdl_color(th->text));
    return dst;
}

SDL_Surface *bt_paint_hint(bt_painter *p, int w, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, th->accent);
    if (!dst)
        return NULL;
    int pad = bt_pct(unit, 0.02);
    bt_rect box = {pad, bt_pct(h, 0.08), w - 2 * pad, h - 2 * bt_pct(h, 0.08)};
    /* One line where it fits (a wide strip), two on a narrow one. */
    int lines = w > 3 * h ? 1 : 2;
    bt_textdraw_box(dst, p->fonts, true, p->pl->labels[BT_LABEL_TOUCH_HINT], box, bt_pct(unit, 0.032),
                    bt_pct(unit, 0.02), lines, BT_ALIGN_CENTER, true,
                    bt_sdl_color(bt_color_darken(th->background, 0.3)));
    return dst;
}

SDL_Surface *bt_paint_empty(bt_painter *p, int w, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, th->background);
    if (!dst)
        return NULL;
    int pad = bt_pct(unit, 0.06);
    bt_rect box = {pad, pad, w - 2 * pad, h - 2 * pad};
    const char *text = th->header ? th->header : p->pl->name;
    bt_textdraw_box(dst, p->fonts, true, text, box, bt_pct(unit, 0.07), bt_pct(unit, 0.03), 3,
                    BT_ALIGN_CENTER, true, bt_sdl_color(th->text));
    return dst;
}
