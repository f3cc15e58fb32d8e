/* test_opening.c: opening hours and the screen's standby state machine,
 * with the fake clock, in the kiosks' zone (Asia/Ho_Chi_Minh, no daylight
 * saving), in UTC, and in Europe/Berlin on the nights its clocks change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/tz.h"
#include "fake_clock.h"
#include "model/opening.h"

static void use_zone(const char *zone)
{
    char err[300] = "";
    if (!bt_tz_apply(zone, err, sizeof err))
        fail_msg("%s: %s", zone, err);
}

static int setup_hcm(void **state)
{
    use_zone("Asia/Ho_Chi_Minh");
    return 0;
}

/* Sets day mask's spans from text, as the settings reader does. */
static void set_days(bt_opening *o, uint8_t days, const char *spans)
{
    bt_hours h[BT_OPENING_MAX_SPANS];
    int n;
    const char *why;
    assert_true(bt_opening_parse_spans(spans, h, &n, &why));
    o->set = true;
    for (int d = 0; d < 7; d++)
        if (days & (1u << d)) {
            memcpy(o->span[d], h, sizeof h);
            o->n[d] = n;
        }
}

/* The ward office: mornings and afternoons on weekdays, Saturday morning,
 * closed on Sunday. */
static bt_opening office(void)
{
    bt_opening o = {0};
    set_days(&o, bt_opening_parse_days("mon-fri"), "07:00-11:30, 13:30-17:00");
    set_days(&o, bt_opening_parse_days("sat"), "07:00-11:30");
    set_days(&o, bt_opening_parse_days("sun"), "off");
    return o;
}

/* ---- reading -------------------------------------------------------------- */

