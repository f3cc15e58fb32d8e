/* The play report: the range argument, totals per slide and per topic that
 * match a log the test writes, inclusive range filtering across monthly
 * files, and failures. Records are dated in 2099 so that the clock that
 * wrote them counts as known and they rotate (see test_playlog.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "library/playlog.h"
#include "library/report.h"
#include "base/values.h"

static int make_dir(void **state)
{
    char *dir = strdup("/tmp/bt-report-XXXXXX");
    if (!dir || !mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static int remove_dir(void **state)
{
    DIR *d = opendir(*state);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                unlinkat(dirfd(d), e->d_name, 0);
        closedir(d);
    }
    rmdir(*state);
    free(*state);
    return 0;
}

/* ---- the range ---------------------------------------------------------------- */

static void parse_range_table(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
        bt_date from, to;
    } cases[] = {
        {"2026-11-01..2026-11-30", true, {2026, 11, 1}, {2026, 11, 30}},
        {"2026-11-29", true, {2026, 11, 29}, {2026, 11, 29}},
        {"2026-11-29..2026-11-29", true, {2026, 11, 29}, {2026, 11, 29}},
        {"2026-11-01..", true, {2026, 11, 1}, {9999, 12, 31}},
        {"..2026-11-30", true, {1970, 1, 1}, {2026, 11, 30}},
        {"2028-02-29..2028-03-01", true, {2028, 2, 29}, {2028, 3, 1}},
        {"2026-11-30..2026-11-01", false, {0}, {0}}, /* backwards */
        {"2027-02-29", false, {0}, {0}},
        {"..", false, {0}, {0}},
        {"", false, {0}, {0}},
        {"2026-11-01...2026-11-30", false, {0}, {0}},
        {"2026-11-01..2026-11-30x", false, {0}, {0}},
        {"2026-11-01-2026-11-30", false, {0}, {0}},
        {"yesterday", false, {0}, {0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bt_date from = {1, 1, 1}, to = {1, 1, 1};
        bool ok = bt_report_parse_range(cases[i].s, &from, &to);
        if (ok != cases[i].ok)
            fail_msg("%s: %d", cases[i].s, ok);
        if (ok && (bt_date_cmp(&from, &cases[i].from) || bt_date_cmp(&to, &cases[i].to)))
            fail_msg("%s: %04d-%02d-%02d..%04d-%02d-%02d", cases[i].s, from.y, from.m, from.d,
                     to.y, to.m, to.d);
        if (!ok && (from.y != 1 || to.y != 1))
            fail_msg("%s: outputs touched on failure", cases[i].s);
    }
}

/* ---- totals ------------------------------------------------------------------- */

static const struct {
    int mo, d, h, mi, s;
    const char *playlist, *id;
    double seconds;
    bool touch;
} plays[] = {
    {11, 28, 23, 59, 59, "An toàn, 2099", "otp", 10, false},
    {11, 29, 0, 0, 0, "An toàn, 2099", "otp", 12, false},
    {11, 29, 8, 0, 12, "An toàn, 2099", "mat-khau", 8.5, false},
    {11, 29, 9, 0, 0, "An toàn, 2099", "lua-dao", 30.2, true},
    {11, 29, 9, 30, 0, "=cmd", "-x", 2, false},
    {11, 30, 10, 0, 0, "An toàn, 2099", "otp", 12, false},
    {11, 30, 10, 1, 0, "An toàn, 2099", "lua-dao", 5, true},
    {11, 30, 10, 2, 0, "An toàn, 2099", "lua-dao", 3, false}, /* a slide named like a topic */
    {11, 30, 23, 59, 59, "An toàn, 2099", "otp", 0.3, false},
    {12, 1, 0, 0, 0, "An toàn, 2099", "otp", 12, false},
};
#define N_PLAYS ((int)(sizeof plays / sizeof plays[0]))

/* Writes the log, with a garbage line after the third record. */
static void write_log(const char *dir)
{
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_non_null(log);
    for (int i = 0; i < N_PLAYS; i++) {
        time_t t = at_s(2099, plays[i].mo, plays[i].d, plays[i].h, plays[i].mi, plays[i].s);
        assert_true(bt_playlog_add(log, t, plays[i].playlist, plays[i].id, plays[i].seconds,
                                   plays[i].touch));
        if (i == 2) {
            char path[512];
            snprintf(path, sizeof path, "%s/plays.csv", dir);
            int fd = open(path, O_WRONLY | O_APPEND);
            assert_true(fd >= 0);
            assert_int_equal(write(fd, "garbage, not a play\n", 20), 20);
            close(fd);
        }
    }
    bt_playlog_close(log);
}

/* Runs a report into a string (the caller frees it). */
static char *report(const char *dir, const char *range, int *n, bt_report_stats *st)
{
    bt_date from, to;
    assert_true(bt_report_parse_range(range, &from, &to));
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    char err[256];
    *n = bt_report_write_stats(dir, from, to, out, st, err, sizeof err);
    fclose(out);
    if (*n < 0)
        fail_msg("%s: %s", range, err);
    return text;
}

static void totals_match_log(void **state)
{
    const char *dir = *state;
    write_log(dir);
    int n;
    bt_report_stats st;
    char *text = report(dir, "2099-11-29..2099-11-30", &n, &st);
    assert_string_equal(text, "kind,playlist,id,shown,touches,seconds\n"
                              "slide,'=cmd,'-x,1,0,2.0\n"
                              "slide,\"An toàn, 2099\",lua-dao,1,0,3.0\n"
                              "slide,\"An toàn, 2099\",mat-khau,1,0,8.5\n"
                              "slide,\"An toàn, 2099\",otp,3,0,24.3\n"
                              "topic,\"An toàn, 2099\",lua-dao,0,2,35.2\n"
                              "total,,,6,2,73.0\n");
    free(text);
    assert_int_equal(n, 8);
    assert_int_equal(st.plays, 8);
    assert_int_equal(st.outside, 2);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.files, 2); /* plays-2099-11.csv and plays.csv */
}

