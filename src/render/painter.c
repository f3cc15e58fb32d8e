/* painter.c: the painter's life cycle and the shared drawing helpers. */
#include "painter.h"

#include <stdlib.h>

#include "base/i18n.h"
#include "images.h"
#include "base/log.h"

bt_painter *bt_painter_create(const bt_playlist *pl, char *err, size_t errsize)
{
    bt_painter *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    p->pl = pl;
    p->fonts = bt_fonts_open(pl->theme.font_path, pl->theme.font_bold_path, err, errsize);
    if (!p->fonts) {
        free(p);
        return NULL;
    }
    return p;
}

void bt_painter_free(bt_painter *p)
{
    if (!p)
        return;
    bt_fonts_free(p->fonts);
    bt_pictures_free(p->kept);
    free(p);
}

SDL_Color bt_sdl_color(bt_color c)
{
    return (SDL_Color){c.r, c.g, c.b, 255};
}

bt_color bt_color_darken(bt_color c, double f)
{
    return (bt_color){(uint8_t)(c.r * (1 - f)), (uint8_t)(c.g * (1 - f)), (uint8_t)(c.b * (1 - f)),
                      255};
}

bt_color bt_color_lighten(bt_color c, double f)
{
    return (bt_color){(uint8_t)(c.r + (255 - c.r) * f), (uint8_t)(c.g + (255 - c.g) * f),
                      (uint8_t)(c.b + (255 - c.b) * f), 255};
}

static Uint32 map(SDL_Surface *s, bt_color c)
{
    return SDL_MapRGBA(s->format, c.r, c.g, c.b, 255);
}

SDL_Surface *bt_surface_new(int w, int h, bt_color c)
{
    /* No alpha channel: blending text and pictures onto it cannot leave a
     * pixel slightly transparent, so the screen shows exactly what was
     * painted (and --render saves exactly what the screen shows). */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (s)
        SDL_FillRect(s, NULL, map(s, c));
    return s;
}

void bt_fill(SDL_Surface *dst, bt_rect r, bt_color c)
{
    SDL_Rect sr = {r.x, r.y, r.w, r.h};
    SDL_FillRect(dst, &sr, map(dst, c));
}

void bt_fill_round(SDL_Surface *dst, bt_rect r, int radius, bt_color c)
{
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    Uint32 px = map(dst, c);
    for (int y = 0; y < r.h; y++) {
        /* How far in the row starts: the corner circle's edge, if any. */
        int dy = y < radius ? radius - y : y >= r.h - radius ? y - (r.h - radius - 1) : 0;
        int inset = 0;
        if (dy > 0) {
            double d = radius - SDL_sqrt((double)radius * radius - (double)dy * dy);
            inset = (int)(d + 0.5);
        }
        SDL_Rect row = {r.x + inset, r.y + y, r.w - 2 * inset, 1};
        SDL_FillRect(dst, &row, px);
    }
}

void bt_fill_blend(SDL_Surface *dst, bt_rect r, bt_color c, int a)
{
    SDL_Surface *one = SDL_CreateRGBSurfaceWithFormat(0, 1, 1, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!one)
        return;
    *(Uint32 *)one->pixels = SDL_MapRGBA(one->format, c.r, c.g, c.b, (Uint8)a);
    SDL_SetSurfaceBlendMode(one, SDL_BLENDMODE_BLEND);
    SDL_Rect sr = {r.x, r.y, r.w, r.h};
    SDL_BlitScaled(one, NULL, dst, &sr);
    SDL_FreeSurface(one);
}

void bt_painter_keep_pictures(bt_painter *p)
{
    if (!p->kept)
        p->kept = bt_pictures_new();
}

bt_pictures *bt_painter_pictures(bt_painter *p)
{
    return p->kept;
}

/* Draws img into box, fitted as bt_rect_fit says; img is freed when owned. */
static bool draw_fitted(SDL_Surface *dst, SDL_Surface *img, bt_rect box, bool cover, bool owned)
{
    bt_rect r = bt_rect_fit(img->w, img->h, box, cover);
    /* An opaque picture is scaled straight into place: the part of it that
     * shows in the box (all of it unless it covers), onto that part. */
    SDL_Rect sbox = {box.x, box.y, box.w, box.h}, sr = {r.x, r.y, r.w, r.h}, vis;
    SDL_Rect whole = {0, 0, dst->w, dst->h};
    if (img->format->format == dst->format->format && r.w > 0 && r.h > 0 &&
        SDL_IntersectRect(&sr, &sbox, &vis) && SDL_IntersectRect(&vis, &whole, &vis)) {
        SDL_Rect from = {(int)((long long)(vis.x - r.x) * img->w / r.w),
                         (int)((long long)(vis.y - r.y) * img->h / r.h),
                         (int)((long long)vis.w * img->w / r.w),
                         (int)((long long)vis.h * img->h / r.h)};
        bool ok = bt_image_stretch(img, from, dst, vis);
        if (owned)
            SDL_FreeSurface(img);
        return ok;
    }
    SDL_Surface *scaled = img->w == r.w && img->h == r.h ? img : bt_image_scale(img, r.w, r.h);
    if (owned && scaled != img)
        SDL_FreeSurface(img);
    if (!scaled)
        return false;
    SDL_Rect old;
    SDL_GetClipRect(dst, &old);
    SDL_Rect clip = {box.x, box.y, box.w, box.h};
    SDL_SetClipRect(dst, &clip);
    /* Logos and icons have alpha and blend. */
    SDL_SetSurfaceBlendMode(scaled, SDL_ISPIXELFORMAT_ALPHA(scaled->format->format)
                                        ? SDL_BLENDMODE_BLEND
                                        : SDL_BLENDMODE_NONE);
    SDL_Rect at = {r.x, r.y, r.w, r.h};
    SDL_BlitSurface(scaled, NULL, dst, &at);
    SDL_SetClipRect(dst, &old);
    if (scaled != img || owned)
        SDL_FreeSurface(scaled);
    return true;
}

bool bt_painter_chrome_picture(bt_painter *p, SDL_Surface *dst, const char *path, bt_rect box)
{
    if (!p->kept)
        return bt_painter_picture(p, dst, path, box, false);
    SDL_Surface *img = bt_pictures_get(p->kept, path, box.w, box.h, false);
    return img && draw_fitted(dst, img, box, false, false);
}

bool bt_painter_picture(bt_painter *p, SDL_Surface *dst, const char *path, bt_rect box, bool cover)
{
    (void)p;
    char err[256];
    SDL_Surface *img = bt_image_load(path, box.w, box.h, cover, err, sizeof err);
    if (!img) {
        bt_log(BT_LOG_WARNING, "%s: %s", path, err);
        return false;
    }
    return draw_fitted(dst, img, box, cover, true);
}
