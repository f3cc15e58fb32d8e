/* test_frameclock.c: which frame is on screen when, what is dropped, the
 * end of a clip and a clip cut short, on a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/bounds.h"
#include "model/frameclock.h"

#define T0 1000000000ULL /* the monotonic clock after some days of uptime */

/* ---- A queue of decoded frames, drained as the player's loop does -------- */

typedef struct {
    int64_t pts[512];
    int n, head;
    int on_screen; /* index of the frame shown, -1 before the first */
} queue;

/* 30 frames a second: 0, 33, 67, 100, ... (as FFmpeg rounds 1/30 s). */
static void fill30(queue *q, int n)
{
    q->n = n;
    q->head = 0;
    q->on_screen = -1;
    for (int i = 0; i < n; i++)
        q->pts[i] = (i * 1000 + 15) / 30;
}

/* What the player does at now: judge the oldest frames until one waits;
 * `decoded` frames exist so far (the decoder may lag). Returns the
 * deadline: when the oldest frame left is due, or the end. */
static uint64_t step(bt_frameclock *fc, queue *q, uint64_t now, int decoded)
{
    while (q->head < decoded) {
        const int64_t *next = q->head + 1 < decoded ? &q->pts[q->head + 1] : NULL;
        bt_frame_verdict v = bt_frameclock_judge(fc, now, q->pts[q->head], 33, next);
        if (v == BT_FRAME_WAIT)
            return bt_frameclock_due(fc, now, q->pts[q->head]);
        if (v == BT_FRAME_PAST) {
            q->head = q->n;
            break;
        }
        if (v == BT_FRAME_SHOW)
            q->on_screen = q->head;
        q->head++;
    }
    return bt_frameclock_over_at(fc);
}

/* ---- Tests ------------------------------------------------------------------ */

/* Woken at each deadline, the loop shows every frame at its time, none
 * dropped; the deadline is always the next frame's time. */
static void test_on_time(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    static queue q;
    fill30(&q, 90);
    uint64_t now = T0;
    uint64_t next = step(&fc, &q, now, q.n);
    assert_int_equal(q.on_screen, 0); /* the first frame at once */
    assert_int_equal(bt_frameclock_time(&fc, now), 0);
    for (int i = 1; i < 90; i++) {
        assert_int_equal(next, T0 + (uint64_t)q.pts[i]);
        /* a wake-up a little early changes nothing */
        assert_int_equal(step(&fc, &q, next - 1, q.n), next);
        assert_int_equal(q.on_screen, i - 1);
        now = next;
        next = step(&fc, &q, now, q.n);
        assert_int_equal(q.on_screen, i);
    }
    assert_int_equal(bt_frameclock_drops(&fc), 0);
    assert_int_equal(bt_frameclock_shown(&fc), 90);
}

/* The loop was busy for 100 ms: the frames whose time passed meanwhile
 * are dropped, the one due now is shown, and the clip keeps its time. */
static void test_late_loop_drops(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    static queue q;
    fill30(&q, 30);
    step(&fc, &q, T0, q.n);       /* frame 0 */
    step(&fc, &q, T0 + 33, q.n);  /* frame 1 */
    step(&fc, &q, T0 + 140, q.n); /* frames 2 (67), 3 (100) late; 4 (133) due */
    assert_int_equal(q.on_screen, 4);
    assert_int_equal(bt_frameclock_drops(&fc), 2);
    /* and the next deadline is frame 5's own time, not 33 ms from now */
    assert_int_equal(step(&fc, &q, T0 + 141, q.n), T0 + 167);
}

/* The decoder lags (nothing newer decoded): a frame a little late is still
 * shown; one far behind is dropped while the screen changed recently; when
 * the screen has been frozen too long, a late frame is shown anyway. */
static void test_slow_decoder(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    static queue q;
    fill30(&q, 30);
    step(&fc, &q, T0, 1);
    step(&fc, &q, T0 + 60, 2); /* frame 1 (33) 27 ms late: shown */
    assert_int_equal(q.on_screen, 1);
    step(&fc, &q, T0 + 200, 3); /* frame 2 (67) 133 ms late, screen changed 140 ms ago */
    assert_int_equal(q.on_screen, 1);
    assert_int_equal(bt_frameclock_drops(&fc), 1);
    step(&fc, &q, T0 + 380, 4); /* frame 3 (100) late, but frozen for 320 ms */
    assert_int_equal(q.on_screen, 3);
    assert_int_equal(bt_frameclock_drops(&fc), 1);
}

