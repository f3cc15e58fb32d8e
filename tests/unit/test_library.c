/* Where the library folder is: --library, else the system folder when
 * usable, else the XDG data folder; each made when missing. The system
 * folder is a temp one here, never /var/lib. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library/library.h"

static char tmpdir[] = "/tmp/bangtin-library-XXXXXX";

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void check(const char *opt, const char *system_dir, const char *expected)
{
    char err[256] = "";
    char *dir = bt_library_dir_at(opt, system_dir, err, sizeof err);
    if (!dir)
        fail_msg("no library folder: %s", err);
    assert_string_equal(dir, expected);
    assert_true(is_dir(dir));
    free(dir);
}

static void chooses_in_order(void **state)
{
    (void)state;
    char opt[600], sys[600], xdg[600], home[600], exp[700];
    snprintf(opt, sizeof opt, "%s/given/deep", tmpdir);
    snprintf(sys, sizeof sys, "%s/var-lib-bangtin", tmpdir);
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    snprintf(home, sizeof home, "%s/home", tmpdir);

    check(opt, sys, opt); /* --library wins, made with its parents */
    check(NULL, sys, sys); /* the system folder, made */
    check("", sys, sys);

    /* no usable system folder: XDG_DATA_HOME, then ~/.local/share */
    setenv("XDG_DATA_HOME", xdg, 1);
    snprintf(exp, sizeof exp, "%s/bangtin", xdg);
    check(NULL, NULL, exp);
    char file_not_dir[640];
    snprintf(file_not_dir, sizeof file_not_dir, "%s/plain-file", tmpdir);
    FILE *f = fopen(file_not_dir, "w");
    assert_non_null(f);
    fclose(f);
    check(NULL, file_not_dir, exp); /* a file where the folder should be */

    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    setenv("HOME", home, 1);
    snprintf(exp, sizeof exp, "%s/.local/share/bangtin", home);
    check(NULL, NULL, exp);
    unsetenv("XDG_DATA_HOME");
    check(NULL, NULL, exp);
}

static void cannot_make_it(void **state)
{
    (void)state;
    char bad[600], err[256] = "";
    snprintf(bad, sizeof bad, "%s/plain-file/sub", tmpdir);
    assert_null(bt_library_dir_at(bad, NULL, err, sizeof err));
    assert_non_null(strstr(err, "cannot create the library folder"));
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chooses_in_order),
        cmocka_unit_test(cannot_make_it),
    };
    return cmocka_run_group_tests_name("library", tests, setup, teardown);
}
