/* test_imgprobe.c: image headers, good, hostile and cut short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/bounds.h"
#include "model/imgprobe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MSG_NOT_IMAGE "this file is not a picture (PNG, JPEG, GIF, BMP or WebP)"
#define MSG_DAMAGED "the picture file is cut short or damaged"

/* ---- Headers in memory ---------------------------------------------------- */

static const unsigned char png_123x45[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 123, 0, 0, 0, 45,
};
static const unsigned char png_huge[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0x01, 0x86, 0xa0, 0, 0x01, 0x86, 0xa0, /* 100000 x 100000 */
};
static const unsigned char png_wide[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0x4e, 0x20, 0, 0, 0, 100, /* 20000 x 100: under 36 MP, over a side */
};
static const unsigned char png_bad_ihdr_len[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 12, 'I', 'H', 'D', 'R',
    0, 0, 0, 123, 0, 0, 0, 45,
};
static const unsigned char png_zero[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 0, 0, 0, 0, 45,
};
static const unsigned char png_negative[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0x80, 0, 0, 1, 0, 0, 0, 45,
};
/* SOI, APP0 (JFIF, 16 bytes), SOF0 up to its width. */
static const unsigned char jpeg_640x480[] = {
    0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80,
};
/* Junk the walker must step over: fill bytes, a stray byte, COM, RST,
 * TEM, DHT (C4) and DAC (CC), which lie in the SOF range, then SOF2. */
static const unsigned char jpeg_junk[] = {
    0xff, 0xd8, 0xff, 0xff, 0xff, 0xfe, 0, 5, 'a', 'b', 'c', 0x42, 0xff, 0xd3, 0xff, 0x01,
    0xff, 0xc4, 0, 4, 0xc0, 0xc0, 0xff, 0xcc, 0, 2, 0xff, 0x00, 0xff, 0xe1, 0, 3, 0xff,
    0xff, 0xc2, 0, 17, 8, 0, 7, 0, 9,
};
static const unsigned char jpeg_past_end[] = {
    0xff, 0xd8, 0xff, 0xe1, 0xff, 0xf0, 'E', 'x', 'i', 'f', 0, 0,
};
static const unsigned char jpeg_len_too_small[] = {
    0xff, 0xd8, 0xff, 0xe1, 0, 1, 0xff, 0xc0, 0, 17, 8, 0, 7, 0, 9,
};
static const unsigned char jpeg_sos_first[] = {
    0xff, 0xd8, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0xff, 0xc0, 0, 17, 8, 0, 7, 0, 9,
};
static const unsigned char jpeg_eoi[] = {0xff, 0xd8, 0xff, 0xd9};
static const unsigned char jpeg_zero_height[] = {
    0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0, 0, 0, 9,
};
static const unsigned char gif87_17x19[] = {'G', 'I', 'F', '8', '7', 'a', 17, 0, 19, 0};
static const unsigned char gif89_300x2[] = {'G', 'I', 'F', '8', '9', 'a', 0x2c, 1, 2, 0};
static const unsigned char gif_zero[] = {'G', 'I', 'F', '8', '9', 'a', 0, 0, 2, 0};
static const unsigned char bmp_info_123x45[] = {
    'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 123, 0, 0, 0, 45, 0, 0, 0,
};
static const unsigned char bmp_topdown[] = {
    'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 124, 0, 0, 0, 123, 0, 0, 0,
    0xd3, 0xff, 0xff, 0xff, /* -45 */
};
static const unsigned char bmp_core_300x2[] = {
    'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 26, 0, 0, 0, 12, 0, 0, 0, 0x2c, 1, 2, 0,
};
static const unsigned char bmp_bad_header[] = {
    'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 7, 0, 0, 0, 123, 0, 0, 0, 45, 0, 0, 0,
};
static const unsigned char bmp_min_height[] = {
    'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 123, 0, 0, 0, 0, 0, 0, 0x80,
};
static const unsigned char webp_vp8_123x45[] = {
    'R', 'I', 'F', 'F', 0x5e, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ',
    0x52, 0, 0, 0, 0x70, 0x04, 0x00, 0x9d, 0x01, 0x2a, 123, 0, 45, 0,
};
static const unsigned char webp_vp8l_123x45[] = {
    'R', 'I', 'F', 'F', 0x22, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
    0x15, 0, 0, 0, 0x2f, 0x7a, 0x00, 0x0b, 0x00,
};
static const unsigned char webp_vp8x_123x45[] = {
    'R', 'I', 'F', 'F', 0x82, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X',
    0x0a, 0, 0, 0, 0x10, 0, 0, 0, 122, 0, 0, 44, 0, 0,
};
static const unsigned char webp_bad_vp8[] = {
    'R', 'I', 'F', 'F', 0x5e, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ',
    0x52, 0, 0, 0, 0x70, 0x04, 0x00, 0x9d, 0x01, 0x2b, 123, 0, 45, 0,
};
static const unsigned char riff_wav[] = {
    'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0,
};
static const unsigned char text_file[] = "Hello, this is a text file";

