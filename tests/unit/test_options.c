/* The command line: each option, and bad usage refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "options.h"

static bool parse(bt_options *o, const char *a1, const char *a2, const char *a3, const char *a4)
{
    char *argv[] = {"bangtin", (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL};
    int argc = 1;
    while (argv[argc])
        argc++;
    char err[256];
    return bt_options_parse(argc, argv, o, err, sizeof err);
}

static void good_command_lines(void **state)
{
    (void)state;
    bt_options o;
    assert_true(parse(&o, NULL, NULL, NULL, NULL));
    assert_null(o.playlist);
    assert_int_equal(o.size_w, 1920);
    assert_int_equal(o.size_h, 1080);

    assert_true(parse(&o, "--render", "out", "--size", "1080x1920"));
    assert_string_equal(o.render_dir, "out");
    assert_int_equal(o.size_w, 1080);
    assert_int_equal(o.size_h, 1920);

    assert_true(parse(&o, "--window=1280x720", "--rotate", "90", "p.yaml"));
    assert_int_equal(o.window_w, 1280);
    assert_int_equal(o.rotate, 90);
    assert_string_equal(o.playlist, "p.yaml");

    assert_true(parse(&o, "--watch", "/a", "--watch", "/b"));
    assert_int_equal(o.n_watch, 2);
    assert_string_equal(o.watch[1], "/b");

    assert_true(parse(&o, "--now", "2026-03-15T08:30", "--check", NULL));
    assert_true(o.has_now);
    assert_true(o.check);
}

static void bad_usage_is_refused(void **state)
{
    (void)state;
    bt_options o;
    assert_false(parse(&o, "--bogus", NULL, NULL, NULL));
    assert_false(parse(&o, "--size", "0x100", NULL, NULL));
    assert_false(parse(&o, "--size", "100", NULL, NULL));
    assert_false(parse(&o, "--rotate", "45", NULL, NULL));
    assert_false(parse(&o, "--now", "2026-02-30T08:00", NULL, NULL));
    assert_false(parse(&o, "--now", "2026-03-15", NULL, NULL));
    assert_false(parse(&o, "--render", NULL, NULL, NULL));
    assert_false(parse(&o, "a.yaml", "b.yaml", NULL, NULL));
    assert_false(parse(&o, "--check", "--render", "x", NULL));
    assert_false(parse(&o, "--check=yes", NULL, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_command_lines),
        cmocka_unit_test(bad_usage_is_refused),
    };
    return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
