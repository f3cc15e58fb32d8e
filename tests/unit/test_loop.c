/* The loop's choice of the next slide and of its deadlines, under a fake
 * clock: the loop never reads a clock, so time is just a number here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/loop.h"
#include "options.h"

#define MAX_SLIDES 8
static bt_slide slides[MAX_SLIDES];
static bt_tip tips[3];

static bt_playlist make(int n_slides, int n_tips)
{
    bt_playlist pl;
    memset(&pl, 0, sizeof pl);
    memset(slides, 0, sizeof slides);
    const int durations[3] = {10000, 5000, 12000};
    for (int i = 0; i < MAX_SLIDES; i++)
        slides[i].duration_ms = durations[i % 3];
    pl.slides = slides;
    pl.n_slides = n_slides;
    pl.tips = tips;
    pl.n_tips = n_tips;
    pl.tip_interval_ms = 8000;
    return pl;
}

static void cycles_in_order_with_each_duration(void **state)
{
    (void)state;
    bt_playlist pl = make(3, 0);
    bt_loop l;
    uint64_t t = 1000;
    bt_loop_init(&l, &pl, t, 0);
    assert_int_equal(l.current, 0);
    assert_int_equal(l.upcoming, 1);
    assert_int_equal(bt_loop_slide_deadline(&l), t + 10000);

    const int order[] = {1, 2, 0, 1};
    for (int k = 0; k < 4; k++) {
        t = bt_loop_slide_deadline(&l);
        bt_loop_advance(&l, t, 0);
        assert_int_equal(l.current, order[k]);
        assert_int_equal(l.upcoming, (order[k] + 1) % 3);
        assert_int_equal(bt_loop_slide_deadline(&l), t + (uint64_t)slides[order[k]].duration_ms);
    }
}

/* A change shown late counts its duration from when it was really shown. */
static void late_change_counts_from_when_shown(void **state)
{
    (void)state;
    bt_playlist pl = make(2, 0);
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    bt_loop_advance(&l, 10250, 0); /* 250 ms late */
    assert_int_equal(l.current, 1);
    assert_int_equal(bt_loop_slide_deadline(&l), 10250 + 5000);
}

static void one_slide_never_changes(void **state)
{
    (void)state;
    bt_playlist pl = make(1, 1);
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    assert_int_equal(l.current, 0);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    assert_true(bt_loop_tip_deadline(&l) == UINT64_MAX); /* one tip: nothing to rotate */
}

/* A kiosk runs for months: deadlines past 2^32 ms (49.7 days) still work. */
static void deadlines_survive_49_days(void **state)
{
    (void)state;
    bt_playlist pl = make(2, 2);
    bt_loop l;
    uint64_t t = (uint64_t)1 << 33;
    bt_loop_init(&l, &pl, t, 0);
    assert_true(bt_loop_slide_deadline(&l) == t + 10000);
    assert_true(bt_loop_tip_deadline(&l) == t + 8000);
}

static void tips_rotate_on_their_interval(void **state)
{
    (void)state;
    bt_playlist pl = make(2, 3);
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    assert_int_equal(l.tip, 0);
    const int order[] = {1, 2, 0};
    uint64_t t = 0;
    for (int k = 0; k < 3; k++) {
        assert_true(bt_loop_tip_deadline(&l) == t + 8000);
        t += 8000;
        bt_loop_advance_tip(&l, t);
        assert_int_equal(l.tip, order[k]);
    }
}

/* ---- schedules and alerts ---------------------------------------------------- */

/* Local time as --now reads it: every wall time below is what an office
 * would type, parsed by the same function. */
static time_t now_is(const char *s)
{
    time_t t;
    assert_true(bt_parse_local_time(s, &t));
    return t;
}

static void alert(int i)
{
    slides[i].priority = BT_PRIORITY_ALERT;
}

/* Slide i plays only in these hours, every day. */
static void hours(int i, int from_min, int until_min)
{
    slides[i].has_schedule = true;
    slides[i].schedule = (bt_schedule){.days = BT_DAYS_ALL, .hours = {true, from_min, until_min}};
}

#define HM(h, m) ((h) * 60 + (m))

/* Runs the loop from its start for n changes and checks the slides shown. */
static void expect_order(const bt_playlist *pl, time_t wall, const int *order, int n)
{
    bt_loop l;
    uint64_t t = 0;
    bt_loop_init(&l, pl, t, wall);
    for (int k = 0; k < n; k++) {
        assert_int_equal(l.current, order[k]);
        if (k + 1 < n) {
            t = bt_loop_slide_deadline(&l);
            assert_true(t != UINT64_MAX);
            assert_int_equal(bt_loop_advance(&l, t, wall), order[k + 1]);
        }
    }
}

