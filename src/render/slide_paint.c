/* slide_paint.c: one slide, in any of its layouts, onto a surface. */
#include "slide_paint.h"

#include "base/log.h"
#include "pdf.h"
#include "qr.h"
#include "textdraw.h"
#include "video.h"

/* Draws a QR code of text in the square r: white, with its quiet zone of
 * four modules, each module a whole number of pixels so it scans. */
static void draw_qr(SDL_Surface *dst, const char *text, bt_rect r)
{
    bt_qr qr;
    if (!bt_qr_encode(text, &qr)) {
        bt_log(BT_LOG_WARNING, "QR code \"%.40s\" cannot be encoded", text);
        return;
    }
    int total = qr.size + 8;
    int px = r.w / total;
    if (px < 2) {
        bt_log(BT_LOG_WARNING, "QR code \"%.40s\" is too long to scan at this size", text);
        bt_qr_free(&qr);
        return;
    }
    int side = px * total;
    int x0 = r.x + (r.w - side) / 2, y0 = r.y + (r.h - side) / 2;
    bt_fill(dst, (bt_rect){x0, y0, side, side}, (bt_color){255, 255, 255, 255});
    for (int y = 0; y < qr.size; y++)
        for (int x = 0; x < qr.size; x++)
            if (qr.modules[y * qr.size + x])
                bt_fill(dst, (bt_rect){x0 + (x + 4) * px, y0 + (y + 4) * px, px, px},
                        (bt_color){0, 0, 0, 255});
    bt_qr_free(&qr);
}

/* Title, an accent rule and the body, laid out together and centred
 * vertically in box: the title takes at most 3 lines and 45% of the box when
 * there is a body, the body the rest. */
static void draw_texts(bt_painter *p, SDL_Surface *dst, const char *title, const char *body,
                       const bt_slide_geom *g, SDL_Color title_color, SDL_Color body_color)
{
    const bt_theme *th = &p->pl->theme;
    bt_rect box = g->text;
    if (box.w <= 0 || box.h <= 0)
        return;
    int gap = g->body_max / 2;
    int rule_h = body ? (g->body_max / 8 > 2 ? g->body_max / 8 : 2) : 0;
    bt_text_block tb = {0}, bb = {0};
    if (title) {
        int title_h = body ? box.h * 45 / 100 : box.h;
        if (!bt_text_layout(title, bt_fonts_measure(p->fonts, true), box.w, title_h, g->title_max,
                            g->title_min, 3, &tb))
            return;
    }
    if (body) {
        int rest = box.h - (title ? tb.height + 2 * gap + rule_h : 0);
        if (rest > 0 &&
            !bt_text_layout(body, bt_fonts_measure(p->fonts, false), box.w, rest, g->body_max,
                            g->body_min, 0, &bb)) {
            bt_text_block_free(&tb);
            return;
        }
    }
    int total = tb.height + bb.height + (title && body ? 2 * gap + rule_h : 0);
    int y = box.y + (box.h - total) / 2;
    if (title) {
        bt_textdraw_block(dst, p->fonts, true, &tb, box.x, y, box.w, BT_ALIGN_LEFT, title_color, box);
        y += tb.height;
    }
    if (title && body) {
        y += gap;
        bt_fill(dst, (bt_rect){box.x, y, g->title_max * 2, rule_h}, th->accent);
        y += rule_h + gap;
    }
    if (body)
        bt_textdraw_block(dst, p->fonts, false, &bb, box.x, y, box.w, BT_ALIGN_LEFT, body_color, box);
    bt_text_block_free(&tb);
    bt_text_block_free(&bb);
}

/* A PDF page drawn at the size of box (contain, on the background), in
 * the helper process (pdf.h). */
static bool draw_pdf_page(SDL_Surface *dst, const bt_slide *s, bt_rect box, bt_color bg)
{
    char err[600];
    SDL_Surface *page = bt_pdf_render(s->pdf_path, s->pdf_page, box.w, box.h, bg, err, sizeof err);
    if (!page) {
        bt_log(BT_LOG_WARNING, "%s, page %d: %s", s->pdf_path, s->pdf_page, err);
        return false;
    }
    SDL_Rect at = {box.x, box.y, box.w, box.h};
    SDL_BlitSurface(page, NULL, dst, &at);
    SDL_FreeSurface(page);
    return true;
}

/* A clip's poster frame (`poster:`, the first frame by default) at the
 * size of box, contain-fitted on the background: what --render writes and
 * what stands for the clip until it plays (the player draws the clip over
 * it, in the same box). */
static bool draw_poster(SDL_Surface *dst, const bt_slide *s, bt_rect box, bt_color bg)
{
    char err[400];
    Uint32 rgb = (Uint32)bg.r << 16 | (Uint32)bg.g << 8 | bg.b;
    SDL_Surface *f = bt_video_poster(s->video_path, s->poster_ms / 1000.0, box.w, box.h, rgb, err,
                                     sizeof err);
    if (!f) {
        bt_log(BT_LOG_WARNING, "%s: no poster frame: %s", s->video_path, err);
        return false;
    }
    SDL_Rect at = {box.x, box.y, box.w, box.h};
    SDL_BlitSurface(f, NULL, dst, &at);
    SDL_FreeSurface(f);
    return true;
}

