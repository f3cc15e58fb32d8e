/* test_settings.c: kiosk.yaml, against fixture files.
 *
 * The good file is read field by field; then a table of bad files, libyaml
 * style (title, input, expected): each row names a fixture in
 * tests/fixtures/settings/ (or a function that writes one at run time) and
 * the message expected at its exact place, and which settings fall back to
 * their defaults; the others must be kept. Then the precedence under the
 * command line, the summary --check prints, and kiosk names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/bounds.h"
#include "base/tz.h"
#include "fake_clock.h"
#include "model/settings.h"
#include "options.h"

#define FIX "tests/fixtures/settings/"
#define BIT(k) (1u << (k))
#define ALL ((1u << BT_SET_COUNT) - 1)

static char tmpdir[] = "/tmp/bt_test_settings.XXXXXX";

static const char *write_tmp(const char *name, const char *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static void show(const bt_diags *d)
{
    char buf[1400];
    for (int i = 0; i < d->count; i++) {
        bt_diag_format(&d->items[i], buf, sizeof buf);
        print_message("    | %s\n", buf);
    }
}

/* ---- the good file ----------------------------------------------------- */

static void test_good(void **state)
{
    bt_settings s;
    bt_diags d;
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_true(bt_settings_load(&s, FIX "good.yaml", true, &d));
    show(&d);
    assert_int_equal(d.count, 0);
    assert_true(s.found);
    assert_string_equal(s.path, FIX "good.yaml");
    assert_string_equal(s.name, "ubnd-ben-nghe-01");
    assert_string_equal(s.timezone, "Asia/Ho_Chi_Minh");
    assert_int_equal(s.rotate, 90);
    assert_string_equal(s.library, "/var/lib/bangtin");
    assert_int_equal(s.n_watch, 2);
    assert_string_equal(s.watch[0], "/media/bangtin");
    assert_string_equal(s.watch[1], "/run/media/bangtin");
    assert_string_equal(s.campaign, "/var/lib/bangtin/campaign");
    assert_string_equal(s.outbox, "/var/lib/bangtin/outbox");
    assert_int_equal(s.n_trust, 1);
    assert_string_equal(s.trust[0], "/etc/hostname");
    assert_true(s.hours.set);
    for (int day = 0; day < 5; day++) {
        assert_int_equal(s.hours.n[day], 2);
        assert_int_equal(s.hours.span[day][0].from_min, 7 * 60);
        assert_int_equal(s.hours.span[day][1].until_min, 17 * 60);
    }
    assert_int_equal(s.hours.n[5], 1);
    assert_int_equal(s.hours.span[5][0].until_min, 11 * 60 + 30);
    assert_int_equal(s.hours.n[6], 0); /* sun: off */
    assert_string_equal(s.power_off, "echo off >/tmp/relay");
    assert_null(s.power_on); /* "" is no command */
    assert_int_equal(s.language, BT_LANG_EN);
    assert_int_equal(s.given, ALL);
    assert_int_equal(s.fallback, 0);
    char buf[300];
    bt_settings_fallbacks(&s, buf, sizeof buf);
    assert_string_equal(buf, "");
    bt_settings_clear(&s);
    assert_null(s.name);
    assert_int_equal(s.n_watch, 0);
    bt_diags_clear(&d);
}

/* Nothing given: every default, and no message. */
static void test_defaults(void **state)
{
    static const char *const files[] = {FIX "only_comments.yaml", "/nonexistent/kiosk.yaml"};
    for (size_t i = 0; i < 2; i++) {
        bt_settings s;
        bt_diags d;
        bt_settings_init(&s);
        bt_diags_init(&d);
        /* A missing default file is not an error: the kiosk runs on defaults. */
        assert_true(bt_settings_load(&s, files[i], false, &d));
        assert_int_equal(d.count, 0);
        assert_int_equal(s.found, i == 0);
        assert_null(s.name);
        assert_null(s.timezone);
        assert_int_equal(s.rotate, 0);
        assert_null(s.library);
        assert_int_equal(s.n_watch, 0);
        assert_false(s.hours.set);
        assert_null(s.power_off);
        assert_int_equal(s.language, BT_LANG_VI);
        assert_int_equal(s.given | s.fallback, 0);
        bt_settings_clear(&s);
        bt_diags_clear(&d);
    }
    /* An empty file too. */
    bt_settings s;
    bt_diags d;
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_true(bt_settings_load(&s, write_tmp("empty.yaml", "", 0), true, &d));
    assert_int_equal(d.count, 0);
    bt_settings_clear(&s);
    bt_diags_clear(&d);
}

