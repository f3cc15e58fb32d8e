/* The kiosk's settings as a run of bangtin reads them at start (kiosk.c):
 * the zone made the process's before anything reads the clock, --now read
 * in that zone whatever the system's is, the command line over the file,
 * and a file full of mistakes leaving the defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk.h"

static char file[64];

static void write_settings(const char *text)
{
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(file, sizeof file, "/tmp/bt-kiosk-XXXXXX");
    int fd = mkstemp(file);
    if (fd < 0)
        return -1;
    close(fd);
    /* The system's zone, as a board left in UTC has it. */
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(file);
    return 0;
}

static void zone_and_now_from_the_file(void **state)
{
    (void)state;
    if (access("/usr/share/zoneinfo/Asia/Ho_Chi_Minh", R_OK) != 0)
        skip();
    write_settings("timezone: Asia/Ho_Chi_Minh\nrotate: 90\nlibrary: /srv/bangtin\n"
                   "watch: [/media/a, /media/b]\n");
    char *argv[] = {"bangtin", "--config", file, "--now", "2031-03-05T22:00", "--watch", "/mnt",
                    NULL};
    bt_options o;
    char err[200];
    assert_true(bt_options_parse(7, argv, &o, err, sizeof err));
    bt_settings s;
    bt_kiosk_settings(&o, &s, BT_KIOSK_QUIET);
    assert_string_equal(getenv("TZ"), ":Asia/Ho_Chi_Minh");
    /* 22:00 in Viet Nam is 15:00 UTC, though the system said UTC. */
    struct tm utc = {.tm_year = 131, .tm_mon = 2, .tm_mday = 5, .tm_hour = 15};
    assert_int_equal(o.now, timegm(&utc));
    struct tm local;
    localtime_r(&o.now, &local);
    assert_int_equal(local.tm_hour, 22);
    /* The file under the command line. */
    assert_int_equal(o.rotate, 90);
    assert_string_equal(o.library, "/srv/bangtin");
    assert_int_equal(o.n_watch, 1);
    assert_string_equal(o.watch[0], "/mnt");
    bt_settings_clear(&s);
}

static void mistakes_keep_the_defaults(void **state)
{
    (void)state;
    write_settings("timezone: Asia/Ha_Noi\nrotate: 45\nhours:\n  funday: \"25:61-26:00\"\n");
    char *argv[] = {"bangtin", "--config", file, "--now", "2031-03-05T22:00", NULL};
    bt_options o;
    char err[200];
    assert_true(bt_options_parse(5, argv, &o, err, sizeof err));
    bt_settings s;
    bt_kiosk_settings(&o, &s, BT_KIOSK_QUIET);
    assert_string_equal(getenv("TZ"), "UTC"); /* the system's */
    struct tm utc = {.tm_year = 131, .tm_mon = 2, .tm_mday = 5, .tm_hour = 22};
    assert_int_equal(o.now, timegm(&utc));
    assert_int_equal(o.rotate, 0);
    assert_false(s.hours.set); /* always on */
    assert_true(s.fallback & (1u << BT_SET_HOURS));
    assert_true(s.fallback & (1u << BT_SET_TIMEZONE));
    bt_settings_clear(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(zone_and_now_from_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(mistakes_keep_the_defaults, setup, teardown),
    };
    return cmocka_run_group_tests_name("kiosk", tests, NULL, NULL);
}
