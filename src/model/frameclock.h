/* frameclock.h: when each decoded frame of a playing clip goes on screen.
 *
 * Pure and time-free: the caller gives the monotonic time (ms) and the
 * frames' presentation times (ms from the clip's first frame). The clock
 * runs on the wall from the first frame shown, or follows the sound when a
 * clip plays its audio. A frame that comes too late is dropped rather than
 * letting the clip drift behind; the last frame stays on screen until the
 * clip's time is over (the next item replaces it: never black). A
 * `duration:` cut ends the clip at its time whatever the stream holds. */
#ifndef BT_FRAMECLOCK_H
#define BT_FRAMECLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    BT_FRAME_WAIT, /* not yet due: keep what is on screen until bt_frameclock_due() */
    BT_FRAME_SHOW, /* due: show it now */
    BT_FRAME_DROP, /* too late: discard it unseen (counted) and judge the next */
    BT_FRAME_PAST, /* at or past the cut: discard it and every later one */
} bt_frame_verdict;

/* Plain data, to embed; its fields are the module's own. */
typedef struct {
    bool started;
    uint64_t base;      /* monotonic ms at which the clip's time is 0 */
    int64_t cut;        /* clip time at which `duration:` ends it (INT64_MAX: none) */
    int64_t end;        /* clip time at which the last frame's time is over; -1 unknown */
    bool shown_any;
    int64_t shown_pts;  /* the frame on screen */
    uint64_t shown_at;  /* when it went there */
    unsigned shown, drops;
    bool audio_synced;  /* base has followed the sound at least once */
    bool starving;      /* no frame decoded while the stream goes on... */
    uint64_t starved_at; /* ...since then */
    bool paused;        /* the clip's time stands still... */
    uint64_t paused_at; /* ...since then */
} bt_frameclock;

/* A clip not started, cut at cut_ms (<= 0: plays to its end); no clip
 * plays longer than BT_MAX_VIDEO_MS either way. */
void bt_frameclock_init(bt_frameclock *fc, int64_t cut_ms);

/* The clip's time 0 is now. bt_frameclock_judge starts it by itself. */
void bt_frameclock_start(bt_frameclock *fc, uint64_t now);

/* Stops the clip's time at now (a visitor's tap): no frame is due, the
 * clip is never over, nothing starves, until bt_frameclock_resume, from
 * which the time goes on where it stopped. Either twice is harmless. */
void bt_frameclock_pause(bt_frameclock *fc, uint64_t now);
void bt_frameclock_resume(bt_frameclock *fc, uint64_t now);

/* The clip's time at now, in ms (0 before it started). */
int64_t bt_frameclock_time(const bt_frameclock *fc, uint64_t now);

/* What to do at now with the oldest decoded frame (presentation time pts,
 * lasting dur ms; dur <= 0: unknown). next_pts points to the following
 * decoded frame's time, or is NULL when it is not decoded yet. SHOW and
 * DROP count; call again with the next frame after DROP. */
bt_frame_verdict bt_frameclock_judge(bt_frameclock *fc, uint64_t now, int64_t pts, int64_t dur,
                                     const int64_t *next_pts);

/* The monotonic time at which a frame of time pts is due (before the
 * start: as if the clip started now; UINT64_MAX while paused). */
uint64_t bt_frameclock_due(const bt_frameclock *fc, uint64_t now, int64_t pts);

/* No decoded frame is there at now, and the stream has not ended: a slow
 * moment, or a read stuck on a dying stick. After BT_VIDEO_STALL_MS of it
 * the clip is over (the screen must not freeze on it); the next frame
 * judged ends the wait. */
void bt_frameclock_starving(bt_frameclock *fc, uint64_t now);

/* The clip is over because no frame came for BT_VIDEO_STALL_MS. */
bool bt_frameclock_stalled(const bt_frameclock *fc, uint64_t now);

/* The stream has no more frames: the last one's time is over at end_ms of
 * the clip (its time plus its duration). */
void bt_frameclock_set_end(bt_frameclock *fc, int64_t end_ms);

/* The monotonic time at which the clip is over: the end of its last frame,
 * the cut, the hour's cap or the end of a stall's wait, whichever is
 * first; UINT64_MAX before the start and while paused. */
uint64_t bt_frameclock_over_at(const bt_frameclock *fc);

/* The clip is over at now (it started and reached bt_frameclock_over_at). */
bool bt_frameclock_over(const bt_frameclock *fc, uint64_t now);

/* With sound: the sound heard at monotonic time at is audio_ms into the
 * clip. The picture follows it, in small steps while they are close, at
 * once when they are far apart (a device that starts late). */
void bt_frameclock_audio(bt_frameclock *fc, int64_t audio_ms, uint64_t at);

/* Milliseconds of the clip really played by now (for the play log): the
 * clip's time, stopped at its end or cut. */
int64_t bt_frameclock_played(const bt_frameclock *fc, uint64_t now);

/* Frames shown, and dropped because they came too late. */
unsigned bt_frameclock_shown(const bt_frameclock *fc);
unsigned bt_frameclock_drops(const bt_frameclock *fc);

#endif
