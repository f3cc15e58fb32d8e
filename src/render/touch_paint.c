/* touch_paint.c: what a visitor browsing by touch sees. */
#include "touch_paint.h"

#include "textdraw.h"
#include "model/touch_layout.h"
#include "slide_paint.h"
#include "chrome.h"

/* A button: a rounded plate with its label centred. */
static void button(bt_painter *p, SDL_Surface *dst, bt_rect r, const char *label, bt_color plate,
                   bt_color ink, int unit)
{
    bt_fill_round(dst, r, bt_pct(unit, 0.018), plate);
    int pad = bt_pct(unit, 0.012);
    bt_rect box = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
    bt_textdraw_box(dst, p->fonts, true, label, box, bt_pct(unit, 0.038), bt_pct(unit, 0.02), 1,
                    BT_ALIGN_CENTER, true, bt_sdl_color(ink));
}

/* The tile's colour: its topic's, else a lighter shade of the background. */
static bt_color tile_color(const bt_playlist *pl, const bt_group *g)
{
    if (g->topic >= 0 && pl->topics[g->topic].has_color)
        return pl->topics[g->topic].color;
    return bt_color_lighten(pl->theme.background, 0.15);
}

static void tile(bt_painter *p, SDL_Surface *dst, const bt_group *g, bt_rect r, bool selected,
                 int unit)
{
    const bt_playlist *pl = p->pl;
    if (selected) {
        int b = bt_pct(unit, 0.008);
        bt_fill_round(dst, (bt_rect){r.x - b, r.y - b, r.w + 2 * b, r.h + 2 * b}, bt_pct(unit, 0.03),
                      pl->theme.accent);
    }
    bt_fill_round(dst, r, bt_pct(unit, 0.025), tile_color(pl, g));
    const bt_topic *tp = g->topic >= 0 ? &pl->topics[g->topic] : NULL;
    const char *title = tp ? tp->title : pl->labels[BT_LABEL_OTHER];
    int pad = bt_pct(unit, 0.02);
    bt_rect text = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
    if (tp && tp->icon_path) {
        /* Its place is kept while it is being decoded. */
        int side = r.h * 42 / 100;
        bt_rect icon = {r.x + (r.w - side) / 2, r.y + r.h * 10 / 100, side, side};
        bt_painter_chrome_picture(p, dst, tp->icon_path, icon);
        text.y = icon.y + side + pad / 2;
        text.h = r.y + r.h - pad - text.y;
    }
    bt_textdraw_box(dst, p->fonts, true, title, text, bt_pct(unit, 0.045), bt_pct(unit, 0.022), 3,
                    BT_ALIGN_CENTER, true, (SDL_Color){255, 255, 255, 255});
}

SDL_Surface *bt_paint_topics(bt_painter *p, const bt_touch *t, int w, int h, time_t now)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, th->background);
    if (!dst)
        return NULL;
    bt_topics_geom g;
    bt_topics_layout(w, h, t->n_groups, &g);
    int unit = w < h ? w : h;
    SDL_Surface *header = bt_paint_header(p, g.header.w, g.header.h, unit, now);
    if (header) {
        SDL_Rect at = {g.header.x, g.header.y, g.header.w, g.header.h};
        SDL_BlitSurface(header, NULL, dst, &at);
        SDL_FreeSurface(header);
    }
    bt_textdraw_box(dst, p->fonts, true, p->pl->labels[BT_LABEL_TOPICS], g.title, bt_pct(unit, 0.05),
                    bt_pct(unit, 0.028), 1, BT_ALIGN_LEFT, true, bt_sdl_color(th->accent));
    button(p, dst, g.home, p->pl->labels[BT_LABEL_HOME], bt_color_lighten(th->background, 0.2),
           th->text, unit);
    for (int i = 0; i < g.n_tiles; i++)
        tile(p, dst, &t->groups[i], g.tiles[i], t->keyboard && i == t->selected, unit);
    return dst;
}

