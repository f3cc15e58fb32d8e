/* The command line: each option, and bad usage refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
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
    assert_int_equal(o.mode, BT_MODE_PLAY);
    assert_null(o.playlist);
    assert_int_equal(o.size_w, 1920);
    assert_int_equal(o.size_h, 1080);

    assert_true(parse(&o, "--render", "out", "--size", "1080x1920"));
    assert_int_equal(o.mode, BT_MODE_RENDER);
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
    assert_int_equal(o.mode, BT_MODE_CHECK);

    assert_true(parse(&o, "--sign", "dept.key", "campaign", "--trust=a.pub"));
    assert_int_equal(o.mode, BT_MODE_SIGN);
    assert_string_equal(o.sign_key, "dept.key");
    assert_string_equal(o.sign_dir, "campaign");
    assert_int_equal(o.n_trust, 1);
    assert_string_equal(o.trust[0], "a.pub");
    assert_true(parse(&o, "--sign=dept.key", "campaign", NULL, NULL));
    assert_string_equal(o.sign_dir, "campaign");
    assert_true(parse(&o, "--trust", "a.pub", "--trust", "b.pub"));
    assert_int_equal(o.mode, BT_MODE_PLAY);
    assert_int_equal(o.n_trust, 2);
    assert_string_equal(o.trust[1], "b.pub");
    assert_true(parse(&o, "--keygen", "dept", NULL, NULL));
    assert_int_equal(o.mode, BT_MODE_KEYGEN);
    assert_string_equal(o.keygen, "dept");
    assert_true(parse(&o, "--manifest", "campaign", NULL, NULL));
    assert_int_equal(o.mode, BT_MODE_MANIFEST);
    assert_string_equal(o.manifest_dir, "campaign");
    assert_true(parse(&o, "--campaign", "/c", "--outbox", "/o"));
    assert_int_equal(o.mode, BT_MODE_PLAY);
    assert_string_equal(o.campaign, "/c");
    assert_string_equal(o.outbox, "/o");
    assert_true(parse(&o, "--status", "--json", NULL, NULL));
    assert_int_equal(o.mode, BT_MODE_STATUS);
    assert_true(o.json);
    assert_true(parse(&o, "--report", "2026-01-01..", "--merge", "outboxes"));
    assert_int_equal(o.mode, BT_MODE_REPORT);
    assert_string_equal(o.merge, "outboxes");
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
    assert_false(parse(&o, "--report", "2026-01-01", "--pair", "/media/x"));
    assert_false(parse(&o, "--sign", "dept.key", NULL, NULL)); /* two values */
    assert_false(parse(&o, "--sign", NULL, NULL, NULL));
    assert_false(parse(&o, "--keygen", "a", "--manifest", "b"));
}

/* --help and --version answer whatever else the line asks. */
static void help_and_version_win(void **state)
{
    (void)state;
    bt_options o;
    assert_true(parse(&o, "--check", "--help", NULL, NULL));
    assert_int_equal(o.mode, BT_MODE_HELP);
    assert_true(parse(&o, "--version", "--render", "out", NULL));
    assert_int_equal(o.mode, BT_MODE_VERSION);
}

/* The help is made from the table: every option is in it. */
static void help_lists_every_option(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    bt_options_usage(f);
    fclose(f);
    const char *names[] = {"--check", "--render DIR", "--size WxH", "--window WxH", "--rotate DEG",
                           "--library DIR", "--watch DIR", "--now TIME", "--report FROM..TO",
                           "--pair DIR", "--unpaired-ok", "--trust KEY.pub", "--manifest DIR",
                           "--keygen NAME", "--sign KEY DIR", "--version, --help"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_non_null(strstr(text, names[i]));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_command_lines),
        cmocka_unit_test(bad_usage_is_refused),
        cmocka_unit_test(help_and_version_win),
        cmocka_unit_test(help_lists_every_option),
    };
    return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
