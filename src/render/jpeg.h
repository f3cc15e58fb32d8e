/* jpeg.h: JPEG pictures decoded by libjpeg-turbo straight into opaque
 * RGB888 surfaces (no second conversion), and scaled down while decoding
 * when they are far larger than needed: a 12-megapixel phone photo shown
 * at 1080p is decoded at a quarter of its size, in a sixteenth of the time
 * and memory. Safe on the worker thread (no shared state). */
#ifndef BT_JPEG_H
#define BT_JPEG_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* Decodes the JPEG file at path at 1/1, 1/2, 1/4 or 1/8 of its size, the
 * smallest still at least need_w x need_h (need_w <= 0: full size). The
 * caller has checked the header (bt_imgprobe_file). On failure returns NULL
 * with a plain-words reason in err, or with *other_route set when the file
 * is a kind this route leaves to SDL_image (CMYK). */
SDL_Surface *bt_jpeg_load(const char *path, int need_w, int need_h, bool *other_route, char *err,
                          size_t errsize);

#endif
