/* test_values.c: the small value parsers (colours, dates, hours, seconds,
 * booleans, days, sizes) and the "did you mean" suggestions. Tables of
 * (input, ok, expected). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/values.h"

#define N(a) (sizeof(a) / sizeof *(a))

static void test_color(void **state)
{
    static const struct {
        const char *in;
        bool ok;
        bt_color want;
    } t[] = {
        {"#0d47a1", true, {0x0d, 0x47, 0xa1, 255}}, {"#FFF", true, {255, 255, 255, 255}},
        {"#abc", true, {0xaa, 0xbb, 0xcc, 255}},    {"#ffca2880", true, {0xff, 0xca, 0x28, 0x80}},
        {"0d47a1", false, {0}},                     {"#12345", false, {0}},
        {"#gggggg", false, {0}},                    {"", false, {0}},
        {"#", false, {0}},                          {"blue", false, {0}},
    };
    for (size_t i = 0; i < N(t); i++) {
        bt_color c = {1, 2, 3, 4};
        assert_int_equal(bt_parse_color(t[i].in, &c), t[i].ok);
        if (t[i].ok)
            assert_memory_equal(&c, &t[i].want, sizeof c);
        else
            assert_int_equal(c.r, 1); /* untouched */
    }
}

static void test_date(void **state)
{
    static const struct {
        const char *in;
        bool ok;
        int y, m, d;
    } t[] = {
        {"2026-01-01", true, 2026, 1, 1}, {"2024-02-29", true, 2024, 2, 29},
        {"2026-02-29", false, 0, 0, 0},   {"2026-02-30", false, 0, 0, 0},
        {"2026-13-01", false, 0, 0, 0},   {"2026-00-10", false, 0, 0, 0},
        {"2026-04-31", false, 0, 0, 0},   {"2100-02-29", false, 0, 0, 0},
        {"2000-02-29", true, 2000, 2, 29}, {"26-01-01", false, 0, 0, 0},
        {"2026-1-1", false, 0, 0, 0},     {"2026-01-01x", false, 0, 0, 0},
        {"", false, 0, 0, 0},
    };
    for (size_t i = 0; i < N(t); i++) {
        bt_date d = {0};
        assert_int_equal(bt_parse_date(t[i].in, &d), t[i].ok);
        assert_int_equal(d.y, t[i].y);
        assert_int_equal(d.m, t[i].m);
        assert_int_equal(d.d, t[i].d);
    }
    bt_date a = {2026, 1, 2}, b = {2026, 1, 10};
    assert_true(bt_date_cmp(&a, &b) < 0);
    assert_true(bt_date_cmp(&b, &a) > 0);
    assert_int_equal(bt_date_cmp(&a, &a), 0);
}

static void test_hours(void **state)
{
    static const struct {
        const char *in;
        bool ok;
        int from, until;
    } t[] = {
        {"07:30-17:00", true, 450, 1020}, {"21:00-06:00", true, 1260, 360},
        {"7:30-17:00", true, 450, 1020},  {"07:30 - 17:00", true, 450, 1020},
        {"00:00-24:00", true, 0, 1440},   {"25:00-26:00", false, 0, 0},
        {"07:60-08:00", false, 0, 0},     {"24:00-06:00", false, 0, 0},
        {"08:00-08:00", false, 0, 0},     {"21:00", false, 0, 0},
        {"07:30-17:00x", false, 0, 0},    {"", false, 0, 0},
    };
    for (size_t i = 0; i < N(t); i++) {
        bt_hours h = {false, 0, 0};
        assert_int_equal(bt_parse_hours(t[i].in, &h), t[i].ok);
        assert_int_equal(h.set, t[i].ok);
        assert_int_equal(h.from_min, t[i].from);
        assert_int_equal(h.until_min, t[i].until);
    }
    int m = -1;
    assert_true(bt_parse_hhmm("23:59", false, &m));
    assert_int_equal(m, 1439);
    assert_false(bt_parse_hhmm("24:00", false, &m));
    assert_true(bt_parse_hhmm("24:00", true, &m));
}

static void test_seconds(void **state)
{
    static const struct {
        const char *in;
        bool ok;
        double want;
    } t[] = {
        {"12", true, 12},   {"2.5", true, 2.5}, {".5", true, 0.5}, {"-3", true, -3},
        {"0", true, 0},     {"1e3", false, 0},  {"0x10", false, 0}, {"inf", false, 0},
        {"nan", false, 0},  {"", false, 0},     {".", false, 0},   {"12s", false, 0},
        {"9999999999999", false, 0},
    };
    for (size_t i = 0; i < N(t); i++) {
        double v = 0;
        assert_int_equal(bt_parse_seconds(t[i].in, &v), t[i].ok);
        assert_true(v == t[i].want);
    }
    long l = 0;
    assert_true(bt_parse_long("600", &l));
    assert_int_equal(l, 600);
    assert_false(bt_parse_long("6.0", &l));
    assert_false(bt_parse_long("99999999999999999999999", &l));
}