/* ---- files written at run time ------------------------------------------ */

static const char *make_too_large(void)
{
    const char *path = write_tmp("large.yaml", "name: big\n", 10);
    assert_int_equal(truncate(path, BT_MAX_SETTINGS_BYTES + 1), 0);
    return path;
}

static const char *make_long_name(void)
{
    char text[200];
    snprintf(text, sizeof text, "name: %065d\n", 1);
    return write_tmp("long_name.yaml", text, strlen(text));
}

static const char *make_many_watch(void)
{
    char text[2000];
    size_t n = (size_t)snprintf(text, sizeof text, "rotate: 270\nwatch:\n");
    for (int i = 0; i <= BT_MAX_WATCH_DIRS; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "  - /media/%d\n", i);
    return write_tmp("many_watch.yaml", text, n);
}

static const char *make_nul(void)
{
    static const char text[] = "name: a\nhours:\n  mon: \"07:00\0-17:00\"\n";
    return write_tmp("nul.yaml", text, sizeof text - 1);
}

static const char *make_missing_trust(void)
{
    static const char text[] = "trust:\n  - /etc/hostname\n  - /nonexistent/so.pub\n";
    return write_tmp("trust.yaml", text, sizeof text - 1);
}

/* ---- the table of bad files --------------------------------------------- */

typedef struct {
    const char *title;
    const char *file;          /* a fixture in FIX, or NULL with make */
    const char *(*make)(void); /* writes the input at run time */
    bt_severity sev;
    int line, col;
    const char *text;  /* a part of the formatted message */
    unsigned fallback; /* the settings that keep their defaults */
} bad_case;