static void one_alert_follows_every_normal_slide(void **state)
{
    (void)state;
    bt_playlist pl = make(4, 0);
    alert(2);
    const int order[] = {0, 2, 1, 2, 3, 2, 0, 2, 1};
    expect_order(&pl, now_is("2031-03-03T10:00"), order, 9);
}

static void two_alerts_take_turns(void **state)
{
    (void)state;
    bt_playlist pl = make(5, 0);
    alert(1);
    alert(3);
    const int order[] = {0, 1, 2, 3, 4, 1, 0, 3, 2, 1, 4, 3};
    expect_order(&pl, now_is("2031-03-03T10:00"), order, 12);
}

/* With no normal slide playable the alerts cycle by themselves; a single
 * alert is held. */
static void only_alerts_cycle(void **state)
{
    (void)state;
    bt_playlist pl = make(4, 0);
    alert(1);
    alert(3);
    hours(0, HM(6, 0), HM(7, 0));
    hours(2, HM(6, 0), HM(7, 0));
    const int order[] = {1, 3, 1, 3};
    expect_order(&pl, now_is("2031-03-03T10:00"), order, 4);

    hours(3, HM(6, 0), HM(7, 0));
    bt_loop l;
    bt_loop_init(&l, &pl, 0, now_is("2031-03-03T10:00"));
    assert_int_equal(l.current, 1);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
}

/* An alert outside its schedule is not interleaved. */
static void alert_out_of_schedule_is_left_out(void **state)
{
    (void)state;
    bt_playlist pl = make(3, 0);
    alert(1);
    hours(1, HM(8, 0), HM(9, 0));
    const int later[] = {0, 2, 0, 2};
    expect_order(&pl, now_is("2031-03-03T10:00"), later, 4);
    const int during[] = {0, 1, 2, 1, 0};
    expect_order(&pl, now_is("2031-03-03T08:30"), during, 5);
}

static void schedules_skip_slides(void **state)
{
    (void)state;
    bt_playlist pl = make(4, 0);
    hours(1, HM(14, 0), HM(15, 0));
    /* Friday 22:00 to Saturday 02:00: belongs to Friday. */
    slides[3].has_schedule = true;
    slides[3].schedule = (bt_schedule){.days = 1 << 4, .hours = {true, HM(22, 0), HM(2, 0)}};
    const int morning[] = {0, 2, 0, 2};
    expect_order(&pl, now_is("2031-03-03T10:00"), morning, 4);
    const int afternoon[] = {0, 1, 2, 0, 1};
    expect_order(&pl, now_is("2031-03-03T14:59"), afternoon, 5);
    const int friday_night[] = {0, 2, 3, 0};
    expect_order(&pl, now_is("2031-03-07T22:30"), friday_night, 4);
    expect_order(&pl, now_is("2031-03-08T01:59"), friday_night, 4);
    const int saturday_night[] = {0, 2, 0};
    expect_order(&pl, now_is("2031-03-08T22:30"), saturday_night, 3);
}

/* Nothing playable: the empty screen, and a wake-up exactly at the minute
 * the first schedule opens, not earlier. */
static void nothing_active_waits_for_the_opening_minute(void **state)
{
    (void)state;
    bt_playlist pl = make(3, 2);
    hours(0, HM(8, 0), HM(17, 0));
    hours(1, HM(7, 30), HM(17, 0));
    slides[2].has_schedule = true;
    slides[2].schedule = (bt_schedule){.from = {2031, 3, 4}, .days = BT_DAYS_ALL};
    time_t wall = now_is("2031-03-03T06:10");
    uint64_t t = 5000;
    bt_loop l;
    bt_loop_init(&l, &pl, t, wall);
    assert_int_equal(l.current, -1);
    assert_int_equal(l.upcoming, -1);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    uint64_t opens = t + (uint64_t)(now_is("2031-03-03T07:30") - wall) * 1000;
    assert_true(bt_loop_recheck_deadline(&l) == opens);

    /* A recheck before then changes nothing and keeps the deadline. */
    assert_false(bt_loop_recheck(&l, t + 60000, wall + 60));
    assert_true(bt_loop_recheck_deadline(&l) == opens);

    /* At the opening minute: slide 1 is upcoming and due at once. */
    time_t w2 = now_is("2031-03-03T07:30");
    assert_true(bt_loop_recheck(&l, opens, w2));
    assert_int_equal(l.current, -1);
    assert_int_equal(l.upcoming, 1);
    assert_true(bt_loop_slide_deadline(&l) <= opens);
    assert_int_equal(bt_loop_advance(&l, opens + 40, w2), 1);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX); /* the only one: held */
    /* Held, it must wake when slide 0 opens at 08:00. */
    assert_true(bt_loop_recheck_deadline(&l) == opens + 40 + 30 * 60 * 1000);
    assert_true(l.tip == 0 && bt_loop_tip_deadline(&l) == t + 8000); /* tips go on regardless */
}