SDL_Surface *bt_paint_page(bt_painter *p, const bt_touch *t, int w, int h)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, th->background);
    if (!dst || t->view != BT_VIEW_TOPIC)
        return dst;
    bt_page_geom g;
    bt_page_layout(w, h, t->grid, &g);
    int unit = w < h ? w : h;
    const bt_group *grp = &t->groups[t->group];
    bt_color bar = bt_color_darken(th->background, 0.3);
    bt_color plate = bt_color_lighten(th->background, 0.2);

    bt_fill(dst, g.bar, bar);
    /* The topic's colour marks the bar, so a visitor knows where they are. */
    bt_fill(dst, (bt_rect){0, g.bar.h - bt_pct(unit, 0.008), w, bt_pct(unit, 0.008)}, tile_color(p->pl, grp));
    char back[256], prev[256], next[256], pager[32];
    snprintf(back, sizeof back, "‹ %s", p->pl->labels[BT_LABEL_BACK]);
    /* The pages go round: the first page's previous is the last page, and
     * the buttons say so. */
    bool first = t->page == 0, last = t->page == grp->n_slides - 1;
    snprintf(prev, sizeof prev, "‹ %s", p->pl->labels[first ? BT_LABEL_LAST_PAGE : BT_LABEL_PREV]);
    snprintf(next, sizeof next, "%s ›", p->pl->labels[last ? BT_LABEL_FIRST_PAGE : BT_LABEL_NEXT]);
    snprintf(pager, sizeof pager, "%d / %d", t->page + 1, grp->n_slides);
    if (g.back.w > 0)
        button(p, dst, g.back, back, plate, th->text, unit);
    button(p, dst, g.home, p->pl->labels[BT_LABEL_HOME], plate, th->text, unit);
    const char *title = grp->topic >= 0 ? p->pl->topics[grp->topic].title : p->pl->labels[BT_LABEL_OTHER];
    bt_textdraw_box(dst, p->fonts, true, title, g.title, bt_pct(unit, 0.045), bt_pct(unit, 0.024), 2,
                    BT_ALIGN_CENTER, true, bt_sdl_color(th->text));

    bt_fill(dst, g.nav, bar);
    if (grp->n_slides > 1) {
        button(p, dst, g.prev, prev, plate, th->text, unit);
        button(p, dst, g.next, next, th->accent, bt_color_darken(th->background, 0.3), unit);
    }
    bt_textdraw_box(dst, p->fonts, false, pager, g.pager, bt_pct(unit, 0.04), bt_pct(unit, 0.02), 1,
                    BT_ALIGN_CENTER, true, bt_sdl_color(th->text));
    return dst;
}

SDL_Surface *bt_paint_page_screen(bt_painter *p, const bt_touch *t, int w, int h)
{
    SDL_Surface *dst = bt_paint_page(p, t, w, h);
    int slide = bt_touch_slide(t);
    if (!dst || slide < 0)
        return dst;
    bt_page_geom g;
    bt_page_layout(w, h, t->grid, &g);
    int unit = w < h ? w : h;
    SDL_Surface *s = bt_paint_slide(p, &p->pl->slides[slide], g.slide.w, g.slide.h, unit);
    if (s) {
        SDL_Rect at = {g.slide.x, g.slide.y, g.slide.w, g.slide.h};
        SDL_BlitSurface(s, NULL, dst, &at);
        SDL_FreeSurface(s);
    }
    int tip;
    const bt_tip *first = bt_touch_tips(t, &tip, 1) > 0 ? &p->pl->tips[tip] : NULL;
    SDL_Surface *band = bt_paint_tip(p, first, g.tips.w, g.tips.h, unit);
    if (band) {
        SDL_Rect at = {g.tips.x, g.tips.y, g.tips.w, g.tips.h};
        SDL_BlitSurface(band, NULL, dst, &at);
        SDL_FreeSurface(band);
    }
    return dst;
}