static void test_parse_days(void **state)
{
    static const struct {
        const char *key;
        uint8_t days;
    } cases[] = {
        {"mon-fri", 0x1f},   {"sat", 0x20},       {"sun", 0x40},        {"monday", 0x01},
        {"fri-mon", 0x71},   {"mon, wed, fri-sat", 0x35},                {"Mon-Sun", 0x7f},
        {"tue - thu", 0x0e}, {"sun-sun", 0x40},   {"mon-", 0},          {"thur", 0},
        {"", 0},             {"mon,,tue", 0},     {"mon-fri-sat", 0},   {"weekdays", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        uint8_t got = bt_opening_parse_days(cases[i].key);
        if (got != cases[i].days)
            fail_msg("\"%s\": 0x%02x, expected 0x%02x", cases[i].key, got, cases[i].days);
    }
}

static void test_parse_spans(void **state)
{
    bt_hours h[BT_OPENING_MAX_SPANS];
    int n = -1;
    const char *why = NULL;
    assert_true(bt_opening_parse_spans("13:30-17:00, 07:00-11:30", h, &n, &why));
    assert_int_equal(n, 2); /* sorted by start */
    assert_int_equal(h[0].from_min, 7 * 60);
    assert_int_equal(h[0].until_min, 11 * 60 + 30);
    assert_int_equal(h[1].from_min, 13 * 60 + 30);
    assert_true(bt_opening_parse_spans("off", h, &n, &why));
    assert_int_equal(n, 0);
    assert_true(bt_opening_parse_spans("22:00-02:00, 07:00-09:00", h, &n, &why));
    assert_int_equal(n, 2);
    assert_true(bt_opening_parse_spans("00:00-24:00", h, &n, &why));
    assert_int_equal(h[0].until_min, 1440);
    /* Monday 01:00-03:00 and Monday 22:00 to Tuesday 02:00 do not meet. */
    assert_true(bt_opening_parse_spans("01:00-03:00, 22:00-02:00", h, &n, &why));

    assert_false(bt_opening_parse_spans("25:61-26:00", h, &n, &why));
    assert_false(bt_opening_parse_spans("07:00", h, &n, &why));
    assert_false(bt_opening_parse_spans("07:00-17:00,", h, &n, &why));
    assert_false(bt_opening_parse_spans("on", h, &n, &why));
    assert_false(bt_opening_parse_spans("07:00-12:00, 11:00-13:00", h, &n, &why));
    assert_string_equal(why, "two of these spans overlap");
    /* 23:00-08:00 runs into tomorrow's 07:00-08:00, not today's: within
     * one day they do not meet (across days they do: see below). */
    assert_true(bt_opening_parse_spans("23:00-08:00, 07:00-09:00", h, &n, &why));
    assert_false(bt_opening_parse_spans("01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, "
                                        "09:00-10:00",
                                        h, &n, &why));
    assert_string_equal(why, "a day may have at most 4 spans");
}

static void test_overlap_across_days(void **state)
{
    bt_opening o = {0};
    int da, sa, db, sb;
    set_days(&o, 0x01, "22:00-02:00"); /* Monday into Tuesday */
    set_days(&o, 0x02, "01:00-05:00");
    assert_true(bt_opening_overlap(&o, &da, &sa, &db, &sb));
    assert_int_equal(da, 0);
    assert_int_equal(db, 1);

    bt_opening w = {0};
    set_days(&w, 0x40, "23:00-01:00"); /* Sunday into Monday, over the week's end */
    set_days(&w, 0x01, "00:30-02:00");
    assert_true(bt_opening_overlap(&w, &da, &sa, &db, &sb));
    assert_int_equal(da, 0);
    assert_int_equal(db, 6);

    /* The same value on every weekday: Monday's night meets Tuesday's morning. */
    bt_opening m = {0};
    set_days(&m, bt_opening_parse_days("mon-fri"), "23:00-08:00, 07:00-09:00");
    assert_true(bt_opening_overlap(&m, &da, &sa, &db, &sb));
    assert_int_equal(da, 0);
    assert_int_equal(sa, 1); /* sorted: 07:00 first, 23:00 second */
    assert_int_equal(db, 1);
    assert_int_equal(sb, 0);

    bt_opening ok = office();
    assert_false(bt_opening_overlap(&ok, &da, &sa, &db, &sb));
}

/* ---- open at a time, per weekday ------------------------------------------- */

static void test_is_open_per_weekday(void **state)
{
    bt_opening o = office();
    /* 2026-03-16 is a Monday. */
    for (int d = 16; d <= 20; d++) {
        assert_false(bt_opening_is_open(&o, at(2026, 3, d, 6, 59)));
        assert_true(bt_opening_is_open(&o, at(2026, 3, d, 7, 0)));
        assert_true(bt_opening_is_open(&o, at(2026, 3, d, 11, 29)));
        assert_false(bt_opening_is_open(&o, at(2026, 3, d, 11, 30))); /* lunch */
        assert_true(bt_opening_is_open(&o, at(2026, 3, d, 13, 30)));
        assert_true(bt_opening_is_open(&o, at_s(2026, 3, d, 16, 59, 59)));
        assert_false(bt_opening_is_open(&o, at(2026, 3, d, 17, 0)));
    }
    assert_true(bt_opening_is_open(&o, at(2026, 3, 21, 8, 0)));   /* Saturday morning */
    assert_false(bt_opening_is_open(&o, at(2026, 3, 21, 14, 0))); /* not its afternoon */
    assert_false(bt_opening_is_open(&o, at(2026, 3, 22, 9, 0)));  /* Sunday: off */

    bt_opening none = {0};
    assert_true(bt_opening_is_open(&none, at(2026, 3, 22, 3, 0))); /* no hours: open */
    assert_true(bt_opening_is_open(NULL, at(2026, 3, 22, 3, 0)));
}

static void test_across_midnight(void **state)
{
    bt_opening o = {0};
    set_days(&o, bt_opening_parse_days("fri"), "22:00-02:00");
    assert_false(bt_opening_is_open(&o, at(2026, 3, 20, 21, 59)));
    assert_true(bt_opening_is_open(&o, at(2026, 3, 20, 22, 0)));  /* Friday */
    assert_true(bt_opening_is_open(&o, at(2026, 3, 21, 1, 59)));  /* Saturday, Friday's span */
    assert_false(bt_opening_is_open(&o, at(2026, 3, 21, 2, 0)));
    assert_false(bt_opening_is_open(&o, at(2026, 3, 21, 23, 0))); /* Saturday has none */
    assert_false(bt_opening_is_open(&o, at(2026, 3, 20, 1, 0)));  /* Thursday's had none */
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 20, 12, 0)), at(2026, 3, 20, 22, 0));
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 20, 23, 0)), at(2026, 3, 21, 2, 0));

    /* Sunday's night span runs into Monday, over the week's end. */
    bt_opening s = {0};
    set_days(&s, bt_opening_parse_days("sun"), "23:00-01:00");
    assert_true(bt_opening_is_open(&s, at(2026, 3, 23, 0, 30)));  /* Monday */
    assert_false(bt_opening_is_open(&s, at(2026, 3, 24, 0, 30))); /* Tuesday */
}

