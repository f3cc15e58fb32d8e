/* test_exif.c: the Exif orientation parser, on segments built here: both
 * byte orders, every value, and the ways a hostile or sloppy writer breaks
 * the structure (offsets past the end, counts that do not fit, wrong
 * types). Whatever the bytes, the answer is one of the eight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/exif.h"

/* "Exif\0\0", a TIFF header in the byte order asked, IFD0 at ifd holding
 * n entries (only the orientation is real, at position at), the value v of
 * the type given. Returns the length. */
typedef struct {
    bool big;
    uint32_t ifd;
    unsigned n, at, type, v;
    uint32_t count;
} seg;

static void put16(unsigned char *p, bool big, unsigned v)
{
    p[big ? 0 : 1] = (unsigned char)(v >> 8);
    p[big ? 1 : 0] = (unsigned char)v;
}

static void put32(unsigned char *p, bool big, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[big ? i : 3 - i] = (unsigned char)(v >> (24 - 8 * i));
}

static size_t build(unsigned char *buf, size_t size, seg s)
{
    memset(buf, 0, size);
    memcpy(buf, "Exif\0\0", 6);
    unsigned char *t = buf + 6;
    memcpy(t, s.big ? "MM" : "II", 2);
    put16(t + 2, s.big, 42);
    put32(t + 4, s.big, s.ifd);
    size_t end = 6 + 8;
    if (s.ifd + 2 + 12 * (size_t)s.n + 4 + 6 <= size) {
        put16(t + s.ifd, s.big, s.n);
        for (unsigned i = 0; i < s.n; i++) {
            unsigned char *e = t + s.ifd + 2 + 12 * i;
            put16(e, s.big, i == s.at ? 0x0112 : 0x0100 + i); /* ImageWidth, ... */
            put16(e + 2, s.big, i == s.at ? s.type : 2);
            put32(e + 4, s.big, i == s.at ? s.count : 4);
            if (i == s.at && s.type == 4)
                put32(e + 8, s.big, s.v);
            else if (i == s.at)
                put16(e + 8, s.big, s.v);
        }
        end = 6 + s.ifd + 2 + 12 * (size_t)s.n + 4;
    }
    return end;
}

static void every_value_in_both_byte_orders(void **state)
{
    (void)state;
    unsigned char buf[512];
    for (int big = 0; big < 2; big++)
        for (unsigned v = 0; v <= 10; v++) {
            size_t n = build(buf, sizeof buf, (seg){big, 8, 3, 1, 3, v, 1});
            bt_orientation want = v >= 1 && v <= 8 ? (bt_orientation)v : BT_ORIENT_UPRIGHT;
            assert_int_equal(bt_exif_orientation(buf, n), want);
        }
    /* A LONG, as a few writers put it, and an IFD further on. */
    size_t n = build(buf, sizeof buf, (seg){true, 100, 2, 0, 4, 6, 1});
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_ROTATE_90);
    n = build(buf, sizeof buf, (seg){false, 300, 5, 4, 4, 8, 1});
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_ROTATE_270);
}

static void broken_structures_read_as_upright(void **state)
{
    (void)state;
    unsigned char buf[512];
    size_t n = build(buf, sizeof buf, (seg){false, 8, 3, 1, 3, 6, 1});
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_ROTATE_90);
    /* Every cut: never a read past the end (ASan), upright or the value. */
    for (size_t cut = 0; cut < n; cut++) {
        bt_orientation o = bt_exif_orientation(buf, cut);
        assert_true(o == BT_ORIENT_UPRIGHT || (o == BT_ORIENT_ROTATE_90 && cut >= 6 + 8 + 2 + 24));
    }
    unsigned char copy[512];
    /* Not Exif; a wrong byte-order mark; not 42. */
    memcpy(copy, buf, n);
    memcpy(copy, "Exif\0x", 6);
    assert_int_equal(bt_exif_orientation(copy, n), BT_ORIENT_UPRIGHT);
    memcpy(copy, buf, n);
    memcpy(copy + 6, "IM", 2);
    assert_int_equal(bt_exif_orientation(copy, n), BT_ORIENT_UPRIGHT);
    memcpy(copy, buf, n);
    copy[8] = 43;
    assert_int_equal(bt_exif_orientation(copy, n), BT_ORIENT_UPRIGHT);
    /* IFD0 beyond the end, or at 0xffffffff (a sum that would wrap). */
    n = build(buf, sizeof buf, (seg){false, 8, 3, 1, 3, 6, 1});
    for (uint32_t off = 0xfffffff0u; off != 0; off++) {
        put32(buf + 10, false, off);
        assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_UPRIGHT);
    }
    put32(buf + 10, false, (uint32_t)n);
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_UPRIGHT);
    /* A count of 65535 entries where three fit: read as far as they go. */
    n = build(buf, sizeof buf, (seg){false, 8, 3, 2, 3, 3, 1});
    put16(buf + 6 + 8, false, 65535);
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_ROTATE_180);
    /* ... and the orientation past what is there. */
    assert_int_equal(bt_exif_orientation(buf, n - 4 - 12), BT_ORIENT_UPRIGHT);
    /* Wrong type, zero count. */
    n = build(buf, sizeof buf, (seg){true, 8, 1, 0, 7, 6, 1});
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_UPRIGHT);
    n = build(buf, sizeof buf, (seg){true, 8, 1, 0, 3, 6, 0});
    assert_int_equal(bt_exif_orientation(buf, n), BT_ORIENT_UPRIGHT);
    assert_int_equal(bt_exif_orientation(NULL, 100), BT_ORIENT_UPRIGHT);
}

static void swaps(void **state)
{
    (void)state;
    for (int o = 1; o <= 8; o++)
        assert_int_equal(bt_orientation_swaps((bt_orientation)o), o >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_value_in_both_byte_orders),
        cmocka_unit_test(broken_structures_read_as_upright),
        cmocka_unit_test(swaps),
    };
    return cmocka_run_group_tests_name("exif", tests, NULL, NULL);
}