/* A held slide whose schedule closes gives way to the empty screen. */
static void held_slide_closes_to_empty(void **state)
{
    (void)state;
    bt_playlist pl = make(1, 0);
    hours(0, HM(8, 0), HM(17, 0));
    time_t wall = now_is("2031-03-03T16:59");
    bt_loop l;
    bt_loop_init(&l, &pl, 0, wall);
    assert_int_equal(l.current, 0);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    assert_true(bt_loop_recheck_deadline(&l) == 60000);
    assert_true(bt_loop_recheck(&l, 60000, wall + 60));
    assert_int_equal(l.current, -1);
    assert_int_equal(l.upcoming, -1);
    assert_true(l.shown_at == 60000);
    /* and waits for tomorrow's 08:00 */
    assert_true(bt_loop_recheck_deadline(&l) == 60000 + 15ull * 3600 * 1000);
}

/* The upcoming slide was chosen ahead; if it leaves its schedule before it
 * is due, advancing chooses again instead of showing it. */
static void upcoming_that_left_its_schedule_is_replaced(void **state)
{
    (void)state;
    bt_playlist pl = make(3, 0);
    hours(1, HM(8, 0), HM(10, 0));
    bt_loop l;
    bt_loop_init(&l, &pl, 0, now_is("2031-03-03T09:59"));
    assert_int_equal(l.upcoming, 1);
    assert_int_equal(bt_loop_advance(&l, 10000, now_is("2031-03-03T10:00")), 2);
    assert_int_equal(l.upcoming, 0);

    /* and with nothing left at all, the empty screen */
    bt_playlist one = make(2, 0);
    hours(0, HM(8, 0), HM(10, 0));
    hours(1, HM(8, 0), HM(10, 0));
    bt_loop_init(&l, &one, 0, now_is("2031-03-03T09:59"));
    assert_int_equal(l.upcoming, 1);
    assert_int_equal(bt_loop_advance(&l, 10000, now_is("2031-03-03T10:00")), -1);
    assert_int_equal(l.upcoming, -1);
}

/* A cycling loop needs no recheck: each change reads the schedules. */
static void cycling_loop_needs_no_recheck(void **state)
{
    (void)state;
    bt_playlist pl = make(2, 0);
    hours(1, HM(8, 0), HM(10, 0));
    bt_loop l;
    bt_loop_init(&l, &pl, 0, now_is("2031-03-03T09:00"));
    assert_true(bt_loop_recheck_deadline(&l) == UINT64_MAX);
    /* without any schedule, a held slide never needs one either */
    bt_playlist plain = make(1, 0);
    bt_loop_init(&l, &plain, 0, now_is("2031-03-03T09:00"));
    assert_true(bt_loop_recheck_deadline(&l) == UINT64_MAX);
}

/* A board without a real-time clock boots in 1970: only unscheduled slides
 * play, even a schedule that 1970 would match, and the loop looks again
 * every minute in case the clock gets set. */
static void unset_clock_plays_only_unscheduled(void **state)
{
    (void)state;
    bt_playlist pl = make(4, 0);
    hours(0, HM(0, 0), HM(23, 59));
    slides[2].has_schedule = true;
    slides[2].schedule = (bt_schedule){.from = {1970, 1, 1}, .days = BT_DAYS_ALL};
    alert(3);
    hours(3, HM(0, 0), HM(23, 59));
    time_t boot = 90; /* 1970-01-01, 00:01:30 UTC */
    const int order[] = {1, 1};
    bt_loop l;
    bt_loop_init(&l, &pl, 0, boot);
    assert_int_equal(l.current, order[0]);
    assert_int_equal(l.upcoming, order[1]);
    assert_true(bt_loop_recheck_deadline(&l) == 30000);

    /* The clock gets set: the next recheck lets the dated slides in. */
    assert_true(bt_loop_recheck(&l, 30000, now_is("2031-03-03T10:00")));
    assert_int_equal(l.upcoming, 3); /* the alert, after normal slide 1 */
}

/* A video slide has no time of its own: held until its clip is over, then
 * the next slide at once. */