typedef struct {
    const char *title;
    const unsigned char *bytes;
    size_t len;
    bool ok;
    bt_img_kind kind;
    int w, h;
    const char *err; /* expected reason when !ok */
} mem_case;

#define CASE(t, a, ok, k, w, h, e) {t, a, sizeof a, ok, k, w, h, e}

static const mem_case mem_cases[] = {
    CASE("png", png_123x45, true, BT_IMG_PNG, 123, 45, NULL),
    /* In memory the probe only reports; the limits apply to files. */
    CASE("png 100000x100000", png_huge, true, BT_IMG_PNG, 100000, 100000, NULL),
    CASE("png IHDR length 12", png_bad_ihdr_len, false, 0, 0, 0, MSG_DAMAGED),
    CASE("png width 0", png_zero, false, 0, 0, 0, MSG_DAMAGED),
    CASE("png width 2^31+1", png_negative, false, 0, 0, 0, MSG_DAMAGED),
    CASE("jpeg", jpeg_640x480, true, BT_IMG_JPEG, 640, 480, NULL),
    CASE("jpeg with junk segments", jpeg_junk, true, BT_IMG_JPEG, 9, 7, NULL),
    CASE("jpeg segment past the end", jpeg_past_end, false, 0, 0, 0, MSG_DAMAGED),
    CASE("jpeg segment length 1", jpeg_len_too_small, false, 0, 0, 0, MSG_DAMAGED),
    CASE("jpeg scan before frame", jpeg_sos_first, false, 0, 0, 0, MSG_DAMAGED),
    CASE("jpeg end before frame", jpeg_eoi, false, 0, 0, 0, MSG_DAMAGED),
    CASE("jpeg height 0", jpeg_zero_height, false, 0, 0, 0, MSG_DAMAGED),
    CASE("gif87a", gif87_17x19, true, BT_IMG_GIF, 17, 19, NULL),
    CASE("gif89a", gif89_300x2, true, BT_IMG_GIF, 300, 2, NULL),
    CASE("gif width 0", gif_zero, false, 0, 0, 0, MSG_DAMAGED),
    CASE("bmp info header", bmp_info_123x45, true, BT_IMG_BMP, 123, 45, NULL),
    CASE("bmp top-down", bmp_topdown, true, BT_IMG_BMP, 123, 45, NULL),
    CASE("bmp core header", bmp_core_300x2, true, BT_IMG_BMP, 300, 2, NULL),
    CASE("bmp header size 7", bmp_bad_header, false, 0, 0, 0, MSG_DAMAGED),
    CASE("bmp height INT32_MIN", bmp_min_height, false, 0, 0, 0, MSG_DAMAGED),
    CASE("webp lossy", webp_vp8_123x45, true, BT_IMG_WEBP, 123, 45, NULL),
    CASE("webp lossless", webp_vp8l_123x45, true, BT_IMG_WEBP, 123, 45, NULL),
    CASE("webp extended", webp_vp8x_123x45, true, BT_IMG_WEBP, 123, 45, NULL),
    CASE("webp bad start code", webp_bad_vp8, false, 0, 0, 0, MSG_DAMAGED),
    CASE("wav is riff but not webp", riff_wav, false, 0, 0, 0, MSG_NOT_IMAGE),
    CASE("text", text_file, false, 0, 0, 0, MSG_NOT_IMAGE),
};

