/* test_text.c: the line breaker, with a fake font. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- A fake font ---------------------------------------------------------- */

/* Every code point is size/2 pixels wide, except combining marks, which
 * take no room (as in a real font); lines are size*1.25 apart. With
 * `shaping` set, a run's width is more than the sum of its parts (+3 px per
 * space), so the breaker's estimate is wrong and it must measure lines whole. */
typedef struct {
    bool shaping;
    long long calls, bytes; /* work done, to catch quadratic behaviour */
} font;

static bool is_mark(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
}

static int fake_width(void *ctx, int size, const char *s, int n)
{
    font *f = ctx;
    f->calls++;
    f->bytes += n;
    int w = 0;
    for (int i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &c);
        if (k <= 0) {
            i++;
            continue;
        }
        if (!is_mark(c))
            w += size / 2;
        if (f->shaping && c == ' ')
            w += 3;
        i += (int)k;
    }
    return w;
}

static int fake_line_height(void *ctx, int size)
{
    return size * 5 / 4;
}

static font plain_font;
static const bt_measure plain = {fake_width, fake_line_height, &plain_font};

static char *nfd(const char *s)
{
    return (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
}

/* The lines of a block joined by '|', for readable assertions. */
static const char *joined(const bt_text_block *b)
{
    static char buf[4096];
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < b->n_lines; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", b->lines[i].text);
    return buf;
}

/* Lays out at one fixed size (min = max) in a box of w characters of 10 px. */
static void lay(const char *text, int chars, int lines, bt_text_block *b)
{
    assert_true(bt_text_layout(text, &plain, chars * 10, lines * 25, 20, 20, 0, b));
}

/* The invariants every layout keeps, whatever the input. */
static void check_block(const bt_text_block *b, const bt_measure *m, int box_w, int box_h,
                        int max_lines, bool marks_may_lead)
{
    int widest = 0;
    assert_true(b->n_lines >= 0);
    if (b->n_lines > 0)
        assert_true((long long)b->n_lines * b->line_height <= box_h);
    if (max_lines > 0)
        assert_true(b->n_lines <= max_lines);
    for (int i = 0; i < b->n_lines; i++) {
        const bt_line *l = &b->lines[i];
        int len = (int)strlen(l->text);
        assert_true(l->width <= box_w);
        assert_int_equal(l->width, m->width(m->ctx, b->size, l->text, len));
        if (len > 0) {
            assert_true(l->text[0] != ' ' && l->text[len - 1] != ' ');
            assert_null(strstr(l->text, "  "));
            utf8proc_int32_t c;
            utf8proc_iterate((const utf8proc_uint8_t *)l->text, len, &c);
            /* Never a mark torn from its base (unless the text itself has a
             * mark with no base at the start of a word). */
            if (!marks_may_lead)
                assert_false(is_mark(c));
        }
        if (l->width > widest)
            widest = l->width;
    }
    assert_int_equal(b->width, widest);
    assert_int_equal(b->height, b->n_lines * b->line_height);
}

/* ---- Wrapping ------------------------------------------------------------- */

typedef struct {
    const char *title, *text;
    int chars; /* box width in characters */
    const char *lines;
} wrap_case;

static const wrap_case wrap_cases[] = {
    {"one line", "hello world", 20, "hello world"},
    {"exact fit", "hello world", 11, "hello world"},
    {"wraps at spaces", "the quick brown fox jumps", 10, "the quick|brown fox|jumps"},
    {"words stay whole", "aaa bbbbbbbbb cc", 10, "aaa|bbbbbbbbb|cc"},
    {"long word broken", "abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij|klmnopqrst|uvwxyz"},
    {"long word, own line", "hi abcdefghijklmno xy z", 10, "hi|abcdefghij|klmno xy z"},
    {"spaces collapsed", "   a    b \t c   ", 20, "a b c"},
    {"newlines", "one\ntwo\nthree", 20, "one|two|three"},
    {"crlf", "one\r\ntwo\r\n", 20, "one|two"},
    {"blank line kept", "one\n\ntwo", 20, "one||two"},
    {"blank lines collapse", "\n\n  \none\n\n \n\n\ntwo\n\n\n", 20, "one||two"},
    {"newline then wrap", "aaaa bbbb cccc\ndd", 9, "aaaa bbbb|cccc|dd"},
    {"one char per line", "ab c", 1, "a|b|c"},
    {"nbsp does not break", "a\xc2\xa0" "b c", 3, "a\xc2\xa0" "b|c"},
};

static void test_wrap_table(void **state)
{
    for (size_t i = 0; i < sizeof wrap_cases / sizeof wrap_cases[0]; i++) {
        const wrap_case *c = &wrap_cases[i];
        bt_text_block b;
        lay(c->text, c->chars, 100, &b);
        print_message("  %-22s -> %s\n", c->title, joined(&b));
        assert_string_equal(joined(&b), c->lines);
        assert_false(b.truncated);
        assert_int_equal(b.size, 20);
        check_block(&b, &plain, c->chars * 10, 100 * 25, 0, false);
        bt_text_block_free(&b);
    }
}

static void test_empty_text(void **state)
{
    const char *texts[] = {"", "   ", "\n\n \t\n", NULL};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        bt_text_block b;
        assert_true(bt_text_layout(texts[i], &plain, 500, 500, 40, 10, 0, &b));
        assert_int_equal(b.n_lines, 0);
        assert_null(b.lines);
        assert_false(b.truncated);
        assert_int_equal(b.size, 40);
        assert_int_equal(b.width, 0);
        assert_int_equal(b.height, 0);
        bt_text_block_free(&b);
    }
}