/* A clip of 2 s: its last frame (1967 ms) stays on screen until 2000 ms;
 * then it is over, and the screen keeps it (nothing is cleared). */
static void test_end_of_clip(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    static queue q;
    fill30(&q, 60);
    uint64_t now = T0, next = step(&fc, &q, now, q.n);
    while (q.head < q.n) {
        now = next;
        next = step(&fc, &q, now, q.n);
    }
    assert_int_equal(q.on_screen, 59);
    assert_int_equal(now, T0 + 1967);
    /* the end is not known yet: an hour at most */
    assert_int_equal(next, T0 + BT_MAX_VIDEO_MS);
    assert_false(bt_frameclock_over(&fc, now + 5000));
    bt_frameclock_set_end(&fc, q.pts[59] + 33);
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + 2000);
    assert_false(bt_frameclock_over(&fc, T0 + 1999));
    assert_true(bt_frameclock_over(&fc, T0 + 2000));
    assert_int_equal(bt_frameclock_played(&fc, T0 + 1500), 1500);
    assert_int_equal(bt_frameclock_played(&fc, T0 + 9000), 2000);
    assert_int_equal(bt_frameclock_drops(&fc), 0);
}

/* `duration: 1` on a 2 s clip: frames from 1000 ms on are past; the clip is
 * over at 1000 ms even if the decoder never got there. */
static void test_cut_short(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 1000);
    static queue q;
    fill30(&q, 60);
    step(&fc, &q, T0, q.n);
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + 1000);
    assert_int_equal(bt_frameclock_judge(&fc, T0 + 990, 967, 33, NULL), BT_FRAME_SHOW);
    assert_int_equal(bt_frameclock_judge(&fc, T0 + 990, 1000, 33, NULL), BT_FRAME_PAST);
    assert_false(bt_frameclock_over(&fc, T0 + 999));
    assert_true(bt_frameclock_over(&fc, T0 + 1000));
    assert_int_equal(bt_frameclock_played(&fc, T0 + 5000), 1000);
    /* a stream ending before its cut ends the clip at its own end */
    bt_frameclock_set_end(&fc, 600);
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + 600);
    /* a frame dropped never counts past the cut */
    bt_frameclock_init(&fc, 1000);
    bt_frameclock_start(&fc, T0);
    int64_t next = 1000;
    assert_int_equal(bt_frameclock_judge(&fc, T0 + 1100, 967, 33, &next), BT_FRAME_SHOW);
}

/* No cut and a stream that never ends: an hour at most. */
static void test_hour_cap(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    bt_frameclock_start(&fc, T0);
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + BT_MAX_VIDEO_MS);
    bt_frameclock_init(&fc, 5 * BT_MAX_VIDEO_MS);
    bt_frameclock_start(&fc, T0);
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + BT_MAX_VIDEO_MS);
}

/* The decoder stops delivering (a read stuck on a dying stick): after
 * BT_VIDEO_STALL_MS without a frame the clip is over; a frame coming back
 * in time ends the wait. */
static void test_stall(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    assert_int_equal(bt_frameclock_judge(&fc, T0, 0, 33, NULL), BT_FRAME_SHOW);
    bt_frameclock_starving(&fc, T0 + 40);
    bt_frameclock_starving(&fc, T0 + 900); /* still the same wait */
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + 40 + BT_VIDEO_STALL_MS);
    assert_false(bt_frameclock_over(&fc, T0 + 39 + BT_VIDEO_STALL_MS));
    assert_true(bt_frameclock_over(&fc, T0 + 40 + BT_VIDEO_STALL_MS));
    assert_true(bt_frameclock_stalled(&fc, T0 + 40 + BT_VIDEO_STALL_MS));
    /* a frame in time: the wait is over, the clip goes on */
    bt_frameclock_init(&fc, 0);
    bt_frameclock_judge(&fc, T0, 0, 33, NULL);
    bt_frameclock_starving(&fc, T0 + 40);
    bt_frameclock_judge(&fc, T0 + 1500, 1467, 33, NULL);
    assert_false(bt_frameclock_over(&fc, T0 + 40 + BT_VIDEO_STALL_MS));
    assert_int_equal(bt_frameclock_over_at(&fc), T0 + BT_MAX_VIDEO_MS);
}

