/* Schedules, display hours and the clock check under a fake clock: every
 * time is an explicit local time (Asia/Ho_Chi_Minh) made with mktime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/schedule.h"
#include "base/values.h"

#define MON (1 << 0)
#define TUE (1 << 1)
#define WED (1 << 2)
#define THU (1 << 3)
#define FRI (1 << 4)
#define SAT (1 << 5)
#define SUN (1 << 6)
#define DAY (24 * 3600)

/* A local time, seconds included. */
#define HOURS(a, b) ((bt_hours){true, (a), (b)})
#define HM(h, m) ((h) * 60 + (m))
#define NO_DATE {0, 0, 0}

/* ---- hours ------------------------------------------------------------------ */

static void hours_contains_table(void **state)
{
    (void)state;
    static const struct {
        const char *title;
        bt_hours h;
        int minute;
        bool expect;
    } cases[] = {
        {"day span, before", HOURS(HM(7, 30), HM(17, 0)), HM(7, 29), false},
        {"day span, first minute", HOURS(HM(7, 30), HM(17, 0)), HM(7, 30), true},
        {"day span, last minute", HOURS(HM(7, 30), HM(17, 0)), HM(16, 59), true},
        {"day span, end is exclusive", HOURS(HM(7, 30), HM(17, 0)), HM(17, 0), false},
        {"night span, before", HOURS(HM(22, 0), HM(2, 0)), HM(21, 59), false},
        {"night span, opens", HOURS(HM(22, 0), HM(2, 0)), HM(22, 0), true},
        {"night span, 23:59", HOURS(HM(22, 0), HM(2, 0)), HM(23, 59), true},
        {"night span, midnight", HOURS(HM(22, 0), HM(2, 0)), 0, true},
        {"night span, 01:59", HOURS(HM(22, 0), HM(2, 0)), HM(1, 59), true},
        {"night span, closes", HOURS(HM(22, 0), HM(2, 0)), HM(2, 0), false},
        {"night span, noon", HOURS(HM(22, 0), HM(2, 0)), HM(12, 0), false},
        {"to 24:00, 23:59", HOURS(HM(23, 0), 1440), HM(23, 59), true},
        {"to 24:00, midnight", HOURS(HM(23, 0), 1440), 0, false},
        {"to 00:00, 23:59", HOURS(HM(23, 0), 0), HM(23, 59), true},
        {"to 00:00, midnight", HOURS(HM(23, 0), 0), 0, false},
        {"same ends: all day", HOURS(HM(6, 0), HM(6, 0)), HM(3, 0), true},
        {"00:00-24:00: all day", HOURS(0, 1440), HM(23, 59), true},
        {"unset contains nothing", ((bt_hours){false, 0, 1440}), HM(12, 0), false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool got = bt_hours_contains(&cases[i].h, cases[i].minute);
        if (got != cases[i].expect)
            fail_msg("%s: got %d", cases[i].title, got);
    }
    assert_false(bt_hours_contains(NULL, 0));
}

/* display.off_hours: "21:00-06:00". */
static void off_hours(void **state)
{
    (void)state;
    bt_hours off;
    assert_true(bt_parse_hours("21:00-06:00", &off));
    assert_false(bt_in_hours(&off, at(2026, 11, 29, 20, 59)));
    assert_true(bt_in_hours(&off, at(2026, 11, 29, 21, 0)));
    assert_true(bt_in_hours(&off, at(2026, 11, 30, 5, 59)));
    assert_false(bt_in_hours(&off, at(2026, 11, 30, 6, 0)));

    assert_int_equal(bt_hours_next_change(&off, at(2026, 11, 29, 12, 0)), at(2026, 11, 29, 21, 0));
    assert_int_equal(bt_hours_next_change(&off, at(2026, 11, 29, 21, 0)), at(2026, 11, 30, 6, 0));
    assert_int_equal(bt_hours_next_change(&off, at_s(2026, 11, 30, 5, 59, 59)),
                     at(2026, 11, 30, 6, 0));
    /* Across a month and a year end. */
    assert_int_equal(bt_hours_next_change(&off, at(2026, 12, 31, 22, 0)), at(2027, 1, 1, 6, 0));

    bt_hours none = {false, 0, 0};
    time_t t = at(2026, 11, 29, 12, 0);
    assert_false(bt_in_hours(&none, t));
    assert_int_equal(bt_hours_next_change(&none, t), t + DAY);
    assert_int_equal(bt_hours_next_change(NULL, t), t + DAY);
}

/* ---- schedules -------------------------------------------------------------- */

static const bt_schedule friday_night = {NO_DATE, NO_DATE, FRI, {true, HM(22, 0), HM(2, 0)}};
static const bt_schedule year_2026 = {{2026, 1, 1}, {2026, 12, 31}, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule to_april = {NO_DATE, {2026, 4, 30}, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule from_march = {{2026, 3, 1}, NO_DATE, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule leap_day = {{2028, 2, 29}, {2028, 2, 29}, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule over_leap = {{2028, 2, 28}, {2028, 3, 1}, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule over_feb_2027 = {{2027, 2, 28}, {2027, 3, 1}, BT_DAYS_ALL, {false, 0, 0}};
static const bt_schedule nights_of_2026 = {{2026, 1, 1}, {2026, 12, 31}, BT_DAYS_ALL,
                                           {true, HM(22, 0), HM(2, 0)}};
static const bt_schedule weekdays = {NO_DATE, NO_DATE, MON | TUE | WED | THU | FRI, {false, 0, 0}};
static const bt_schedule weekend = {NO_DATE, NO_DATE, SAT | SUN, {false, 0, 0}};
static const bt_schedule office = {NO_DATE, NO_DATE, BT_DAYS_ALL & ~SUN,
                                   {true, HM(7, 30), HM(17, 0)}};
static const bt_schedule empty = {NO_DATE, NO_DATE, BT_DAYS_ALL, {false, 0, 0}};

static void schedule_active_table(void **state)
{
    (void)state;
    static const struct {
        const char *title;
        const bt_schedule *s;
        int y, mo, d, h, mi;
        bool expect;
    } cases[] = {
        /* Hours across midnight belong to the day they start on. */
        {"fri night: fri 21:59", &friday_night, 2026, 11, 27, 21, 59, false},
        {"fri night: fri 22:00", &friday_night, 2026, 11, 27, 22, 0, true},
        {"fri night: sat 00:00", &friday_night, 2026, 11, 28, 0, 0, true},
        {"fri night: sat 01:59", &friday_night, 2026, 11, 28, 1, 59, true},
        {"fri night: sat 02:00", &friday_night, 2026, 11, 28, 2, 0, false},
        {"fri night: sat 22:00", &friday_night, 2026, 11, 28, 22, 0, false},
        {"fri night: fri 00:30 is thursday's", &friday_night, 2026, 11, 27, 0, 30, false},
        /* Inclusive dates, first and last minute. */
        {"2026: 2025-12-31 23:59", &year_2026, 2025, 12, 31, 23, 59, false},
        {"2026: first minute", &year_2026, 2026, 1, 1, 0, 0, true},
        {"2026: last minute", &year_2026, 2026, 12, 31, 23, 59, true},
        {"2026: 2027-01-01 00:00", &year_2026, 2027, 1, 1, 0, 0, false},
        /* Month ends. */
        {"to april: 04-30 23:59", &to_april, 2026, 4, 30, 23, 59, true},
        {"to april: 05-01 00:00", &to_april, 2026, 5, 1, 0, 0, false},
        {"from march: 02-28 23:59", &from_march, 2026, 2, 28, 23, 59, false},
        {"from march: 03-01 00:00", &from_march, 2026, 3, 1, 0, 0, true},
        /* Leap days. */
        {"leap day: 02-28 23:59", &leap_day, 2028, 2, 28, 23, 59, false},
        {"leap day: 02-29 00:00", &leap_day, 2028, 2, 29, 0, 0, true},
        {"leap day: 02-29 23:59", &leap_day, 2028, 2, 29, 23, 59, true},
        {"leap day: 03-01 00:00", &leap_day, 2028, 3, 1, 0, 0, false},
        {"over leap: 02-29 noon", &over_leap, 2028, 2, 29, 12, 0, true},
        {"over leap: 03-01 23:59", &over_leap, 2028, 3, 1, 23, 59, true},
        {"over leap: 03-02 00:00", &over_leap, 2028, 3, 2, 0, 0, false},
        {"2027 has no 02-29: 03-01", &over_feb_2027, 2027, 3, 1, 12, 0, true},
        {"2027 has no 02-29: 03-02", &over_feb_2027, 2027, 3, 2, 0, 0, false},
        /* A night span on the last date runs past it, not into the first. */
        {"nights: 2027-01-01 01:59", &nights_of_2026, 2027, 1, 1, 1, 59, true},
        {"nights: 2027-01-01 02:00", &nights_of_2026, 2027, 1, 1, 2, 0, false},
        {"nights: 2027-01-01 22:00", &nights_of_2026, 2027, 1, 1, 22, 0, false},
        {"nights: 2026-01-01 00:30", &nights_of_2026, 2026, 1, 1, 0, 30, false},
        {"nights: 2026-01-01 22:00", &nights_of_2026, 2026, 1, 1, 22, 0, true},
        /* Days lists. */
        {"weekdays: fri", &weekdays, 2026, 11, 27, 10, 0, true},
        {"weekdays: sat", &weekdays, 2026, 11, 28, 10, 0, false},
        {"weekdays: sun", &weekdays, 2026, 11, 29, 10, 0, false},
        {"weekdays: mon", &weekdays, 2026, 11, 30, 10, 0, true},
        {"weekend: sat", &weekend, 2026, 11, 28, 0, 0, true},
        {"weekend: sun 23:59", &weekend, 2026, 11, 29, 23, 59, true},
        {"weekend: mon 00:00", &weekend, 2026, 11, 30, 0, 0, false},
        {"weekend: leap day is a tuesday", &weekend, 2028, 2, 29, 12, 0, false},
        {"office: sun", &office, 2026, 11, 29, 8, 0, false},
        {"office: mon 07:29", &office, 2026, 11, 30, 7, 29, false},
        {"office: mon 07:30", &office, 2026, 11, 30, 7, 30, true},
        {"office: mon 16:59", &office, 2026, 11, 30, 16, 59, true},
        {"office: mon 17:00", &office, 2026, 11, 30, 17, 0, false},
        {"office: sat 12:00", &office, 2026, 11, 28, 12, 0, true},
        {"empty schedule", &empty, 2026, 11, 29, 3, 0, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        time_t t = at(cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi);
        bool got = bt_schedule_active(cases[i].s, t, true);
        if (got != cases[i].expect)
            fail_msg("%s: got %d", cases[i].title, got);
        /* Any second of the minute answers the same. */
        if (bt_schedule_active(cases[i].s, t + 59, true) != got)
            fail_msg("%s: second 59 differs", cases[i].title);
    }
    assert_true(bt_schedule_active(NULL, at(2026, 11, 29, 3, 0), true));
}

/* ---- the clock -------------------------------------------------------------- */

static void unset_clock_plays_only_unscheduled(void **state)
{
    (void)state;
    time_t boot = 0; /* 1970-01-01 07:00 local: a board without RTC */
    assert_false(bt_clock_known(boot));
    assert_false(bt_clock_known(at(1970, 1, 2, 12, 0)));
    const bt_schedule *scheduled[] = {&year_2026, &weekdays, &office, &friday_night};
    for (size_t i = 0; i < sizeof scheduled / sizeof scheduled[0]; i++) {
        assert_false(bt_schedule_active(scheduled[i], boot, false));
        /* Even when the wrong clock happens to fall inside it. */
        assert_false(bt_schedule_active(scheduled[i], at(2026, 11, 30, 10, 0), false));
    }
    assert_true(bt_schedule_active(NULL, boot, false));
    assert_true(bt_schedule_active(&empty, boot, false));
}

/* The clock is known from the first second of the build date's local day. */
static void clock_known_from_build_date(void **state)
{
    (void)state;
    bt_date b;
    assert_true(bt_parse_date(BT_BUILD_DATE, &b));
    time_t midnight = at(b.y, b.m, b.d, 0, 0);
    assert_true(bt_clock_known(midnight));
    assert_false(bt_clock_known(midnight - 1));
    assert_true(bt_clock_known(midnight + 400 * DAY));
}

/* ---- the next change -------------------------------------------------------- */

static void next_change_table(void **state)
{
    (void)state;
    static const struct {
        const char *title;
        const bt_schedule *s;
        int y, mo, d, h, mi, sec;
        int ey, emo, ed, eh, emi; /* ey == 0: wall + 24 h */
    } cases[] = {
        {"office opens", &office, 2026, 11, 30, 6, 0, 0, 2026, 11, 30, 7, 30},
        {"office closes", &office, 2026, 11, 30, 7, 30, 0, 2026, 11, 30, 17, 0},
        {"office closes, a second before", &office, 2026, 11, 30, 16, 59, 59, 2026, 11, 30, 17, 0},
        {"office opens tomorrow", &office, 2026, 11, 30, 17, 0, 0, 2026, 12, 1, 7, 30},
        {"office closed sunday: saturday 17:00 waits 24 h", &office, 2026, 11, 28, 17, 0, 0, 0,
         0, 0, 0, 0},
        {"office opens monday", &office, 2026, 11, 29, 8, 0, 0, 2026, 11, 30, 7, 30},
        {"fri night from thursday", &friday_night, 2026, 11, 26, 23, 0, 0, 2026, 11, 27, 22, 0},
        {"fri night opens", &friday_night, 2026, 11, 27, 21, 0, 0, 2026, 11, 27, 22, 0},
        {"fri night closes saturday", &friday_night, 2026, 11, 27, 22, 0, 0, 2026, 11, 28, 2, 0},
        {"fri night closed: 24 h", &friday_night, 2026, 11, 28, 2, 0, 0, 0, 0, 0, 0, 0},
        {"2026 ends at midnight", &year_2026, 2026, 12, 31, 10, 0, 0, 2027, 1, 1, 0, 0},
        {"2026 starts at midnight", &year_2026, 2025, 12, 31, 23, 59, 59, 2026, 1, 1, 0, 0},
        {"april ends", &to_april, 2026, 4, 30, 12, 0, 0, 2026, 5, 1, 0, 0},
        {"weekdays: friday ends", &weekdays, 2026, 11, 27, 15, 0, 0, 2026, 11, 28, 0, 0},
        {"weekdays: saturday waits 24 h", &weekdays, 2026, 11, 28, 10, 0, 0, 0, 0, 0, 0, 0},
        {"weekdays: sunday evening", &weekdays, 2026, 11, 29, 20, 0, 0, 2026, 11, 30, 0, 0},
        {"leap day starts", &leap_day, 2028, 2, 28, 12, 0, 0, 2028, 2, 29, 0, 0},
        {"leap day ends", &leap_day, 2028, 2, 29, 0, 0, 0, 2028, 3, 1, 0, 0},
        {"nights of 2026: last one closes", &nights_of_2026, 2026, 12, 31, 23, 0, 0, 2027, 1, 1,
         2, 0},
        {"nights of 2026: over", &nights_of_2026, 2027, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0},
        {"empty never changes", &empty, 2026, 11, 29, 3, 0, 0, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        time_t wall = at_s(cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi,
                           cases[i].sec);
        time_t expect = cases[i].ey ? at(cases[i].ey, cases[i].emo, cases[i].ed, cases[i].eh,
                                         cases[i].emi)
                                    : wall + DAY;
        time_t got = bt_schedule_next_change(cases[i].s, wall);
        if (got != expect)
            fail_msg("%s: got %+ld s from the expected time", cases[i].title,
                     (long)(got - expect));
    }
    assert_int_equal(bt_schedule_next_change(NULL, 1000), 1000 + DAY);
}

/* For many schedules and times: the next change is after wall and at most
 * 24 h away, the state holds still at every minute before it, and it
 * really changes there unless it is the 24 h cap. */
static void next_change_is_exact(void **state)
{
    (void)state;
    const bt_schedule *all[] = {&friday_night, &year_2026, &to_april,  &leap_day, &over_leap,
                                &nights_of_2026, &weekdays, &weekend,  &office,   &empty};
    unsigned seed = 4;
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        for (int n = 0; n < 40; n++) {
            /* Around the dates the schedules care about. */
            time_t base = n % 2 ? at(2026, 11, 25, 0, 0) : at(2028, 2, 26, 0, 0);
            if (all[k] == &year_2026 || all[k] == &nights_of_2026)
                base = n % 2 ? at(2025, 12, 29, 0, 0) : at(2026, 12, 29, 0, 0);
            if (all[k] == &to_april)
                base = at(2026, 4, 28, 0, 0);
            time_t wall = base + (time_t)(rand_r(&seed) % (5 * DAY));
            time_t next = bt_schedule_next_change(all[k], wall);
            assert_true(next > wall);
            assert_true(next - wall <= DAY);
            bool now = bt_schedule_active(all[k], wall, true);
            for (time_t t = wall - wall % 60 + 60; t < next; t += 60)
                if (bt_schedule_active(all[k], t, true) != now)
                    fail_msg("schedule %zu, wall %ld: changed at %ld before %ld", k, (long)wall,
                             (long)t, (long)next);
            if (next != wall + DAY) {
                assert_true(bt_schedule_active(all[k], next, true) != now);
                assert_int_equal(next % 60, 0); /* on a minute boundary */
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hours_contains_table),
        cmocka_unit_test(off_hours),
        cmocka_unit_test(schedule_active_table),
        cmocka_unit_test(unset_clock_plays_only_unscheduled),
        cmocka_unit_test(clock_known_from_build_date),
        cmocka_unit_test(next_change_table),
        cmocka_unit_test(next_change_is_exact),
    };
    return cmocka_run_group_tests(tests, setup_tz, NULL);
}
