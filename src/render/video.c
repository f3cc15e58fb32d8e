/* video.c: a playing clip, the main thread's side: opening, the frame due
 * at each wake-up into the caller's texture, deadlines, the end, closing.
 * The worker (video_worker.c) fills the queue; the frame clock
 * (model/frameclock) decides what is shown when. */
#include "video_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/frame.h>

#include "base/i18n.h"
#include "base/log.h"

/* ---- Life ---------------------------------------------------------------------- */

bt_video *bt_video_open(const bt_video_options *o, char *err, size_t errsize)
{
    bt_video *v = bt_video_alloc(o->path);
    if (!v) {
        snprintf(err, errsize, _("out of memory"));
        return NULL;
    }
    v->opt = *o;
    v->opt.path = v->path;
    if (v->opt.volume < 0)
        v->opt.volume = 0;
    if (v->opt.volume > 100)
        v->opt.volume = 100;
    bt_frameclock_init(&v->fc, o->cut > 0 ? (int64_t)llround(o->cut * 1000) : 0);
    v->cut_ms = v->fc.cut;
    v->state = BT_CLIP_OPENING;
    v->opened_at = SDL_GetTicks64();
    atomic_store(&v->refs, 2);
    atomic_fetch_add(&bt_video_live, 1);
    v->thread = SDL_CreateThread(bt_video_worker, "bt-video", v);
    if (!v->thread) {
        snprintf(err, errsize, _("cannot start a thread: %s"), SDL_GetError());
        atomic_fetch_sub(&bt_video_live, 1);
        atomic_store(&v->refs, 1);
        bt_video_release(v);
        return NULL;
    }
    return v;
}

void bt_video_close(bt_video *v)
{
    if (!v)
        return;
    atomic_store(&v->quit, 1);
    SDL_LockMutex(v->lock);
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
    bt_sound_stop(v);
    /* Never joined: a read stuck in the kernel (a stick pulled out) must
     * not freeze the screen. The worker holds its own reference. */
    SDL_DetachThread(v->thread);
    bt_video_release(v);
}

/* ---- State ---------------------------------------------------------------------- */

/* With the lock held: a clip still opening long after it was asked for
 * (a read stuck on a dying stick, which no time budget can interrupt) is
 * given up, so that the loop moves on. */
static void check_opening(bt_video *v)
{
    if (v->state == BT_CLIP_OPENING && SDL_GetTicks64() - v->opened_at > BT_VIDEO_OPEN_MS) {
        v->state = BT_CLIP_FAILED;
        snprintf(v->err, sizeof v->err,
                 "took more than %d s to open: the file or the stick may be damaged; copy it again",
                 BT_VIDEO_OPEN_MS / 1000);
    }
}

bool bt_video_ready(bt_video *v)
{
    SDL_LockMutex(v->lock);
    bool r = v->state == BT_CLIP_READY;
    SDL_UnlockMutex(v->lock);
    return r;
}

bool bt_video_failed(bt_video *v, char *err, size_t errsize)
{
    SDL_LockMutex(v->lock);
    check_opening(v);
    bool r = v->state == BT_CLIP_FAILED;
    if (r && err)
        snprintf(err, errsize, "%s", v->err);
    SDL_UnlockMutex(v->lock);
    return r;
}

bool bt_video_wait_ready(bt_video *v, int timeout_ms)
{
    uint64_t until = SDL_GetTicks64() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    SDL_LockMutex(v->lock);
    while (v->state == BT_CLIP_OPENING) {
        uint64_t now = SDL_GetTicks64();
        if (now >= until)
            break;
        SDL_CondWaitTimeout(v->cond, v->lock, (Uint32)(until - now));
    }
    bool r = v->state == BT_CLIP_READY;
    SDL_UnlockMutex(v->lock);
    return r;
}

const bt_video_layout *bt_video_describe(bt_video *v)
{
    return bt_video_ready(v) ? &v->info : NULL;
}

/* ---- The texture ------------------------------------------------------------------ */

