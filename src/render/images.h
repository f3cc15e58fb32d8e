/* images.h: decoding pictures and scaling them to the size they are shown. */
#ifndef BT_IMAGES_H
#define BT_IMAGES_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "model/exif.h"

/* Decodes the picture at path into a new 32-bit surface (ARGB8888 when it has
 * transparency, else opaque RGB888), upright (a JPEG's Exif orientation is
 * applied), after checking its header (bt_imgprobe_file) so an oversized
 * picture is never decoded. A JPEG far larger than the size it takes in a
 * box_w x box_h box (fitted or, with cover, covering it; box_w 0: as large
 * as the bounds allow) is decoded smaller (jpeg.h), then turned. Returns
 * NULL with a plain-words reason in err. The caller frees the surface. */
SDL_Surface *bt_image_load(const char *path, int box_w, int box_h, bool cover, char *err,
                           size_t errsize);

/* Scales the part sr of src onto the part dr of dst, both 32-bit surfaces
 * of one format, dr inside dst: averaged down by halves while more than
 * twice too big, then bilinear. Straight into dst, without a picture-sized
 * copy in between. False when out of memory or a rect is empty. */
bool bt_image_stretch(SDL_Surface *src, SDL_Rect sr, SDL_Surface *dst, SDL_Rect dr);

/* A new w x h copy of src, in its format: averaged down by halves while it is more
 * than twice too big, then bilinear, so text and lines in pictures stay
 * smooth. NULL when out of memory. */
SDL_Surface *bt_image_scale(SDL_Surface *src, int w, int h);

/* src (a 32-bit surface, which this takes) turned upright from the
 * orientation o it was stored in: a new surface, or src itself when it is
 * already upright; NULL when out of memory (src is freed then too). */
SDL_Surface *bt_image_orient(SDL_Surface *src, bt_orientation o);

/* The screen a picture is verified for. */
typedef struct {
    int w, h;
} bt_image_box;

/* A bt_load_options.verify_image for --check and USB imports: decodes the
 * whole picture once, at the size it is shown (contain-fitted in ctx, a
 * const bt_image_box *, or in 1920x1080 when ctx is NULL), to prove it is
 * readable within the bounds; a large photo is not decoded at full size. */
bool bt_image_verify(void *ctx, const char *path, char *err, size_t errsize);

#endif