/* Each range counts exactly the plays whose local date falls in it. */
static void range_is_inclusive(void **state)
{
    const char *dir = *state;
    write_log(dir);
    static const struct {
        const char *range;
        int files;
    } ranges[] = {
        {"2099-11-28", 2},
        {"2099-11-29", 2},
        {"2099-11-30", 2},
        {"2099-12-01", 1}, /* November's file is not even read */
        {"2099-11-30..2099-12-01", 2},
        {"2099-11-29..", 2},
        {"..2099-11-28", 2},
        {"2099-11-01..2099-11-27", 2},
        {"2100-01-01..2100-12-31", 1},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        bt_date from, to;
        assert_true(bt_report_parse_range(ranges[i].range, &from, &to));
        int expect = 0;
        for (int k = 0; k < N_PLAYS; k++) {
            bt_date d = {2099, plays[k].mo, plays[k].d};
            expect += bt_date_cmp(&d, &from) >= 0 && bt_date_cmp(&d, &to) <= 0;
        }
        int n;
        bt_report_stats st;
        char *text = report(dir, ranges[i].range, &n, &st);
        free(text);
        if (n != expect || st.files != ranges[i].files)
            fail_msg("%s: %d plays (expected %d), %d files", ranges[i].range, n, expect,
                     st.files);
    }
}

static void empty_library(void **state)
{
    const char *dir = *state;
    int n;
    bt_report_stats st;
    char *text = report(dir, "2099-11-29", &n, &st);
    assert_string_equal(text, BT_REPORT_HEADER "\ntotal,,,0,0,0.0\n");
    free(text);
    assert_int_equal(n, 0);
    assert_int_equal(st.files, 0);
}

/* The screen's time on: one `screen` row with its sum, only for the range,
 * never counted as a play nor in the total. */
