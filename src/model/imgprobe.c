/* imgprobe.c: image size and kind from the header, before any decoding.
 *
 * Everything here reads untrusted bytes: every access goes through src_at(),
 * which refuses to read past the end, and the only loop over the data (the
 * JPEG segment walk) moves forward on every step and is capped. */
#include "imgprobe.h"

#include "base/bounds.h" /* was limits.h: renamed, it shadowed <limits.h> */

#include <errno.h>
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

/* ---- The formats ---------------------------------------------------------- */

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

/* Signature, then the IHDR chunk, which the PNG spec requires to come first. */
static bool probe_png(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 8, 16);
    if (!p || be32(p) != 13 || memcmp(p + 4, "IHDR", 4) != 0)
        return fail(err, errsize, MSG_DAMAGED);
    return set_size(out, BT_IMG_PNG, be32(p + 8), be32(p + 12), err, errsize);
}

/* SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share
 * the range but are not frame headers. */
static bool jpeg_is_sof(unsigned m)
{
    return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* Walks the segments from SOI to the first frame header, skipping each by
 * its length. Fill bytes (0xFF runs) and stray bytes between segments are
 * skipped as libjpeg does; every step moves forward. */
static bool probe_jpeg(src *s, bt_img_info *out, char *err, size_t errsize)
{
    size_t pos = 2;
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
            /* length(2) precision(1) height(2) width(2) */
            if (seglen < 8 || !(p = src_at(s, pos, 7)))
                return fail(err, errsize, MSG_DAMAGED);
            /* Height 0 (size given later in a DNL segment) is refused too:
             * SDL_image cannot be trusted with it and no camera writes it. */
            return set_size(out, BT_IMG_JPEG, be16(p + 5), be16(p + 3), err, errsize);
        }
        pos += seglen;
    }
    return fail(err, errsize, MSG_DAMAGED);
}

static bool probe_gif(src *s, bt_img_info *out, char *err, size_t errsize)
{
    const unsigned char *p = src_at(s, 6, 4);
    if (!p)
        return fail(err, errsize, MSG_DAMAGED);
    return set_size(out, BT_IMG_GIF, le16(p), le16(p + 2), err, errsize);
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
        return set_size(out, BT_IMG_WEBP, le24(d + 4) + 1, le24(d + 7) + 1, err, errsize);
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

static bool probe(src *s, bt_img_info *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
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
                memset(out, 0, sizeof *out);
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
                memset(out, 0, sizeof *out);
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

bool bt_imgprobe_file(const char *path, bt_img_info *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
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
    if (!probe(&s, out, err, errsize))
        goto done;
    /* Pixels first: a picture over both limits is best described by its area. */
    if ((int64_t)out->width * out->height > BT_MAX_IMAGE_PIXELS) {
        fail(err, errsize,
             "the picture is too large (%dx%d pixels, at most %d megapixels): make it smaller",
             out->width, out->height, BT_MAX_IMAGE_PIXELS / 1000000);
        goto done;
    }
    if (out->width > BT_MAX_IMAGE_SIDE || out->height > BT_MAX_IMAGE_SIDE) {
        fail(err, errsize,
             "the picture is too large (%dx%d pixels, at most %d pixels on a side): make it "
             "smaller",
             out->width, out->height, BT_MAX_IMAGE_SIDE);
        goto done;
    }
    ok = true;
done:
    if (!ok)
        memset(out, 0, sizeof *out);
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