static const bad_case bad_cases[] = {
    {"tab in the file", "tab.yaml", NULL, BT_ERROR, 4, 1,
     "tab.yaml:4:1: error: a tab is used for indentation here; indent with spaces only", ALL},
    {"unknown weekday", "unknown_day.yaml", NULL, BT_ERROR, 4, 3,
     "error: hours: 'thur' is not a day of the week (did you mean 'thu'?); write days like "
     "mon, sat, mon-fri or \"mon, wed\"",
     BIT(BT_SET_HOURS)},
    {"25:61", "bad_time.yaml", NULL, BT_ERROR, 3, 8,
     "hours: sat: write times like \"07:00-17:30\", several separated by commas, or off for a "
     "closed day (found \"25:61-26:00\")",
     BIT(BT_SET_HOURS)},
    {"overlapping spans", "overlap.yaml", NULL, BT_ERROR, 2, 12,
     "hours: mon-fri: two of these spans overlap (found \"07:00-12:00, 11:00-13:00\")",
     BIT(BT_SET_HOURS)},
    {"night span into the next day's", "overlap_days.yaml", NULL, BT_ERROR, 3, 3,
     "hours: mon 22:00-02:00 and tue 01:00-05:00 overlap (a span past midnight runs into the "
     "next day)",
     BIT(BT_SET_HOURS)},
    {"a day given twice", "twice.yaml", NULL, BT_ERROR, 3, 3,
     "hours: fri: fri is already given at line 2", BIT(BT_SET_HOURS)},
    {"unknown time zone", "bad_zone.yaml", NULL, BT_ERROR, 2, 11,
     "timezone: this machine does not know the time zone \"Asia/Hanoi_City\" (no such zone; "
     "see timedatectl list-timezones)",
     BIT(BT_SET_TIMEZONE)},
    {"time zone as a path", "zone_path.yaml", NULL, BT_ERROR, 1, 11,
     "timezone: a time zone name may not contain \"..\"", BIT(BT_SET_TIMEZONE)},
    {"rotate 45", "rotate45.yaml", NULL, BT_ERROR, 2, 9,
     "rotate must be 0, 90, 180 or 270 (degrees, clockwise), not \"45\"", BIT(BT_SET_ROTATE)},
    {"name with spaces and marks", "bad_name.yaml", NULL, BT_ERROR, 1, 7,
     "name \"UBND Phường Bến Nghé 01\" cannot name the kiosk's folder in the outbox: use 1 to "
     "64 letters (a-z, A-Z), digits, '-', '_' or '.', not starting with '.' (for example "
     "\"ubnd-phuong-ben-nghe-01\")",
     BIT(BT_SET_NAME)},
    {"name leaving the outbox", "dot_name.yaml", NULL, BT_ERROR, 1, 7,
     "name \"../outbox\" cannot name", BIT(BT_SET_NAME)},
    {"name too long", NULL, make_long_name, BT_ERROR, 1, 7, "cannot name the kiosk's folder",
     BIT(BT_SET_NAME)},
    {"unknown top key", "unknown_key.yaml", NULL, BT_WARNING, 2, 1,
     "warning: unknown key 'timezon' (did you mean 'timezone'?); it is ignored", 0},
    {"unknown key, no suggestion", "unknown_key.yaml", NULL, BT_WARNING, 5, 1,
     "unknown key 'wibble'; it is ignored (keys here are: name, timezone, rotate, library, "
     "watch, campaign, outbox, trust, hours, power, language)",
     0},
    {"unknown power key", "unknown_key.yaml", NULL, BT_WARNING, 4, 3,
     "power: unknown key 'of' (did you mean 'off'?)", 0},
    {"relative library", "relative.yaml", NULL, BT_ERROR, 1, 10,
     "library must be a full path starting with '/', like /var/lib/bangtin, not "
     "\"var/lib/bangtin\"",
     BIT(BT_SET_LIBRARY) | BIT(BT_SET_WATCH)},
    {"relative watch item", "relative.yaml", NULL, BT_ERROR, 4, 5,
     "watch must be a full path starting with '/'", BIT(BT_SET_LIBRARY) | BIT(BT_SET_WATCH)},
    {"too many watch folders", NULL, make_many_watch, BT_ERROR, 19, 5,
     "watch has too many paths (17, at most 16)", BIT(BT_SET_WATCH)},
    {"unknown language", "language.yaml", NULL, BT_ERROR, 1, 11,
     "language must be vi or en, not \"fr\"", BIT(BT_SET_LANGUAGE)},
    {"list where text", "types.yaml", NULL, BT_ERROR, 1, 7, "name must be a text, not a list",
     BIT(BT_SET_NAME) | BIT(BT_SET_HOURS) | BIT(BT_SET_POWER) | BIT(BT_SET_WATCH)},
    {"text where hours", "types.yaml", NULL, BT_ERROR, 2, 8,
     "hours must be lines like 'mon-fri: \"07:00-17:30\"', not \"07:00-17:00\"",
     BIT(BT_SET_NAME) | BIT(BT_SET_HOURS) | BIT(BT_SET_POWER) | BIT(BT_SET_WATCH)},
    {"text where power", "types.yaml", NULL, BT_ERROR, 3, 8,
     "power must be a group of 'key: value' lines, not \"relay\"",
     BIT(BT_SET_NAME) | BIT(BT_SET_HOURS) | BIT(BT_SET_POWER) | BIT(BT_SET_WATCH)},
    {"mapping where list", "types.yaml", NULL, BT_ERROR, 4, 8,
     "watch must be a list of paths, like [/media/bangtin], not a group",
     BIT(BT_SET_NAME) | BIT(BT_SET_HOURS) | BIT(BT_SET_POWER) | BIT(BT_SET_WATCH)},
    {"not a mapping", "not_mapping.yaml", NULL, BT_ERROR, 1, 1,
     "these are not kiosk settings: the file must hold lines like 'name: ubnd-ben-nghe-01', "
     "not a list",
     ALL},
    {"syntax error", "syntax.yaml", NULL, BT_ERROR, 4, 1,
     "the file ends inside a quoted text (a quote is missing)", ALL},
    {"syntax error: all defaults", "syntax.yaml", NULL, BT_ERROR, 0, 0,
     "syntax.yaml: error: the file cannot be used, so every setting keeps its default", ALL},
    {"file over the size limit", NULL, make_too_large, BT_ERROR, 0, 0,
     "the file is too large (64 KB, kiosk settings may be at most 64 KB)", ALL},
    {"zero byte", NULL, make_nul, BT_ERROR, 3, 14, "the file contains a zero byte", ALL},
    {"a folder", "../settings", NULL, BT_ERROR, 0, 0, "this is not a settings file (a folder", ALL},
    {"trust key missing", NULL, make_missing_trust, BT_WARNING, 3, 5,
     "trust: the key /nonexistent/so.pub cannot be read (No such file or directory)", 0},
};

