/* pictures.c: a store of pictures at their drawn size, and the worker that
 * fills it (pictures.h). */
#include "pictures.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "images.h"
#include "worker.h"

struct bt_pictures {
    bt_picture *v; /* stored, decoded or asked for */
    int n, cap;
    bt_picture *wanted; /* noted since the last take */
    int n_wanted, cap_wanted;
};

bt_pictures *bt_pictures_new(void)
{
    return calloc(1, sizeof(bt_pictures));
}

void bt_pictures_free_list(bt_picture *list, int n)
{
    for (int i = 0; i < n; i++) {
        free(list[i].path);
        if (list[i].surface)
            SDL_FreeSurface(list[i].surface);
    }
    free(list);
}

void bt_pictures_free(bt_pictures *st)
{
    if (!st)
        return;
    bt_pictures_free_list(st->v, st->n);
    bt_pictures_free_list(st->wanted, st->n_wanted);
    free(st);
}

static bool same(const bt_picture *p, const char *path, int w, int h, bool cover)
{
    return p->box_w == w && p->box_h == h && p->cover == cover && strcmp(p->path, path) == 0;
}

/* Appends a copy of (path, box) to a list; false when out of memory. */
static bool append(bt_picture **v, int *n, int *cap, const char *path, int w, int h, bool cover)
{
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 8;
        bt_picture *p = realloc(*v, (size_t)c * sizeof *p);
        if (!p)
            return false;
        *v = p;
        *cap = c;
    }
    char *copy = strdup(path);
    if (!copy)
        return false;
    (*v)[(*n)++] = (bt_picture){copy, w, h, cover, false, NULL};
    /* cppcheck-suppress memleak ; the store owns copy from here (bt_pictures_free) */
    return true;
}

SDL_Surface *bt_pictures_get(bt_pictures *st, const char *path, int box_w, int box_h, bool cover)
{
    for (int i = 0; i < st->n; i++)
        if (same(&st->v[i], path, box_w, box_h, cover))
            return st->v[i].surface; /* NULL while it is being decoded */
    for (int i = 0; i < st->n_wanted; i++)
        if (same(&st->wanted[i], path, box_w, box_h, cover))
            return NULL;
    append(&st->wanted, &st->n_wanted, &st->cap_wanted, path, box_w, box_h, cover);
    return NULL;
}

bt_picture *bt_pictures_take_wanted(bt_pictures *st, int *n)
{
    *n = 0;
    if (st->n_wanted == 0)
        return NULL;
    /* The new ones are stored, empty, so they are not noted again. */
    for (int i = 0; i < st->n_wanted; i++)
        append(&st->v, &st->n, &st->cap, st->wanted[i].path, st->wanted[i].box_w,
               st->wanted[i].box_h, st->wanted[i].cover);
    bt_pictures_free_list(st->wanted, st->n_wanted);
    st->wanted = NULL;
    st->n_wanted = st->cap_wanted = 0;
    /* Every one not decoded yet goes in the request: a request that was
     * still waiting is replaced by this one, and what it held is here too. */
    bt_picture *list = NULL;
    int cap = 0;
    for (int i = 0; i < st->n; i++)
        if (!st->v[i].done)
            append(&list, n, &cap, st->v[i].path, st->v[i].box_w, st->v[i].box_h, st->v[i].cover);
    return list;
}

void bt_pictures_put(bt_pictures *st, bt_picture *list, int n)
{
    for (int i = 0; i < n; i++)
        for (int k = 0; k < st->n; k++)
            if (!st->v[k].done &&
                same(&st->v[k], list[i].path, list[i].box_w, list[i].box_h, list[i].cover)) {
                st->v[k].done = true;
                st->v[k].surface = list[i].surface;
                list[i].surface = NULL;
                break;
            }
    bt_pictures_free_list(list, n);
}

/* ---- the worker ---- */

struct bt_picture_loader {
    Uint32 event_type;
    bt_worker *worker;
};

typedef struct {
    bt_picture *list;
    int n;
} request;

static void drop(void *req)
{
    request *rq = req;
    bt_pictures_free_list(rq->list, rq->n);
    free(rq);
}

/* On the worker: each picture decoded at the size it takes in its box. */
static void decode(void *ctx, void *req)
{
    bt_picture_loader *l = ctx;
    request *rq = req;
    for (int i = 0; i < rq->n; i++) {
        bt_picture *p = &rq->list[i];
        char err[256];
        SDL_Surface *img = bt_image_load(p->path, p->box_w, p->box_h, p->cover, err, sizeof err);
        if (!img) {
            bt_log(BT_LOG_WARNING, "%s: %s", p->path, err);
        } else {
            bt_rect r = bt_rect_fit(img->w, img->h, (bt_rect){0, 0, p->box_w, p->box_h}, p->cover);
            p->surface = r.w == img->w && r.h == img->h ? img : bt_image_scale(img, r.w, r.h);
            if (p->surface != img)
                SDL_FreeSurface(img);
        }
        p->done = true;
    }
    SDL_Event ev = {0};
    ev.type = l->event_type;
    ev.user.code = rq->n;
    ev.user.data1 = rq->list;
    free(rq);
    if (SDL_PushEvent(&ev) != 1)
        bt_pictures_free_list(ev.user.data1, ev.user.code);
}

bt_picture_loader *bt_picture_loader_start(Uint32 event_type, char *err, size_t errsize)
{
    bt_picture_loader *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    l->event_type = event_type;
    l->worker = bt_worker_start("bangtin-pics", decode, drop, l, err, errsize);
    if (!l->worker) {
        free(l);
        return NULL;
    }
    return l;
}

void bt_picture_loader_request(bt_picture_loader *l, bt_picture *list, int n)
{
    request *rq = malloc(sizeof *rq);
    if (!rq) {
        bt_pictures_free_list(list, n);
        return;
    }
    *rq = (request){list, n};
    bt_worker_post(l->worker, rq);
}

void bt_picture_loader_stop(bt_picture_loader *l)
{
    if (!l)
        return;
    bt_worker_stop(l->worker);
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, l->event_type, l->event_type) == 1)
        bt_pictures_free_list(ev.user.data1, ev.user.code);
    free(l);
}
