/* imgprobe.c: image size and kind from the header, before any decoding.
 *
 * Everything here reads untrusted bytes: every access goes through src_at()
 * or src_copy(), which refuse to read past the end, and every loop over the
 * data (the JPEG segment walk, the chunks of PNG and WebP, the blocks of a
 * GIF) moves forward on every step and is capped. */
#include "base/i18n.h"
#include "imgprobe.h"

#include "base/bounds.h" /* was limits.h: renamed, it shadowed <limits.h> */

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MSG_NOT_IMAGE "this file is not a picture (PNG, JPEG, GIF, BMP or WebP)"
#define MSG_DAMAGED "the picture file is cut short or damaged"
#define MSG_EMPTY "the file is empty"

/* A real JPEG has a few dozen segments before its frame header; this bounds
 * the work a hostile file of tiny segments can cause. */
#define JPEG_MAX_MARKERS 10000

/* "frame 2 (65535x65535 pixels at 0,0) lies outside the picture (16x16)" */
#define MSG_FRAME                                                                                 \
    "the picture file is damaged: its frame %d (%ux%u pixels at %u,%u) does not fit in the "     \
    "picture (%dx%d)"

/* ---- Byte source: memory, or a file read through a small window ---------- */

typedef struct {
    const unsigned char *mem; /* memory source, or NULL for a file */
    int fd;
    size_t len; /* bytes available: the buffer or the file size */
    unsigned char win[4096];
    size_t win_off, win_len;
} src;

