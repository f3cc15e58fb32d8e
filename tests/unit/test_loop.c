/* The loop's choice of the next slide and of its deadlines, under a fake
 * clock: the loop never reads a clock, so time is just a number here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "loop.h"

static bt_slide slides[3];
static bt_tip tips[3];

static bt_playlist make(int n_slides, int n_tips)
{
    bt_playlist pl;
    memset(&pl, 0, sizeof pl);
    memset(slides, 0, sizeof slides);
    const int durations[3] = {10000, 5000, 12000};
    for (int i = 0; i < 3; i++)
        slides[i].duration_ms = durations[i];
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cycles_in_order_with_each_duration),
        cmocka_unit_test(late_change_counts_from_when_shown),
        cmocka_unit_test(one_slide_never_changes),
        cmocka_unit_test(deadlines_survive_49_days),
        cmocka_unit_test(tips_rotate_on_their_interval),
    };
    return cmocka_run_group_tests_name("loop", tests, NULL, NULL);
}
