/* jpeg.c: JPEG pictures decoded by libjpeg-turbo straight into the
 * player's pixel format, scaled down while decoding, and bounded (jpeg.h).
 *
 * libjpeg reports through three hooks, each replaced here: error_exit
 * (fatal: jump back, never exit the player), emit_message (a warning: data
 * missing or damaged, refused unless the picture is all there) and the
 * progress monitor, called for every row of blocks, which enforces the
 * scan and time bounds. Each of them leaves the reason in words in `why`
 * and jumps back to decode(). */
#include "jpeg.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <jpeglib.h>
#include <jerror.h>

#include "base/i18n.h"
#include "base/bounds.h"

static int max_scans = BT_MAX_JPEG_SCANS, max_ms = BT_MAX_JPEG_DECODE_MS;

void bt_jpeg_set_bounds(int scans, int ms)
{
    max_scans = scans > 0 ? scans : BT_MAX_JPEG_SCANS;
    max_ms = ms > 0 ? ms : BT_MAX_JPEG_DECODE_MS;
}

typedef struct {
    struct jpeg_error_mgr pub; /* first: libjpeg hands back this pointer */
    jmp_buf back;
    char why[JMSG_LENGTH_MAX + 200];
} errors;

typedef struct {
    struct jpeg_progress_mgr pub; /* first, likewise */
    int64_t deadline_ms;
    int max_scans, max_ms;
} progress;

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A fatal error: libjpeg must not exit the player; jump back instead. */
static void on_error(j_common_ptr c)
{
    errors *e = (errors *)c->err;
    char msg[JMSG_LENGTH_MAX];
    c->err->format_message(c, msg);
    if (c->err->msg_code == JERR_OUT_OF_MEMORY || c->err->msg_code == JERR_NO_BACKING_STORE)
        snprintf(e->why, sizeof e->why,
                 "the photo needs more memory to decode than the kiosk allows (at most %d MB): "
                 "save it again smaller, or as a standard (baseline) JPEG",
                 BT_MAX_JPEG_MEMORY >> 20);
    else
        snprintf(e->why, sizeof e->why, "the picture cannot be read (%s)", msg);
    longjmp(e->back, 1);
}

/* A warning. libjpeg would go on and show what it could not decode as
 * grey; from a stick that is a damaged file, refused with the reason so
 * that a clerk copies it again. Only the warnings about a picture that is
 * all there pass: bytes after its end (common in cameras' files), an
 * unknown JFIF or Adobe version, a bad colour profile. Trace messages
 * (level >= 0) are ignored. */
static void on_message(j_common_ptr c, int level)
{
    if (level >= 0)
        return;
    c->err->num_warnings++;
    switch (c->err->msg_code) {
    case JWRN_EXTRANEOUS_DATA:
    case JWRN_JFIF_MAJOR:
    case JWRN_ADOBE_XFORM:
    case JWRN_BOGUS_ICC:
        return;
    default:
        break;
    }
    errors *e = (errors *)c->err;
    char msg[JMSG_LENGTH_MAX];
    c->err->format_message(c, msg);
    if (c->err->msg_code == JWRN_JPEG_EOF)
        snprintf(e->why, sizeof e->why,
                 "the photo file is cut short (its end is missing): copy it again");
    else
        snprintf(e->why, sizeof e->why,
                 "the photo's data is damaged (%s): copy it again, or save it again", msg);
    longjmp(e->back, 1);
}

/* Called for every row of blocks read, and every scanline given out. */
static void on_progress(j_common_ptr c)
{
    progress *p = (progress *)c->progress;
    errors *e = (errors *)c->err;
    j_decompress_ptr d = (j_decompress_ptr)c;
    if (d->input_scan_number > p->max_scans) {
        snprintf(e->why, sizeof e->why,
                 "the photo is made of more than %d scans (a camera writes about ten): it is "
                 "damaged or made to stall the player; save it again",
                 p->max_scans);
        longjmp(e->back, 1);
    }
    if (now_ms() > p->deadline_ms) {
        snprintf(e->why, sizeof e->why,
                 "the photo takes too long to decode (more than %d s): save it again smaller",
                 p->max_ms / 1000);
        longjmp(e->back, 1);
    }
}

/* The largest reduction 1/d (d = 8, 4, 2, 1) that keeps w x h at least
 * need_w x need_h (libjpeg rounds its sizes up), then as much more as the
 * bounds on a decoded picture need. 0 when even 1/8 is over them. */
