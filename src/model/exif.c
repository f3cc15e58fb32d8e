/* exif.c: the orientation tag of an Exif segment (exif.h).
 *
 * The layout (Exif 2.3, TIFF 6.0): "Exif\0\0", then a TIFF header: the byte
 * order ("II" little-endian, "MM" big-endian), 42, and the offset of the
 * first image file directory (IFD0) from the start of the TIFF header. An
 * IFD is a count of 12-byte entries (tag, type, count, value or offset).
 * The orientation is a SHORT in IFD0, held in the entry itself. Every
 * offset and count here is the file's word: each is checked against the
 * length before it is used, in 64-bit arithmetic so that no sum wraps. */
#include "exif.h"

#include <stdint.h>
#include <string.h>

#define TAG_ORIENTATION 0x0112
#define TYPE_SHORT 3
#define TYPE_LONG 4

typedef struct {
    const unsigned char *p; /* the TIFF header */
    size_t len;
    bool big; /* "MM" */
} tiff;

/* Whether the n bytes at off are inside the TIFF data. */
static bool has(const tiff *t, uint64_t off, uint64_t n)
{
    return off <= t->len && n <= t->len - off;
}

static unsigned u16(const tiff *t, size_t off)
{
    const unsigned char *b = t->p + off;
    return t->big ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

static uint32_t u32(const tiff *t, size_t off)
{
    const unsigned char *b = t->p + off;
    return t->big ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
                  : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

bt_orientation bt_exif_orientation(const unsigned char *data, size_t len)
{
    if (!data || len < 6 + 8 || memcmp(data, "Exif\0\0", 6) != 0)
        return BT_ORIENT_UPRIGHT;
    tiff t = {data + 6, len - 6, false};
    if (memcmp(t.p, "MM", 2) == 0)
        t.big = true;
    else if (memcmp(t.p, "II", 2) != 0)
        return BT_ORIENT_UPRIGHT;
    if (u16(&t, 2) != 42)
        return BT_ORIENT_UPRIGHT;
    uint64_t ifd = u32(&t, 4);
    if (!has(&t, ifd, 2))
        return BT_ORIENT_UPRIGHT;
    uint64_t n = u16(&t, (size_t)ifd);
    /* Entries that do not all fit are read as far as they go: a writer
     * that got the count wrong still put the orientation first. */
    for (uint64_t i = 0; i < n; i++) {
        uint64_t e = ifd + 2 + 12 * i;
        if (!has(&t, e, 12))
            break;
        if (u16(&t, (size_t)e) != TAG_ORIENTATION)
            continue;
        unsigned type = u16(&t, (size_t)e + 2);
        uint32_t count = u32(&t, (size_t)e + 4);
        if (count < 1)
            return BT_ORIENT_UPRIGHT;
        /* SHORT as the standard says; LONG from a few writers. Both are
         * held in the entry, in the file's byte order. */
        unsigned v = type == TYPE_SHORT  ? u16(&t, (size_t)e + 8)
                     : type == TYPE_LONG ? (unsigned)(u32(&t, (size_t)e + 8) & 0xffff)
                                         : 0;
        return v >= BT_ORIENT_UPRIGHT && v <= BT_ORIENT_ROTATE_270 ? (bt_orientation)v
                                                                    : BT_ORIENT_UPRIGHT;
    }
    return BT_ORIENT_UPRIGHT;
}
