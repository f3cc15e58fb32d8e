/* jpeg.h: JPEG pictures decoded by libjpeg-turbo straight into opaque
 * RGB888 surfaces (no second conversion), and scaled down while decoding
 * when they are far larger than needed: a 12-megapixel phone photo shown
 * at 1080p is decoded at a quarter of its size, in a sixteenth of the time
 * and memory, and a 50-megapixel one is decoded small enough to be held at
 * all. The file is untrusted: what libjpeg only warns about (data missing
 * or damaged) refuses it, and a decode is bounded in scans, time and memory
 * (bounds.h). Safe on the worker thread (no shared state). */
#ifndef BT_JPEG_H
#define BT_JPEG_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* Decodes the JPEG file at path at 1/1, 1/2, 1/4 or 1/8 of its size: the
 * smallest still at least need_w x need_h (need_w <= 0: full size), and
 * never over BT_MAX_IMAGE_PIXELS or BT_MAX_IMAGE_SIDE. need_w x need_h is
 * in the stored orientation, and so are the pixels: the caller turns them
 * upright (images.h). CMYK and YCCK files (print shops, Adobe) are
 * converted to RGB here. The caller has checked the header
 * (bt_imgprobe_file). NULL with a plain-words reason in err; the caller
 * frees the surface. */
SDL_Surface *bt_jpeg_load(const char *path, int need_w, int need_h, char *err, size_t errsize);

/* For tests only: replaces the scan and time bounds (0 puts back those of
 * bounds.h). Not thread-safe: call it before any decoding. */
void bt_jpeg_set_bounds(int max_scans, int max_ms);

#endif
