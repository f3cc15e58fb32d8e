/* layout.c: the geometry of the screen and of each slide layout. */
#include "layout.h"

void bt_screen_layout(int w, int h, bool touch_hint, bt_screen *out)
{
    int unit = w < h ? w : h;
    out->w = w;
    out->h = h;
    out->unit = unit;
    out->portrait = h > w;
    int header_h = bt_pct(unit, 0.10);
    int tips_h = bt_pct(unit, 0.09);
    int hint_h = touch_hint && out->portrait ? bt_pct(unit, 0.07) : 0;

    out->header = (bt_rect){0, 0, w, header_h};
    out->tips = (bt_rect){0, h - tips_h, w, tips_h};
    out->hint = (bt_rect){0, 0, 0, 0};
    if (touch_hint && out->portrait) {
        /* Portrait screens are narrow: the hint gets a strip of its own. */
        out->hint = (bt_rect){0, h - tips_h - hint_h, w, hint_h};
    } else if (touch_hint) {
        /* Landscape: the hint takes the right end of the tips band. */
        int hint_w = bt_pct(w, 0.30);
        out->hint = (bt_rect){w - hint_w, out->tips.y, hint_w, tips_h};
        out->tips.w = w - hint_w;
    }
    int top = header_h;
    int bottom = h - tips_h - hint_h;
    out->slide = (bt_rect){0, top, w, bottom - top};
    /* Over a full-screen slide the hint stays findable but small: a plate
     * in the corner where a presentation puts its page number. */
    out->corner_hint = (bt_rect){0, 0, 0, 0};
    if (touch_hint) {
        int cw = out->portrait ? bt_pct(w, 0.62) : bt_pct(w, 0.26), ch = bt_pct(unit, 0.06);
        int m = bt_pct(unit, 0.02);
        out->corner_hint = (bt_rect){w - cw - m, h - ch - m, cw, ch};
    }
}

bt_rect bt_rect_fit(int src_w, int src_h, bt_rect box, bool cover)
{
    if (src_w <= 0 || src_h <= 0 || box.w <= 0 || box.h <= 0)
        return (bt_rect){box.x, box.y, 0, 0};
    /* Compare src_w/src_h with box.w/box.h without floating point. */
    long long lhs = (long long)src_w * box.h, rhs = (long long)box.w * src_h;
    bool wider = lhs > rhs; /* the picture is wider than the box */
    int w, h;
    if (wider != cover) {
        w = box.w;
        h = (int)(((long long)src_h * box.w + src_w / 2) / src_w);
    } else {
        h = box.h;
        w = (int)(((long long)src_w * box.h + src_h / 2) / src_h);
    }
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    return (bt_rect){box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
}

bool bt_cover_ok(int src_w, int src_h, bt_rect box)
{
    bt_rect r = bt_rect_fit(src_w, src_h, box, true);
    return r.w > 0 && (long long)box.w * 3 >= (long long)r.w * 2 &&
           (long long)box.h * 3 >= (long long)r.h * 2;
}

/* Takes a square for the QR code out of the text box: at the right in a wide
 * box, at the bottom in a tall one. */
static void carve_qr(bt_slide_geom *g, int unit, int pad)
{
    bt_rect *t = &g->text;
    int q = bt_pct(unit, 0.26);
    if (t->w >= t->h) {
        if (q > t->h)
            q = t->h;
        g->qr = (bt_rect){t->x + t->w - q, t->y + (t->h - q) / 2, q, q};
        t->w -= q + pad;
    } else {
        if (q > t->w)
            q = t->w;
        g->qr = (bt_rect){t->x + (t->w - q) / 2, t->y + t->h - q, q, q};
        t->h -= q + pad;
    }
}

bool bt_slide_full_screen(const bt_slide *s)
{
    return s && bt_slide_layout(s) == BT_LAYOUT_FULL;
}

void bt_slide_geometry(const bt_slide *s, int w, int h, int unit, bt_slide_geom *out)
{
    bt_slide_geom g = {0};
    int pad = bt_pct(unit, 0.04);
    bool portrait = h > w;
    bt_rect all = {0, 0, w, h};
    bt_rect inner = {pad, pad, w - 2 * pad, h - 2 * pad};
    g.layout = bt_slide_layout(s);
    g.title_max = bt_pct(unit, 0.075);
    g.title_min = bt_pct(unit, 0.034);
    g.body_max = bt_pct(unit, 0.052);
    g.body_min = bt_pct(unit, 0.026);

    switch (g.layout) {
    case BT_LAYOUT_AUTO: /* resolved by bt_slide_layout; never here */
    case BT_LAYOUT_TEXT:
        /* Words alone on the slide: read from across the hall. */
        g.title_max = bt_pct(unit, 0.09);
        g.body_max = bt_pct(unit, 0.064);
        g.text = inner;
        if (s->qr)
            carve_qr(&g, unit, pad);
        break;
    case BT_LAYOUT_SPLIT:
        if (portrait) {
            int img_h = bt_pct(inner.h, 0.45);
            g.image_box = (bt_rect){inner.x, inner.y, inner.w, img_h};
            g.text = (bt_rect){inner.x, inner.y + img_h + pad, inner.w, inner.h - img_h - pad};
        } else {
            int img_w = (inner.w - pad) / 2;
            g.image_box = (bt_rect){inner.x, inner.y, img_w, inner.h};
            g.text = (bt_rect){inner.x + img_w + pad, inner.y, inner.w - img_w - pad, inner.h};
        }
        if (s->qr)
            carve_qr(&g, unit, pad);
        break;
    case BT_LAYOUT_FULL:
        /* The picture alone, whole: never cropped, no caption, no QR. */
        g.image_box = all;
        break;
    case BT_LAYOUT_IMAGE:
    case BT_LAYOUT_CAPTION: {
        g.image_box = all;
        g.image_cover = bt_cover_ok(s->image_w, s->image_h, all);
        bool has_text = s->title || (g.layout == BT_LAYOUT_CAPTION && s->body);
        if (has_text) {
            /* The image layout shows only the title, on a slimmer band. */
            double band_f = g.layout == BT_LAYOUT_CAPTION ? 0.42 : 0.20;
            if (g.layout == BT_LAYOUT_CAPTION) {
                g.title_max = bt_pct(unit, 0.062);
                g.body_max = bt_pct(unit, 0.046);
            }
            int band_h = bt_pct(h, band_f);
            g.band = (bt_rect){0, h - band_h, w, band_h};
            int band_pad = pad / 2;
            g.text = (bt_rect){pad, g.band.y + band_pad, w - 2 * pad, band_h - 2 * band_pad};
            /* A picture that cannot fill the slide sits above the band
             * rather than half under it. */
            if (!g.image_cover)
                g.image_box.h = g.band.y;
        }
        if (s->qr) {
            int q = bt_pct(unit, 0.24);
            g.qr = (bt_rect){w - q - pad, pad, q, q};
        }
        break;
    }
    }
    *out = g;
}