static void test_next_change(void **state)
{
    bt_opening o = office();
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 16, 6, 0)), at(2026, 3, 16, 7, 0));
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 16, 7, 0)), at(2026, 3, 16, 11, 30));
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 16, 11, 30)),
                     at(2026, 3, 16, 13, 30));
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 20, 17, 0)), at(2026, 3, 21, 7, 0));
    /* Saturday noon to Monday morning: more than a day ahead. */
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 21, 11, 30)), at(2026, 3, 23, 7, 0));
    /* Touching spans are one opening. */
    bt_opening t = {0};
    set_days(&t, 0x7f, "07:00-12:00, 12:00-17:00");
    assert_int_equal(bt_opening_next_change(&t, at(2026, 3, 16, 8, 0)), at(2026, 3, 16, 17, 0));
    /* Nothing changes: a day later, to ask again. */
    bt_opening all = {0};
    set_days(&all, 0x7f, "00:00-24:00");
    time_t w = at(2026, 3, 16, 8, 0);
    assert_true(bt_opening_is_open(&all, at(2026, 3, 16, 0, 0)));
    assert_int_equal(bt_opening_next_change(&all, w), w + 24 * 3600);
    bt_opening closed = {.set = true};
    assert_false(bt_opening_is_open(&closed, w));
    assert_int_equal(bt_opening_next_change(&closed, w), w + 24 * 3600);
    assert_int_equal(bt_opening_next_change(NULL, w), w + 24 * 3600);
}

/* The same hours read in another zone are other instants: the kiosk's zone
 * decides, not the machine's. */
static void test_zones(void **state)
{
    bt_opening o = office();
    time_t utc1 = 1773622800; /* 2026-03-16 01:00 UTC, a Monday: 08:00 in Viet Nam */
    use_zone("Asia/Ho_Chi_Minh");
    assert_true(bt_opening_is_open(&o, utc1));
    assert_int_equal(bt_opening_next_change(&o, utc1), utc1 + (3 * 3600 + 1800));
    use_zone("UTC");
    assert_false(bt_opening_is_open(&o, utc1));
    assert_int_equal(bt_opening_next_change(&o, utc1), utc1 + 6 * 3600);
    assert_int_equal(at(2026, 3, 16, 1, 0), utc1);
    use_zone("Asia/Ho_Chi_Minh");
    assert_int_equal(at(2026, 3, 16, 8, 0), utc1);
}

/* Europe/Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST; 2026-10-25 03:00
 * CEST becomes 02:00 CET. */
static void test_berlin_clock_changes(void **state)
{
    use_zone("Europe/Berlin");
    bt_opening o = {0};
    set_days(&o, bt_opening_parse_days("mon-fri"), "07:00-17:00");
    set_days(&o, bt_opening_parse_days("sat"), "07:00-11:30");

    /* Saturday 11:30 to Monday 07:00 is 43.5 hours on the wall, 42.5 real
     * ones when the clocks go forward in between, 44.5 when they go back. */
    time_t sat = at(2026, 3, 28, 11, 30);
    assert_int_equal(bt_opening_next_change(&o, sat), at(2026, 3, 30, 7, 0));
    assert_int_equal(bt_opening_next_change(&o, sat) - sat, 42 * 3600 + 1800);
    sat = at(2026, 10, 24, 11, 30);
    assert_int_equal(bt_opening_next_change(&o, sat) - sat, 44 * 3600 + 1800);
    assert_true(bt_opening_is_open(&o, at(2026, 3, 30, 7, 0)));
    assert_true(bt_opening_is_open(&o, at(2026, 10, 26, 7, 0)));

    /* A night span that ends at 02:30, a time that does not exist on
     * 29 March: it ends when the clocks jump, 03:00 CEST (01:00 UTC). */
    bt_opening n = {0};
    set_days(&n, bt_opening_parse_days("sat"), "22:00-02:30");
    time_t eve = at(2026, 3, 28, 23, 0);
    assert_true(bt_opening_is_open(&n, at_s(2026, 3, 29, 1, 59, 59)));
    assert_int_equal(bt_opening_next_change(&n, eve), 1774746000); /* 2026-03-29 01:00 UTC */
    assert_int_equal(bt_opening_next_change(&n, eve), at(2026, 3, 29, 3, 0));
    assert_false(bt_opening_is_open(&n, at(2026, 3, 29, 3, 0)));
    /* Monday's opening after that night, in summer time. */
    assert_int_equal(bt_opening_next_change(&o, at(2026, 3, 29, 12, 0)), at(2026, 3, 30, 7, 0));
    use_zone("Asia/Ho_Chi_Minh");
}

