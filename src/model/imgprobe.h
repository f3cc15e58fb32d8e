/* imgprobe.h: the size, kind and orientation of an image read from its
 * header, before anything is decoded, so hostile pictures are refused
 * cheaply. Plain C. */
#ifndef BT_IMGPROBE_H
#define BT_IMGPROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "exif.h"

typedef enum {
    BT_IMG_UNKNOWN,
    BT_IMG_PNG,
    BT_IMG_JPEG,
    BT_IMG_GIF,
    BT_IMG_BMP,
    BT_IMG_WEBP,
} bt_img_kind;

typedef struct {
    bt_img_kind kind;
    int width, height;          /* as shown: upright, after the orientation */
    bt_orientation orientation; /* a JPEG's Exif orientation, else upright */
    /* JPEG: the memory libjpeg needs for the whole picture's coefficients
     * (progressive files keep them all until the last scan), else 0. */
    unsigned long long decode_bytes;
} bt_img_info;

/* Reads width, height and kind from the first bytes of an image in memory
 * (never more than len), and checks the frames of an animation: a GIF
 * image, an APNG fcTL or a WebP ANMF frame that does not lie inside the
 * picture is refused (a decoder allocates for the frame, not for the size
 * the header gives). Returns false with a plain-words reason in err when
 * the bytes are not a supported image or are cut short or damaged before
 * the size is known. Frames past the end of the bytes are not looked for. */
bool bt_imgprobe_mem(const unsigned char *buf, size_t len, bt_img_info *out, char *err,
                     size_t errsize);

/* Like bt_imgprobe_mem on a file, reading only what the header and the
 * frames need (JPEG skips segments; a still PNG stops at its pixels; a GIF
 * is walked to its end). Also refuses files over BT_MAX_IMAGE_BYTES and
 * pictures over the limits of bt_imgprobe_limits. */
bool bt_imgprobe_file(const char *path, bt_img_info *out, char *err, size_t errsize);

/* Whether a probed picture can be decoded within the bounds of bounds.h:
 * at its full size within BT_MAX_IMAGE_PIXELS and BT_MAX_IMAGE_SIDE, or, a
 * JPEG, at most BT_MAX_JPEG_PIXELS (it is decoded scaled down to fit) and
 * BT_MAX_JPEG_MEMORY. False with the reason, in plain words, in err. */
bool bt_imgprobe_limits(const bt_img_info *info, char *err, size_t errsize);

/* "PNG", "JPEG", ... */
const char *bt_img_kind_name(bt_img_kind k);

#endif
