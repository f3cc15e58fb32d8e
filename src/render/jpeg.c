/* jpeg.c: JPEG pictures decoded by libjpeg-turbo straight into the
 * player's pixel format, scaled down while decoding (jpeg.h). */
#include "jpeg.h"

#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub; /* first: libjpeg hands back this pointer */
    jmp_buf back;
    char why[JMSG_LENGTH_MAX];
    bool other_route; /* a kind this route does not decode: not an error */
} errors;

/* A fatal error: libjpeg must not exit the player; jump back instead. */
static void on_error(j_common_ptr c)
{
    errors *e = (errors *)c->err;
    c->err->format_message(c, e->why);
    longjmp(e->back, 1);
}

/* Warnings (a cut-off file, a damaged stretch) are not fatal: what cannot
 * be decoded shows grey, as SDL_image does. */
static void on_message(j_common_ptr c)
{
    (void)c;
}

/* The largest reduction 1/d (d = 8, 4, 2, 1) that keeps w x h at least
 * need_w x need_h; libjpeg rounds its sizes up. */
static unsigned reduction(unsigned w, unsigned h, int need_w, int need_h)
{
    if (need_w <= 0 || need_h <= 0)
        return 1;
    unsigned d = 8;
    while (d > 1 && ((w + d - 1) / d < (unsigned)need_w || (h + d - 1) / d < (unsigned)need_h))
        d /= 2;
    return d;
}

/* The decoding proper, apart so that nothing it changes after setjmp lives
 * in a local the jump would leave undefined: the surface is in *out. */
static bool decode(struct jpeg_decompress_struct *cinfo, errors *e, int need_w, int need_h,
                   SDL_Surface **out)
{
    if (setjmp(e->back))
        return false;
    jpeg_read_header(cinfo, TRUE);
    /* CMYK and YCCK (from print shops) have no direct route to RGB here. */
    if (cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK) {
        e->other_route = true;
        return false;
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = reduction(cinfo->image_width, cinfo->image_height, need_w, need_h);
    /* SDL's RGB888 is 0x00RRGGBB in a 32-bit word: its bytes in memory. */
    cinfo->out_color_space = SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRX : JCS_EXT_XRGB;
    cinfo->dct_method = JDCT_ISLOW;
    jpeg_start_decompress(cinfo);
    *out = SDL_CreateRGBSurfaceWithFormat(0, (int)cinfo->output_width, (int)cinfo->output_height,
                                          32, SDL_PIXELFORMAT_RGB888);
    if (!*out) {
        snprintf(e->why, sizeof e->why, "out of memory");
        jpeg_abort_decompress(cinfo);
        return false;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = (JSAMPROW)(*out)->pixels + (size_t)cinfo->output_scanline * (*out)->pitch;
        jpeg_read_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_decompress(cinfo);
    return true;
}

SDL_Surface *bt_jpeg_load(const char *path, int need_w, int need_h, bool *other_route, char *err,
                          size_t errsize)
{
    *other_route = false;
    FILE *f = fopen(path, "rbe");
    if (!f) {
        snprintf(err, errsize, "the picture cannot be opened");
        return NULL;
    }
    struct jpeg_decompress_struct cinfo;
    errors e = {.why = ""};
    cinfo.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.output_message = on_message;
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f);
    SDL_Surface *s = NULL;
    bool ok = decode(&cinfo, &e, need_w, need_h, &s);
    jpeg_destroy_decompress(&cinfo);
    fclose(f);
    if (ok)
        return s;
    if (s)
        SDL_FreeSurface(s);
    *other_route = e.other_route;
    if (!e.other_route)
        snprintf(err, errsize, "the picture cannot be read (%s)", e.why);
    return NULL;
}