/* ---- the standby state machine -------------------------------------------- */

static void test_standby_sleep_and_wake(void **state)
{
    bt_opening o = office();
    bt_standby s;
    bt_standby_init(&s, &o);
    uint64_t ms = 1000;
    time_t w = at(2026, 3, 16, 16, 59); /* Monday, open */
    /* The first update always says what the screen must be. */
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_ON);
    assert_int_equal(s.state, BT_STANDBY_PLAYING);
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_NONE);
    /* The deadline is the closing minute. */
    assert_int_equal(bt_standby_deadline(&s, ms, w, true, NULL), ms + 60000);
    ms += 60000;
    w += 60; /* 17:00: closed */
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_OFF);
    assert_int_equal(s.state, BT_STANDBY_ASLEEP);
    assert_int_equal(bt_standby_update(&s, ms + 5, w, true, NULL), BT_POWER_NONE);
    /* Asleep until Tuesday 07:00: 14 hours. */
    assert_int_equal(bt_standby_deadline(&s, ms, w, true, NULL), ms + 14ull * 3600 * 1000);

    /* A touch at 19:00 wakes it for the idle timeout. */
    ms += 2 * 3600 * 1000;
    w += 2 * 3600;
    assert_true(bt_standby_input(&s, ms, 45000));
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_ON);
    assert_int_equal(s.state, BT_STANDBY_WOKEN);
    assert_int_equal(bt_standby_deadline(&s, ms, w, true, NULL), ms + 45000);
    /* Another touch 30 s later: used, not swallowed, and the time restarts. */
    assert_false(bt_standby_input(&s, ms + 30000, 45000));
    assert_int_equal(bt_standby_update(&s, ms + 30000, w + 30, true, NULL), BT_POWER_NONE);
    assert_int_equal(bt_standby_deadline(&s, ms + 30000, w + 30, true, NULL), ms + 75000);
    assert_int_equal(bt_standby_update(&s, ms + 74999, w + 74, true, NULL), BT_POWER_NONE);
    assert_int_equal(s.state, BT_STANDBY_WOKEN);
    /* Idle for 45 s: down again. */
    assert_int_equal(bt_standby_update(&s, ms + 75000, w + 75, true, NULL), BT_POWER_OFF);
    assert_int_equal(s.state, BT_STANDBY_ASLEEP);
}

static void test_standby_woken_into_opening(void **state)
{
    bt_opening o = office();
    bt_standby s;
    bt_standby_init(&s, &o);
    time_t w = at_s(2026, 3, 17, 6, 59, 50); /* Tuesday 06:59:50 */
    uint64_t ms = 500;
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_OFF);
    assert_true(bt_standby_input(&s, ms, 45000));
    assert_int_equal(bt_standby_update(&s, ms, w, true, NULL), BT_POWER_ON);
    /* The office opens during the wake: it plays on, no second ON. */
    assert_int_equal(bt_standby_deadline(&s, ms, w, true, NULL), ms + 10000);
    assert_int_equal(bt_standby_update(&s, ms + 10000, w + 10, true, NULL), BT_POWER_NONE);
    assert_int_equal(s.state, BT_STANDBY_PLAYING);
    assert_int_equal(bt_standby_update(&s, ms + 60000, w + 60, true, NULL), BT_POWER_NONE);
    assert_false(bt_standby_input(&s, ms + 61000, 45000)); /* an ordinary touch */
}