/* The n bytes (n <= sizeof win) at off, or NULL when they are not all there. */
static const unsigned char *src_at(src *s, size_t off, size_t n)
{
    if (off > s->len || n > s->len - off)
        return NULL;
    if (s->mem)
        return s->mem + off;
    if (off >= s->win_off && n <= s->win_len && off - s->win_off <= s->win_len - n)
        return s->win + (off - s->win_off);
    size_t got = 0;
    while (got < sizeof s->win) {
        ssize_t r = pread(s->fd, s->win + got, sizeof s->win - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    s->win_off = off;
    s->win_len = got;
    /* A file that shrank since fstat reads as cut short. */
    return n <= got ? s->win : NULL;
}

/* The n bytes at off, of any length: in place for memory, else read into a
 * malloc'd copy in *copy (which the caller frees). NULL when they are not
 * all there or memory is short. */
static const unsigned char *src_copy(src *s, size_t off, size_t n, unsigned char **copy)
{
    *copy = NULL;
    if (off > s->len || n > s->len - off)
        return NULL;
    if (s->mem)
        return s->mem + off;
    if (!(*copy = malloc(n ? n : 1)))
        return NULL;
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(s->fd, *copy + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < n) {
        free(*copy);
        *copy = NULL;
        return NULL;
    }
    return *copy;
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned le16(const unsigned char *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static uint32_t le24(const unsigned char *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

static uint32_t le32(const unsigned char *p)
{
    return le24(p) | (uint32_t)p[3] << 24;
}

static bool fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *err, size_t errsize, const char *fmt, ...)
{
    if (err && errsize) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errsize, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Stores a size read from a header; zero or absurd sizes mean damage. */
static bool set_size(bt_img_info *out, bt_img_kind kind, uint32_t w, uint32_t h, char *err,
                     size_t errsize)
{
    if (w == 0 || h == 0 || w > INT32_MAX || h > INT32_MAX)
        return fail(err, errsize, MSG_DAMAGED);
    out->kind = kind;
    out->width = (int)w;
    out->height = (int)h;
    return true;
}

/* Checks frame number n (1-based) of an animation, w x h at x,y, against
 * the picture's size; frames beyond BT_MAX_IMAGE_FRAMES are refused too. */
static bool check_frame(const bt_img_info *out, int n, uint32_t x, uint32_t y, uint32_t w,
                        uint32_t h, char *err, size_t errsize)
{
    if (n > BT_MAX_IMAGE_FRAMES)
        return fail(err, errsize,
                     "the picture has too many frames (more than %d): make the animation shorter",
                     BT_MAX_IMAGE_FRAMES);
    if (w == 0 || h == 0 || (uint64_t)x + w > (uint64_t)out->width ||
        (uint64_t)y + h > (uint64_t)out->height)
        return fail(err, errsize, MSG_FRAME, n, (unsigned)w, (unsigned)h, (unsigned)x,
                    (unsigned)y, out->width, out->height);
    return true;
}

/* ---- The formats ---------------------------------------------------------- */

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

/* A chunk type is four ASCII letters. */
static bool png_type_ok(const unsigned char *t)
{
    for (int i = 0; i < 4; i++)
        if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
            return false;
    return true;
}

/* Signature, then the IHDR chunk, which the PNG spec requires to come first.
 * Then the chunks up to the pixels (IDAT); an animated PNG (acTL before
 * IDAT) is walked to its end for the frame controls (fcTL), each of which
 * must lie inside the picture. The walk stops quietly at a chunk that is
 * not one (the decoder will say what is wrong) or at the end of the data. */
static bool probe_png(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 8, 16);
    if (!p || be32(p) != 13 || memcmp(p + 4, "IHDR", 4) != 0)
        return fail(err, errsize, MSG_DAMAGED);
    if (!set_size(out, BT_IMG_PNG, be32(p + 8), be32(p + 12), err, errsize))
        return false;
    bool animated = false;
    int frames = 0;
    size_t pos = 8 + 12 + 13;
    while ((p = src_at(s, pos, 8)) && png_type_ok(p + 4)) {
        uint32_t len = be32(p);
        if (len > INT32_MAX)
            break;
        if (memcmp(p + 4, "IEND", 4) == 0 || (memcmp(p + 4, "IDAT", 4) == 0 && !animated))
            break;
        if (memcmp(p + 4, "acTL", 4) == 0)
            animated = true;
        if (memcmp(p + 4, "fcTL", 4) == 0 && len >= 20) {
            const unsigned char *f = src_at(s, pos + 8, 20);
            if (!f)
                break;
            if (!check_frame(out, ++frames, be32(f + 12), be32(f + 16), be32(f + 4),
                             be32(f + 8), err, errsize))
                return false;
        }
        pos += 12 + (size_t)len; /* length, type, data, CRC */
    }
    return true;
}

/* SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share
 * the range but are not frame headers. */
static bool jpeg_is_sof(unsigned m)
{
    return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* The memory libjpeg's coefficient buffer takes for a frame header's
 * components (at p: after the length; n: the bytes of the segment after
 * it): per component, its blocks (the picture subsampled by its factors
 * against the largest, in 8x8 blocks rounded up to whole MCUs) times 64
 * coefficients of 2 bytes. 0 when the header is too short to say. */
static unsigned long long jpeg_coef_bytes(const unsigned char *p, unsigned n)
{
    /* precision(1) height(2) width(2) count(1), then id, HxV, table each */
    if (n < 6)
        return 0;
    unsigned h = be16(p + 1), w = be16(p + 3), nc = p[5];
    if (nc == 0 || n < 6 + 3 * nc)
        return 0;
    unsigned hmax = 1, vmax = 1;
    for (unsigned c = 0; c < nc; c++) {
        unsigned hs = p[6 + 3 * c + 1] >> 4, vs = p[6 + 3 * c + 1] & 15;
        hmax = hs > hmax ? hs : hmax;
        vmax = vs > vmax ? vs : vmax;
    }
    unsigned long long total = 0;
    for (unsigned c = 0; c < nc; c++) {
        unsigned hs = p[6 + 3 * c + 1] >> 4, vs = p[6 + 3 * c + 1] & 15;
        hs = hs ? hs : 1;
        vs = vs ? vs : 1;
        unsigned long long bw = ((unsigned long long)w * hs + 8 * hmax - 1) / (8 * hmax);
        unsigned long long bh = ((unsigned long long)h * vs + 8 * vmax - 1) / (8 * vmax);
        bw = (bw + hs - 1) / hs * hs;
        bh = (bh + vs - 1) / vs * vs;
        total += bw * bh * 64 * 2;
    }
    return total;
}

/* Whether the APP1 segment of n bytes at off is Exif (not XMP, which is
 * APP1 too); if so, its orientation goes to *o. */
static bool jpeg_exif(src *s, size_t off, size_t n, bt_orientation *o)
{
    unsigned char *copy;
    const unsigned char *p = src_at(s, off, 6);
    if (!p || memcmp(p, "Exif\0\0", 6) != 0)
        return false;
    if ((p = src_copy(s, off, n, &copy)))
        *o = bt_exif_orientation(p, n);
    free(copy);
    return true;
}

/* Walks the segments from SOI to the first frame header, skipping each by
 * its length; the first Exif segment on the way gives the orientation.
 * Fill bytes (0xFF runs) and stray bytes between segments are skipped as
 * libjpeg does; every step moves forward. */
static bool probe_jpeg(src *s, bt_img_info *out, char *err, size_t errsize)
{
    size_t pos = 2;
    bool exif_seen = false;
    bt_orientation orient = BT_ORIENT_UPRIGHT;
    for (int markers = 0; markers < JPEG_MAX_MARKERS; markers++) {
        const unsigned char *p;
        /* Find 0xFF, skip fill bytes, the marker is the first other byte. */
        while ((p = src_at(s, pos, 1)) && *p != 0xff)
            pos++;
        while ((p = src_at(s, pos, 1)) && *p == 0xff)
            pos++;
        if (!p)
            return fail(err, errsize, MSG_DAMAGED);
        unsigned m = *p;
        pos++;
        if (m == 0x00)
            continue; /* a stuffed zero: stray data, not a marker */
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
            continue; /* TEM, RSTn, SOI: no length follows */
        if (m == 0xd9 || m == 0xda)
            return fail(err, errsize, MSG_DAMAGED); /* EOI or scan before any frame */
        p = src_at(s, pos, 2);
        if (!p)
            return fail(err, errsize, MSG_DAMAGED);
        unsigned seglen = be16(p);
        if (seglen < 2)
            return fail(err, errsize, MSG_DAMAGED);
        if (jpeg_is_sof(m)) {
            /* length(2) precision(1) height(2) width(2) components... */
            if (seglen < 8 || !(p = src_at(s, pos, 7)))
                return fail(err, errsize, MSG_DAMAGED);
            /* Height 0 (size given later in a DNL segment) is refused too:
             * no camera writes it. */
            unsigned w = be16(p + 5), h = be16(p + 3);
            if (!set_size(out, BT_IMG_JPEG, w, h, err, errsize))
                return false;
            /* Progressive (SOF2, 6, 10, 14) files keep every coefficient. */
            unsigned n = seglen - 2 < 6 + 3 * 255 ? seglen - 2 : 6 + 3 * 255;
            if ((m & 3) == 2 && (p = src_at(s, pos + 2, n)))
                out->decode_bytes = jpeg_coef_bytes(p, n);
            out->orientation = orient;
            if (bt_orientation_swaps(orient)) {
                out->width = (int)h;
                out->height = (int)w;
            }
            return true;
        }
        if (m == 0xe1 && !exif_seen && seglen > 2)
            exif_seen = jpeg_exif(s, pos + 2, seglen - 2, &orient);
        pos += seglen;
    }
    return fail(err, errsize, MSG_DAMAGED);
}

/* Skips a run of GIF sub-blocks (a length byte, that many bytes, until a
 * zero length) from pos; SIZE_MAX when the data ends first. */
static size_t gif_skip_blocks(src *s, size_t pos)
{
    const unsigned char *p;
    while ((p = src_at(s, pos, 1)) && *p)
        pos += 1 + (size_t)*p;
    return p ? pos + 1 : SIZE_MAX;
}

/* The logical screen, then every block to the trailer: each image
 * descriptor (the frames) must lie inside the screen, because SDL_image
 * decodes a frame at its own size. Bytes that start no block are skipped
 * one by one, as SDL_image does, so that no frame hides from this walk. */
static bool probe_gif(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 6, 4);
    if (!p)
        return fail(err, errsize, MSG_DAMAGED);
    if (!set_size(out, BT_IMG_GIF, le16(p), le16(p + 2), err, errsize))
        return false;
    size_t pos = 13;
    if ((p = src_at(s, 10, 1)) && (*p & 0x80))
        pos += (size_t)3 << ((*p & 7) + 1); /* the global colour table */
    int frames = 0;
    while (pos != SIZE_MAX && (p = src_at(s, pos, 1)) && *p != 0x3b) {
        if (*p == 0x21) { /* extension: label, then its sub-blocks */
            pos = gif_skip_blocks(s, pos + 2);
        } else if (*p == 0x2c) {
            /* left(2) top(2) width(2) height(2) flags(1) */
            if (!(p = src_at(s, pos + 1, 9)))
                break;
            if (!check_frame(out, ++frames, le16(p), le16(p + 2), le16(p + 4), le16(p + 6), err,
                             errsize))
                return false;
            pos += 10;
            if (p[8] & 0x80)
                pos += (size_t)3 << ((p[8] & 7) + 1); /* a local colour table */
            pos = gif_skip_blocks(s, pos + 1);       /* LZW code size, then the data */
        } else {
            pos++;
        }
    }
    return true;
}

/* File header (14 bytes), then a DIB header whose size tells its kind: 12 is
 * the OS/2 core header with 16-bit sizes, 16 and up have signed 32-bit
 * sizes, a negative height meaning rows stored top-down. */
static bool probe_bmp(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 14, 4);
    if (!p)
        return fail(err, errsize, MSG_DAMAGED);
    uint32_t hdr = le32(p);
    if (hdr == 12) {
        if (!(p = src_at(s, 18, 4)))
            return fail(err, errsize, MSG_DAMAGED);
        return set_size(out, BT_IMG_BMP, le16(p), le16(p + 2), err, errsize);
    }
    if (hdr < 16 || hdr > 1024 || !(p = src_at(s, 18, 8)))
        return fail(err, errsize, MSG_DAMAGED);
    int32_t w = (int32_t)le32(p), h = (int32_t)le32(p + 4);
    if (w <= 0 || h == 0 || h == INT32_MIN)
        return fail(err, errsize, MSG_DAMAGED);
    return set_size(out, BT_IMG_BMP, (uint32_t)w, (uint32_t)(h < 0 ? -h : h), err, errsize);
}

/* The chunks after an extended header (VP8X at 12): every animation frame
 * (ANMF: x/2, y/2, width-1, height-1 in 24 bits each) must lie inside the
 * canvas, as the WebP container spec requires. Chunks are padded to an
 * even length; the walk stops quietly at the end of the data. */
static bool webp_frames(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p;
    int frames = 0;
    size_t pos = 12;
    while ((p = src_at(s, pos, 8))) {
        uint32_t len = le32(p + 4);
        if (memcmp(p, "ANMF", 4) == 0) {
            const unsigned char *f = src_at(s, pos + 8, 12);
            if (!f)
                break;
            if (!check_frame(out, ++frames, 2 * le24(f), 2 * le24(f + 3), le24(f + 6) + 1,
                             le24(f + 9) + 1, err, errsize))
                return false;
        }
        pos += 8 + (size_t)len + (len & 1);
    }
    return true;
}

/* RIFF container; the first chunk is VP8 (lossy), VP8L (lossless) or VP8X
 * (extended, which holds the canvas size). */
static bool probe_webp(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 12, 4), *d;
    if (!p)
        return fail(err, errsize, MSG_DAMAGED);
    /* Each chunk's data starts at file offset 20, after its 4-byte length. */
    if (memcmp(p, "VP8 ", 4) == 0) {
        /* 3-byte frame tag (bit 0 clear: a key frame), start code 9D 01 2A,
         * then 14-bit sizes. */
        if (!(d = src_at(s, 20, 10)))
            return fail(err, errsize, MSG_DAMAGED);
        if ((d[0] & 1) != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
            return fail(err, errsize, MSG_DAMAGED);
        return set_size(out, BT_IMG_WEBP, le16(d + 6) & 0x3fff, le16(d + 8) & 0x3fff, err,
                        errsize);
    }
    if (memcmp(p, "VP8L", 4) == 0) {
        /* Signature 0x2F, then width-1 and height-1 in 14 bits each. */
        if (!(d = src_at(s, 20, 5)) || d[0] != 0x2f)
            return fail(err, errsize, MSG_DAMAGED);
        uint32_t bits = le32(d + 1);
        return set_size(out, BT_IMG_WEBP, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1,
                        err, errsize);
    }
    if (memcmp(p, "VP8X", 4) == 0) {
        /* Flags (4 bytes), then canvas width-1 and height-1 in 24 bits each. */
        if (!(d = src_at(s, 20, 10)))
            return fail(err, errsize, MSG_DAMAGED);
        if (!set_size(out, BT_IMG_WEBP, le24(d + 4) + 1, le24(d + 7) + 1, err, errsize))
            return false;
        return webp_frames(s, out, err, errsize);
    }
    return fail(err, errsize, MSG_DAMAGED);
}

/* ---- Dispatch ------------------------------------------------------------- */

typedef struct {
    const char *magic;
    size_t off, len;
    bool (*probe)(src *, bt_img_info *, char *, size_t);
} signature;

static const signature signatures[] = {
    {(const char *)png_sig, 0, 8, probe_png},
    {"\xff\xd8", 0, 2, probe_jpeg},
    {"GIF87a", 0, 6, probe_gif},
    {"GIF89a", 0, 6, probe_gif},
    {"BM", 0, 2, probe_bmp},
    {"RIFF", 0, 4, NULL}, /* checked with "WEBP" below */
};

/* Does the start of the data match (or, when shorter, begin) the magic? */
static bool magic_matches(src *s, const signature *sig, bool *partial)
{
    size_t have = s->len > sig->off ? s->len - sig->off : 0;
    size_t n = have < sig->len ? have : sig->len;
    const unsigned char *p = n ? src_at(s, sig->off, n) : NULL;
    bool match = n == 0 || (p && memcmp(p, sig->magic, n) == 0);
    if (match && n < sig->len)
        *partial = true;
    return match && n == sig->len;
}

/* Nothing known: the state a refused picture leaves behind. */
static void clear(bt_img_info *out)
{
    memset(out, 0, sizeof *out);
    out->orientation = BT_ORIENT_UPRIGHT;
}

static bool probe(src *s, bt_img_info *out, char *err, size_t errsize)
{
    clear(out);
    if (s->len == 0)
        return fail(err, errsize, MSG_EMPTY);
    bool partial = false;
    for (size_t i = 0; i < sizeof signatures / sizeof signatures[0]; i++) {
        const signature *sig = &signatures[i];
        if (!magic_matches(s, sig, &partial))
            continue;
        if (sig->probe) {
            bool ok = sig->probe(s, out, err, errsize);
            if (!ok)
                clear(out);
            return ok;
        }
        /* RIFF: a WebP only when the form type says so (WAV and AVI are RIFF). */
        const unsigned char *p = src_at(s, 8, 4);
        if (!p) {
            partial = true;
            continue;
        }
        if (memcmp(p, "WEBP", 4) == 0) {
            bool ok = probe_webp(s, out, err, errsize);
            if (!ok)
                clear(out);
            return ok;
        }
    }
    /* A few bytes that begin like a picture are a cut-short picture. */
    return fail(err, errsize, "%s", partial ? MSG_DAMAGED : MSG_NOT_IMAGE);
}

bool bt_imgprobe_mem(const unsigned char *buf, size_t len, bt_img_info *out, char *err,
                     size_t errsize)
{
    src s = {.mem = buf, .fd = -1, .len = buf ? len : 0};
    return probe(&s, out, err, errsize);
}

/* ---- Files ---------------------------------------------------------------- */

static bool open_error(int e, char *err, size_t errsize)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return fail(err, errsize, "the file does not exist");
    case EACCES:
    case EPERM:
        return fail(err, errsize, "the file cannot be read (no permission)");
    default:
        return fail(err, errsize, "the file cannot be read (%s)", strerror(e));
    }
}

bool bt_imgprobe_limits(const bt_img_info *info, char *err, size_t errsize)
{
    int64_t px = (int64_t)info->width * info->height;
    if (info->kind == BT_IMG_JPEG) {
        /* Decoded at 1/2, 1/4 or 1/8 to fit BT_MAX_IMAGE_PIXELS (jpeg.c):
         * what bounds it is the work and memory of the whole picture. */
        if (px > BT_MAX_JPEG_PIXELS)
            return fail(err, errsize,
                        "the photo is too large (%dx%d pixels, at most %d megapixels): make it "
                        "smaller",
                        info->width, info->height, BT_MAX_JPEG_PIXELS / 1000000);
        if (info->decode_bytes > BT_MAX_JPEG_MEMORY)
            return fail(err, errsize,
                        "the photo is saved as a progressive JPEG too large to decode here "
                        "(%dx%d pixels, %llu MB of memory, at most %d MB): save it again "
                        "smaller, or as a standard (baseline) JPEG",
                        info->width, info->height, info->decode_bytes >> 20,
                        BT_MAX_JPEG_MEMORY >> 20);
        return true;
    }
    /* Pixels first: a picture over both limits is best described by its area. */
    if (px > BT_MAX_IMAGE_PIXELS)
        return fail(err, errsize,
                    "the picture is too large (%dx%d pixels, at most %d megapixels): make it "
                    "smaller",
                    info->width, info->height, BT_MAX_IMAGE_PIXELS / 1000000);
    if (info->width > BT_MAX_IMAGE_SIDE || info->height > BT_MAX_IMAGE_SIDE)
        return fail(err, errsize,
                    "the picture is too large (%dx%d pixels, at most %d pixels on a side): make "
                    "it smaller",
                    info->width, info->height, BT_MAX_IMAGE_SIDE);
    return true;
}

bool bt_imgprobe_file(const char *path, bt_img_info *out, char *err, size_t errsize)
{
    clear(out);
    /* O_NONBLOCK so that a FIFO planted on a stick cannot block the open; it
     * is then refused as not a regular file. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return open_error(errno, err, errsize);
    bool ok = false;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        open_error(errno, err, errsize);
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        fail(err, errsize, "this is a folder or a device, not a picture file");
        goto done;
    }
    if (st.st_size == 0) {
        fail(err, errsize, MSG_EMPTY);
        goto done;
    }
    if (st.st_size > BT_MAX_IMAGE_BYTES) {
        fail(err, errsize, "the picture file is too big (%lld MB, at most %d MB): make it smaller",
             (long long)((st.st_size + (1 << 20) - 1) >> 20), BT_MAX_IMAGE_BYTES >> 20);
        goto done;
    }
    src s = {.fd = fd, .len = (size_t)st.st_size};
    ok = probe(&s, out, err, errsize) && bt_imgprobe_limits(out, err, errsize);
done:
    if (!ok)
        clear(out);
    close(fd);
    return ok;
}

const char *bt_img_kind_name(bt_img_kind k)
{
    switch (k) {
    case BT_IMG_PNG:
        return "PNG";
    case BT_IMG_JPEG:
        return "JPEG";
    case BT_IMG_GIF:
        return "GIF";
    case BT_IMG_BMP:
        return "BMP";
    case BT_IMG_WEBP:
        return "WebP";
    case BT_IMG_UNKNOWN:
        break;
    }
    return "unknown";
}
