/* imgprobe.h: the size and kind of an image read from its header, before
 * anything is decoded, so hostile pictures are refused cheaply. Plain C. */
#ifndef BT_IMGPROBE_H
#define BT_IMGPROBE_H

#include <stdbool.h>
#include <stddef.h>

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
    int width, height;
} bt_img_info;

/* Reads width, height and kind from the first bytes of an image in memory
 * (never more than len). Returns false with a plain-words reason in err when
 * the bytes are not a supported image or the header is truncated or corrupt. */
bool bt_imgprobe_mem(const unsigned char *buf, size_t len, bt_img_info *out, char *err,
                     size_t errsize);

/* Like bt_imgprobe_mem on a file, reading only as much of it as the header
 * needs (JPEG may need to skip segments). Also refuses files over
 * BT_MAX_IMAGE_BYTES and images over the pixel limits of bounds.h. */
bool bt_imgprobe_file(const char *path, bt_img_info *out, char *err, size_t errsize);

/* "PNG", "JPEG", ... */
const char *bt_img_kind_name(bt_img_kind k);

#endif
