/* test_utf8.c: cleaning untrusted text and comparing file names. Tables of
 * (title, input, expected), libyaml style. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define FFFD "\xef\xbf\xbd"

typedef struct {
    const char *title;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *out;
    bool replaced;
} clean_case;

static const clean_case clean_cases[] = {
    {"ascii", "hello", 0, "hello", false},
    {"empty", "", 0, "", false},
    {"NFC stays", "Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t", 0, "Tiếng Việt", false},
    /* "Tiếng Việt" decomposed: e + U+0302 + U+0301, e + U+0323 + U+0302 */
    {"NFD Vietnamese", "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t", 0, "Tiếng Việt", false},
    {"stray continuation", "a\x80z", 0, "a" FFFD "z", true},
    {"two stray continuations", "a\x80\xbfz", 0, "a" FFFD FFFD "z", true},
    {"overlong slash", "\xc0\xaf", 0, FFFD FFFD, true},
    {"overlong 3-byte", "\xe0\x80\xaf!", 0, FFFD FFFD FFFD "!", true},
    {"surrogate", "\xed\xa0\x80x", 0, FFFD FFFD FFFD "x", true},
    {"past U+10FFFF", "\xf4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD, true},
    {"truncated at end", "ab\xe1\xba", 0, "ab" FFFD, true},
    {"truncated before ascii", "\xe1\xba" "c", 0, FFFD "c", true},
    {"lead byte 0xff", "\xff", 0, FFFD, true},
    {"NUL inside", "a\0b", 3, "a" FFFD "b", true},
    {"4-byte emoji", "\xf0\x9f\x94\x92", 0, "\xf0\x9f\x94\x92", false},
};

static void test_clean(void **state)
{
    const clean_case *c = *state;
    bool replaced = !c->replaced;
    char *out = bt_utf8_clean(c->in, c->len ? c->len : strlen(c->in), &replaced);
    assert_non_null(out);
    assert_string_equal(out, c->out);
    assert_int_equal(replaced, c->replaced);
    free(out);
}

static void test_clean_null_flag(void **state)
{
    char *out = bt_utf8_clean("x\xff", 2, NULL);
    assert_string_equal(out, "x" FFFD);
    free(out);
}

static void test_chars(void **state)
{
    assert_int_equal(bt_utf8_chars(""), 0);
    assert_int_equal(bt_utf8_chars("abc"), 3);
    assert_int_equal(bt_utf8_chars("Tiếng Việt"), 10);
    assert_int_equal(bt_utf8_chars("\xf0\x9f\x94\x92"), 1);
}

typedef struct {
    const char *a, *b;
    bool same;
} fold_case;

static const fold_case fold_cases[] = {
    {"ẢNH.PNG", "ảnh.png", true},
    /* ảnh decomposed: a + U+0309 */
    {"a\xcc\x89nh.png", "ảnh.png", true},
    {"A\xcc\x89NH.PNG", "ảnh.png", true},
    {"OTP.PNG", "otp.png", true},
    {"otp.png", "otp.jpg", false},
    {"anh.png", "ảnh.png", false}, /* a diacritic is not case */
};

static void test_fold(void **state)
{
    for (size_t i = 0; i < sizeof fold_cases / sizeof *fold_cases; i++) {
        char *a = bt_utf8_fold(fold_cases[i].a), *b = bt_utf8_fold(fold_cases[i].b);
        assert_non_null(a);
        assert_non_null(b);
        if (fold_cases[i].same)
            assert_string_equal(a, b);
        else
            assert_string_not_equal(a, b);
        free(a);
        free(b);
    }
    assert_null(bt_utf8_fold("bad\xff"));
}

static void test_next(void **state)
{
    size_t skip = 0;
    assert_int_equal(bt_utf8_next("a", 1, &skip), 1);
    assert_int_equal(bt_utf8_next("\xe1\xba\xbf", 3, &skip), 3);
    assert_int_equal(bt_utf8_next("\xe1\xba", 2, &skip), 0);
    assert_int_equal(skip, 2);
    assert_int_equal(bt_utf8_next("\0", 1, &skip), 0);
    assert_int_equal(skip, 1);
}

int main(void)
{
    enum { N = sizeof clean_cases / sizeof *clean_cases };
    struct CMUnitTest tests[N + 4] = {
        cmocka_unit_test(test_clean_null_flag),
        cmocka_unit_test(test_chars),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_next),
    };
    for (int i = 0; i < N; i++)
        tests[4 + i] =
            (struct CMUnitTest){clean_cases[i].title, test_clean, NULL, NULL, (void *)&clean_cases[i]};
    return _cmocka_run_group_tests("utf8", tests, N + 4, NULL, NULL);
}
