/* touch_layout.c: geometry and hit testing of the touch screens. */
#include "touch_layout.h"

static bool in(bt_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* A bar of height h at y: a button at each end, a title between them. */
static void bar(int w, int y, int h, int unit, bt_rect *bar_r, bt_rect *left, bt_rect *title,
                bt_rect *right)
{
    int pad = bt_pct(unit, 0.015);
    int bw = bt_pct(unit, 0.30), bh = h - 2 * pad;
    if (bw > w / 3)
        bw = w / 3;
    *bar_r = (bt_rect){0, y, w, h};
    *left = (bt_rect){pad, y + pad, bw, bh};
    *right = (bt_rect){w - pad - bw, y + pad, bw, bh};
    *title = (bt_rect){left->x + bw + pad, y, w - 2 * (bw + 2 * pad), h};
}

void bt_topics_layout(int w, int h, int n, bt_topics_geom *g)
{
    *g = (bt_topics_geom){0};
    int unit = w < h ? w : h;
    bt_screen sc;
    bt_screen_layout(w, h, false, &sc);
    g->header = sc.header;
    int bar_h = bt_pct(unit, 0.11);
    bt_rect none;
    bar(w, sc.header.h, bar_h, unit, &g->bar, &none, &g->title, &g->home);
    /* The grid's title takes the left part of the bar too. */
    g->title.x = bt_pct(unit, 0.03);
    g->title.w = g->home.x - g->title.x - bt_pct(unit, 0.015);

    if (n > BT_MAX_TILES)
        n = BT_MAX_TILES;
    g->n_tiles = n;
    if (n <= 0)
        return;
    int gap = bt_pct(unit, 0.025);
    bt_rect area = {0, g->bar.y + g->bar.h, w, h - (g->bar.y + g->bar.h)};
    /* Try every column count; keep the one giving the largest tiles that
     * are not too far from a landscape card's shape. */
    int best_cols = 1;
    double best = -1;
    for (int cols = 1; cols <= n; cols++) {
        int rows = (n + cols - 1) / cols;
        double tw = (double)(area.w - (cols + 1) * gap) / cols;
        double th = (double)(area.h - (rows + 1) * gap) / rows;
        if (tw <= 0 || th <= 0)
            continue;
        double uw = tw < 1.8 * th ? tw : 1.8 * th; /* width beyond 1.8:1 is wasted */
        double uh = th < 1.1 * tw ? th : 1.1 * tw; /* height beyond 1:1.1 too */
        double score = uw * uh;
        if (score > best) {
            best = score;
            best_cols = cols;
        }
    }
    int cols = best_cols, rows = (n + cols - 1) / cols;
    int tw = (area.w - (cols + 1) * gap) / cols;
    int th = (area.h - (rows + 1) * gap) / rows;
    if (tw > 2 * th)
        tw = 2 * th;
    if (th > tw * 11 / 10)
        th = tw * 11 / 10;
    g->cols = cols;
    int grid_h = rows * th + (rows - 1) * gap;
    int y0 = area.y + (area.h - grid_h) / 2;
    for (int i = 0; i < n; i++) {
        int r = i / cols, c = i % cols;
        int in_row = r == rows - 1 ? n - r * cols : cols; /* the last row is centred */
        int row_w = in_row * tw + (in_row - 1) * gap;
        int x0 = (w - row_w) / 2;
        g->tiles[i] = (bt_rect){x0 + c * (tw + gap), y0 + r * (th + gap), tw, th};
    }
}

void bt_page_layout(int w, int h, bool back, bt_page_geom *g)
{
    *g = (bt_page_geom){0};
    int unit = w < h ? w : h;
    int bar_h = bt_pct(unit, 0.11), nav_h = bt_pct(unit, 0.11), tips_h = bt_pct(unit, 0.09);
    bar(w, 0, bar_h, unit, &g->bar, &g->back, &g->title, &g->home);
    g->tips = (bt_rect){0, h - tips_h, w, tips_h};
    bar(w, h - tips_h - nav_h, nav_h, unit, &g->nav, &g->prev, &g->pager, &g->next);
    g->slide = (bt_rect){0, bar_h, w, g->nav.y - bar_h};
    if (!back) /* home alone: a second button to the same place would confuse */
        g->back = (bt_rect){0, 0, 0, 0};
}

bt_target bt_topics_hit(const bt_topics_geom *g, int x, int y, int *index)
{
    if (in(g->home, x, y))
        return BT_TARGET_HOME;
    for (int i = 0; i < g->n_tiles; i++)
        if (in(g->tiles[i], x, y)) {
            *index = i;
            return BT_TARGET_TILE;
        }
    return BT_TARGET_NONE;
}

bt_target bt_page_hit(const bt_page_geom *g, int x, int y)
{
    if (in(g->back, x, y))
        return BT_TARGET_BACK;
    if (in(g->home, x, y))
        return BT_TARGET_HOME;
    if (in(g->prev, x, y))
        return BT_TARGET_PREV;
    if (in(g->next, x, y))
        return BT_TARGET_NEXT;
    if (in(g->slide, x, y))
        return BT_TARGET_SLIDE;
    return BT_TARGET_NONE;
}

void bt_window_to_canvas(int rotate, int out_w, int out_h, int canvas_w, int canvas_h, int x,
                         int y, int *cx, int *cy)
{
    /* Undo the turn first, in window pixels, then scale to the canvas. */
    int ux, uy, uw, uh;
    switch (rotate) {
    case 90: /* the canvas' top is at the window's right */
        ux = y;
        uy = out_w - 1 - x;
        uw = out_h;
        uh = out_w;
        break;
    case 180:
        ux = out_w - 1 - x;
        uy = out_h - 1 - y;
        uw = out_w;
        uh = out_h;
        break;
    case 270:
        ux = out_h - 1 - y;
        uy = x;
        uw = out_h;
        uh = out_w;
        break;
    default:
        ux = x;
        uy = y;
        uw = out_w;
        uh = out_h;
        break;
    }
    *cx = uw > 0 ? (int)((long long)ux * canvas_w / uw) : 0;
    *cy = uh > 0 ? (int)((long long)uy * canvas_h / uh) : 0;
}
