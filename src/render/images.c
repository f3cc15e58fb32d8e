/* images.c: decode (libjpeg-turbo for JPEG, SDL_image for the rest), turn
 * upright, scale in software (on the worker thread). */
#include "images.h"

#include <SDL_image.h>

#include "base/i18n.h"
#include "jpeg.h"
#include "model/imgprobe.h"
#include "model/layout.h"

SDL_Surface *bt_image_orient(SDL_Surface *src, bt_orientation o)
{
    if (o <= BT_ORIENT_UPRIGHT || o > BT_ORIENT_ROTATE_270)
        return src;
    bool swap = bt_orientation_swaps(o);
    int w = src->w, h = src->h, ow = swap ? h : w, oh = swap ? w : h;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, src->format->format);
    if (!dst) {
        SDL_FreeSurface(src);
        return NULL;
    }
    /* For each pixel shown at (x, y), the stored pixel (sx, sy) it comes
     * from is sx = ax + bx * x + cx * y, sy = ay + by * x + cy * y. */
    int ax = 0, bx = 1, cx = 0, ay = 0, by = 0, cy = 1;
    switch (o) {
    case BT_ORIENT_MIRROR: /* sx = w-1-x */
        ax = w - 1, bx = -1;
        break;
    case BT_ORIENT_ROTATE_180:
        ax = w - 1, bx = -1, ay = h - 1, cy = -1;
        break;
    case BT_ORIENT_FLIP: /* sy = h-1-y */
        ay = h - 1, cy = -1;
        break;
    case BT_ORIENT_TRANSPOSE: /* sx = y, sy = x */
        bx = 0, cx = 1, by = 1, cy = 0;
        break;
    case BT_ORIENT_ROTATE_90: /* sx = y, sy = h-1-x */
        bx = 0, cx = 1, ay = h - 1, by = -1, cy = 0;
        break;
    case BT_ORIENT_TRANSVERSE: /* sx = w-1-y, sy = h-1-x */
        ax = w - 1, bx = 0, cx = -1, ay = h - 1, by = -1, cy = 0;
        break;
    case BT_ORIENT_ROTATE_270: /* sx = w-1-y, sy = x */
        ax = w - 1, bx = 0, cx = -1, by = 1, cy = 0;
        break;
    default:
        break;
    }
    const Uint8 *sp = src->pixels;
    int pitch = src->pitch;
    for (int y = 0; y < oh; y++) {
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * dst->pitch);
        int sx = ax + cx * y, sy = ay + cy * y;
        for (int x = 0; x < ow; x++, sx += bx, sy += by)
            out[x] = *(const Uint32 *)(sp + (size_t)sy * pitch + (size_t)sx * 4);
    }
    SDL_FreeSurface(src);
    return dst;
}

/* A JPEG, decoded as small as the box allows (jpeg.h), then upright. */
static SDL_Surface *load_jpeg(const char *path, const bt_img_info *info, int box_w, int box_h,
                              bool cover, char *err, size_t errsize)
{
    int need_w = 0, need_h = 0;
    if (box_w > 0 && box_h > 0) {
        bt_rect r = bt_rect_fit(info->width, info->height, (bt_rect){0, 0, box_w, box_h}, cover);
        need_w = r.w;
        need_h = r.h;
    }
    /* The box is upright; libjpeg decodes the pixels as stored. */
    if (bt_orientation_swaps(info->orientation)) {
        int t = need_w;
        need_w = need_h;
        need_h = t;
    }
    SDL_Surface *s = bt_jpeg_load(path, need_w, need_h, err, errsize);
    if (s && !(s = bt_image_orient(s, info->orientation)))
        snprintf(err, errsize, _("out of memory for the picture"));
    return s;
}

SDL_Surface *bt_image_load(const char *path, int box_w, int box_h, bool cover, char *err,
                           size_t errsize)
{
    bt_img_info info;
    if (!bt_imgprobe_file(path, &info, err, errsize))
        return NULL;
    if (info.kind == BT_IMG_JPEG)
        return load_jpeg(path, &info, box_w, box_h, cover, err, errsize);
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        snprintf(err, errsize, _("the picture cannot be read (%s)"), IMG_GetError());
        return NULL;
    }
    /* A decoder may disagree with the header we checked; trust neither blindly. */
    if ((long long)raw->w * raw->h > (long long)info.width * info.height) {
        snprintf(err, errsize, _("the picture is larger than its header says"));
        SDL_FreeSurface(raw);
        return NULL;
    }
    /* Pictures without transparency (JPEG, most photos) become opaque
     * surfaces: blitting them is a copy, not a blend of every pixel. */
    Uint32 fmt = SDL_ISPIXELFORMAT_ALPHA(raw->format->format) || raw->format->palette
                     ? SDL_PIXELFORMAT_ARGB8888
                     : SDL_PIXELFORMAT_RGB888;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, fmt, 0);
    SDL_FreeSurface(raw);
    if (!s)
        snprintf(err, errsize, _("out of memory for the picture"));
    return s;
}

/* Halves a surface in both directions, averaging each 2x2 block. */
static SDL_Surface *halve(SDL_Surface *src)
{
    int w = src->w / 2, h = src->h / 2;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, src->format->format);
    if (!dst)
        return NULL;
    for (int y = 0; y < h; y++) {
        const Uint32 *r0 = (const Uint32 *)((const Uint8 *)src->pixels + (2 * y) * src->pitch);
        const Uint32 *r1 = (const Uint32 *)((const Uint8 *)src->pixels + (2 * y + 1) * src->pitch);
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + y * dst->pitch);
        for (int x = 0; x < w; x++) {
            Uint32 p[4] = {r0[2 * x], r0[2 * x + 1], r1[2 * x], r1[2 * x + 1]};
            Uint32 v = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                Uint32 sum = 2; /* rounds to nearest */
                for (int k = 0; k < 4; k++)
                    sum += (p[k] >> shift) & 0xff;
                v |= (sum / 4) << shift;
            }
            out[x] = v;
        }
    }
    return dst;
}

bool bt_image_stretch(SDL_Surface *src, SDL_Rect sr, SDL_Surface *dst, SDL_Rect dr)
{
    if (sr.w < 1 || sr.h < 1 || dr.w < 1 || dr.h < 1)
        return false;
    SDL_Surface *cur = src;
    while (sr.w >= 2 * dr.w && sr.h >= 2 * dr.h) {
        SDL_Surface *half = halve(cur);
        if (cur != src)
            SDL_FreeSurface(cur);
        if (!half)
            return false;
        cur = half;
        sr = (SDL_Rect){sr.x / 2, sr.y / 2, sr.w / 2, sr.h / 2};
    }
    bool ok = SDL_SoftStretchLinear(cur, &sr, dst, &dr) == 0;
    if (cur != src)
        SDL_FreeSurface(cur);
    return ok;
}

SDL_Surface *bt_image_scale(SDL_Surface *src, int w, int h)
{
    if (w < 1 || h < 1)
        return NULL;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, src->format->format);
    if (dst && !bt_image_stretch(src, (SDL_Rect){0, 0, src->w, src->h}, dst,
                                 (SDL_Rect){0, 0, w, h})) {
        SDL_FreeSurface(dst);
        dst = NULL;
    }
    return dst;
}

bool bt_image_verify(void *ctx, const char *path, char *err, size_t errsize)
{
    const bt_image_box *box = ctx;
    SDL_Surface *s = bt_image_load(path, box ? box->w : 1920, box ? box->h : 1080, false, err,
                                   errsize);
    if (!s)
        return false;
    SDL_FreeSurface(s);
    return true;
}
