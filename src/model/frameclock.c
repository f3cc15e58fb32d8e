/* frameclock.c: the frame scheduler of a playing clip. */
#include "frameclock.h"

#include "base/bounds.h"

/* A frame later than this (or than three of its own durations, if longer)
 * when nothing newer is decoded yet is dropped, so that a slow stretch
 * costs frames, not sync... */
#define LATE_MS 100
/* ...unless the picture has not changed for this long: then it is shown
 * late rather than leaving the screen frozen. */
#define FREEZE_MS 300
/* The picture follows the sound in quarter steps while they are this close,
 * and jumps to it when they are farther apart. */
#define AUDIO_SNAP_MS 150

void bt_frameclock_init(bt_frameclock *fc, int64_t cut_ms)
{
    *fc = (bt_frameclock){.cut = cut_ms > 0 && cut_ms < BT_MAX_VIDEO_MS ? cut_ms : BT_MAX_VIDEO_MS,
                          .end = -1};
}

void bt_frameclock_start(bt_frameclock *fc, uint64_t now)
{
    fc->started = true;
    fc->base = now;
}

void bt_frameclock_pause(bt_frameclock *fc, uint64_t now)
{
    if (fc->paused)
        return;
    if (!fc->started)
        bt_frameclock_start(fc, now);
    fc->paused = true;
    fc->paused_at = now;
    fc->starving = false;
}

void bt_frameclock_resume(bt_frameclock *fc, uint64_t now)
{
    if (!fc->paused)
        return;
    /* Everything the clock measured from moves on by the pause. */
    uint64_t gap = now > fc->paused_at ? now - fc->paused_at : 0;
    fc->base += gap;
    fc->shown_at += gap;
    fc->paused = false;
}

int64_t bt_frameclock_time(const bt_frameclock *fc, uint64_t now)
{
    if (!fc->started)
        return 0;
    return (int64_t)((fc->paused ? fc->paused_at : now) - fc->base);
}

bt_frame_verdict bt_frameclock_judge(bt_frameclock *fc, uint64_t now, int64_t pts, int64_t dur,
                                     const int64_t *next_pts)
{
    if (!fc->started)
        bt_frameclock_start(fc, now);
    fc->starving = false;
    if (pts >= fc->cut)
        return BT_FRAME_PAST;
    int64_t t = bt_frameclock_time(fc, now);
    if (pts > t)
        return BT_FRAME_WAIT;
    /* Due. Its successor is due as well: this one's time is already over. */
    bool late = next_pts && *next_pts <= t && *next_pts < fc->cut;
    /* Nothing newer yet, but far behind: drop it while the screen has
     * changed recently enough, and the clip keeps to its time. */
    int64_t limit = dur > 0 && 3 * dur > LATE_MS ? 3 * dur : LATE_MS;
    if (!late && fc->shown_any && t - pts > limit && now - fc->shown_at < FREEZE_MS)
        late = true;
    if (late) {
        fc->drops++;
        return BT_FRAME_DROP;
    }
    fc->shown_any = true;
    fc->shown_pts = pts;
    fc->shown_at = now;
    fc->shown++;
    return BT_FRAME_SHOW;
}

uint64_t bt_frameclock_due(const bt_frameclock *fc, uint64_t now, int64_t pts)
{
    if (fc->paused)
        return UINT64_MAX;
    uint64_t base = fc->started ? fc->base : now;
    return pts > 0 ? base + (uint64_t)pts : base;
}

void bt_frameclock_set_end(bt_frameclock *fc, int64_t end_ms)
{
    fc->end = end_ms > 0 ? end_ms : 0;
}

/* The clip time at which it is over, or -1 while not known. */
static int64_t limit_of(const bt_frameclock *fc)
{
    return fc->end >= 0 && fc->end < fc->cut ? fc->end : fc->cut;
}

void bt_frameclock_starving(bt_frameclock *fc, uint64_t now)
{
    if (!fc->starving && !fc->paused) {
        fc->starving = true;
        fc->starved_at = now;
    }
}

bool bt_frameclock_stalled(const bt_frameclock *fc, uint64_t now)
{
    return fc->started && fc->starving && now - fc->starved_at >= BT_VIDEO_STALL_MS;
}

uint64_t bt_frameclock_over_at(const bt_frameclock *fc)
{
    if (!fc->started || fc->paused)
        return UINT64_MAX;
    uint64_t at = fc->base + (uint64_t)limit_of(fc);
    if (fc->starving && fc->starved_at + BT_VIDEO_STALL_MS < at)
        at = fc->starved_at + BT_VIDEO_STALL_MS;
    return at;
}

bool bt_frameclock_over(const bt_frameclock *fc, uint64_t now)
{
    return fc->started && (bt_frameclock_time(fc, now) >= limit_of(fc) || bt_frameclock_stalled(fc, now));
}

void bt_frameclock_audio(bt_frameclock *fc, int64_t audio_ms, uint64_t at)
{
    if (fc->paused)
        return; /* the sound is paused too; what it said last is old */
    int64_t implied = (int64_t)at - audio_ms; /* the base the sound says */
    if (!fc->started) {
        bt_frameclock_start(fc, (uint64_t)implied);
        fc->audio_synced = true;
        return;
    }
    int64_t diff = implied - (int64_t)fc->base;
    if (!fc->audio_synced || diff > AUDIO_SNAP_MS || diff < -AUDIO_SNAP_MS)
        fc->base = (uint64_t)implied;
    else
        fc->base = (uint64_t)((int64_t)fc->base + diff / 4);
    fc->audio_synced = true;
}

int64_t bt_frameclock_played(const bt_frameclock *fc, uint64_t now)
{
    int64_t t = bt_frameclock_time(fc, now);
    int64_t lim = limit_of(fc);
    return t < 0 ? 0 : t > lim ? lim : t;
}

unsigned bt_frameclock_shown(const bt_frameclock *fc)
{
    return fc->shown;
}

unsigned bt_frameclock_drops(const bt_frameclock *fc)
{
    return fc->drops;
}