static void test_bool_day_size(void **state)
{
    static const struct {
        const char *in;
        int want; /* -1: not a bool */
    } b[] = {{"true", 1}, {"True", 1}, {"TRUE", 1}, {"yes", 1}, {"on", 1},   {"false", 0},
             {"No", 0},   {"OFF", 0},  {"tRuE", -1}, {"1", -1}, {"maybe", -1}};
    for (size_t i = 0; i < N(b); i++) {
        bool v = false;
        assert_int_equal(bt_parse_bool(b[i].in, &v), b[i].want >= 0);
        if (b[i].want >= 0)
            assert_int_equal(v, b[i].want);
    }
    assert_int_equal(bt_parse_day("mon"), 0);
    assert_int_equal(bt_parse_day("Sunday"), 6);
    assert_int_equal(bt_parse_day("SAT"), 5);
    assert_int_equal(bt_parse_day("thur"), -1);
    assert_int_equal(bt_parse_day("mo"), -1);
    int w = 0, h = 0;
    assert_true(bt_parse_size("1920x1080", &w, &h));
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    assert_false(bt_parse_size("1920x", &w, &h));
    assert_false(bt_parse_size("0x10", &w, &h));
    assert_false(bt_parse_size("-5x10", &w, &h));
    bt_date d;
    int minute;
    assert_true(bt_parse_datetime("2026-03-01T07:45", &d, &minute));
    assert_int_equal(minute, 465);
    assert_false(bt_parse_datetime("2026-03-01", &d, &minute));
}

static void test_suggest(void **state)
{
    static const char *const keys[] = {"id", "title", "body", "image", "transition", "duration"};
    assert_string_equal(bt_suggest("titel", keys, 6), "title");
    assert_string_equal(bt_suggest("imgae", keys, 6), "image");
    assert_string_equal(bt_suggest("duraton", keys, 6), "duration");
    assert_string_equal(bt_suggest("Title", keys, 6), "title");
    assert_null(bt_suggest("wibble", keys, 6));
    assert_null(bt_suggest("x", keys, 0));
}

/* Page lists, libyaml style: each input and what it reads as ("" when it
 * is refused). */
static void test_pages(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"1-4,7", "1-4 7-7"},
        {"3", "3-3"},
        {" 2 - 5 , 9 ", "2-5 9-9"},
        {"5-", "5-0"},
        {"1,3-,2", "1-1 3-0 2-2"},
        {"4-4", "4-4"},
        {"7,1", "7-7 1-1"},
        {"999999", "999999-999999"},
        {"", ""},
        {"0", ""},
        {"1000000", ""},
        {"4-2", ""},
        {"1,,2", ""},
        {"1-4,", ""},
        {"-3", ""},
        {"1-2-3", ""},
        {"a", ""},
        {"1;2", ""},
        {"1.5", ""},
        {"+1", ""},
        {"1 2", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bt_page_range r[8];
        int n = -1;
        char got[200] = "";
        if (bt_parse_pages(cases[i].in, r, 8, &n))
            for (int k = 0, o = 0; k < n; k++)
                o += snprintf(got + o, sizeof got - (size_t)o, "%s%d-%d", k ? " " : "", r[k].from,
                              r[k].to);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("\"%s\": read as \"%s\", want \"%s\"", cases[i].in, got, cases[i].want);
    }
    /* At most max ranges, and BT_MAX_PAGE_RANGES. */
    bt_page_range r[BT_MAX_PAGE_RANGES + 1];
    int n;
    assert_false(bt_parse_pages("1,2,3", r, 2, &n));
    assert_true(bt_parse_pages("1,2", r, 2, &n));
    char many[1000] = "1";
    for (int i = 2; i <= BT_MAX_PAGE_RANGES + 1; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), ",%d", i);
    assert_false(bt_parse_pages(many, r, BT_MAX_PAGE_RANGES + 1, &n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color),   cmocka_unit_test(test_date),
        cmocka_unit_test(test_hours),   cmocka_unit_test(test_seconds),
        cmocka_unit_test(test_bool_day_size), cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_pages),
    };
    return cmocka_run_group_tests_name("values", tests, NULL, NULL);
}
