/* screen.c: the whole loop screen assembled from its parts (screen.h). */
#include "screen.h"

#include "chrome.h"
#include "slide_paint.h"

/* Blits part onto screen at r and frees it. */
static void place(SDL_Surface *screen, SDL_Surface *part, bt_rect r)
{
    if (!part)
        return;
    SDL_Rect at = {r.x, r.y, r.w, r.h};
    SDL_BlitSurface(part, NULL, screen, &at);
    SDL_FreeSurface(part);
}

SDL_Surface *bt_paint_screen(bt_painter *p, const bt_slide *s, const bt_tip *tip, int w, int h,
                             time_t now)
{
    /* A full-screen slide (a PowerPoint slide, a poster, a PDF page) is the
     * whole screen: no header, no tips band; the touch hint in a corner. */
    bt_screen sc;
    bt_screen_layout(w, h, p->pl->touch_enabled, &sc);
    if (bt_slide_full_screen(s)) {
        SDL_Surface *screen = bt_paint_slide(p, s, w, h, sc.unit);
        if (screen && sc.corner_hint.w > 0)
            place(screen, bt_paint_hint(p, sc.corner_hint.w, sc.corner_hint.h, sc.unit),
                  sc.corner_hint);
        return screen;
    }
    SDL_Surface *screen = bt_surface_new(w, h, p->pl->theme.background);
    if (!screen)
        return NULL;
    place(screen, bt_paint_header(p, sc.header.w, sc.header.h, sc.unit, now), sc.header);
    place(screen,
          s ? bt_paint_slide(p, s, sc.slide.w, sc.slide.h, sc.unit)
            : bt_paint_empty(p, sc.slide.w, sc.slide.h, sc.unit),
          sc.slide);
    place(screen, bt_paint_tip(p, tip, sc.tips.w, sc.tips.h, sc.unit), sc.tips);
    if (sc.hint.w > 0)
        place(screen, bt_paint_hint(p, sc.hint.w, sc.hint.h, sc.unit), sc.hint);
    return screen;
}