/* display.off_hours inside the opening hours: dark but powered, as before. */
static void test_standby_off_hours(void **state)
{
    bt_opening o = {0};
    set_days(&o, 0x7f, "06:00-22:00");
    bt_hours off;
    assert_true(bt_parse_hours("12:00-13:00", &off));
    bt_standby s;
    bt_standby_init(&s, &o);
    time_t w = at(2026, 3, 16, 11, 0);
    uint64_t ms = 0;
    assert_int_equal(bt_standby_update(&s, ms, w, true, &off), BT_POWER_ON);
    assert_int_equal(bt_standby_deadline(&s, ms, w, true, &off), 3600 * 1000);
    assert_int_equal(bt_standby_update(&s, 3600000, w + 3600, true, &off), BT_POWER_NONE);
    assert_int_equal(s.state, BT_STANDBY_DARK);
    assert_false(bt_standby_input(&s, 3600000, 45000)); /* touch works as before */
    assert_int_equal(bt_standby_update(&s, 7200000, w + 7200, true, &off), BT_POWER_NONE);
    assert_int_equal(s.state, BT_STANDBY_PLAYING);
    /* From 22:00 closed: powered down, whatever off_hours say. */
    assert_int_equal(bt_standby_update(&s, 0, at(2026, 3, 16, 22, 0), true, &off), BT_POWER_OFF);
}

/* A clock that reads earlier than the build date: never powered down. */
static void test_standby_unknown_clock(void **state)
{
    bt_opening o = office();
    bt_standby s;
    bt_standby_init(&s, &o);
    time_t boot = at(1970, 1, 4, 3, 0); /* a Sunday night, as a board without RTC reads */
    assert_int_equal(bt_standby_update(&s, 0, boot, false, NULL), BT_POWER_ON);
    assert_int_equal(s.state, BT_STANDBY_PLAYING);
    assert_int_equal(bt_standby_deadline(&s, 0, boot, false, NULL), 60000);
    /* The clock is set: Sunday, closed. */
    assert_int_equal(bt_standby_update(&s, 60000, at(2026, 3, 22, 3, 0), true, NULL),
                     BT_POWER_OFF);
    /* No hours at all: nothing is ever due. */
    bt_standby n;
    bt_standby_init(&n, NULL);
    assert_int_equal(bt_standby_update(&n, 0, boot, true, NULL), BT_POWER_ON);
    assert_int_equal(bt_standby_deadline(&n, 0, boot, true, NULL), UINT64_MAX);
    assert_false(bt_standby_input(&n, 0, 45000));
    assert_string_equal(bt_standby_state_name(BT_STANDBY_ASLEEP), "asleep");
}

/* ---- the time zone itself ------------------------------------------------ */