static void clip_is_held_until_it_is_over(void **state)
{
    (void)state;
    bt_playlist pl = make(3, 0);
    slides[1].video_path = "clip.mp4";
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    bt_loop_advance(&l, bt_loop_slide_deadline(&l), 0);
    assert_int_equal(l.current, 1);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    bt_loop_clip_over(&l, 73000);
    assert_true(bt_loop_slide_deadline(&l) == 73000);
    bt_loop_clip_over(&l, 80000); /* the first end counts */
    assert_true(bt_loop_slide_deadline(&l) == 73000);
    bt_loop_advance(&l, 73000, 0);
    assert_int_equal(l.current, 2);
    assert_true(bt_loop_slide_deadline(&l) == 73000 + 12000);
    /* Told for a picture, it changes nothing. */
    bt_loop_clip_over(&l, 74000);
    assert_true(bt_loop_slide_deadline(&l) == 73000 + 12000);
    slides[1].video_path = NULL;
}

/* A clip alone plays again when it ends; back from touch mode it starts
 * over (held again). */
static void lone_clip_plays_again(void **state)
{
    (void)state;
    bt_playlist pl = make(1, 0);
    slides[0].video_path = "clip.mp4";
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    assert_int_equal(l.current, 0);
    assert_int_equal(l.upcoming, 0);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    for (int k = 1; k <= 3; k++) {
        bt_loop_clip_over(&l, (uint64_t)k * 5000);
        assert_true(bt_loop_slide_deadline(&l) == (uint64_t)k * 5000);
        assert_int_equal(bt_loop_advance(&l, (uint64_t)k * 5000, 0), 0);
        assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    }
    bt_loop_clip_over(&l, 20000);
    bt_loop_resume(&l, 21000);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    slides[0].video_path = NULL;
}

/* A clip that cannot play is passed over before it is due; its kind
 * resumes after it next time; alone of its kind, the other kind comes. */
static void broken_clip_is_skipped(void **state)
{
    (void)state;
    bt_playlist pl = make(4, 0);
    slides[1].video_path = "broken.mp4";
    bt_loop l;
    bt_loop_init(&l, &pl, 0, 0);
    assert_int_equal(l.upcoming, 1);
    assert_true(bt_loop_skip_upcoming(&l, 100, 0));
    assert_int_equal(l.current, 0);
    assert_int_equal(l.upcoming, 2);
    assert_true(bt_loop_slide_deadline(&l) == 10000); /* slide 0 keeps its time */
    bt_loop_advance(&l, 10000, 0);
    assert_int_equal(l.current, 2);
    assert_int_equal(l.upcoming, 3);

    /* The only alert is a broken clip: the next normal slide comes. */
    bt_playlist pl2 = make(3, 0);
    slides[2].video_path = "broken.mp4";
    slides[2].priority = BT_PRIORITY_ALERT;
    bt_loop_init(&l, &pl2, 0, 0);
    assert_int_equal(l.upcoming, 2);
    assert_true(bt_loop_skip_upcoming(&l, 100, 0));
    assert_int_equal(l.upcoming, 1);

    /* Nothing but the broken clip and the slide on screen: held there. */
    bt_playlist pl3 = make(2, 0);
    slides[1].video_path = "broken.mp4";
    bt_loop_init(&l, &pl3, 0, 0);
    assert_true(bt_loop_skip_upcoming(&l, 100, 0));
    assert_int_equal(l.upcoming, 0);
    assert_true(bt_loop_slide_deadline(&l) == UINT64_MAX);
    /* A clip alone and broken: nothing else can come. */
    bt_playlist pl4 = make(1, 0);
    slides[0].video_path = "broken.mp4";
    bt_loop_init(&l, &pl4, 0, 0);
    assert_false(bt_loop_skip_upcoming(&l, 100, 0));
    memset(slides, 0, sizeof slides);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cycles_in_order_with_each_duration),
        cmocka_unit_test(late_change_counts_from_when_shown),
        cmocka_unit_test(one_slide_never_changes),
        cmocka_unit_test(deadlines_survive_49_days),
        cmocka_unit_test(tips_rotate_on_their_interval),
        cmocka_unit_test(one_alert_follows_every_normal_slide),
        cmocka_unit_test(two_alerts_take_turns),
        cmocka_unit_test(only_alerts_cycle),
        cmocka_unit_test(alert_out_of_schedule_is_left_out),
        cmocka_unit_test(schedules_skip_slides),
        cmocka_unit_test(nothing_active_waits_for_the_opening_minute),
        cmocka_unit_test(held_slide_closes_to_empty),
        cmocka_unit_test(upcoming_that_left_its_schedule_is_replaced),
        cmocka_unit_test(cycling_loop_needs_no_recheck),
        cmocka_unit_test(unset_clock_plays_only_unscheduled),
        cmocka_unit_test(clip_is_held_until_it_is_over),
        cmocka_unit_test(lone_clip_plays_again),
        cmocka_unit_test(broken_clip_is_skipped),
    };
    return cmocka_run_group_tests_name("loop", tests, setup_tz, NULL);
}