/* Probes a private copy of exactly len bytes, so valgrind and ASan see any
 * read past the end. */
static bool probe_copy(const unsigned char *bytes, size_t len, bt_img_info *info, char *err,
                       size_t errsize)
{
    unsigned char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    if (len)
        memcpy(copy, bytes, len);
    bool ok = bt_imgprobe_mem(copy, len, info, err, errsize);
    free(copy);
    return ok;
}

static void test_mem_table(void **state)
{
    for (size_t i = 0; i < sizeof mem_cases / sizeof mem_cases[0]; i++) {
        const mem_case *c = &mem_cases[i];
        bt_img_info info;
        char err[256] = "";
        bool ok = probe_copy(c->bytes, c->len, &info, err, sizeof err);
        print_message("  %-28s -> %s %dx%d %s\n", c->title, ok ? "ok" : "refused", info.width,
                      info.height, err);
        assert_int_equal(ok, c->ok);
        if (ok) {
            assert_int_equal(info.kind, c->kind);
            assert_int_equal(info.width, c->w);
            assert_int_equal(info.height, c->h);
        } else {
            assert_int_equal(info.kind, BT_IMG_UNKNOWN);
            assert_string_equal(err, c->err);
        }
    }
}

/* Every prefix of a good header is refused, without reading past its end,
 * and as "cut short", never as "not a picture". */
static void test_truncated_at_every_length(void **state)
{
    for (size_t i = 0; i < sizeof mem_cases / sizeof mem_cases[0]; i++) {
        const mem_case *c = &mem_cases[i];
        if (!c->ok)
            continue;
        for (size_t n = 0; n < c->len; n++) {
            bt_img_info info;
            char err[256] = "";
            if (probe_copy(c->bytes, n, &info, err, sizeof err))
                fail_msg("%s: a prefix of %zu bytes was accepted", c->title, n);
            assert_int_equal(info.kind, BT_IMG_UNKNOWN);
            if (n == 0)
                assert_string_equal(err, "the file is empty");
            else if (strcmp(err, MSG_DAMAGED) != 0)
                fail_msg("%s, %zu bytes: \"%s\"", c->title, n, err);
        }
    }
}

static void test_null_and_small_err(void **state)
{
    bt_img_info info;
    assert_false(bt_imgprobe_mem(NULL, 10, &info, NULL, 0));
    char err[8];
    assert_false(bt_imgprobe_mem(text_file, sizeof text_file, &info, err, sizeof err));
    assert_string_equal(err, "this fi"); /* truncated, still terminated */
    assert_true(bt_imgprobe_mem(png_123x45, sizeof png_123x45, &info, NULL, 0));
}

/* A file of nothing but tiny segments ends, refused, without scanning on. */
static void test_jpeg_many_segments(void **state)
{
    size_t n = 200000;
    unsigned char *buf = malloc(2 + n * 4);
    assert_non_null(buf);
    buf[0] = 0xff;
    buf[1] = 0xd8;
    for (size_t i = 0; i < n; i++)
        memcpy(buf + 2 + i * 4, "\xff\xfe\x00\x02", 4);
    bt_img_info info;
    char err[256];
    assert_false(bt_imgprobe_mem(buf, 2 + n * 4, &info, err, sizeof err));
    assert_string_equal(err, MSG_DAMAGED);
    /* and nothing but fill bytes */
    memset(buf + 2, 0xff, n * 4);
    assert_false(bt_imgprobe_mem(buf, 2 + n * 4, &info, err, sizeof err));
    free(buf);
}

