/* The calendar the screen follows: the clock's trust and the off hours,
 * checked at explicit times (the fake clock), as the player asks them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"
#include "model/calendar.h"

static const bt_hours night = {true, 21 * 60, 6 * 60}; /* 21:00-06:00 */
static const bt_hours none = {false, 0, 0};

static void off_hours_follow_the_wall_clock(void **state)
{
    (void)state;
    bt_calendar c = bt_calendar_at(&night, at(2031, 3, 5, 20, 59));
    assert_true(c.clock_known);
    assert_false(c.off);
    assert_int_equal(bt_calendar_update(&c, &night, at(2031, 3, 5, 21, 0)), BT_CALENDAR_OFF);
    assert_true(c.off);
    /* Nothing changes inside the span, across midnight. */
    assert_int_equal(bt_calendar_update(&c, &night, at(2031, 3, 6, 2, 0)), 0);
    assert_true(c.off);
    assert_int_equal(bt_calendar_update(&c, &night, at(2031, 3, 6, 6, 0)), BT_CALENDAR_OFF);
    assert_false(c.off);
}

static void the_next_change_is_the_edge_of_the_span(void **state)
{
    (void)state;
    bt_calendar c = bt_calendar_at(&night, at(2031, 3, 5, 10, 0));
    assert_int_equal(bt_calendar_next_change(&c, &night, at(2031, 3, 5, 10, 0)), at(2031, 3, 5, 21, 0));
    c = bt_calendar_at(&night, at(2031, 3, 5, 23, 0));
    assert_int_equal(bt_calendar_next_change(&c, &night, at(2031, 3, 5, 23, 0)), at(2031, 3, 6, 6, 0));
    /* Without off hours nothing changes by itself. */
    c = bt_calendar_at(&none, at(2031, 3, 5, 23, 0));
    assert_false(c.off);
    assert_int_equal(bt_calendar_next_change(&c, &none, at(2031, 3, 5, 23, 0)), (time_t)-1);
}

/* A board without a real-time clock boots in 1970: the screen must not sit
 * dark because of an hour that means nothing, and is dark again once the
 * clock is set inside the off hours. */
static void an_unknown_clock_never_darkens(void **state)
{
    (void)state;
    time_t boot = at(1970, 1, 1, 22, 0);
    bt_calendar c = bt_calendar_at(&night, boot);
    assert_false(c.clock_known);
    assert_false(c.off);
    assert_int_equal(bt_calendar_next_change(&c, &night, boot), (time_t)-1);
    unsigned changed = bt_calendar_update(&c, &night, at(2031, 3, 5, 22, 0));
    assert_int_equal(changed, BT_CALENDAR_CLOCK | BT_CALENDAR_OFF);
    assert_true(c.clock_known);
    assert_true(c.off);
    /* And back: a clock reset to 1970 lights the screen. */
    assert_int_equal(bt_calendar_update(&c, &night, boot), BT_CALENDAR_CLOCK | BT_CALENDAR_OFF);
    assert_false(c.off);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(off_hours_follow_the_wall_clock),
        cmocka_unit_test(the_next_change_is_the_edge_of_the_span),
        cmocka_unit_test(an_unknown_clock_never_darkens),
    };
    return cmocka_run_group_tests_name("calendar", tests, setup_tz, NULL);
}
