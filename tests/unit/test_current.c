/* The library's `current` changed by hand: --rollback to the import before,
 * --reset to no `current` (the bundled playlist), and their refusals, on a
 * library laid out as imports leave it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library/current.h"

#define OLD "20260301T080000Z-00000000000000a1"
#define MID "20260315T080000Z-00000000000000b2"
#define NEW "20260316T093000Z-00000000000000c3"

static void put(const char *lib, const char *rel, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", lib, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void import(const char *lib, const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/playlists/%s", lib, name);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "playlists/%s/playlist.yaml", name);
    put(lib, path, "version: 1\nslides: [{title: x}]\n");
}

static void point_current(const char *lib, const char *target)
{
    char link[600];
    snprintf(link, sizeof link, "%s/current", lib);
    unlink(link);
    assert_int_equal(symlink(target, link), 0);
}

static char *target(const char *lib)
{
    static char buf[256];
    char link[600];
    snprintf(link, sizeof link, "%s/current", lib);
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = '\0';
    return buf;
}

/* Three imports, the middle one current, a play log beside them. */
static int make_library(void **state)
{
    char *dir = strdup("/tmp/bt-current-XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    char path[600];
    snprintf(path, sizeof path, "%s/playlists", dir);
    if (mkdir(path, 0755) != 0)
        return -1;
    import(dir, OLD);
    import(dir, MID);
    import(dir, NEW);
    point_current(dir, "playlists/" MID);
    put(dir, "plays.csv", "time,playlist,id,seconds,mode\n");
    *state = dir;
    return 0;
}

static int remove_library(void **state)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
    assert_int_equal(system(cmd), 0);
    free(*state);
    return 0;
}

static void current_names_the_import(void **state)
{
    const char *lib = *state;
    char name[64];
    assert_true(bt_library_current(lib, name, sizeof name));
    assert_string_equal(name, "playlists/" MID);
    /* A link to something that is not a complete import names none. */
    point_current(lib, "playlists/" MID "/../../elsewhere");
    assert_false(bt_library_current(lib, name, sizeof name));
    assert_string_equal(name, "");
}

static void rollback_goes_to_the_import_before(void **state)
{
    const char *lib = *state;
    char from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE], err[1024];
    assert_int_equal(bt_library_rollback(lib, true, from, to, err, sizeof err), BT_SWITCH_DONE);
    assert_string_equal(from, MID);
    assert_string_equal(to, OLD);
    assert_string_equal(target(lib), "playlists/" OLD);
    /* Nothing older: refused, and current stays. */
    assert_int_equal(bt_library_rollback(lib, true, from, to, err, sizeof err), BT_SWITCH_NOTHING);
    assert_non_null(strstr(err, "the import playing (2026-03-01 08:00:00 UTC) is the oldest"));
    assert_string_equal(target(lib), "playlists/" OLD);
    /* No temporary link is left beside it. */
    DIR *d = opendir(lib);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "current.tmp", 11) == 0)
            fail_msg("left behind: %s", e->d_name);
    closedir(d);
}

static void reset_removes_current_only(void **state)
{
    const char *lib = *state;
    char from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE], err[1024], path[600];
    assert_int_equal(bt_library_reset(lib, true, from, err, sizeof err), BT_SWITCH_DONE);
    assert_string_equal(from, MID);
    struct stat st;
    snprintf(path, sizeof path, "%s/current", lib);
    assert_int_not_equal(lstat(path, &st), 0);
    /* The play log and the imports stay. */
    snprintf(path, sizeof path, "%s/plays.csv", lib);
    assert_int_equal(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/playlists/%s/playlist.yaml", lib, NEW);
    assert_int_equal(stat(path, &st), 0);
    /* Again: nothing to reset, and nothing to roll back to. */
    assert_int_equal(bt_library_reset(lib, true, from, err, sizeof err), BT_SWITCH_NOTHING);
    assert_non_null(strstr(err, "already plays its bundled playlist"));
    assert_int_equal(bt_library_rollback(lib, true, from, to, err, sizeof err), BT_SWITCH_NOTHING);
    assert_non_null(strstr(err, "the kiosk plays its bundled playlist"));
}

static void a_dangling_current_is_not_rolled_back(void **state)
{
    const char *lib = *state;
    char from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE], err[1024];
    point_current(lib, "playlists/20260401T000000Z-00000000000000ff");
    assert_int_equal(bt_library_rollback(lib, true, from, to, err, sizeof err), BT_SWITCH_NOTHING);
    assert_non_null(strstr(err, "does not name a complete import"));
    /* Reset still removes it: the bundled playlist then plays. */
    assert_int_equal(bt_library_reset(lib, true, from, err, sizeof err), BT_SWITCH_DONE);
}

/* An import holds the lock: not waiting, the change says so and does nothing. */
static void an_import_under_way(void **state)
{
    const char *lib = *state;
    char path[600], from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE], err[1024];
    snprintf(path, sizeof path, "%s/.import.lock", lib);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    assert_int_equal(bt_library_rollback(lib, false, from, to, err, sizeof err), BT_SWITCH_BUSY);
    assert_non_null(strstr(err, "is being imported"));
    assert_int_equal(bt_library_reset(lib, false, from, err, sizeof err), BT_SWITCH_BUSY);
    assert_string_equal(target(lib), "playlists/" MID);
    close(fd);
    assert_int_equal(bt_library_rollback(lib, false, from, to, err, sizeof err), BT_SWITCH_DONE);
}

/* A library that is not there is not made by a technician's typo. */
static void no_library(void **state)
{
    char lib[600], from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE], err[1024];
    snprintf(lib, sizeof lib, "%s/typo", (char *)*state);
    assert_int_equal(bt_library_rollback(lib, true, from, to, err, sizeof err), BT_SWITCH_NOTHING);
    assert_non_null(strstr(err, "there is no library at"));
    assert_int_equal(bt_library_reset(lib, true, from, err, sizeof err), BT_SWITCH_NOTHING);
    struct stat st;
    assert_int_not_equal(stat(lib, &st), 0);
}

static void import_times(void **state)
{
    (void)state;
    char buf[64];
    bt_library_import_time(NEW, buf, sizeof buf);
    assert_string_equal(buf, "2026-03-16 09:30:00 UTC");
    bt_library_import_time("not-an-import", buf, sizeof buf);
    assert_string_equal(buf, "not-an-import");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(current_names_the_import, make_library, remove_library),
        cmocka_unit_test_setup_teardown(rollback_goes_to_the_import_before, make_library,
                                        remove_library),
        cmocka_unit_test_setup_teardown(reset_removes_current_only, make_library, remove_library),
        cmocka_unit_test_setup_teardown(a_dangling_current_is_not_rolled_back, make_library,
                                        remove_library),
        cmocka_unit_test_setup_teardown(an_import_under_way, make_library, remove_library),
        cmocka_unit_test_setup_teardown(no_library, make_library, remove_library),
        cmocka_unit_test(import_times),
    };
    return cmocka_run_group_tests_name("current", tests, NULL, NULL);
}