/* xorshift32: a fixed-seed PRNG so failures reproduce. */
static uint32_t rng_state = 2463534242u;
static uint32_t rng(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

/* Random bytes, half of them behind a real signature so the format parsers,
 * not only the dispatcher, see garbage. */
static void test_random_bytes(void **state)
{
    static const mem_case *starts[] = {
        &mem_cases[0], &mem_cases[5], &mem_cases[12], &mem_cases[15], &mem_cases[20],
    };
    int accepted = 0;
    for (int iter = 0; iter < 200000; iter++) {
        size_t len = rng() % 96;
        unsigned char *buf = malloc(len ? len : 1);
        assert_non_null(buf);
        for (size_t i = 0; i < len; i++)
            buf[i] = (unsigned char)rng();
        if (iter % 2) {
            const mem_case *c = starts[rng() % 5];
            size_t keep = rng() % (c->len + 1);
            memcpy(buf, c->bytes, keep < len ? keep : len);
        }
        bt_img_info info;
        char err[256] = "";
        if (bt_imgprobe_mem(buf, len, &info, err, sizeof err)) {
            accepted++;
            assert_true(info.kind != BT_IMG_UNKNOWN);
            assert_true(info.width > 0 && info.height > 0);
        } else {
            assert_true(err[0] != '\0');
        }
        free(buf);
    }
    print_message("  %d of 200000 random buffers read as pictures\n", accepted);
}

/* ---- Files ---------------------------------------------------------------- */

typedef struct {
    char dir[64];
} tmp;

static int tmp_setup(void **state)
{
    tmp *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    snprintf(t->dir, sizeof t->dir, "/tmp/bt-imgprobe-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    tmp *t = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    int rc = system(cmd);
    free(t);
    return rc == 0 ? 0 : -1;
}

static void write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static bool have_command(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

/* Real files written by ImageMagick, in every format and sub-format. */
static void test_files_from_convert(void **state)
{
    tmp *t = *state;
    if (!have_command("convert")) {
        print_message("  convert (ImageMagick) is missing: skipped\n");
        skip();
    }
    static const struct {
        const char *name, *args;
        bt_img_kind kind;
    } files[] = {
        {"a.png", "", BT_IMG_PNG},
        {"a.jpg", "", BT_IMG_JPEG},
        {"progressive.jpg", "-interlace Plane", BT_IMG_JPEG},
        {"a.gif", "", BT_IMG_GIF},
        {"a.bmp", "", BT_IMG_BMP},
        {"bmp3.bmp", "-define bmp:format=bmp3", BT_IMG_BMP},
        {"bmp2.bmp", "-define bmp:format=bmp2", BT_IMG_BMP},
        {"lossy.webp", "", BT_IMG_WEBP},
        {"lossless.webp", "-define webp:lossless=true", BT_IMG_WEBP},
        {"alpha.webp", "-alpha on -channel A -evaluate set 50%", BT_IMG_WEBP},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[128], cmd[512];
        snprintf(path, sizeof path, "%s/%s", t->dir, files[i].name);
        snprintf(cmd, sizeof cmd, "convert -size 123x45 gradient:red-blue %s '%s' 2>/dev/null",
                 files[i].args, path);
        if (system(cmd) != 0) {
            print_message("  convert could not write %s: not checked\n", files[i].name);
            continue;
        }
        bt_img_info info;
        char err[256] = "";
        if (!bt_imgprobe_file(path, &info, err, sizeof err))
            fail_msg("%s: %s", files[i].name, err);
        assert_int_equal(info.kind, files[i].kind);
        assert_int_equal(info.width, 123);
        assert_int_equal(info.height, 45);
    }
    /* The content decides, not the name. */
    char jpg[128], png[128], cmd[512];
    snprintf(jpg, sizeof jpg, "%s/a.jpg", t->dir);
    snprintf(png, sizeof png, "%s/really-a-jpeg.png", t->dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", jpg, png);
    assert_int_equal(system(cmd), 0);
    bt_img_info info;
    char err[256];
    assert_true(bt_imgprobe_file(png, &info, err, sizeof err));
    assert_int_equal(info.kind, BT_IMG_JPEG);
}

/* A JPEG whose frame header lies beyond the first read window (a large
 * EXIF segment before it), as cameras write them. */
static void test_file_jpeg_far_sof(void **state)
{
    tmp *t = *state;
    size_t len = 2 + 3 * (4 + 65533) + sizeof jpeg_640x480 - 2;
    unsigned char *buf = malloc(len);
    assert_non_null(buf);
    size_t pos = 0;
    buf[pos++] = 0xff;
    buf[pos++] = 0xd8;
    for (int i = 0; i < 3; i++) {
        buf[pos++] = 0xff;
        buf[pos++] = 0xe1;
        buf[pos++] = 0xff;
        buf[pos++] = 0xff; /* 65535 bytes including the length */
        memset(buf + pos, 0xaa, 65533);
        pos += 65533;
    }
    memcpy(buf + pos, jpeg_640x480 + 2, sizeof jpeg_640x480 - 2);
    char path[128];
    snprintf(path, sizeof path, "%s/exif.jpg", t->dir);
    write_file(path, buf, len);
    bt_img_info info;
    char err[256] = "";
    if (!bt_imgprobe_file(path, &info, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    /* Cut inside the last segment: refused as cut short. */
    write_file(path, buf, len - 20);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, MSG_DAMAGED);
    free(buf);
}

static void test_file_refusals(void **state)
{
    tmp *t = *state;
    char path[128];
    bt_img_info info;
    char err[256];

    snprintf(path, sizeof path, "%s/huge.png", t->dir);
    write_file(path, png_huge, sizeof png_huge);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, "the picture is too large (100000x100000 pixels, at most 36 "
                             "megapixels): make it smaller");
    assert_int_equal(info.width, 0);

    snprintf(path, sizeof path, "%s/wide.png", t->dir);
    write_file(path, png_wide, sizeof png_wide);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, "the picture is too large (20000x100 pixels, at most 16384 pixels "
                             "on a side): make it smaller");

    snprintf(path, sizeof path, "%s/empty.png", t->dir);
    write_file(path, "", 0);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, "the file is empty");

    snprintf(path, sizeof path, "%s/notes.jpg", t->dir);
    write_file(path, text_file, sizeof text_file);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, MSG_NOT_IMAGE);

    snprintf(path, sizeof path, "%s/cut.png", t->dir);
    write_file(path, png_123x45, 20);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, MSG_DAMAGED);

    /* Over the byte limit: a sparse file, so the test writes almost nothing. */
    snprintf(path, sizeof path, "%s/big.png", t->dir);
    write_file(path, png_123x45, sizeof png_123x45);
    assert_int_equal(truncate(path, BT_MAX_IMAGE_BYTES + 1), 0);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, "the picture file is too big (51 MB, at most 50 MB): make it smaller");
    assert_int_equal(truncate(path, BT_MAX_IMAGE_BYTES), 0);
    assert_true(bt_imgprobe_file(path, &info, err, sizeof err));

    assert_false(bt_imgprobe_file(t->dir, &info, err, sizeof err));
    assert_string_equal(err, "this is a folder or a device, not a picture file");

    snprintf(path, sizeof path, "%s/fifo.png", t->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err)); /* and does not block */
    assert_string_equal(err, "this is a folder or a device, not a picture file");

    snprintf(path, sizeof path, "%s/missing.png", t->dir);
    assert_false(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_string_equal(err, "the file does not exist");
}