/* ---- Shrinking ------------------------------------------------------------ */

/* Whether text fits whole at exactly this size. */
static bool fits_at(const char *text, int w, int h, int size, int max_lines)
{
    bt_text_block b;
    assert_true(bt_text_layout(text, &plain, w, h, size, size, max_lines, &b));
    bool ok = !b.truncated;
    bt_text_block_free(&b);
    return ok;
}

static void test_shrink_largest_size(void **state)
{
    const char *text = "Ngân hàng, công an hay nhà mạng không bao giờ yêu cầu bạn đọc mã OTP "
                       "qua điện thoại. Không bấm vào đường link lạ gửi qua tin nhắn.";
    bt_text_block b;
    /* Fits at max: max is kept. */
    assert_true(bt_text_layout("short", &plain, 1000, 200, 80, 10, 0, &b));
    assert_int_equal(b.size, 80);
    assert_int_equal(b.line_height, 100);
    assert_string_equal(joined(&b), "short");
    bt_text_block_free(&b);

    int tried = 0;
    for (int w = 60; w <= 900; w += 37) {
        for (int h = 20; h <= 700; h += 53) {
            for (int max_lines = 0; max_lines <= 4; max_lines += 2) {
                assert_true(bt_text_layout(text, &plain, w, h, 96, 8, max_lines, &b));
                check_block(&b, &plain, w, h, max_lines, false);
                /* The reference: the first size, counting down, that fits. */
                int want = 0;
                for (int s = 96; s >= 8 && !want; s--)
                    if (fits_at(text, w, h, s, max_lines))
                        want = s;
                if (want) {
                    assert_false(b.truncated);
                    assert_int_equal(b.size, want);
                } else {
                    assert_true(b.truncated);
                    assert_int_equal(b.size, 8);
                }
                bt_text_block_free(&b);
                tried++;
            }
        }
    }
    print_message("  %d boxes checked against a linear search\n", tried);
}

static void test_max_lines(void **state)
{
    bt_text_block b;
    /* 7 characters a line: "ccc ddd…" is 8, so "ddd" goes. */
    assert_true(bt_text_layout("aaa bbb ccc ddd eee", &plain, 70, 1000, 20, 20, 2, &b));
    assert_string_equal(joined(&b), "aaa bbb|ccc\xe2\x80\xa6");
    assert_true(b.truncated);
    check_block(&b, &plain, 70, 1000, 2, false);
    bt_text_block_free(&b);
    /* With room to shrink, two lines are reached by shrinking instead: at
     * size 13 a character is 6 px and "aaa bbb ccc" (66 px) fits. */
    assert_true(bt_text_layout("aaa bbb ccc ddd eee", &plain, 70, 1000, 20, 10, 2, &b));
    assert_false(b.truncated);
    assert_int_equal(b.size, 13);
    assert_string_equal(joined(&b), "aaa bbb ccc|ddd eee");
    bt_text_block_free(&b);
}

