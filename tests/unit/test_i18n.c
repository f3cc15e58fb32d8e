/* The message catalogs' reader: a catalog msgfmt made is read in either
 * byte order; a damaged one (cut short, a wrong magic, an offset past its
 * end, a string without its NUL) loses translations and nothing more; a
 * translation whose printf conversions differ from the English is never
 * used (it would read other arguments); the technician's language follows
 * LANGUAGE, LC_ALL, LC_MESSAGES and LANG as gettext does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static unsigned char mo[4096];
static size_t mo_size;

/* A catalog made by msgfmt from these entries, with one mistake msgfmt
 * --check lets through when a .po file drops the c-format flag. */
static int setup(void **state)
{
    (void)state;
    const char *po = "/tmp/bt-test-i18n.po", *out = "/tmp/bt-test-i18n.mo";
    FILE *f = fopen(po, "w");
    if (!f)
        return -1;
    fputs("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
          "msgid \"Home\"\nmsgstr \"Trang chủ\"\n\n"
          "#, c-format\nmsgid \"%s, line %d\"\nmsgstr \"%s, dòng %d\"\n\n"
          "#, c-format\nmsgid \"%s is %d\"\nmsgstr \"%2$d là %1$s\"\n\n"
          "msgid \"%d slides\"\nmsgstr \"%s trang chiếu\"\n\n" /* the mistake */
          "msgid \"Empty\"\nmsgstr \"\"\n",
          f);
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "msgfmt -o %s %s", out, po);
    if (system(cmd) != 0)
        return -1;
    f = fopen(out, "rb");
    if (!f)
        return -1;
    mo_size = fread(mo, 1, sizeof mo, f);
    fclose(f);
    return mo_size > 28 ? 0 : -1;
}

static void reads_msgfmts_catalog(void **state)
{
    (void)state;
    bt_catalog c;
    assert_true(bt_catalog_parse(&c, mo, mo_size));
    assert_string_equal(bt_catalog_find(&c, "Home"), "Trang chủ");
    assert_string_equal(bt_catalog_find(&c, "%s, line %d"), "%s, dòng %d");
    assert_string_equal(bt_catalog_find(&c, "%s is %d"), "%2$d là %1$s");
    const char *id = "Not there";
    assert_ptr_equal(bt_catalog_find(&c, id), id);
    /* an empty translation: the English */
    assert_string_equal(bt_catalog_find(&c, "Empty"), "Empty");
}

static void a_mismatched_format_is_not_used(void **state)
{
    (void)state;
    bt_catalog c;
    assert_true(bt_catalog_parse(&c, mo, mo_size));
    const char *id = "%d slides";
    assert_ptr_equal(bt_catalog_find(&c, id), id);
    assert_true(bt_i18n_same_conversions("%s, line %d", "%s, dòng %d"));
    assert_true(bt_i18n_same_conversions("%s is %d", "%2$d là %1$s"));
    assert_true(bt_i18n_same_conversions("%.1f s, %u frames, %lld bytes, %%", "%.1f giây %u %lld %%"));
    assert_false(bt_i18n_same_conversions("%d", "%s"));
    assert_false(bt_i18n_same_conversions("%d", "%ld"));
    assert_false(bt_i18n_same_conversions("%s", "%s %s"));
    assert_false(bt_i18n_same_conversions("%s", "%n"));
    assert_true(bt_i18n_same_conversions("{percent}%", "xong {percent}%")); /* no format */
    assert_false(bt_i18n_same_conversions("{percent}%", "%s%s")); /* a format where none was */
    assert_false(bt_i18n_same_conversions("%s %d", "%1$s %d")); /* mixed */
    assert_false(bt_i18n_same_conversions("%s", "%99999999999$s"));
    assert_true(bt_i18n_same_conversions("%*d", "%*d"));
    assert_false(bt_i18n_same_conversions("%*d", "%d"));
}