/* ---- Frames and orientation ---------------------------------------------- */

/* A PNG chunk with its length and a (never checked) CRC. */
static size_t png_chunk(unsigned char *at, const char *type, const unsigned char *data, uint32_t n)
{
    at[0] = (unsigned char)(n >> 24);
    at[1] = (unsigned char)(n >> 16);
    at[2] = (unsigned char)(n >> 8);
    at[3] = (unsigned char)n;
    memcpy(at + 4, type, 4);
    if (n)
        memcpy(at + 8, data, n);
    memset(at + 8 + n, 0, 4);
    return 12 + n;
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* An APNG of 16x16 whose second frame control says w x h at x,y. */
static size_t make_apng(unsigned char *buf, uint32_t w, uint32_t h, uint32_t x, uint32_t y)
{
    unsigned char ihdr[13] = {0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0};
    unsigned char actl[8] = {0, 0, 0, 2, 0, 0, 0, 0};
    unsigned char fctl[26] = {0};
    size_t n = 0;
    memcpy(buf, "\x89PNG\r\n\x1a\n", 8);
    n = 8;
    n += png_chunk(buf + n, "IHDR", ihdr, 13);
    n += png_chunk(buf + n, "acTL", actl, 8);
    put_be32(fctl + 4, 16);
    put_be32(fctl + 8, 16);
    n += png_chunk(buf + n, "fcTL", fctl, 26);
    n += png_chunk(buf + n, "IDAT", (const unsigned char *)"xxxx", 4);
    put_be32(fctl, 1);
    put_be32(fctl + 4, w);
    put_be32(fctl + 8, h);
    put_be32(fctl + 12, x);
    put_be32(fctl + 16, y);
    n += png_chunk(buf + n, "fcTL", fctl, 26);
    n += png_chunk(buf + n, "fdAT", (const unsigned char *)"xxxxxxxx", 8);
    n += png_chunk(buf + n, "IEND", NULL, 0);
    return n;
}

static void put_le24(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
}

/* An animated WebP of 16x16 (VP8X, ANIM) with one ANMF frame. */
static size_t make_webp(unsigned char *buf, uint32_t w, uint32_t h, uint32_t x, uint32_t y)
{
    static const unsigned char head[] = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
                                         'V', 'P', '8', 'X', 10, 0, 0, 0, 0x02, 0, 0, 0,
                                         15, 0, 0, 15, 0, 0, /* canvas 16x16 */
                                         'A', 'N', 'I', 'M', 6, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                         'A', 'N', 'M', 'F', 16, 0, 0, 0};
    memcpy(buf, head, sizeof head);
    unsigned char *f = buf + sizeof head;
    put_le24(f, x / 2);
    put_le24(f + 3, y / 2);
    put_le24(f + 6, w - 1);
    put_le24(f + 9, h - 1);
    memset(f + 12, 0, 4);
    return sizeof head + 16;
}

