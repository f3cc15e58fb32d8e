/* video_int.h: a clip's state, shared by its files only: video.c (the
 * main thread's side: update, deadline, close), video_worker.c (the thread
 * that reads and decodes), video_sound.c (the audio ring and SDL's audio
 * callback) and video_clip.c (the state's life and the events). Which thread may touch what is said at each field. */
#ifndef BT_VIDEO_INT_H
#define BT_VIDEO_INT_H

#include <stdatomic.h>

#include "base/bounds.h"
#include "model/frameclock.h"
#include "video.h"

#include <libavutil/frame.h>

typedef struct {
    AVFrame *frame; /* in info.format at info.w x info.h */
    int64_t pts;    /* ms from the clip's first frame */
    int64_t dur;    /* ms; 0 unknown */
} bt_qframe;

typedef enum {
    BT_CLIP_OPENING,
    BT_CLIP_READY, /* a first frame was decoded */
    BT_CLIP_FAILED,
} bt_clip_state;

/* The sound: 16-bit stereo at 48 kHz, whatever the clip has (SDL converts
 * to the device's own format). */
#define BT_SOUND_RATE 48000
#define BT_SOUND_BYTES_PER_MS (BT_SOUND_RATE * 4 / 1000)
#define BT_SOUND_RING_MS 2000

struct bt_video {
    /* ---- set before the worker starts, then read-only ---- */
    char *path;
    bt_video_options opt;
    int64_t cut_ms;

    /* ---- shared ---- */
    atomic_int refs;   /* the main thread's and the worker's */
    atomic_int quit;   /* set by close: the worker stops, reads fail */
    SDL_mutex *lock;
    SDL_cond *cond; /* room in the queue or the ring, a first frame, the end */

    /* ---- guarded by lock ---- */
    bt_clip_state state;
    bt_video_layout info; /* valid from READY */
    char decoder[16];
    char err[256];
    bt_qframe q[BT_VIDEO_QUEUE_FRAMES];
    int qhead, qlen;
    bool eof;           /* no more frames will come */
    int64_t end_pts;    /* with eof: where the last frame's time is over */
    bool starved;       /* the main thread found the queue empty: wake it */
    bool stop_decoding; /* the cut is reached: the worker may stop */
    int threads;        /* the software decoder's, now */
    /* the sound: a ring of samples, and what the callback last played */
    uint8_t *ring;
    size_t ring_cap, ring_r, ring_len;
    int64_t ring_end_ms;  /* stream ms of the sample after the last written */
    int64_t origin_ms;    /* stream ms of the first frame: the clip's 0 */
    bool origin_known;
    bool sound_off;       /* no device: the worker drops the sound */
    bool heard;
    int64_t heard_ms;     /* clip ms being heard at heard_at */
    uint64_t heard_at;

    /* ---- the main thread's only ---- */
    SDL_Thread *thread;
    uint64_t opened_at; /* SDL_GetTicks64 at bt_video_open */
    bool stall_told;
    bt_frameclock fc;
    bool started;
    SDL_AudioDeviceID dev;
    uint64_t sound_tries_until; /* retry opening the device until then */
    uint64_t heard_seen;
    int sound_latency_ms;
};

/* ---- video_clip.c ---- */

/* Workers running (bt_video_open counts them up, the worker down). */
extern atomic_int bt_video_live;

/* A new clip state for path (copied), one reference; NULL when out of memory. */
bt_video *bt_video_alloc(const char *path);

/* ---- video_worker.c ---- */

/* The share of a core a one-thread software decoder may take before it
 * gets frame threads (0.5; tests set 0 to see the change). */
extern double bt_video_speed_share;

/* The worker thread's body; owns one reference. */
int bt_video_worker(void *data);

/* Drops a reference; the last one frees everything. */
void bt_video_release(bt_video *v);

/* Posts an event of the clip's type with code, unless closed or none. */
void bt_video_post(bt_video *v, int code);

/* ---- the sound (video_sound.c) ---- */

/* Main thread: opens the device and starts it, or decides it is off after
 * retrying briefly (another clip's device may be closing). */
void bt_sound_start(bt_video *v, uint64_t now);

/* Main thread: feeds the frame clock with what is being heard. */
void bt_sound_sync(bt_video *v);

/* Main thread: stops and closes the device. */
void bt_sound_stop(bt_video *v);

/* Worker: appends n bytes of samples starting at stream time ms; waits
 * for room (returns false when the clip closes). Lock held by caller. */
bool bt_sound_put(bt_video *v, const uint8_t *data, size_t n, int64_t ms);

#endif