/* ---- Truncation ----------------------------------------------------------- */

static void test_ellipsis_at_min_size(void **state)
{
    bt_text_block b;
    /* 10 characters a line, 2 lines. */
    assert_true(bt_text_layout("the quick brown fox jumps over the lazy dog", &plain, 100, 50, 40,
                               20, 0, &b));
    assert_true(b.truncated);
    assert_int_equal(b.size, 20);
    assert_string_equal(joined(&b), "the quick|brown fox\xe2\x80\xa6");
    check_block(&b, &plain, 100, 50, 0, false);
    bt_text_block_free(&b);

    /* The last line is full: words go until the ellipsis fits. */
    assert_true(bt_text_layout("aaaa bbbbb cc dd", &plain, 100, 25, 20, 20, 0, &b));
    assert_string_equal(joined(&b), "aaaa\xe2\x80\xa6");
    bt_text_block_free(&b);

    /* A lone word loses characters instead. */
    assert_true(bt_text_layout("abcdefghijklmnop", &plain, 100, 25, 20, 20, 0, &b));
    assert_string_equal(joined(&b), "abcdefghi\xe2\x80\xa6");
    assert_int_equal(b.lines[0].width, 100);
    bt_text_block_free(&b);

    /* A blank line is not left last with the ellipsis under it. */
    assert_true(bt_text_layout("one\n\ntwo", &plain, 100, 50, 20, 20, 0, &b));
    assert_string_equal(joined(&b), "one\xe2\x80\xa6");
    bt_text_block_free(&b);

    /* Room for "…" only. */
    assert_true(bt_text_layout("abcdef", &plain, 10, 25, 20, 20, 0, &b));
    assert_string_equal(joined(&b), "\xe2\x80\xa6");
    bt_text_block_free(&b);
}

static void test_grapheme_wider_than_box(void **state)
{
    bt_text_block b;
    /* One character is 10 px, the box 9: nothing can be shown. */
    assert_true(bt_text_layout("abc", &plain, 9, 1000, 20, 20, 0, &b));
    assert_int_equal(b.n_lines, 0);
    assert_true(b.truncated);
    bt_text_block_free(&b);
    /* Shrinking makes it fit. */
    assert_true(bt_text_layout("abc", &plain, 9, 1000, 20, 10, 0, &b));
    assert_false(b.truncated);
    assert_int_equal(b.size, 19);
    assert_string_equal(joined(&b), "a|b|c");
    bt_text_block_free(&b);
}

static void test_degenerate_boxes(void **state)
{
    static const int boxes[][2] = {{0, 0}, {0, 100}, {100, 0}, {-5, 100}, {100, -5},
                                   {-1, -1}, {INT_MIN, INT_MIN}, {1, 1}};
    static const int sizes[][2] = {{20, 10}, {0, 0}, {-3, -7}, {10, 20}, {1, 1}};
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
        for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
            for (int max_lines = -1; max_lines <= 1; max_lines++) {
                bt_text_block b;
                assert_true(bt_text_layout("some text here", &plain, boxes[i][0], boxes[i][1],
                                           sizes[j][0], sizes[j][1], max_lines, &b));
                assert_true(b.size >= 1);
                for (int k = 0; k < b.n_lines; k++)
                    assert_true(b.lines[k].width <= boxes[i][0]);
                if (boxes[i][0] <= 0 || boxes[i][1] <= 0) {
                    assert_int_equal(b.n_lines, 0);
                    assert_true(b.truncated);
                }
                bt_text_block_free(&b);
            }
        }
    }
    /* Freeing twice, and freeing NULL, are harmless. */
    bt_text_block b;
    assert_true(bt_text_layout("x", &plain, 100, 100, 10, 10, 0, &b));
    bt_text_block_free(&b);
    bt_text_block_free(&b);
    bt_text_block_free(NULL);
}

