/* Reports upward (library/outbox.h) and their sum at the province
 * (library/merge.h): a kiosk's day file written from its play log,
 * atomically, under its name; many kiosks' files summed over a range with
 * a kiosk column, per-kiosk totals and the total of all; days outside the
 * range, folders that are not kiosks, hostile lines (bad numbers, seven
 * fields, quotes), a byte-order mark and CRLF line ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "library/merge.h"
#include "library/outbox.h"
#include "library/playlog.h"

static char dir[] = "/tmp/bangtin-merge-XXXXXX";

static void put(const char *path, const char *text)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *merge(const char *root, const char *from, const char *to, bt_merge_stats *st)
{
    bt_date a, b;
    assert_true(bt_parse_date(from, &a));
    assert_true(bt_parse_date(to, &b));
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int n = bt_merge_write(root, a, b, f, st, err, sizeof err);
    fclose(f);
    assert_true(n >= 0);
    return buf;
}

/* A kiosk's day, from its play log to its outbox. */
static void day_file_from_the_play_log(void **state)
{
    (void)state;
    char lib[256], outbox[256], err[512];
    snprintf(lib, sizeof lib, "%s/lib", dir);
    snprintf(outbox, sizeof outbox, "%s/outbox", dir);
    mkdir(lib, 0755);
    bt_playlog *log = bt_playlog_open(lib, err, sizeof err);
    struct tm tm = {.tm_year = 126, .tm_mon = 2, .tm_mday = 15, .tm_hour = 9, .tm_isdst = -1};
    time_t day = mktime(&tm);
    bt_playlog_add(log, day, "Chiến dịch", "otp", 10.0, false);
    bt_playlog_add(log, day + 10, "Chiến dịch", "otp", 10.0, false);
    bt_playlog_add(log, day + 20, "Tin phường", "lich", 8.5, false);
    bt_playlog_add(log, day + 30, "Chiến dịch", "lua-dao", 40.0, true);
    bt_playlog_add(log, day + 86400, "Chiến dịch", "otp", 10.0, false); /* the next day */
    bt_playlog_close(log);
    bt_date d = {2026, 3, 15};
    assert_true(bt_outbox_write_day(outbox, "kiosk-a", lib, d, err, sizeof err));
    char path[400];
    snprintf(path, sizeof path, "%s/kiosk-a/plays-2026-03-15.csv", outbox);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[2048];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "slide,Chiến dịch,otp,2,0,20.0\n"));
    assert_non_null(strstr(text, "topic,Chiến dịch,lua-dao,0,1,40.0\n"));
    assert_non_null(strstr(text, "total,,,3,1,68.5\n"));
    /* no temporary file left; a kiosk name that is not a name is refused */
    snprintf(path, sizeof path, "%s/kiosk-a/.syncthing.plays-2026-03-15.csv.tmp", outbox);
    assert_int_equal(access(path, F_OK), -1);
    assert_false(bt_outbox_write_day(outbox, "../etc", lib, d, err, sizeof err));
    bt_status s;
    bt_status_init(&s);
    assert_true(bt_outbox_write_status(outbox, "kiosk-a", &s, err, sizeof err));
    /* the province sums what came up */
    bt_merge_stats st;
    char *csv = merge(outbox, "2026-03-01", "2026-03-31", &st);
    assert_string_equal(csv, BT_MERGE_HEADER "\n"
                             "kiosk-a,slide,Chiến dịch,otp,2,0,20.0\n"
                             "kiosk-a,slide,Tin phường,lich,1,0,8.5\n"
                             "kiosk-a,topic,Chiến dịch,lua-dao,0,1,40.0\n"
                             "kiosk-a,total,,,3,1,68.5\n"
                             ",total,,,3,1,68.5\n");
    assert_int_equal(st.kiosks, 1);
    assert_int_equal(st.files, 1);
    assert_int_equal(st.skipped, 0);
    free(csv);
}

