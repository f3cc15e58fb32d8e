/* exif.h: the orientation a camera wrote into a photo's Exif data (the TIFF
 * structure inside a JPEG's APP1 segment), read from untrusted bytes with a
 * bound on every offset and count. Plain C, no library: the one tag the
 * player needs is not worth libexif's whole parser of maker notes. */
#ifndef BT_EXIF_H
#define BT_EXIF_H

#include <stdbool.h>
#include <stddef.h>

/* The eight orientations of Exif (TIFF tag 0x0112), as the way the stored
 * pixels must be turned to stand upright. */
typedef enum {
    BT_ORIENT_UPRIGHT = 1,    /* as stored */
    BT_ORIENT_MIRROR = 2,     /* flipped left to right */
    BT_ORIENT_ROTATE_180 = 3, /* upside down */
    BT_ORIENT_FLIP = 4,       /* flipped top to bottom */
    BT_ORIENT_TRANSPOSE = 5,  /* mirrored across the top-left to bottom-right diagonal */
    BT_ORIENT_ROTATE_90 = 6,  /* turn a quarter clockwise to show it (phone held upright) */
    BT_ORIENT_TRANSVERSE = 7, /* mirrored across the other diagonal */
    BT_ORIENT_ROTATE_270 = 8, /* turn a quarter anticlockwise to show it */
} bt_orientation;

/* The orientation in the body of an APP1 segment (data: the bytes after its
 * length field, "Exif\0\0" then the TIFF header; len: how many), reading
 * nothing outside data[0..len). BT_ORIENT_UPRIGHT when the segment is not
 * Exif, has no orientation tag, or is damaged: a photo shown as stored is
 * better than a photo refused. */
bt_orientation bt_exif_orientation(const unsigned char *data, size_t len);

/* Whether showing an orientation upright swaps width and height (5 to 8). */
static inline bool bt_orientation_swaps(bt_orientation o)
{
    return o >= BT_ORIENT_TRANSPOSE && o <= BT_ORIENT_ROTATE_270;
}

#endif