/* ---- Vietnamese ----------------------------------------------------------- */

/* Removes spaces and newlines, to compare what was kept. */
static char *squeeze(const char *s)
{
    char *r = malloc(strlen(s) + 1), *o = r;
    assert_non_null(r);
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            *o++ = *s;
    *o = '\0';
    return r;
}

static void test_vietnamese_nfd(void **state)
{
    /* Each of these has a base with two stacked marks in NFD (ệ, ộ, ử). */
    const char *nfc[] = {
        "Không chia sẻ mã OTP",
        "nghiệpvụbảomậtthôngtin",
        "Bộ Thông tin và Truyền thông: cảnh giác lừa đảo trực tuyến",
        "ửửửửửửửửửửửửửửửửửửửửửửửửửửửử",
    };
    for (size_t i = 0; i < sizeof nfc / sizeof nfc[0]; i++) {
        char *text = nfd(nfc[i]);
        assert_non_null(text);
        assert_true(strlen(text) > strlen(nfc[i])); /* really decomposed */
        for (int chars = 1; chars <= 12; chars++) {
            bt_text_block b;
            lay(text, chars, 1000, &b);
            check_block(&b, &plain, chars * 10, 1000 * 25, 0, false);
            assert_false(b.truncated);
            /* Nothing lost or reordered: the lines are the text. */
            char *all = malloc(strlen(text) + 1);
            assert_non_null(all);
            all[0] = '\0';
            for (int k = 0; k < b.n_lines; k++)
                strcat(all, b.lines[k].text);
            char *want = squeeze(text), *got = squeeze(all);
            assert_string_equal(got, want);
            free(want);
            free(got);
            free(all);
            bt_text_block_free(&b);
        }
        free(text);
    }
    /* NFD and NFC lay out alike, character for character. */
    char *d = nfd(nfc[2]);
    bt_text_block a, b;
    lay(nfc[2], 9, 100, &a);
    lay(d, 9, 100, &b);
    assert_int_equal(a.n_lines, b.n_lines);
    for (int k = 0; k < a.n_lines; k++) {
        assert_int_equal(a.lines[k].width, b.lines[k].width);
        char *n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)b.lines[k].text);
        assert_string_equal(n, a.lines[k].text);
        free(n);
    }
    bt_text_block_free(&a);
    bt_text_block_free(&b);
    free(d);
}

/* ---- A font whose lines are wider than their words ------------------------ */

static void test_shaping_font(void **state)
{
    font f = {.shaping = true};
    bt_measure m = {fake_width, fake_line_height, &f};
    bt_text_block b;
    /* "aaa bbb" estimates at 70 px but measures 73: "bbb" must move down. */
    assert_true(bt_text_layout("aaa bbb ccc", &m, 70, 1000, 20, 20, 0, &b));
    assert_string_equal(joined(&b), "aaa|bbb|ccc");
    check_block(&b, &m, 70, 1000, 0, false);
    bt_text_block_free(&b);
    assert_true(bt_text_layout("aaa bbb ccc ddd eee", &m, 75, 50, 20, 20, 0, &b));
    check_block(&b, &m, 75, 50, 0, false);
    assert_true(b.truncated);
    bt_text_block_free(&b);
}

/* ---- Random input --------------------------------------------------------- */