static void many_kiosks_and_hostile_files(void **state)
{
    (void)state;
    char root[256], path[512];
    snprintf(root, sizeof root, "%s/province", dir);
    const char *day = "kind,playlist,id,shown,touches,seconds\n"
                      "slide,Chiến dịch,otp,10,0,100.0\n"
                      "slide,\"Tin, phường \"\"mới\"\"\",lich,2,0,16.0\n"
                      "topic,Chiến dịch,lua-dao,0,3,90.5\n"
                      "total,,,12,3,206.5\n";
    const char *kiosks[] = {"kiosk-b", "kiosk-a", "kiosk-c"};
    for (int k = 0; k < 3; k++)
        for (int d = 14; d <= 16; d++) {
            snprintf(path, sizeof path, "%s/%s/plays-2026-03-%02d.csv", root, kiosks[k], d);
            put(path, day);
        }
    /* kiosk-c's last day: a byte-order mark, CRLF, and hostile lines */
    snprintf(path, sizeof path, "%s/kiosk-c/plays-2026-03-16.csv", root);
    put(path, "\xef\xbb\xbfkind,playlist,id,shown,touches,seconds\r\n"
              "slide,Chiến dịch,otp,10,0,100.0\r\n"
              "slide,Chiến dịch,otp,-5,0,1.0\r\n"           /* a negative count */
              "slide,Chiến dịch,otp,1,0,1.0,extra\r\n"      /* seven fields */
              "slide,Chiến dịch,otp,99999999999999,0,1.0\r\n" /* too many digits */
              "slide,Chiến dịch,,1,0,1.0\r\n"               /* no id */
              "banner,Chiến dịch,otp,1,0,1.0\r\n"           /* no such kind */
              "slide,\"unterminated,otp,1,0,1.0\r\n"
              "slide,Chiến dịch,otp,1,0,1.25\r\n");         /* two decimals */
    /* not kiosks, not day files, outside the range */
    snprintf(path, sizeof path, "%s/.hidden/plays-2026-03-15.csv", root);
    put(path, day);
    snprintf(path, sizeof path, "%s/kiosk-a/plays-2026-03-15.csv.bak", root);
    put(path, day);
    snprintf(path, sizeof path, "%s/kiosk-a/plays-2026-04-01.csv", root);
    put(path, day);
    snprintf(path, sizeof path, "%s/kiosk-a/status.json", root);
    put(path, "{}");
    bt_merge_stats st;
    char *csv = merge(root, "2026-03-15", "2026-03-16", &st);
    assert_string_equal(csv, BT_MERGE_HEADER "\n"
                             "kiosk-a,slide,Chiến dịch,otp,20,0,200.0\n"
                             "kiosk-a,slide,\"Tin, phường \"\"mới\"\"\",lich,4,0,32.0\n"
                             "kiosk-a,topic,Chiến dịch,lua-dao,0,6,181.0\n"
                             "kiosk-a,total,,,24,6,413.0\n"
                             "kiosk-b,slide,Chiến dịch,otp,20,0,200.0\n"
                             "kiosk-b,slide,\"Tin, phường \"\"mới\"\"\",lich,4,0,32.0\n"
                             "kiosk-b,topic,Chiến dịch,lua-dao,0,6,181.0\n"
                             "kiosk-b,total,,,24,6,413.0\n"
                             "kiosk-c,slide,Chiến dịch,otp,20,0,200.0\n"
                             "kiosk-c,slide,\"Tin, phường \"\"mới\"\"\",lich,2,0,16.0\n"
                             "kiosk-c,topic,Chiến dịch,lua-dao,0,3,90.5\n"
                             "kiosk-c,total,,,22,3,306.5\n"
                             ",total,,,70,15,1132.5\n");
    assert_int_equal(st.kiosks, 3);
    assert_int_equal(st.files, 6);
    assert_int_equal(st.skipped, 7);
    free(csv);
    /* a range with nothing in it */
    csv = merge(root, "2025-01-01", "2025-01-31", &st);
    assert_string_equal(csv, BT_MERGE_HEADER "\n,total,,,0,0,0.0\n");
    free(csv);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(day_file_from_the_play_log),
        cmocka_unit_test(many_kiosks_and_hostile_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