static unsigned reduction(unsigned w, unsigned h, int need_w, int need_h)
{
    unsigned d = 8;
    if (need_w <= 0 || need_h <= 0)
        d = 1;
    while (d > 1 && ((w + d - 1) / d < (unsigned)need_w || (h + d - 1) / d < (unsigned)need_h))
        d /= 2;
    for (; d <= 8; d *= 2) {
        unsigned long long dw = (w + d - 1) / d, dh = (h + d - 1) / d;
        if (dw * dh <= BT_MAX_IMAGE_PIXELS && dw <= BT_MAX_IMAGE_SIDE && dh <= BT_MAX_IMAGE_SIDE)
            return d;
    }
    return 0;
}

/* CMYK as libjpeg gives it (4 bytes a pixel) to 0x00RRGGBB, in place.
 * Adobe's files (an APP14 marker) store the inks inverted, 255 for none;
 * others store them straight. Without a colour profile: each channel is
 * what the ink and the black leave of white. */
static void cmyk_to_rgb(Uint32 *row, int n, bool inverted)
{
    const unsigned char *b = (const unsigned char *)row;
    for (int x = 0; x < n; x++, b += 4) {
        unsigned c = b[0], m = b[1], y = b[2], k = b[3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        Uint32 r = (c * k + 127) / 255, g = (m * k + 127) / 255, bl = (y * k + 127) / 255;
        row[x] = r << 16 | g << 8 | bl;
    }
}

/* The decoding proper, apart so that nothing it changes after setjmp lives
 * in a local the jump would leave undefined: the surface is in *out. */
static bool decode(struct jpeg_decompress_struct *cinfo, errors *e, int need_w, int need_h,
                   SDL_Surface **out)
{
    if (setjmp(e->back))
        return false;
    jpeg_read_header(cinfo, TRUE);
    unsigned d = reduction(cinfo->image_width, cinfo->image_height, need_w, need_h);
    if (d == 0) { /* the probe refuses these first */
        snprintf(e->why, sizeof e->why, "the photo is too large (%ux%u pixels)",
                 cinfo->image_width, cinfo->image_height);
        return false;
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = d;
    /* CMYK and YCCK (from print shops) come out as CMYK, converted below;
     * the rest straight into SDL's RGB888, 0x00RRGGBB in a 32-bit word. */
    bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk                            ? JCS_CMYK
                             : SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRX
                                                               : JCS_EXT_XRGB;
    cinfo->dct_method = JDCT_ISLOW;
    jpeg_start_decompress(cinfo);
    *out = SDL_CreateRGBSurfaceWithFormat(0, (int)cinfo->output_width, (int)cinfo->output_height,
                                          32, SDL_PIXELFORMAT_RGB888);
    if (!*out) {
        snprintf(e->why, sizeof e->why, "out of memory for the picture");
        jpeg_abort_decompress(cinfo);
        return false;
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        JSAMPROW row = (JSAMPROW)(*out)->pixels + (size_t)cinfo->output_scanline * (*out)->pitch;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1)
            break;
        if (cmyk)
            cmyk_to_rgb((Uint32 *)row, (*out)->w, cinfo->saw_Adobe_marker);
    }
    jpeg_finish_decompress(cinfo);
    return true;
}

SDL_Surface *bt_jpeg_load(const char *path, int need_w, int need_h, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rbe");
    if (!f) {
        snprintf(err, errsize, _("the picture cannot be opened"));
        return NULL;
    }
    struct jpeg_decompress_struct cinfo;
    errors e = {.why = ""};
    progress pr = {.pub.progress_monitor = on_progress,
                   .deadline_ms = now_ms() + max_ms,
                   .max_scans = max_scans,
                   .max_ms = max_ms};
    cinfo.err = jpeg_std_error(&e.pub);
    e.pub.error_exit = on_error;
    e.pub.emit_message = on_message;
    jpeg_create_decompress(&cinfo);
    /* A progressive file keeps every coefficient in memory: past this
     * libjpeg stops with JERR_NO_BACKING_STORE instead of taking more. */
    cinfo.mem->max_memory_to_use = BT_MAX_JPEG_MEMORY;
    cinfo.progress = &pr.pub;
    jpeg_stdio_src(&cinfo, f);
    SDL_Surface *s = NULL;
    bool ok = decode(&cinfo, &e, need_w, need_h, &s);
    jpeg_destroy_decompress(&cinfo);
    fclose(f);
    if (ok)
        return s;
    if (s)
        SDL_FreeSurface(s);
    snprintf(err, errsize, "%s", e.why);
    return NULL;
}