/* Before the clip starts: time 0, nothing played, due as if started now. */
static void test_not_started(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    assert_int_equal(bt_frameclock_time(&fc, T0), 0);
    assert_int_equal(bt_frameclock_played(&fc, T0), 0);
    assert_int_equal(bt_frameclock_due(&fc, T0, 40), T0 + 40);
    assert_int_equal(bt_frameclock_over_at(&fc), UINT64_MAX);
    assert_false(bt_frameclock_over(&fc, T0 + 10000000));
}

/* With sound the picture follows the audio clock: a device that started
 * 400 ms late pulls the picture back at once; a small difference is made
 * up in steps, never in one jump. */
static void test_audio_clock(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    bt_frameclock_start(&fc, T0);
    /* at T0+1000 the sound is only at 600 ms */
    bt_frameclock_audio(&fc, 600, T0 + 1000);
    assert_int_equal(bt_frameclock_time(&fc, T0 + 1000), 600);
    assert_int_equal(bt_frameclock_due(&fc, T0, 700), T0 + 1100);
    /* then 40 ms ahead of the picture: quarter steps */
    int64_t before = bt_frameclock_time(&fc, T0 + 2000); /* 1600 */
    bt_frameclock_audio(&fc, 1640, T0 + 2000);
    int64_t after = bt_frameclock_time(&fc, T0 + 2000);
    assert_int_equal(after - before, 10);
    for (int i = 0; i < 20; i++)
        bt_frameclock_audio(&fc, 1640, T0 + 2000);
    assert_in_range(bt_frameclock_time(&fc, T0 + 2000), 1636, 1640);
    /* the frames due follow: frame at 1650 waits until the sound gets there */
    uint64_t due = bt_frameclock_due(&fc, T0 + 2000, 1650);
    assert_in_range(due, T0 + 2010, T0 + 2014);
    assert_int_equal(bt_frameclock_judge(&fc, due - 1, 1650, 33, NULL), BT_FRAME_WAIT);
    assert_int_equal(bt_frameclock_judge(&fc, due, 1650, 33, NULL), BT_FRAME_SHOW);
}

/* A pause stops the clip's time: nothing is due, nothing is dropped or
 * over while it lasts, however long; after it the frames come at their
 * times shifted by the pause, and the play log counts only what played. */
static void test_pause(void **state)
{
    (void)state;
    bt_frameclock fc;
    bt_frameclock_init(&fc, 0);
    bt_frameclock_set_end(&fc, 3000);
    static queue q;
    fill30(&q, 90);
    step(&fc, &q, T0, q.n);
    step(&fc, &q, T0 + 1000, q.n); /* frame 30 */
    assert_int_equal(q.on_screen, 30);
    unsigned drops = bt_frameclock_drops(&fc); /* the frames skipped to get to 1 s */
    bt_frameclock_pause(&fc, T0 + 1010);
    bt_frameclock_pause(&fc, T0 + 1500); /* twice: the first counts */
    assert_true(bt_frameclock_over_at(&fc) == UINT64_MAX);
    assert_true(step(&fc, &q, T0 + 60000, q.n) == UINT64_MAX);
    assert_int_equal(q.on_screen, 30);
    assert_false(bt_frameclock_over(&fc, T0 + 60000));
    bt_frameclock_starving(&fc, T0 + 60000);
    assert_false(bt_frameclock_stalled(&fc, T0 + 70000));
    assert_int_equal(bt_frameclock_played(&fc, T0 + 70000), 1010);
    bt_frameclock_resume(&fc, T0 + 71010); /* 70 s later */
    bt_frameclock_resume(&fc, T0 + 72000);
    assert_int_equal(bt_frameclock_time(&fc, T0 + 71010), 1010);
    assert_true(step(&fc, &q, T0 + 71010, q.n) == T0 + 70000 + (uint64_t)q.pts[31]);
    step(&fc, &q, T0 + 70000 + (uint64_t)q.pts[31], q.n);
    assert_int_equal(q.on_screen, 31);
    assert_int_equal(bt_frameclock_drops(&fc), drops);
    assert_true(bt_frameclock_over_at(&fc) == T0 + 70000 + 3000);
    assert_int_equal(bt_frameclock_played(&fc, T0 + 80000), 3000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_on_time),     cmocka_unit_test(test_late_loop_drops),
        cmocka_unit_test(test_slow_decoder), cmocka_unit_test(test_end_of_clip),
        cmocka_unit_test(test_cut_short),   cmocka_unit_test(test_hour_cap),
        cmocka_unit_test(test_not_started), cmocka_unit_test(test_audio_clock),
        cmocka_unit_test(test_stall),       cmocka_unit_test(test_pause),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