static void test_bad(void **state)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        char path[512];
        if (c->file)
            snprintf(path, sizeof path, FIX "%s", c->file);
        else
            snprintf(path, sizeof path, "%s", c->make());
        bt_settings s;
        bt_diags d;
        bt_settings_init(&s);
        bt_diags_init(&d);
        bool ok = bt_settings_load(&s, path, true, &d);
        bool found = false;
        char buf[1400];
        for (int k = 0; k < d.count && !found; k++) {
            bt_diag_format(&d.items[k], buf, sizeof buf);
            found = d.items[k].severity == c->sev && d.items[k].line == c->line &&
                    d.items[k].col == c->col && strstr(buf, c->text);
        }
        bool ok_expected = c->fallback == 0 && c->sev == BT_WARNING;
        if (!found || s.fallback != c->fallback || ok != ok_expected) {
            print_message("FAIL %s: wanted %d:%d \"%s\", fallback 0x%x (got 0x%x), ok %d\n",
                          c->title, c->line, c->col, c->text, c->fallback, s.fallback, ok);
            show(&d);
            failed++;
        }
        /* What fell back has its default; what was given is disjoint. */
        assert_int_equal(s.given & s.fallback, 0);
        if (s.fallback & BIT(BT_SET_HOURS))
            assert_false(s.hours.set);
        if (s.fallback & BIT(BT_SET_NAME))
            assert_null(s.name);
        if (s.fallback & BIT(BT_SET_TIMEZONE))
            assert_null(s.timezone);
        if (s.fallback & BIT(BT_SET_ROTATE))
            assert_int_equal(s.rotate, 0);
        if (s.fallback & BIT(BT_SET_WATCH))
            assert_int_equal(s.n_watch, 0);
        bt_settings_clear(&s);
        bt_diags_clear(&d);
    }
    assert_int_equal(failed, 0);
}

/* The settings that are fine are kept beside the ones that are not. */
static void test_good_kept_beside_bad(void **state)
{
    bt_settings s;
    bt_diags d;
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_false(bt_settings_load(&s, FIX "rotate45.yaml", true, &d));
    assert_string_equal(s.name, "kiosk-3");
    assert_string_equal(s.timezone, "UTC");
    assert_int_equal(s.rotate, 0);
    assert_int_equal(s.given, BIT(BT_SET_NAME) | BIT(BT_SET_TIMEZONE));
    assert_int_equal(s.fallback, BIT(BT_SET_ROTATE));
    char buf[300];
    bt_settings_fallbacks(&s, buf, sizeof buf);
    assert_string_equal(buf, "rotate (the screen is not turned)");

    assert_false(bt_settings_load(&s, FIX "bad_time.yaml", true, &d));
    assert_int_equal(s.rotate, 180); /* after the bad hours */
    assert_false(s.hours.set);

    assert_false(bt_settings_load(&s, FIX "unknown_day.yaml", true, &d));
    assert_string_equal(s.name, "ubnd-01");

    /* A --config that is not there is said, and gives the defaults. */
    bt_diags_clear(&d);
    assert_false(bt_settings_load(&s, "/nonexistent/kiosk.yaml", true, &d));
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].message,
                        "the settings file was not found; the defaults are used");
    assert_int_equal(s.given, 0);
    bt_settings_clear(&s);
    bt_diags_clear(&d);
}

/* An alias shares its anchor's value: both keys get it. */
static void test_alias(void **state)
{
    static const char text[] = "name: &z UTC\ntimezone: *z\n";
    bt_settings s;
    bt_diags d;
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_true(bt_settings_load(&s, write_tmp("alias.yaml", text, sizeof text - 1), true, &d));
    assert_string_equal(s.name, "UTC");
    assert_string_equal(s.timezone, "UTC");
    assert_int_equal(s.given, BIT(BT_SET_NAME) | BIT(BT_SET_TIMEZONE));
    bt_settings_clear(&s);
    bt_diags_clear(&d);
}

/* ---- under the command line -------------------------------------------- */

