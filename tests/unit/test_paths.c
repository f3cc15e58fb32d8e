/* test_paths.c: asset paths stay inside the playlist's folder, and names
 * written on macOS (NFD) or FAT (upper case) are still found. A table of
 * (title, path as written, expected status, expected file), run against a
 * folder built at run time (git keeps symlinks and NFD names poorly). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/paths.h"

static char tmpdir[] = "/tmp/bt_test_paths.XXXXXX";
static char root[600];

typedef struct {
    const char *title;
    const char *rel;
    bt_path_status status;
    const char *found; /* the real path below root, when OK */
} path_case;

/* "Ảnh" and "BIỂN.PNG" as macOS stores them: decomposed. */
#define NFD_DIR "A\xcc\x89nh"
#define NFD_FILE "BIE\xcc\x82\xcc\x89N.PNG"

static const path_case cases[] = {
    {"plain file", "images/otp.png", BT_PATH_OK, "/images/otp.png"},
    {"dots and double slashes", "./images//otp.png", BT_PATH_OK, "/images/otp.png"},
    {"upper case written, lower on disk", "IMAGES/OTP.PNG", BT_PATH_OK, "/images/otp.png"},
    {"NFC lower written, NFD upper on disk", "ảnh/biển.png", BT_PATH_OK,
     "/" NFD_DIR "/" NFD_FILE},
    {"symlink inside is fine", "link_in.png", BT_PATH_OK, "/images/otp.png"},
    {"missing", "images/nope.png", BT_PATH_NOT_FOUND, NULL},
    {"missing folder", "nope/otp.png", BT_PATH_NOT_FOUND, NULL},
    {"file used as a folder", "images/otp.png/x", BT_PATH_NOT_FOUND, NULL},
    {"dangling symlink", "dangling.png", BT_PATH_NOT_FOUND, NULL},
    {"parent", "../outside.png", BT_PATH_PARENT, NULL},
    {"parent in the middle", "images/../images/otp.png", BT_PATH_PARENT, NULL},
    {"a Windows path", "images\\otp.png", BT_PATH_BACKSLASH, NULL},
    {"a Windows drive", "C:\\Users\\a.png", BT_PATH_BACKSLASH, NULL},
    {"absolute", "/etc/passwd", BT_PATH_ABSOLUTE, NULL},
    {"empty", "", BT_PATH_EMPTY, NULL},
    {"symlink out", "link_out.png", BT_PATH_OUTSIDE, NULL},
    {"symlinked folder out", "dir_out/outside.png", BT_PATH_OUTSIDE, NULL},
    {"symlink out, found by folding", "LINK_OUT.PNG", BT_PATH_OUTSIDE, NULL},
    {"a folder", "images", BT_PATH_NOT_FILE, NULL},
};

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
}

static int setup(void **state)
{
    if (!mkdtemp(tmpdir))
        return -1;
    char p[900];
    snprintf(root, sizeof root, "%s/root", tmpdir);
    mkdir(root, 0700);
    snprintf(p, sizeof p, "%s/images", root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/images/otp.png", root);
    touch(p);
    snprintf(p, sizeof p, "%s/" NFD_DIR, root);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/" NFD_DIR "/" NFD_FILE, root);
    touch(p);
    snprintf(p, sizeof p, "%s/outside.png", tmpdir);
    touch(p);
    snprintf(p, sizeof p, "%s/link_in.png", root);
    if (symlink("images/otp.png", p) != 0)
        return -1;
    snprintf(p, sizeof p, "%s/link_out.png", root);
    if (symlink("../outside.png", p) != 0)
        return -1;
    snprintf(p, sizeof p, "%s/dir_out", root);
    if (symlink("..", p) != 0)
        return -1;
    snprintf(p, sizeof p, "%s/dangling.png", root);
    if (symlink("nothing-here.png", p) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_resolve(void **state)
{
    const path_case *c = *state;
    char *out = (char *)"untouched";
    bt_path_status st = bt_path_resolve(root, c->rel, &out);
    if (st != c->status)
        print_error("%s: \"%s\" gave %d (%s), expected %d\n", c->title, c->rel, st,
                    bt_path_status_words(st), c->status);
    assert_int_equal(st, c->status);
    if (!c->found) {
        assert_null(out);
        return;
    }
    char *real_root = realpath(root, NULL), want[1200];
    snprintf(want, sizeof want, "%s%s", real_root, c->found);
    assert_string_equal(out, want);
    free(real_root);
    free(out);
}

/* The folder itself may be given through a symlink or as a relative path. */
static void test_root_via_link(void **state)
{
    char link[700], *out = NULL;
    snprintf(link, sizeof link, "%s/root_link", tmpdir);
    assert_int_equal(symlink("root", link), 0);
    assert_int_equal(bt_path_resolve(link, "images/otp.png", &out), BT_PATH_OK);
    free(out);
    assert_int_equal(bt_path_resolve("/nonexistent/folder", "x.png", &out), BT_PATH_NO_FOLDER);
    assert_null(out);
}

static void test_words(void **state)
{
    assert_string_equal(bt_path_status_words(BT_PATH_NOT_FOUND),
                        "was not found in the playlist's folder");
    assert_non_null(bt_path_status_words((bt_path_status)99));
}

int main(void)
{
    enum { N = sizeof cases / sizeof *cases };
    struct CMUnitTest tests[N + 2] = {
        cmocka_unit_test(test_root_via_link),
        cmocka_unit_test(test_words),
    };
    for (int i = 0; i < N; i++)
        tests[2 + i] = (struct CMUnitTest){cases[i].title, test_resolve, NULL, NULL,
                                           (void *)&cases[i]};
    return _cmocka_run_group_tests("paths", tests, N + 2, setup, teardown);
}
