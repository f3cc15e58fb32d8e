/* test_natsort.c: natural name order, as a clerk's folders hold names:
 * PowerPoint's Slide1.PNG .. Slide12.PNG, numbered photos, Vietnamese
 * names written NFC or NFD, upper and lower case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/natsort.h"

static int cmp(const void *a, const void *b)
{
    return bt_natsort_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each list is in the expected order; shuffled, it sorts back to it. */
static void assert_sorts(const char *const *want, size_t n)
{
    const char **got = malloc(n * sizeof *got);
    assert_non_null(got);
    for (size_t i = 0; i < n; i++)
        got[i] = want[(i * 7 + 3) % n]; /* a fixed shuffle (n not a multiple of 7) */
    qsort(got, n, sizeof *got, cmp);
    for (size_t i = 0; i < n; i++)
        if (strcmp(got[i], want[i]) != 0)
            fail_msg("place %zu: \"%s\", want \"%s\"", i, got[i], want[i]);
    free(got);
}

static void powerpoint_slides(void **state)
{
    (void)state;
    static const char *const want[] = {"Slide1.PNG", "Slide2.PNG", "Slide3.PNG", "Slide4.PNG",
                                       "Slide5.PNG", "Slide6.PNG", "Slide7.PNG", "Slide8.PNG",
                                       "Slide9.PNG", "Slide10.PNG", "Slide11.PNG", "Slide12.PNG"};
    assert_sorts(want, sizeof want / sizeof *want);
    assert_true(bt_natsort_cmp("Slide2.PNG", "Slide10.PNG") < 0);
    assert_true(bt_natsort_cmp("Slide10.PNG", "Slide2.PNG") > 0);
}

static void numbers_of_any_length(void **state)
{
    (void)state;
    static const char *const want[] = {
        "a", "a0", "a1", "a01", "a001", "a2", "a9", "a10", "a99999999999999999999",
        "a100000000000000000000", "a100000000000000000000b", "b",
    };
    assert_sorts(want, sizeof want / sizeof *want);
    assert_int_equal(bt_natsort_cmp_keys("x007y", "x7y") > 0, 1);
    assert_int_equal(bt_natsort_cmp_keys("x7y", "x7y"), 0);
    assert_true(bt_natsort_cmp_keys("img 2", "img 12") < 0);
    assert_true(bt_natsort_cmp_keys("2026-01-05 anh.jpg", "2026-01-12 anh.jpg") < 0);
}

/* "ảnh" NFC (U+1EA3) and NFD (a + U+0309) have one key; case is folded. */
static void nfc_nfd_and_case_alike(void **state)
{
    (void)state;
    char *a = bt_natsort_key("\xe1\xba\xa2nh 2.jpg"), *b = bt_natsort_key("a\xcc\x89nh 2.JPG");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
    /* Sorted with their neighbours, as one name would be. */
    static const char *const want[] = {"\xe1\xba\xa2nh 1.jpg", "A\xcc\x89NH 2.JPG",
                                       "\xe1\xba\xa3nh 10.jpg", "b\xc3\xa0i 1.png",
                                       "SLIDE3.PNG", "slide20.png"};
    assert_sorts(want, sizeof want / sizeof *want);
    /* One key, different bytes: a total order all the same. */
    assert_true(bt_natsort_cmp("a.PNG", "a.png") != 0);
    assert_int_equal(bt_natsort_cmp("a.PNG", "a.png"), -bt_natsort_cmp("a.png", "a.PNG"));
    assert_int_equal(bt_natsort_cmp("same", "same"), 0);
}

/* Names that are not valid UTF-8 (Latin-1 from an old PC) still sort. */
static void invalid_utf8(void **state)
{
    (void)state;
    char *k = bt_natsort_key("caf\xe9 2.jpg");
    assert_non_null(k);
    free(k);
    assert_true(bt_natsort_cmp("caf\xe9 2.jpg", "caf\xe9 10.jpg") < 0);
    assert_true(bt_natsort_cmp("", "a") < 0);
    assert_true(bt_natsort_cmp("a", "") > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(powerpoint_slides),
        cmocka_unit_test(numbers_of_any_length),
        cmocka_unit_test(nfc_nfd_and_case_alike),
        cmocka_unit_test(invalid_utf8),
    };
    return cmocka_run_group_tests_name("natsort", tests, NULL, NULL);
}