SDL_Texture *bt_video_texture(bt_video *v, SDL_Renderer *r)
{
    const bt_video_layout *i = bt_video_describe(v);
    if (!i)
        return NULL;
    SDL_SetYUVConversionMode(i->yuv);
    SDL_Texture *t = SDL_CreateTexture(r, i->format, SDL_TEXTUREACCESS_STREAMING, i->w, i->h);
    /* Opaque: copied, never blended (the software renderer is much faster). */
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    return t;
}

bool bt_video_texture_fits(bt_video *v, SDL_Texture *t)
{
    const bt_video_layout *i = bt_video_describe(v);
    Uint32 fmt;
    int access, w, h;
    return i && t && SDL_QueryTexture(t, &fmt, &access, &w, &h) == 0 && fmt == i->format &&
           access == SDL_TEXTUREACCESS_STREAMING && w == i->w && h == i->h;
}

static int upload(SDL_Texture *tex, const bt_video_layout *i, const AVFrame *f)
{
    Uint32 fmt;
    int w, h;
    if (SDL_QueryTexture(tex, &fmt, NULL, &w, &h) != 0 || fmt != i->format || w != f->width ||
        h != f->height)
        return SDL_SetError("the texture does not fit the clip's frames (bt_video_texture_fits)");
    SDL_SetYUVConversionMode(i->yuv);
    if (fmt == SDL_PIXELFORMAT_NV12)
        return SDL_UpdateNVTexture(tex, NULL, f->data[0], f->linesize[0], f->data[1], f->linesize[1]);
    return SDL_UpdateYUVTexture(tex, NULL, f->data[0], f->linesize[0], f->data[1], f->linesize[1],
                                f->data[2], f->linesize[2]);
}

/* ---- Playing ------------------------------------------------------------------------ */

/* The oldest frame leaves the queue; the worker may decode another. */
static AVFrame *pop(bt_video *v)
{
    AVFrame *f = v->q[v->qhead].frame;
    v->q[v->qhead].frame = NULL;
    v->qhead = (v->qhead + 1) % BT_VIDEO_QUEUE_FRAMES;
    v->qlen--;
    return f;
}

/* With the lock held: the end, once the worker said where it is. */
static void note_end(bt_video *v)
{
    if (v->eof && v->fc.end < 0)
        bt_frameclock_set_end(&v->fc, v->end_pts);
}

int bt_video_update(bt_video *v, SDL_Texture *tex, uint64_t now)
{
    SDL_LockMutex(v->lock);
    if (v->state != BT_CLIP_READY) {
        int r = v->state == BT_CLIP_FAILED ? -1 : 0;
        SDL_UnlockMutex(v->lock);
        return r;
    }
    bool first = !v->started;
    v->started = true;
    SDL_UnlockMutex(v->lock);
    if (v->info.sound) {
        bt_sound_start(v, now);
        if (!first)
            bt_sound_sync(v);
    }

    AVFrame *show = NULL, *gone[BT_VIDEO_QUEUE_FRAMES];
    int ngone = 0;
    SDL_LockMutex(v->lock);
    note_end(v);
    while (v->qlen > 0) {
        const bt_qframe *h = &v->q[v->qhead];
        const int64_t *next =
            v->qlen > 1 ? &v->q[(v->qhead + 1) % BT_VIDEO_QUEUE_FRAMES].pts : NULL;
        bt_frame_verdict verdict = bt_frameclock_judge(&v->fc, now, h->pts, h->dur, next);
        if (verdict == BT_FRAME_WAIT)
            break;
        if (verdict == BT_FRAME_PAST) {
            /* The cut: nothing more is shown, nothing more decoded. */
            while (v->qlen > 0)
                gone[ngone++] = pop(v);
            v->stop_decoding = true;
            break;
        }
        if (verdict == BT_FRAME_SHOW && show)
            gone[ngone++] = show;
        if (verdict == BT_FRAME_DROP)
            bt_log(BT_LOG_DEBUG, "video %s: the frame at %lld ms is dropped, %lld ms late", v->path,
                   (long long)h->pts, (long long)(bt_frameclock_time(&v->fc, now) - h->pts));
        AVFrame *f = pop(v);
        if (verdict == BT_FRAME_SHOW)
            show = f;
        else
            gone[ngone++] = f;
    }
    if (v->qlen == 0 && !v->eof) {
        v->starved = true; /* the worker posts BT_VIDEO_EV_FRAME */
        bt_frameclock_starving(&v->fc, now);
    }
    if (show || ngone)
        SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);

    for (int i = 0; i < ngone; i++)
        av_frame_free(&gone[i]);
    if (!show)
        return 0;
    int r = upload(tex, &v->info, show);
    if (r < 0)
        bt_log(BT_LOG_WARNING, "video %s: a frame cannot be shown: %s", v->path, SDL_GetError());
    av_frame_free(&show);
    return r < 0 ? 0 : 1;
}

