/* pictures.h: pictures decoded once at the size they are drawn, for a
 * painter that must never decode (the main thread's: a logo or a topic's
 * icon may be a 36-megapixel photo). Such a painter draws what its store
 * holds and notes what it lacks; a worker (bt_picture_loader) decodes those
 * at their size and hands them back, and the parts that wanted them are
 * painted again. */
#ifndef BT_PICTURES_H
#define BT_PICTURES_H

#include <stdbool.h>

#include <SDL.h>

#include "model/layout.h"

/* One picture as drawn: the file, the box it is fitted into, and the
 * decoded surface at its fitted size (NULL until decoded, or when the file
 * cannot be shown: then it is not asked for again). */
typedef struct {
    char *path;
    int box_w, box_h;
    bool cover;
    bool done; /* decoded, or found unreadable */
    SDL_Surface *surface;
} bt_picture;

typedef struct bt_pictures bt_pictures;

bt_pictures *bt_pictures_new(void);
void bt_pictures_free(bt_pictures *st);

/* The picture of path fitted into a box_w x box_h box (cover or contain):
 * the stored surface, or NULL; a picture not stored yet is noted as wanted. */
SDL_Surface *bt_pictures_get(bt_pictures *st, const char *path, int box_w, int box_h, bool cover);

/* When pictures were wanted since the last call: every picture not decoded
 * yet, as a new list (malloc'd, *n of them) to be decoded
 * (bt_picture_loader_request: it replaces a request still waiting, so each
 * list holds all that is missing); NULL when nothing new was wanted. */
bt_picture *bt_pictures_take_wanted(bt_pictures *st, int *n);

/* Stores the decoded pictures (the array and its surfaces are taken). */
void bt_pictures_put(bt_pictures *st, bt_picture *list, int n);

/* Frees a list of pictures and their surfaces. */
void bt_pictures_free_list(bt_picture *list, int n);

/* ---- the worker that decodes them ---- */

typedef struct bt_picture_loader bt_picture_loader;

/* Results come back as SDL events of event_type: user.data1 is a bt_picture
 * array, user.code its length; the receiver owns it (bt_pictures_put, or
 * bt_pictures_free_list). */
bt_picture_loader *bt_picture_loader_start(Uint32 event_type, char *err, size_t errsize);

/* Decodes list (taken) on the worker. */
void bt_picture_loader_request(bt_picture_loader *l, bt_picture *list, int n);

/* Stops the worker and frees the results not taken. NULL is fine. */
void bt_picture_loader_stop(bt_picture_loader *l);

#endif