static void test_animation_frames(void **state)
{
    unsigned char buf[512];
    bt_img_info info;
    char err[300];

    /* APNG: a frame inside is fine; one past the edge, or of absurd size, not. */
    size_t n = make_apng(buf, 8, 8, 8, 8);
    assert_true(probe_copy(buf, n, &info, err, sizeof err));
    assert_int_equal(info.width, 16);
    n = make_apng(buf, 65535, 65535, 0, 0);
    assert_false(probe_copy(buf, n, &info, err, sizeof err));
    assert_string_equal(err, "the picture file is damaged: its frame 2 (65535x65535 pixels at "
                             "0,0) does not fit in the picture (16x16)");
    n = make_apng(buf, 16, 16, 0xffffffffu, 0);
    assert_false(probe_copy(buf, n, &info, err, sizeof err)); /* x + w wraps in 32 bits */
    assert_non_null(strstr(err, "its frame 2 (16x16 pixels at 4294967295,0)"));
    n = make_apng(buf, 0, 16, 0, 0);
    assert_false(probe_copy(buf, n, &info, err, sizeof err));

    /* WebP ANMF frames likewise. */
    n = make_webp(buf, 16, 16, 0, 0);
    assert_true(probe_copy(buf, n, &info, err, sizeof err));
    n = make_webp(buf, 8, 8, 10, 10);
    assert_false(probe_copy(buf, n, &info, err, sizeof err));
    assert_string_equal(err, "the picture file is damaged: its frame 1 (8x8 pixels at 10,10) does "
                             "not fit in the picture (16x16)");
    n = make_webp(buf, 1u << 24, 1u << 24, 0, 0);
    assert_false(probe_copy(buf, n, &info, err, sizeof err));

    /* GIF: frames found past extensions and stray bytes, as SDL_image
     * finds them; the trailer ends the walk. */
    static const unsigned char gif[] = {
        'G', 'I', 'F', '8', '9', 'a', 10, 0, 10, 0, 0, 0, 0,                     /* no table */
        0x21, 0xfe, 3, 'a', 'b', 'c', 0,                                        /* a comment */
        0x2c, 0, 0, 0, 0, 10, 0, 10, 0, 0x80, 0, 0, 0, 1, 1, 1, 2, 1, 0x44, 0, /* local table */
        0x99, 0x98,                                                             /* stray bytes */
        0x2c, 5, 0, 0, 0, 5, 0, 1, 0, 0, 2, 1, 0x44, 0, ';',                   /* 5x1 at 5,0 */
        0x2c, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0,                            /* after ';' */
    };
    assert_true(probe_copy(gif, sizeof gif, &info, err, sizeof err));
    unsigned char bad[sizeof gif];
    memcpy(bad, gif, sizeof gif);
    bad[sizeof gif - 11] = 0x99; /* no trailer: the frame after it counts */
    assert_false(probe_copy(bad, sizeof bad, &info, err, sizeof err));
    assert_non_null(strstr(err, "its frame 3 (65535x65535 pixels at 0,0)"));

    /* Frames beyond BT_MAX_IMAGE_FRAMES. */
    size_t len = 13 + (size_t)(BT_MAX_IMAGE_FRAMES + 1) * 14 + 1;
    unsigned char *many = malloc(len);
    assert_non_null(many);
    memcpy(many, "GIF89a\x01\x00\x01\x00\x00\x00\x00", 13);
    for (int i = 0; i <= BT_MAX_IMAGE_FRAMES; i++)
        memcpy(many + 13 + (size_t)i * 14, "\x2c\0\0\0\0\x01\0\x01\0\0\x02\x01\x44\0", 14);
    many[len - 1] = ';';
    assert_false(bt_imgprobe_mem(many, len, &info, err, sizeof err));
    assert_string_equal(err, "the picture has too many frames (more than 10000): make the "
                             "animation shorter");
    free(many);
}