static void screen_time_is_a_row_of_its_own(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_non_null(log);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 7, 0), "An toàn", "otp", 12, false));
    assert_true(bt_playlog_add_screen(log, at(2099, 11, 29, 7, 0), 3600));
    assert_true(bt_playlog_add_screen(log, at(2099, 11, 29, 8, 0), 1800.5));
    assert_true(bt_playlog_add_screen(log, at(2099, 11, 30, 7, 0), 60)); /* another day */
    bt_playlog_close(log);
    int n;
    bt_report_stats st;
    char *text = report(dir, "2099-11-29", &n, &st);
    assert_string_equal(text, "kind,playlist,id,shown,touches,seconds\n"
                              "slide,An toàn,otp,1,0,12.0\n"
                              "screen,,on,0,0,5400.5\n"
                              "total,,,1,0,12.0\n");
    free(text);
    assert_int_equal(n, 1);
    assert_int_equal(st.skipped, 0);
}

static void failures(void **state)
{
    const char *dir = *state;
    char missing[512], err[256] = "";
    snprintf(missing, sizeof missing, "%s/nowhere", dir);
    bt_date d = {2099, 11, 29};
    FILE *devnull = fopen("/dev/null", "w");
    assert_int_equal(bt_report_write(missing, d, d, devnull, err, sizeof err), -1);
    assert_non_null(strstr(err, "nowhere"));
    fclose(devnull);

    FILE *full = fopen("/dev/full", "w");
    if (full) {
        write_log(dir);
        err[0] = '\0';
        assert_int_equal(bt_report_write(dir, d, d, full, err, sizeof err), -1);
        assert_non_null(strstr(err, "cannot write"));
        fclose(full);
    }
}

/* The office's copy (the stick's): natural order (slide-2 before slide-10,
 * whatever the order played), Vietnamese headers and kinds, a byte-order
 * mark and CRLF for Excel. */
static void office_form(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_non_null(log);
    const char *const ids[] = {"slide-10", "slide-2", "slide-1", "Slide-3"};
    for (int i = 0; i < 4; i++)
        assert_true(bt_playlog_add(log, at_s(2099, 11, 29, 9, i, 0), "Phường 1", ids[i], 10, false));
    assert_true(bt_playlog_add(log, at_s(2099, 11, 29, 10, 0, 0), "Phường 1", "lua-dao", 5, true));
    bt_playlog_close(log);
    bt_date d = {2099, 11, 29};
    char *text = NULL, err[256];
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_equal(bt_report_write_form(dir, d, d, BT_REPORT_OFFICE, out, NULL, err, sizeof err), 5);
    fclose(out);
    assert_string_equal(text, "\xEF\xBB\xBF"
                              "loại,danh sách phát,mã,số lần hiển thị,số lần chạm,số giây trên màn hình\r\n"
                              "trang chiếu,Phường 1,slide-1,1,0,10.0\r\n"
                              "trang chiếu,Phường 1,slide-2,1,0,10.0\r\n"
                              "trang chiếu,Phường 1,Slide-3,1,0,10.0\r\n"
                              "trang chiếu,Phường 1,slide-10,1,0,10.0\r\n"
                              "chủ đề,Phường 1,lua-dao,0,1,5.0\r\n"
                              "tổng cộng,,,4,1,45.0\r\n");
    free(text);
    /* The terminal's form of the same: English, LF, the same order. */
    out = open_memstream(&text, &len);
    assert_int_equal(bt_report_write_form(dir, d, d, BT_REPORT_PLAIN, out, NULL, err, sizeof err), 5);
    fclose(out);
    assert_string_equal(text, "kind,playlist,id,shown,touches,seconds\n"
                              "slide,Phường 1,slide-1,1,0,10.0\n"
                              "slide,Phường 1,slide-2,1,0,10.0\n"
                              "slide,Phường 1,Slide-3,1,0,10.0\n"
                              "slide,Phường 1,slide-10,1,0,10.0\n"
                              "topic,Phường 1,lua-dao,0,1,5.0\n"
                              "total,,,4,1,45.0\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_range_table),
        cmocka_unit_test_setup_teardown(totals_match_log, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(range_is_inclusive, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(empty_library, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(screen_time_is_a_row_of_its_own, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(failures, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(office_form, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, setup_tz, NULL);
}