static void test_apply_under_options(void **state)
{
    bt_settings s;
    bt_diags d;
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_true(bt_settings_load(&s, FIX "good.yaml", true, &d));

    char *plain[] = {"bangtin", NULL};
    bt_options o;
    char err[200];
    assert_true(bt_options_parse(1, plain, &o, err, sizeof err));
    assert_null(o.config);
    bt_options_apply_settings(&o, &s);
    assert_int_equal(o.rotate, 90);
    assert_string_equal(o.library, "/var/lib/bangtin");
    assert_int_equal(o.n_watch, 2);
    assert_string_equal(o.watch[1], "/run/media/bangtin");
    assert_string_equal(o.campaign, "/var/lib/bangtin/campaign");
    assert_string_equal(o.outbox, "/var/lib/bangtin/outbox");
    assert_int_equal(o.n_trust, 1);
    assert_string_equal(o.trust[0], "/etc/hostname");

    /* The command line wins, even --rotate 0 over the file's 90. */
    char *given[] = {"bangtin", "--rotate", "0", "--library", "/tmp/lib", "--watch", "/mnt",
                     "--config", FIX "good.yaml", "--trust", "/tmp/k.pub", NULL};
    assert_true(bt_options_parse(11, given, &o, err, sizeof err));
    assert_string_equal(o.config, FIX "good.yaml");
    bt_options_apply_settings(&o, &s);
    assert_int_equal(o.rotate, 0);
    assert_string_equal(o.library, "/tmp/lib");
    assert_int_equal(o.n_watch, 1);
    assert_string_equal(o.watch[0], "/mnt");
    assert_int_equal(o.n_trust, 1);
    assert_string_equal(o.trust[0], "/tmp/k.pub");

    /* --campaign, --outbox and --trust win over the file's. */
    char *mine[] = {"bangtin", "--campaign", "/srv/c", "--outbox", "/srv/o", "--trust", "a.pub",
                    NULL};
    assert_true(bt_options_parse(7, mine, &o, err, sizeof err));
    bt_options_apply_settings(&o, &s);
    assert_string_equal(o.campaign, "/srv/c");
    assert_string_equal(o.outbox, "/srv/o");
    assert_int_equal(o.n_trust, 1);
    assert_string_equal(o.trust[0], "a.pub");

    /* A rotate that fell back leaves the built-in default. */
    assert_false(bt_settings_load(&s, FIX "rotate45.yaml", true, &d));
    assert_true(bt_options_parse(1, plain, &o, err, sizeof err));
    bt_options_apply_settings(&o, &s);
    assert_int_equal(o.rotate, 0);
    assert_null(o.library);
    assert_int_equal(o.n_watch, 0);
    assert_int_equal(o.n_trust, 0);
    bt_settings_clear(&s);
    bt_diags_clear(&d);
}

/* ---- the summary and names ---------------------------------------------- */

static void test_summary(void **state)
{
    bt_settings s;
    bt_diags d;
    char err[300], buf[2000];
    bt_settings_init(&s);
    bt_diags_init(&d);
    assert_true(bt_settings_load(&s, FIX "good.yaml", true, &d));
    assert_true(bt_tz_apply(s.timezone, err, sizeof err));
    bt_settings_summary(&s, at(2026, 3, 16, 12, 0), buf, sizeof buf);
    assert_string_equal(buf, "name: ubnd-ben-nghe-01\n"
                             "timezone: Asia/Ho_Chi_Minh\n"
                             "language: en\n"
                             "rotate: 90\n"
                             "hours: mon-fri 07:00-11:30, 13:30-17:00; sat 07:00-11:30; sun off\n"
                             "now: 2026-03-16 12:00 +07, closed until Mon 2026-03-16 13:30\n");
    bt_settings_summary(&s, at(2026, 3, 21, 9, 0), buf, sizeof buf);
    assert_non_null(strstr(buf, "now: 2026-03-21 09:00 +07, open until Sat 2026-03-21 11:30\n"));
    bt_settings_clear(&s);
    bt_settings_summary(&s, at(2026, 3, 21, 9, 0), buf, sizeof buf);
    assert_non_null(strstr(buf, "hours: none (the screen stays on at all hours)\n"));
    bt_diags_clear(&d);
}

static void test_names(void **state)
{
    assert_true(bt_settings_name_ok("ubnd-ben-nghe-01"));
    assert_true(bt_settings_name_ok("Kiosk_2.b"));
    assert_false(bt_settings_name_ok(""));
    assert_false(bt_settings_name_ok(".hidden"));
    assert_false(bt_settings_name_ok(".."));
    assert_false(bt_settings_name_ok("a/b"));
    assert_false(bt_settings_name_ok("a b"));
    assert_false(bt_settings_name_ok("Bến-Nghé"));
    char long_name[BT_MAX_KIOSK_NAME_CHARS + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_false(bt_settings_name_ok(long_name));
    long_name[BT_MAX_KIOSK_NAME_CHARS] = '\0';
    assert_true(bt_settings_name_ok(long_name));

    bt_settings s;
    bt_settings_init(&s);
    char buf[BT_MAX_KIOSK_NAME_CHARS + 1];
    const char *name = bt_settings_name(&s, buf, sizeof buf);
    assert_true(bt_settings_name_ok(name)); /* the host name, or "bangtin" */
    s.name = strdup("ubnd-01");
    assert_string_equal(bt_settings_name(&s, buf, sizeof buf), "ubnd-01");
    bt_settings_clear(&s);
    assert_string_equal(bt_settings_key(BT_SET_HOURS), "hours");
}

static int setup(void **state)
{
    setup_tz(state);
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_good_kept_beside_bad),
        cmocka_unit_test(test_alias),
        cmocka_unit_test(test_apply_under_options),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