/* A JPEG with an Exif orientation of 6 (a phone held upright): its size is
 * given upright. An XMP segment (APP1 too) before it is not Exif. */
static void test_jpeg_orientation(void **state)
{
    static const unsigned char head[] = {0xff, 0xd8};
    static const unsigned char xmp[] = {0xff, 0xe1, 0, 12, 'h', 't', 't', 'p', ':', '/', '/',
                                        'n', 's', '.'};
    static const unsigned char exif[] = {
        0xff, 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2a, 0, 0, 0, 8, 0, 1,
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
    };
    unsigned char buf[256];
    size_t n = 0;
    memcpy(buf + n, head, sizeof head);
    n += sizeof head;
    memcpy(buf + n, xmp, sizeof xmp);
    n += sizeof xmp;
    memcpy(buf + n, exif, sizeof exif);
    n += sizeof exif;
    memcpy(buf + n, jpeg_640x480 + 20, sizeof jpeg_640x480 - 20); /* SOF0 640x480 */
    n += sizeof jpeg_640x480 - 20;
    bt_img_info info;
    char err[300];
    assert_true(probe_copy(buf, n, &info, err, sizeof err));
    assert_int_equal(info.orientation, BT_ORIENT_ROTATE_90);
    assert_int_equal(info.width, 480);
    assert_int_equal(info.height, 640);
    assert_int_equal(info.decode_bytes, 0); /* baseline */

    /* Without Exif: upright, as stored. */
    assert_true(probe_copy(jpeg_640x480, sizeof jpeg_640x480, &info, err, sizeof err));
    assert_int_equal(info.orientation, BT_ORIENT_UPRIGHT);
    assert_int_equal(info.width, 640);
}

static void test_kind_names(void **state)
{
    assert_string_equal(bt_img_kind_name(BT_IMG_PNG), "PNG");
    assert_string_equal(bt_img_kind_name(BT_IMG_JPEG), "JPEG");
    assert_string_equal(bt_img_kind_name(BT_IMG_GIF), "GIF");
    assert_string_equal(bt_img_kind_name(BT_IMG_BMP), "BMP");
    assert_string_equal(bt_img_kind_name(BT_IMG_WEBP), "WebP");
    assert_string_equal(bt_img_kind_name(BT_IMG_UNKNOWN), "unknown");
    assert_string_equal(bt_img_kind_name((bt_img_kind)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_table),
        cmocka_unit_test(test_truncated_at_every_length),
        cmocka_unit_test(test_null_and_small_err),
        cmocka_unit_test(test_jpeg_many_segments),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test_setup_teardown(test_files_from_convert, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_file_jpeg_far_sof, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_file_refusals, tmp_setup, tmp_teardown),
        cmocka_unit_test(test_animation_frames),
        cmocka_unit_test(test_jpeg_orientation),
        cmocka_unit_test(test_kind_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