uint64_t bt_video_deadline(bt_video *v, uint64_t now)
{
    uint64_t r = UINT64_MAX;
    SDL_LockMutex(v->lock);
    if (v->state == BT_CLIP_FAILED) {
        r = now;
    } else if (v->state == BT_CLIP_OPENING) {
        /* an event says when it is ready; without events, poll */
        r = v->opt.event_type ? v->opened_at + BT_VIDEO_OPEN_MS + 1 : now + 10;
    } else if (!v->started) {
        r = UINT64_MAX; /* prepared: nothing is due until the clip starts */
    } else {
        note_end(v);
        r = bt_frameclock_over_at(&v->fc);
        if (v->qlen > 0) {
            uint64_t due = bt_frameclock_due(&v->fc, now, v->q[v->qhead].pts);
            r = due < r ? due : r;
        } else if (!v->eof && !v->opt.event_type) {
            r = now + 5 < r ? now + 5 : r; /* no event will say a frame came */
        }
    }
    SDL_UnlockMutex(v->lock);
    return r;
}

bool bt_video_finished(bt_video *v, uint64_t now)
{
    SDL_LockMutex(v->lock);
    check_opening(v);
    note_end(v);
    bool r = v->state == BT_CLIP_FAILED || (v->started && bt_frameclock_over(&v->fc, now));
    bool stalled = r && v->started && !v->stall_told && bt_frameclock_stalled(&v->fc, now);
    SDL_UnlockMutex(v->lock);
    if (stalled) {
        v->stall_told = true;
        bt_log(BT_LOG_WARNING, "video %s: no picture came for %d s (the file or the stick may be damaged): "
               "moving on", v->path, BT_VIDEO_STALL_MS / 1000);
    }
    return r;
}

void bt_video_pause(bt_video *v, bool paused, uint64_t now)
{
    if (paused)
        bt_frameclock_pause(&v->fc, now);
    else
        bt_frameclock_resume(&v->fc, now);
    if (v->dev)
        SDL_PauseAudioDevice(v->dev, paused ? 1 : 0);
}

unsigned bt_video_drops(bt_video *v)
{
    return bt_frameclock_drops(&v->fc);
}

double bt_video_played(bt_video *v, uint64_t now)
{
    return (double)bt_frameclock_played(&v->fc, now) / 1000.0;
}

/* ---- Drawing ---------------------------------------------------------------------- */

int bt_video_draw(SDL_Renderer *r, SDL_Texture *tex, const bt_video_layout *i, const SDL_Rect *box)
{
    if (!i || i->display_w <= 0 || i->display_h <= 0 || box->w <= 0 || box->h <= 0)
        return -1;
    double s = fmin((double)box->w / i->display_w, (double)box->h / i->display_h);
    int fw = (int)lround(i->display_w * s), fh = (int)lround(i->display_h * s);
    fw = fw < 1 ? 1 : fw > box->w ? box->w : fw;
    fh = fh < 1 ? 1 : fh > box->h ? box->h : fh;
    SDL_Rect f = {box->x + (box->w - fw) / 2, box->y + (box->h - fh) / 2, fw, fh};
    SDL_SetYUVConversionMode(i->yuv);
    if (i->rotation == 0)
        return SDL_RenderCopy(r, tex, NULL, &f);
    /* SDL turns the rectangle about its centre: give it the unturned shape. */
    SDL_Rect pre = f;
    if (i->rotation % 180) {
        pre.w = fh;
        pre.h = fw;
        pre.x = f.x + (fw - fh) / 2;
        pre.y = f.y + (fh - fw) / 2;
    }
    return SDL_RenderCopyEx(r, tex, NULL, &pre, i->rotation, NULL, SDL_FLIP_NONE);
}
