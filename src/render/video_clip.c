/* video_clip.c: a clip's shared state: made, referenced by the main
 * thread and the worker, freed by the last one; and the events the worker
 * posts. Apart from video.c and video_worker.c so that neither calls the
 * other back. */
#include "video_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"

atomic_int bt_video_live;

int bt_video_workers(void)
{
    return atomic_load(&bt_video_live);
}

static void free_clip(bt_video *v)
{
    for (int i = 0; i < v->qlen; i++)
        av_frame_free(&v->q[(v->qhead + i) % BT_VIDEO_QUEUE_FRAMES].frame);
    av_free(v->ring);
    if (v->cond)
        SDL_DestroyCond(v->cond);
    if (v->lock)
        SDL_DestroyMutex(v->lock);
    free(v->path);
    free(v);
}

bt_video *bt_video_alloc(const char *path)
{
    bt_video *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    if (!(v->path = strdup(path ? path : "")) || !(v->lock = SDL_CreateMutex()) ||
        !(v->cond = SDL_CreateCond())) {
        free_clip(v);
        return NULL;
    }
    atomic_init(&v->refs, 1);
    return v;
}

void bt_video_release(bt_video *v)
{
    if (atomic_fetch_sub(&v->refs, 1) == 1)
        free_clip(v);
}

void bt_video_post(bt_video *v, int code)
{
    if (!v->opt.event_type || atomic_load(&v->quit))
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = v->opt.event_type;
    ev.user.code = code;
    ev.user.data1 = v;
    if (SDL_PushEvent(&ev) < 0)
        bt_log(BT_LOG_DEBUG, "video: an event was lost: %s", SDL_GetError());
}