static void byte_order_swapped(void **state)
{
    (void)state;
    unsigned char sw[sizeof mo];
    memcpy(sw, mo, mo_size);
    /* The header's seven words in the other order, and the two tables'. */
    uint32_t n, orig, trans;
    memcpy(&n, mo + 8, 4);
    memcpy(&orig, mo + 12, 4);
    memcpy(&trans, mo + 16, 4);
    for (size_t at = 0; at < 28; at += 4) {
        uint32_t v;
        memcpy(&v, mo + at, 4);
        v = __builtin_bswap32(v);
        memcpy(sw + at, &v, 4);
    }
    for (uint32_t i = 0; i < 2 * n; i++) {
        for (int t = 0; t < 2; t++) {
            size_t at = (t ? trans : orig) + (size_t)(i % n) * 8 + (i / n) * 4;
            uint32_t v;
            memcpy(&v, mo + at, 4);
            v = __builtin_bswap32(v);
            memcpy(sw + at, &v, 4);
        }
    }
    bt_catalog c;
    assert_true(bt_catalog_parse(&c, sw, mo_size));
    assert_true(c.swapped);
    assert_string_equal(bt_catalog_find(&c, "Home"), "Trang chủ");
}

static void damaged_catalogs_lose_translations_only(void **state)
{
    (void)state;
    bt_catalog c;
    unsigned char bad[sizeof mo];
    /* a wrong magic, or too short to be one */
    memcpy(bad, mo, mo_size);
    bad[0] ^= 0xff;
    assert_false(bt_catalog_parse(&c, bad, mo_size));
    assert_false(bt_catalog_parse(&c, mo, 20));
    /* cut short: every length checked against the end */
    for (size_t cut = 28; cut < mo_size; cut += 7) {
        assert_true(bt_catalog_parse(&c, mo, cut));
        const char *tr = bt_catalog_find(&c, "Home");
        assert_true(strcmp(tr, "Home") == 0 || strcmp(tr, "Trang chủ") == 0);
    }
    /* a table offset far past the end */
    memcpy(bad, mo, mo_size);
    uint32_t far = 0x7ffffff0;
    memcpy(bad + 12, &far, 4);
    assert_true(bt_catalog_parse(&c, bad, mo_size));
    assert_string_equal(bt_catalog_find(&c, "Home"), "Home");
    /* every string's NUL overwritten */
    memcpy(bad, mo, mo_size);
    for (size_t i = 28; i < mo_size; i++)
        if (bad[i] == 0)
            bad[i] = 'x';
    assert_true(bt_catalog_parse(&c, bad, mo_size));
    assert_string_equal(bt_catalog_find(&c, "Home"), "Home");
}

static void the_terminal_language(void **state)
{
    (void)state;
    static const struct {
        const char *language, *lc_all, *lc_messages, *lang;
        bt_language want;
    } cases[] = {
        {NULL, NULL, NULL, NULL, BT_LANG_EN},
        {NULL, NULL, NULL, "vi_VN.UTF-8", BT_LANG_VI},
        {NULL, "C", NULL, "vi_VN.UTF-8", BT_LANG_EN},
        {NULL, NULL, "vi_VN", "en_US.UTF-8", BT_LANG_VI},
        {"vi:en", NULL, NULL, "en_US.UTF-8", BT_LANG_VI},
        {"en", NULL, NULL, "vi_VN.UTF-8", BT_LANG_EN},
        {"vi", "C", NULL, NULL, BT_LANG_EN}, /* LANGUAGE counts only outside C */
        {NULL, NULL, NULL, "vietnamese", BT_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *names[4] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
        const char *values[4] = {cases[i].language, cases[i].lc_all, cases[i].lc_messages,
                                 cases[i].lang};
        for (int k = 0; k < 4; k++) {
            if (values[k])
                setenv(names[k], values[k], 1);
            else
                unsetenv(names[k]);
        }
        bt_i18n_init();
        if (bt_i18n_language(BT_FOR_TECH) != cases[i].want)
            fail_msg("case %zu: the technician's language is %d", i, bt_i18n_language(BT_FOR_TECH));
        assert_int_equal(bt_i18n_language(BT_FOR_PEOPLE), BT_LANG_VI); /* whatever the locale */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_msgfmts_catalog),
        cmocka_unit_test(a_mismatched_format_is_not_used),
        cmocka_unit_test(byte_order_swapped),
        cmocka_unit_test(damaged_catalogs_lose_translations_only),
        cmocka_unit_test(the_terminal_language),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