static void test_tz_check(void **state)
{
    char err[300];
    assert_true(bt_tz_check("Asia/Ho_Chi_Minh", err, sizeof err));
    assert_true(bt_tz_check("UTC", err, sizeof err)); /* a link to Etc/UTC */
    assert_true(bt_tz_check("Etc/GMT-7", err, sizeof err));
    static const struct {
        const char *name, *words;
    } bad[] = {
        {"Asia/Hanoi_City", "does not know the time zone \"Asia/Hanoi_City\""},
        {"../../../etc/passwd", "may not contain \"..\""},
        {"Asia/../Asia/Ho_Chi_Minh", "may not contain \"..\""},
        {"/usr/share/zoneinfo/UTC", "not a path starting with '/'"},
        {"Asia", "is a group of time zones"},
        {"Asia/", "ends with '/'"},
        {"", "is empty"},
        {"Asia//Ho_Chi_Minh", "is not a time zone name"},
        {"UTC+7 ", "is not a time zone name"},
        {"Asia/Hồ_Chí_Minh", "is not a time zone name"},
        {".hidden", "may not contain"},
        {"zone.tab", "is not a time zone name"},
        {"leapseconds", "is not a time zone file"},
        {"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "too long"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = '\0';
        if (bt_tz_check(bad[i].name, err, sizeof err))
            fail_msg("\"%s\" was accepted", bad[i].name);
        if (!strstr(err, bad[i].words))
            fail_msg("\"%s\": \"%s\", expected \"%s\"", bad[i].name, err, bad[i].words);
    }
    /* A zone refused leaves the process's zone as it was. */
    use_zone("Asia/Ho_Chi_Minh");
    assert_false(bt_tz_apply("Nowhere/City", err, sizeof err));
    assert_string_equal(getenv("TZ"), ":Asia/Ho_Chi_Minh");
}

/* ---- what --status shows ---------------------------------------------------- */

static void test_facts_for_status(void **state)
{
    bt_opening o = office();
    bt_standby s;
    bt_standby_init(&s, &o);
    bt_screen_facts f, g;
    time_t w = at(2026, 3, 14, 12, 0); /* Saturday noon: closed since 11:30 */
    bt_standby_facts(&s, w, true, &f);
    assert_string_equal(f.power, "unknown"); /* nothing told the screen yet */

    assert_int_equal(bt_standby_update(&s, 1000, w, true, NULL), BT_POWER_OFF);
    bt_standby_facts(&s, w, true, &f);
    assert_string_equal(f.power, "off");
    assert_string_equal(f.state, "asleep");
    assert_true(f.has_hours);
    assert_false(f.open);
    /* Closed over Sunday: it opens on Monday at 07:00. */
    assert_int_equal(f.next_change, at(2026, 3, 16, 7, 0));
    assert_true(f.next_opens);

    /* Woken by a touch: powered, still closed, the same next change. */
    assert_true(bt_standby_input(&s, 2000, 45000));
    assert_int_equal(bt_standby_update(&s, 2000, w + 1, true, NULL), BT_POWER_ON);
    bt_standby_facts(&s, w + 1, true, &g);
    assert_string_equal(g.power, "on");
    assert_string_equal(g.state, "woken");
    assert_false(g.open);
    assert_int_equal(g.next_change, f.next_change);
    assert_true(bt_screen_facts_differ(&f, &g));
    bt_standby_facts(&s, w + 2, true, &f);
    assert_false(bt_screen_facts_differ(&f, &g)); /* a second later: nothing to write */

    /* Monday 08:00, open: the next change is the closing at 11:30. */
    w = at(2026, 3, 16, 8, 0);
    assert_int_equal(bt_standby_update(&s, 3600000, w, true, NULL), BT_POWER_NONE);
    bt_standby_facts(&s, w, true, &f);
    assert_string_equal(f.power, "on");
    assert_string_equal(f.state, "playing");
    assert_true(f.open);
    assert_int_equal(f.next_change, at(2026, 3, 16, 11, 30));
    assert_false(f.next_opens);

    /* The clock not set: the hours are not applied, no change to show. */
    bt_standby_facts(&s, at(1970, 1, 1, 20, 0), false, &f);
    assert_false(f.clock_known);
    assert_true(f.open);
    assert_int_equal(f.next_change, (time_t)-1);

    /* No hours: always open, never a change. */
    bt_standby n;
    bt_standby_init(&n, NULL);
    assert_int_equal(bt_standby_update(&n, 1000, w, true, NULL), BT_POWER_ON);
    bt_standby_facts(&n, w, true, &f);
    assert_false(f.has_hours);
    assert_true(f.open);
    assert_string_equal(f.power, "on");
    assert_int_equal(f.next_change, (time_t)-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_days),
        cmocka_unit_test(test_parse_spans),
        cmocka_unit_test(test_overlap_across_days),
        cmocka_unit_test(test_is_open_per_weekday),
        cmocka_unit_test(test_across_midnight),
        cmocka_unit_test(test_next_change),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_berlin_clock_changes),
        cmocka_unit_test(test_standby_sleep_and_wake),
        cmocka_unit_test(test_standby_woken_into_opening),
        cmocka_unit_test(test_standby_off_hours),
        cmocka_unit_test(test_standby_unknown_clock),
        cmocka_unit_test(test_tz_check),
        cmocka_unit_test(test_facts_for_status),
    };
    return cmocka_run_group_tests(tests, setup_hcm, NULL);
}
