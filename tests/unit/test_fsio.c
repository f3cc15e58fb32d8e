/* The file helpers every layer writes with: CSV fields, hex digits,
 * renaming without replacing, writing a whole buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsio.h"

static void csv(const char *in, bool sheet, const char *want)
{
    char out[64];
    size_t n = bt_csv_field(out, sizeof out, in, strlen(in), sheet);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void csv_fields_follow_rfc_4180(void **state)
{
    (void)state;
    csv("otp", false, "otp");
    csv("", false, "");
    csv("a,b", false, "\"a,b\"");
    csv("say \"hi\"", false, "\"say \"\"hi\"\"\"");
    csv("two\nlines", false, "\"two\nlines\"");
    csv("cr\rhere", false, "\"cr\rhere\"");
    csv("Lừa đảo", false, "Lừa đảo");
    /* A spreadsheet must never run a playlist's text as a formula. */
    csv("=HYPERLINK(1)", true, "'=HYPERLINK(1)");
    csv("-3", true, "'-3");
    csv("=a,b", true, "\"'=a,b\"");
    csv("=a", false, "=a");
}

static void csv_says_how_much_room_it_needs(void **state)
{
    (void)state;
    char small[4];
    size_t n = bt_csv_field(small, sizeof small, "a,bcdef", 7, false);
    assert_int_equal(n, 9); /* "a,bcdef" with its quotes */
    assert_int_equal(strlen(small), 3);
    assert_memory_equal(small, "\"a,", 3);
}

static void hex_is_lower_case(void **state)
{
    (void)state;
    unsigned char b[] = {0x00, 0x0f, 0xa5, 0xff};
    char out[9];
    bt_hex(b, sizeof b, out);
    assert_string_equal(out, "000fa5ff");
}

static void rename_never_replaces(void **state)
{
    (void)state;
    char dir[] = "/tmp/bt-fsio-XXXXXX";
    assert_non_null(mkdtemp(dir));
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    assert_true(dfd >= 0);
    int fd = openat(dfd, "a", O_WRONLY | O_CREAT, 0644);
    assert_true(bt_write_all(fd, "first", 5));
    close(fd);
    fd = openat(dfd, "b", O_WRONLY | O_CREAT, 0644);
    assert_true(bt_write_all(fd, "second", 6));
    close(fd);
    assert_int_equal(bt_rename_noreplace(dfd, "a", "b"), -1);
    struct stat st;
    assert_int_equal(fstatat(dfd, "b", &st, 0), 0);
    assert_int_equal(st.st_size, 6); /* b untouched */
    assert_int_equal(bt_rename_noreplace(dfd, "a", "c"), 0);
    assert_int_equal(fstatat(dfd, "c", &st, 0), 0);
    assert_int_equal(st.st_size, 5);
    assert_int_not_equal(fstatat(dfd, "a", &st, 0), 0);
    assert_int_equal(bt_fsync_dir(dfd), 0);
    unlinkat(dfd, "b", 0);
    unlinkat(dfd, "c", 0);
    close(dfd);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_fields_follow_rfc_4180),
        cmocka_unit_test(csv_says_how_much_room_it_needs),
        cmocka_unit_test(hex_is_lower_case),
        cmocka_unit_test(rename_never_replaces),
    };
    return cmocka_run_group_tests_name("fsio", tests, NULL, NULL);
}