/* A slide's own content (picture, texts, QR code) filling w x h. */
static SDL_Surface *paint_content(bt_painter *p, const bt_slide *s, int w, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    SDL_Surface *dst = bt_surface_new(w, h, th->background);
    if (!dst)
        return NULL;
    bt_slide_geom g;
    bt_slide_geometry(s, w, h, unit, &g);

    bool picture = false;
    if (g.image_box.w > 0 && s->image_path)
        picture = bt_painter_picture(p, dst, s->image_path, g.image_box, g.image_cover);
    else if (g.image_box.w > 0 && s->pdf_path)
        picture = draw_pdf_page(dst, s, g.image_box, th->background);
    else if (g.image_box.w > 0 && s->video_path)
        picture = draw_poster(dst, s, g.image_box, th->background);

    SDL_Color title_color = bt_sdl_color(th->accent), body_color = bt_sdl_color(th->text);
    const char *title = s->title, *body = s->body;
    if (g.layout == BT_LAYOUT_IMAGE)
        body = NULL; /* the picture speaks; the title is its caption */

    if (g.layout == BT_LAYOUT_FULL) {
        /* The picture alone: no caption, no QR code. One that cannot be
         * read leaves the background (logged): there are no words to show. */
        return dst;
    }
    /* A clip keeps its layout without a poster: the player plays it in
     * that box all the same. */
    if (!picture && g.image_box.w > 0 && g.layout != BT_LAYOUT_SPLIT && !s->video_path) {
        /* A picture that cannot be read must not leave an empty slide: show
         * the words as a text slide instead. */
        bt_slide text_only = *s;
        text_only.image = text_only.image_path = text_only.pdf = text_only.pdf_path = NULL;
        text_only.layout = BT_LAYOUT_TEXT;
        bt_slide_geometry(&text_only, w, h, unit, &g);
        body = s->body;
    } else if (g.band.w > 0) {
        bt_fill_blend(dst, g.band, (bt_color){0, 0, 0, 255}, 170);
        body_color = (SDL_Color){255, 255, 255, 255};
    }
    draw_texts(p, dst, title, body, &g, title_color, body_color);
    if (g.qr.w > 0 && s->qr)
        draw_qr(dst, s->qr, g.qr);
    return dst;
}

/* Where an alert's content goes in a painting of w x h: inside an accent
 * frame, below the banner; false when the area is too small for them. */
static bool alert_inner(int w, int h, int unit, bt_rect *inner, int *banner_h)
{
    int frame = unit / 80 > 2 ? unit / 80 : 2;
    int banner = unit / 11 > 3 * frame ? unit / 11 : 3 * frame;
    *inner = (bt_rect){frame, banner, w - 2 * frame, h - banner - frame};
    *banner_h = banner;
    return inner->w >= 16 && inner->h >= 16;
}

bt_rect bt_slide_picture_box(const bt_slide *s, int w, int h, int unit)
{
    bt_rect inner = {0, 0, w, h};
    int banner;
    if (s->priority == BT_PRIORITY_ALERT && !alert_inner(w, h, unit, &inner, &banner))
        inner = (bt_rect){0, 0, w, h};
    bt_slide_geom g;
    bt_slide_geometry(s, inner.w, inner.h, unit, &g);
    return (bt_rect){inner.x + g.image_box.x, inner.y + g.image_box.y, g.image_box.w,
                     g.image_box.h};
}

/* An alert: an accent banner across the top carrying the `alert` label
 * (dark on accent, like the touch hint) and an accent frame round the rest;
 * the content is laid out inside, so the frame never covers its text. */
static SDL_Surface *paint_alert(bt_painter *p, const bt_slide *s, int w, int h, int unit)
{
    const bt_theme *th = &p->pl->theme;
    bt_rect in;
    int banner;
    if (!alert_inner(w, h, unit, &in, &banner))
        return paint_content(p, s, w, h, unit); /* too small for a frame */
    int frame = in.x, inner_w = in.w, inner_h = in.h;
    SDL_Surface *dst = bt_surface_new(w, h, th->accent);
    SDL_Surface *inner = dst ? paint_content(p, s, inner_w, inner_h, unit) : NULL;
    if (!inner) {
        if (dst)
            SDL_FreeSurface(dst);
        return NULL;
    }
    SDL_Rect at = {frame, banner, inner_w, inner_h};
    SDL_BlitSurface(inner, NULL, dst, &at);
    SDL_FreeSurface(inner);
    int pad = banner / 8;
    bt_rect box = {frame + pad, pad, w - 2 * (frame + pad), banner - 2 * pad};
    bt_textdraw_box(dst, p->fonts, true, p->pl->labels[BT_LABEL_ALERT], box, banner * 6 / 10,
                    banner / 3, 1, BT_ALIGN_CENTER, true,
                    bt_sdl_color(bt_color_darken(th->background, 0.3)));
    return dst;
}

SDL_Surface *bt_paint_slide(bt_painter *p, const bt_slide *s, int w, int h, int unit)
{
    if (s->priority == BT_PRIORITY_ALERT)
        return paint_alert(p, s, w, h, unit);
    return paint_content(p, s, w, h, unit);
}
