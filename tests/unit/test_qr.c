/* test_qr.c: QR codes, down to a scanner reading them back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "render/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define URL "https://canhbao.khonggianmang.vn"

static bool dark(const bt_qr *q, int x, int y)
{
    return q->modules[y * q->size + x] != 0;
}

/* The 7x7 finder pattern: a dark ring, a light ring, a dark 3x3 core. */
static void check_finder(const bt_qr *q, int x0, int y0)
{
    for (int y = 0; y < 7; y++) {
        for (int x = 0; x < 7; x++) {
            int ring = x < y ? x : y;
            ring = ring < 6 - x ? ring : 6 - x;
            ring = ring < 6 - y ? ring : 6 - y;
            bool want = ring != 1;
            if (dark(q, x0 + x, y0 + y) != want)
                fail_msg("finder at (%d,%d): module (%d,%d) is %s", x0, y0, x, y,
                         want ? "light" : "dark");
        }
    }
}

static void test_url_grid(void **state)
{
    bt_qr q;
    assert_true(bt_qr_encode(URL, &q));
    /* 32 bytes at level M need version 3: 17 + 4 * 3 = 29 modules. */
    assert_int_equal(q.size, 29);
    for (int i = 0; i < q.size * q.size; i++)
        assert_true(q.modules[i] == 0 || q.modules[i] == 1);
    check_finder(&q, 0, 0);
    check_finder(&q, q.size - 7, 0);
    check_finder(&q, 0, q.size - 7);
    /* The fourth corner has no finder (its outer ring is not all dark). */
    bool all_dark = true;
    for (int i = 0; i < 7; i++)
        all_dark = all_dark && dark(&q, q.size - 1, q.size - 7 + i) &&
                   dark(&q, q.size - 7 + i, q.size - 1);
    assert_false(all_dark);
    /* Timing pattern: row 6 alternates between the finders. */
    for (int x = 8; x < q.size - 8; x++)
        assert_int_equal(dark(&q, x, 6), x % 2 == 0);
    bt_qr_free(&q);
    bt_qr_free(&q); /* harmless twice */
    bt_qr_free(NULL);
}

typedef struct {
    size_t len;
    int size; /* expected modules per side at level M, 8-bit mode */
} size_case;

/* Byte capacities at level M: version 1 holds 14, 2: 26, 10: 213, 25: 997,
 * 40: 2331; a version has 17 + 4 * version modules a side. */
static const size_case size_cases[] = {
    {1, 21}, {14, 21}, {15, 25}, {26, 25}, {213, 57}, {997, 117}, {998, 121}, {2331, 177},
};

static void test_sizes(void **state)
{
    for (size_t i = 0; i < sizeof size_cases / sizeof size_cases[0]; i++) {
        char *text = malloc(size_cases[i].len + 1);
        assert_non_null(text);
        memset(text, 'x', size_cases[i].len);
        text[size_cases[i].len] = '\0';
        bt_qr q;
        assert_true(bt_qr_encode(text, &q));
        assert_int_equal(q.size, size_cases[i].size);
        check_finder(&q, 0, 0);
        bt_qr_free(&q);
        free(text);
    }
}

static void test_refused(void **state)
{
    bt_qr q;
    assert_false(bt_qr_encode("", &q));
    assert_null(q.modules);
    assert_int_equal(q.size, 0);
    assert_false(bt_qr_encode(NULL, &q));
    /* One byte more than version 40-M holds. */
    char *text = malloc(2333);
    assert_non_null(text);
    memset(text, 'x', 2332);
    text[2332] = '\0';
    assert_false(bt_qr_encode(text, &q));
    assert_null(q.modules);
    bt_qr_free(&q);
    free(text);
}

/* ---- Round trip through a real scanner ------------------------------------ */

/* Writes the code as a binary PGM with a 4-module quiet zone, scale px a
 * module, which zbarimg reads without any image library. */
static void write_pgm(const bt_qr *q, const char *path, int scale)
{
    int side = (q->size + 8) * scale;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f, "P5\n%d %d\n255\n", side, side);
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            int mx = x / scale - 4, my = y / scale - 4;
            bool d = mx >= 0 && my >= 0 && mx < q->size && my < q->size && dark(q, mx, my);
            fputc(d ? 0 : 255, f);
        }
    }
    assert_int_equal(fclose(f), 0);
}

static bool have_zbarimg(void)
{
    return system("command -v zbarimg >/dev/null 2>&1") == 0;
}

/* Encodes, draws, scans with zbarimg, and compares. */
static void round_trip(const char *text)
{
    char dir[] = "/tmp/bt-qr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64], cmd[256];
    snprintf(path, sizeof path, "%s/code.pgm", dir);
    bt_qr q;
    assert_true(bt_qr_encode(text, &q));
    write_pgm(&q, path, 4);
    bt_qr_free(&q);

    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = strlen(text) + 64, n = 0;
    char *got = malloc(cap);
    assert_non_null(got);
    size_t r;
    while (n < cap - 1 && (r = fread(got + n, 1, cap - 1 - n, p)) > 0)
        n += r;
    got[n] = '\0';
    int rc = pclose(p);
    if (n > 0 && got[n - 1] == '\n')
        got[--n] = '\0';
    unlink(path);
    rmdir(dir);
    if (rc != 0 || strcmp(got, text) != 0)
        fail_msg("zbarimg read \"%s\" (status %d), want \"%s\"", got, rc, text);
    free(got);
}

static void test_zbar_round_trip(void **state)
{
    if (!have_zbarimg()) {
        print_message("  zbarimg (zbar-tools) is missing: skipped\n");
        skip();
    }
    round_trip(URL);
    round_trip("https://example.vn/a?b=c&d=e#f");
    /* Vietnamese in UTF-8, as a QR of a hotline note might carry. */
    round_trip("Gọi 156 để báo cáo lừa đảo");
    char *long_text = malloc(301);
    assert_non_null(long_text);
    for (int i = 0; i < 300; i++)
        long_text[i] = (char)('a' + i % 26);
    long_text[300] = '\0';
    round_trip(long_text);
    free(long_text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_grid),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_zbar_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