static uint32_t rng_state = 88172645u;
static uint32_t rng(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static void test_random_texts(void **state)
{
    static const char *pieces[] = {
        "a", "bb", "ccc", "dddddddd", " ", " ", " ", "  ", "\n", "\n\n", "\t",
        "e\xcc\x82\xcc\xa3",  /* ệ in NFD */
        "\xe1\xbb\x87",       /* ệ in NFC */
        "\xe2\x80\xa6",       /* … in the text itself */
        "\xf0\x9f\x98\x80",   /* an emoji */
        "\xcc\x81",           /* a mark with no base before it */
        "longwordlongwordlongword",
    };
    font f = {.shaping = false};
    font g = {.shaping = true};
    for (int iter = 0; iter < 3000; iter++) {
        char text[512];
        size_t n = 0;
        int count = (int)(rng() % 40);
        for (int i = 0; i < count; i++) {
            const char *p = pieces[rng() % (sizeof pieces / sizeof pieces[0])];
            size_t k = strlen(p);
            if (n + k >= sizeof text)
                break;
            memcpy(text + n, p, k);
            n += k;
        }
        text[n] = '\0';
        bt_measure m = {fake_width, fake_line_height, iter % 2 ? &f : &g};
        int box_w = (int)(rng() % 300), box_h = (int)(rng() % 300);
        int max_size = (int)(rng() % 60), min_size = (int)(rng() % 30);
        int max_lines = (int)(rng() % 5) - 1;
        bt_text_block b;
        assert_true(bt_text_layout(text, &m, box_w, box_h, max_size, min_size, max_lines, &b));
        check_block(&b, &m, box_w, box_h, max_lines, true);
        if (b.truncated && b.n_lines > 0) {
            /* It ends with "…", unless even that is wider than the box. */
            const char *last = b.lines[b.n_lines - 1].text;
            size_t k = strlen(last);
            bool ell = k >= 3 && strcmp(last + k - 3, "\xe2\x80\xa6") == 0;
            assert_true(ell || m.width(m.ctx, b.size, "\xe2\x80\xa6", 3) > box_w);
        }
        bt_text_block_free(&b);
    }
}

/* ---- Long input ----------------------------------------------------------- */

static void test_long_input(void **state)
{
    size_t len = 200000;
    char *text = malloc(len + 1);
    assert_non_null(text);
    static const char words[] = "Không bấm vào đường link lạ gửi qua tin nhắn ";
    for (size_t i = 0; i < len; i++)
        text[i] = words[i % (sizeof words - 1)];
    /* Do not end inside a multibyte character. */
    text[len] = '\0';
    size_t end = len;
    while (end > 0 && ((unsigned char)text[end] & 0xc0) == 0x80)
        end--;
    text[end] = '\0';

    static const struct {
        const char *title;
        int w, h, max_size, min_size;
        bool spaces;
    } cases[] = {
        {"screen, truncated", 1920, 1080, 120, 12, true},
        {"huge box, one size", 1 << 28, 1 << 28, 24, 24, true},
        {"huge box, shrinking", 1 << 28, 1 << 28, 200, 2, true},
        {"narrow box", 100, 1 << 28, 20, 20, true},
        {"one long word", 1920, 1 << 28, 40, 10, false},
        {"one long word, huge box", 1 << 28, 1 << 28, 40, 10, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!cases[i].spaces)
            for (char *p = text; *p; p++)
                if (*p == ' ')
                    *p = '_';
        font f = {0};
        bt_measure m = {fake_width, fake_line_height, &f};
        bt_text_block b;
        assert_true(bt_text_layout(text, &m, cases[i].w, cases[i].h, cases[i].max_size,
                                   cases[i].min_size, 0, &b));
        check_block(&b, &m, cases[i].w, cases[i].h, 0, false);
        print_message("  %-26s size %d, %d lines%s, %lld calls, %.1f bytes measured per byte\n",
                      cases[i].title, b.size, b.n_lines, b.truncated ? " (truncated)" : "",
                      f.calls, (double)f.bytes / (double)end);
        /* Each size tried measures the text a few times over at most
         * (words, graphemes of long words, whole lines): not quadratic. */
        assert_true(f.bytes < 40LL * (long long)end);
        bt_text_block_free(&b);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_table),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_shrink_largest_size),
        cmocka_unit_test(test_max_lines),
        cmocka_unit_test(test_ellipsis_at_min_size),
        cmocka_unit_test(test_grapheme_wider_than_box),
        cmocka_unit_test(test_degenerate_boxes),
        cmocka_unit_test(test_vietnamese_nfd),
        cmocka_unit_test(test_shaping_font),
        cmocka_unit_test(test_random_texts),
        cmocka_unit_test(test_long_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
