/* video.h: one playing video clip, for the player's single-threaded loop.
 *
 * A clip is opened ahead of its time: a worker thread opens and checks the
 * file (model/videoprobe), decodes the first frame and keeps a few decoded
 * frames (BT_VIDEO_QUEUE_FRAMES) in the decoder's own YUV layout, so that
 * when the clip is due its first frame is already there. The main thread
 * calls bt_video_update() at each wake-up: it uploads the frame due into a
 * streaming texture the caller owns, and bt_video_deadline() says when to
 * wake next. The worker never touches the renderer; it wakes the loop with
 * SDL user events of the caller's type (SDL_RegisterEvents):
 *
 *   event.user.code   BT_VIDEO_EV_READY   first frame decoded (or a poster
 *                                         can be replaced by the clip)
 *                     BT_VIDEO_EV_FRAME   a frame arrived while the screen
 *                                         was waiting for one
 *                     BT_VIDEO_EV_END     no more frames (end or damage)
 *                     BT_VIDEO_EV_FAILED  nothing can be shown (see
 *                                         bt_video_failed)
 *   event.user.data1  the bt_video, as an identity only: it may already be
 *                     closed, never dereference it.
 *
 * Events are hints to call update/deadline/finished again; nothing is lost
 * by ignoring one. Memory stays bounded (a few frames) whatever the clip.
 * Sound (optional) plays through SDL audio; when no audio device can be
 * opened the clip plays silent (logged once). */
#ifndef BT_VIDEO_H
#define BT_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

typedef struct bt_video bt_video;

enum {
    BT_VIDEO_EV_READY = 1,
    BT_VIDEO_EV_FRAME,
    BT_VIDEO_EV_END,
    BT_VIDEO_EV_FAILED,
};

typedef struct {
    const char *path;     /* copied */
    double cut;           /* `duration:`, seconds; 0 plays to the end */
    bool sound;           /* `sound: true`: play its audio */
    int volume;           /* 0..100, with sound */
    Uint32 event_type;    /* from SDL_RegisterEvents; 0: no events (poll) */
    int max_w, max_h;     /* the renderer's largest texture; 0: no limit */
    bool software_only;   /* never try a hardware decoder */
} bt_video_options;

/* What the clip's frames are, once it is ready. */
typedef struct {
    Uint32 format;               /* SDL_PIXELFORMAT_IYUV or SDL_PIXELFORMAT_NV12 */
    int w, h;                    /* the texture's size: the decoded frame's, or less
                                    to fit max_w x max_h */
    int display_w, display_h;    /* its shape on screen (pixel aspect, rotation) */
    int rotation;                /* clockwise degrees to draw it upright: 0/90/180/270 */
    SDL_YUV_CONVERSION_MODE yuv; /* BT.601/709, limited or full (JPEG) range */
    const char *decoder;         /* "software", "vaapi", "drm", "v4l2m2m" */
    bool sound;                  /* its sound is being played */
    double duration;             /* seconds, from the container; 0 unknown */
} bt_video_layout;

/* Starts preparing the clip: returns at once, the worker opens, checks and
 * decodes its first frame. NULL only when out of memory or threads (err
 * says so); a file that cannot play is reported by bt_video_failed. Any
 * thread; the rest of this API is for the main thread only. */
bt_video *bt_video_open(const bt_video_options *o, char *err, size_t errsize);

/* The first frame is decoded: bt_video_describe is valid and the clip can
 * start. */
bool bt_video_ready(bt_video *v);

/* The clip cannot be shown (no frame could be decoded, or it was still
 * opening BT_VIDEO_OPEN_MS after bt_video_open): true, with the reason,
 * in plain words, in err (may be NULL). The caller moves on. */
bool bt_video_failed(bt_video *v, char *err, size_t errsize);

/* Blocks until ready or failed, at most timeout_ms; true when ready. For
 * tools and tests: the player waits for BT_VIDEO_EV_READY instead. */
bool bt_video_wait_ready(bt_video *v, int timeout_ms);

/* The frames' format, size and colours; NULL until ready. Owned by v. */
const bt_video_layout *bt_video_describe(bt_video *v);

/* A streaming texture fit for the clip's frames (its format and size, no
 * blending); the caller owns it and may keep it for the next clip while
 * bt_video_texture_fits says so. NULL until ready or on SDL's failure. */
SDL_Texture *bt_video_texture(bt_video *v, SDL_Renderer *r);
bool bt_video_texture_fits(bt_video *v, SDL_Texture *t);

/* Shows what is due at now (monotonic ms, SDL_GetTicks64): the first call
 * starts the clip (and its sound) with its first frame; late frames are
 * dropped. Uploads the frame due into tex (from bt_video_texture) and sets
 * SDL's YUV conversion mode for it. Returns 1 when tex changed (redraw), 0
 * when not, -1 when the clip failed. After the last frame tex keeps it:
 * the screen is never cleared by the clip. */
int bt_video_update(bt_video *v, SDL_Texture *tex, uint64_t now);

/* When to call bt_video_update next: the next frame's time, or the clip's
 * end (or the end of the wait for a stalled decoder); while opening, when
 * the opening is given up (BT_VIDEO_EV_READY or _FAILED usually comes
 * first); UINT64_MAX before the clip started. Without an event type it
 * asks to be polled every few ms instead. */
uint64_t bt_video_deadline(bt_video *v, uint64_t now);

/* The clip is over at now (played to its end or cut, failed, or no frame
 * came for BT_VIDEO_STALL_MS): the caller shows the next item; the last
 * frame stays until then. */
bool bt_video_finished(bt_video *v, uint64_t now);

/* Holds the clip on its frame at now (a visitor's tap), its sound too,
 * or plays it on from there: the time of a pause is not play, never ends
 * the clip nor drops a frame. Before the clip started, it starts paused
 * on its first frame. Main thread. */
void bt_video_pause(bt_video *v, bool paused, uint64_t now);

/* Frames dropped because they came too late, and seconds of the clip
 * really played by now (for the play log). */
unsigned bt_video_drops(bt_video *v);
double bt_video_played(bt_video *v, uint64_t now);

/* Draws tex (holding this clip's frame) contain-fitted into box, upright
 * and with its pixel aspect, and sets SDL's YUV conversion mode for it. */
int bt_video_draw(SDL_Renderer *r, SDL_Texture *tex, const bt_video_layout *info,
                  const SDL_Rect *box);

/* Stops the clip: never waits for the worker (a read stuck on a dying
 * stick is abandoned; the worker frees what is left when it returns).
 * Stops its sound. NULL is fine. */
void bt_video_close(bt_video *v);

/* Workers still running (closed clips' included), for tests and a clean
 * exit: wait until 0 before SDL_Quit when convenient. */
int bt_video_workers(void);

/* The frame at second `at` of the clip at path (the last one when the
 * clip is shorter), as a new opaque RGB888 surface of w x h: the picture
 * contain-fitted, upright, centred on bg (0xRRGGBB). For --render, and to
 * show before a clip is ready. Any thread. NULL with the reason in err.
 * The caller frees the surface. */
SDL_Surface *bt_video_poster(const char *path, double at, int w, int h, Uint32 bg, char *err,
                             size_t errsize);

#endif
