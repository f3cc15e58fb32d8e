/* When a synced campaign folder is looked at (library/campaign_follow.h),
 * under a fake clock: once quiet after each change, the same state never
 * twice, settled after the quiet time when it was waited for, and the
 * fingerprint seeing files that appear, grow, are renamed or replaced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "library/campaign_follow.h"

static void decides_once_quiet_and_once_per_state(void **state)
{
    (void)state;
    bt_follow f;
    bt_follow_init(&f, 1000, 60000);
    assert_int_equal(bt_follow_look(&f, 0, 11), BT_FOLLOW_NOTHING); /* just changed */
    assert_int_equal(bt_follow_deadline(&f), 1000);
    assert_int_equal(bt_follow_look(&f, 500, 12), BT_FOLLOW_NOTHING); /* changed again */
    assert_int_equal(bt_follow_deadline(&f), 1500);
    assert_int_equal(bt_follow_look(&f, 1500, 12), BT_FOLLOW_DECIDE);
    bt_follow_decided(&f, 12, false, BT_CIMPORT_REFUSED);
    /* refused: said once, never again for the same state */
    assert_int_equal(bt_follow_look(&f, 2000, 12), BT_FOLLOW_NOTHING);
    assert_int_equal(bt_follow_look(&f, 120000, 12), BT_FOLLOW_NOTHING);
    assert_true(bt_follow_deadline(&f) == UINT64_MAX);
    /* a new state is decided about */
    assert_int_equal(bt_follow_look(&f, 130000, 13), BT_FOLLOW_NOTHING);
    assert_int_equal(bt_follow_look(&f, 131000, 13), BT_FOLLOW_DECIDE);
}

static void a_waited_state_is_settled_after_the_quiet_time(void **state)
{
    (void)state;
    bt_follow f;
    bt_follow_init(&f, 0, 0); /* the defaults */
    assert_int_equal(f.debounce_ms, BT_FOLLOW_DEBOUNCE_MS);
    bt_follow_look(&f, 0, 7);
    assert_int_equal(bt_follow_look(&f, 1000, 7), BT_FOLLOW_DECIDE);
    bt_follow_decided(&f, 7, false, BT_CIMPORT_WAIT);
    assert_int_equal(bt_follow_deadline(&f), 60000);
    assert_int_equal(bt_follow_look(&f, 59999, 7), BT_FOLLOW_NOTHING);
    assert_int_equal(bt_follow_look(&f, 60000, 7), BT_FOLLOW_DECIDE_SETTLED);
    bt_follow_decided(&f, 7, true, BT_CIMPORT_WAIT);
    assert_int_equal(bt_follow_look(&f, 200000, 7), BT_FOLLOW_NOTHING);
    /* a folder quiet for long when first seen changed is settled at once */
    bt_follow_look(&f, 300000, 8);
    assert_int_equal(bt_follow_look(&f, 400000, 8), BT_FOLLOW_DECIDE_SETTLED);
    /* an import cut short is tried again once quiet */
    bt_follow_decided(&f, 8, false, BT_CIMPORT_ABORTED);
    assert_int_equal(bt_follow_look(&f, 400001, 8), BT_FOLLOW_DECIDE_SETTLED);
}

static void the_fingerprint_sees_every_change(void **state)
{
    (void)state;
    char dir[] = "/tmp/bangtin-follow-XXXXXX", cmd[512];
    assert_non_null(mkdtemp(dir));
    uint64_t seen[10];
    int n = 0;
    const char *steps[] = {
        "mkdir -p %s/images",
        "echo a > %s/images/.syncthing.otp.png.tmp",
        "echo ab > %s/images/.syncthing.otp.png.tmp",
        "mv %s/images/.syncthing.otp.png.tmp %s/images/otp.png",
        "echo ba > %s/images/otp.png", /* same size, new bytes */
        "echo list > %s/manifest.txt",
        "mkdir -p %s/a/b/c && echo deep > %s/a/b/c/d.txt",
        "ln -s /etc %s/link",
    };
    seen[n++] = bt_campaign_fingerprint(dir);
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        snprintf(cmd, sizeof cmd, steps[i], dir, dir);
        assert_int_equal(system(cmd), 0);
        uint64_t fp = bt_campaign_fingerprint(dir);
        for (int k = 0; k < n; k++)
            assert_true(fp != seen[k]);
        assert_true(fp == bt_campaign_fingerprint(dir)); /* stable while nothing changes */
        seen[n++] = fp;
    }
    assert_true(bt_campaign_fingerprint("/nonexistent/bangtin") == 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_true(bt_campaign_fingerprint(dir) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decides_once_quiet_and_once_per_state),
        cmocka_unit_test(a_waited_state_is_settled_after_the_quiet_time),
        cmocka_unit_test(the_fingerprint_sees_every_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
