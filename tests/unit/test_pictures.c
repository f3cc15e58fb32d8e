/* test_pictures.c: pictures as a security review and an office bring them:
 * animation frames larger than their picture, progressive JPEGs of endless
 * scans, damaged data, CMYK from print shops, phone photos with an Exif
 * orientation, 50-megapixel photos. Every file is made here (libjpeg,
 * python3, ImageMagick), and each case is decoded through the real route
 * (bt_image_load) and checked in its pixels or its words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <jpeglib.h>

#include "base/bounds.h"
#include "model/exif.h"
#include "model/imgprobe.h"
#include "render/images.h"
#include "render/jpeg.h"

static char tmpdir[] = "/tmp/bangtin-pictures-XXXXXX";

/* ---- helpers ---- */

static const char *tmp_path(const char *name)
{
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
    return p;
}

static void write_bytes(const char *name, const void *data, size_t len)
{
    FILE *f = fopen(tmp_path(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static bool have(const char *cmd)
{
    char line[256];
    snprintf(line, sizeof line, "command -v %s >/dev/null 2>&1", cmd);
    return system(line) == 0;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1000 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

/* Within tol of want in each channel. */
static void assert_near(Uint32 got, Uint32 want, int tol, const char *what)
{
    for (int shift = 0; shift < 24; shift += 8) {
        int d = (int)((got >> shift) & 0xff) - (int)((want >> shift) & 0xff);
        if (d < -tol || d > tol)
            fail_msg("%s: colour %06x, want %06x (within %d)", what, got, want, tol);
    }
}

/* Loads the picture or fails with its reason. */
static SDL_Surface *load_ok(const char *path, int box_w, int box_h)
{
    char err[512] = "";
    SDL_Surface *s = bt_image_load(path, box_w, box_h, false, err, sizeof err);
    if (!s)
        fail_msg("%s: %s", path, err);
    return s;
}

/* Loads the picture, which must be refused with words containing want. */
static void load_refused(const char *path, const char *want)
{
    char err[512] = "";
    SDL_Surface *s = bt_image_load(path, 1920, 1080, false, err, sizeof err);
    if (s)
        fail_msg("%s: decoded %dx%d, want it refused (%s)", path, s->w, s->h, want);
    if (!strstr(err, want))
        fail_msg("%s: refused with \"%s\", want \"%s\"", path, err, want);
}

/* A JPEG written with libjpeg, w x h, in colour space cs (JCS_RGB,
 * JCS_CMYK, JCS_YCCK as in_color_space JCS_CMYK) filled with one pixel's
 * bytes; adobe: write Adobe's APP14 marker (then CMYK is stored inverted,
 * the caller passes the inverted bytes). */
static void write_jpeg(const char *path, int w, int h, J_COLOR_SPACE store, const unsigned char *pixel,
                       int comps, bool adobe, bool progressive)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr jerr;
    c.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = comps;
    c.in_color_space = comps == 4 ? JCS_CMYK : comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_colorspace(&c, store);
    c.write_Adobe_marker = adobe;
    jpeg_set_quality(&c, 95, TRUE);
    if (progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = malloc((size_t)w * comps);
    assert_non_null(row);
    for (int x = 0; x < w; x++)
        memcpy(row + (size_t)x * comps, pixel, (size_t)comps);
    while (c.next_scanline < c.image_height)
        jpeg_write_scanlines(&c, &row, 1);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    fclose(f);
}

/* ---- A1: frames larger than their picture ---- */

/* 35 bytes: a 16x16 GIF whose first frame says 65535x65535. SDL_image
 * would allocate 4 GB for it; the probe reads the frame first. */
static void gif_frame_bomb_is_refused_from_its_header(void **state)
{
    (void)state;
    static const unsigned char gif[] = {
        'G', 'I', 'F', '8', '9', 'a', 16, 0, 16, 0, 0x80, 0, 0, /* screen, 2-colour table */
        0, 0, 0, 0xff, 0xff, 0xff,                              /* the table */
        0x2c, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0,            /* frame 65535x65535 */
        2, 2, 0x44, 0x01, 0, ';',
    };
    assert_int_equal(sizeof gif, 35);
    write_bytes("bomb.gif", gif, sizeof gif);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bt_img_info info;
    char err[300];
    assert_false(bt_imgprobe_file(tmp_path("bomb.gif"), &info, err, sizeof err));
    assert_string_equal(err, "the picture file is damaged: its frame 1 (65535x65535 pixels at "
                             "0,0) does not fit in the picture (16x16)");
    load_refused(tmp_path("bomb.gif"), "its frame 1 (65535x65535 pixels");
    assert_true(ms_since(&t0) < 100);

    /* A later frame too, after a good first one and an extension. */
    static const unsigned char gif2[] = {
        'G', 'I', 'F', '8', '9', 'a', 16, 0, 16, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
        0x2c, 0, 0, 0, 0, 16, 0, 16, 0, 0, 2, 2, 0x44, 0x01, 0,          /* frame 1: 16x16 */
        0x21, 0xf9, 4, 0, 10, 0, 0, 0,                                  /* a graphic control */
        0x2c, 8, 0, 8, 0, 16, 0, 16, 0, 0, 2, 2, 0x44, 0x01, 0, ';',    /* frame 2 at 8,8 */
    };
    write_bytes("late.gif", gif2, sizeof gif2);
    assert_false(bt_imgprobe_file(tmp_path("late.gif"), &info, err, sizeof err));
    assert_non_null(strstr(err, "its frame 2 (16x16 pixels at 8,8)"));
}

/* ---- A2: scans, time and warnings ---- */

static void make_scans(const char *name, int w, int h, int scans, const char *mode)
{
    assert_int_equal(run("python3 tests/media/jpeg_scans.py '%s' %d %d %d %s", tmp_path(name), w,
                         h, scans, mode),
                     0);
}

/* 6000x6000 and 100,000 scans with no data (1 MB): decoded as it was, it
 * took minutes; now the first empty scan is damage, refused at once. */
static void endless_empty_scans_are_refused_quickly(void **state)
{
    (void)state;
    if (!have("python3"))
        skip();
    make_scans("scans.jpg", 6000, 6000, 100000, "empty");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    load_refused(tmp_path("scans.jpg"), "the photo's data is damaged (Corrupt JPEG data: premature "
                                        "end of data segment)");
    double ms = ms_since(&t0);
    print_message("  100,000 empty scans refused in %.0f ms\n", ms);
    assert_true(ms < 2000);
}

/* Well-formed scans, each a walk over the picture: at most
 * BT_MAX_JPEG_SCANS of them; fewer decode, mid-grey. */
static void scans_are_bounded(void **state)
{
    (void)state;
    if (!have("python3"))
        skip();
    make_scans("many.jpg", 1000, 1000, BT_MAX_JPEG_SCANS + 100, "valid");
    load_refused(tmp_path("many.jpg"), "the photo is made of more than 500 scans");
    make_scans("fewer.jpg", 1000, 1000, BT_MAX_JPEG_SCANS, "valid");
    SDL_Surface *s = load_ok(tmp_path("fewer.jpg"), 0, 0);
    assert_int_equal(s->w, 1000);
    assert_near(px(s, 500, 500), 0x808080, 2, "fewer.jpg");
    SDL_FreeSurface(s);
}

/* The time bound, made small here so that a legal file reaches it. */
static void decode_time_is_bounded(void **state)
{
    (void)state;
    if (!have("python3"))
        skip();
    make_scans("slow.jpg", 4000, 4000, 400, "valid");
    bt_jpeg_set_bounds(0, 50);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    load_refused(tmp_path("slow.jpg"), "the photo takes too long to decode");
    double ms = ms_since(&t0);
    bt_jpeg_set_bounds(0, 0);
    print_message("  stopped after %.0f ms (bound 50 ms)\n", ms);
    assert_true(ms < 500);
}

/* What libjpeg only warns about refuses the file with a reason, instead of
 * a picture half grey. */
static void damaged_jpeg_is_refused_not_grey(void **state)
{
    (void)state;
    unsigned char rgb[3] = {200, 30, 30};
    char whole[512];
    snprintf(whole, sizeof whole, "%s", tmp_path("whole.jpg"));
    write_jpeg(whole, 640, 480, JCS_YCbCr, rgb, 3, false, false);
    FILE *f = fopen(whole, "rb");
    assert_non_null(f);
    unsigned char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 2000 && n < sizeof buf);
    /* Cut in the middle of its data. */
    write_bytes("cut.jpg", buf, n / 2);
    load_refused(tmp_path("cut.jpg"), "the photo file is cut short (its end is missing)");
    /* A stretch of its data overwritten: a marker where data should be. */
    memcpy(buf + n / 2, "\xff\xd3\xff\xd3\xff\xd3\xff\xd3", 8);
    write_bytes("broken.jpg", buf, n);
    load_refused(tmp_path("broken.jpg"), "the photo's data is damaged (Corrupt JPEG data");
    /* Bytes after its end are not damage: a camera's file stays usable. */
    f = fopen(whole, "rb");
    assert_non_null(f);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    memcpy(buf + n - 2, "junk\xff\xd9", 6);
    write_bytes("trailing.jpg", buf, n + 4);
    SDL_Surface *s = load_ok(tmp_path("trailing.jpg"), 0, 0);
    assert_near(px(s, 320, 240), 0xc81e1e, 6, "trailing.jpg");
    SDL_FreeSurface(s);
}

/* ---- A3: CMYK ---- */

/* Red in every way a CMYK JPEG is written: ImageMagick's (Adobe, inverted
 * inks), plain CMYK without Adobe's marker (straight inks) and YCCK. */
static void cmyk_jpegs_show_their_colours(void **state)
{
    (void)state;
    /* Red is no cyan, full magenta and yellow, no black. */
    const unsigned char straight[4] = {0, 255, 255, 0}, inverted[4] = {255, 0, 0, 255};
    write_jpeg(tmp_path("cmyk.jpg"), 64, 48, JCS_CMYK, straight, 4, false, false);
    write_jpeg(tmp_path("adobe.jpg"), 64, 48, JCS_CMYK, inverted, 4, true, false);
    write_jpeg(tmp_path("ycck.jpg"), 64, 48, JCS_YCCK, inverted, 4, true, true);
    const char *names[] = {"cmyk.jpg", "adobe.jpg", "ycck.jpg", "magick.jpg", "magick-blue.jpg"};
    const Uint32 want[] = {0xff0000, 0xff0000, 0xff0000, 0xff0000, 0x1e50c8};
    size_t n = 3;
    if (have("convert")) {
        assert_int_equal(run("convert -size 64x48 xc:red -colorspace CMYK '%s'",
                             tmp_path("magick.jpg")),
                         0);
        assert_int_equal(run("convert -size 64x48 'xc:rgb(30,80,200)' -colorspace CMYK '%s'",
                             tmp_path("magick-blue.jpg")),
                         0);
        n = 5;
    }
    for (size_t i = 0; i < n; i++) {
        SDL_Surface *s = load_ok(tmp_path(names[i]), 0, 0);
        assert_int_equal(s->format->format, SDL_PIXELFORMAT_RGB888);
        assert_near(px(s, 32, 24), want[i], 12, names[i]);
        SDL_FreeSurface(s);
    }
}

/* ---- A4: Exif orientation ---- */

/* An Exif segment (orientation 1) after SOI, in the byte order given. */
static void add_exif(const char *from, const char *to, bool big)
{
    FILE *f = fopen(from, "rb");
    assert_non_null(f);
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    unsigned char seg[36] = {0xff, 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0};
    unsigned char *t = seg + 10;
    if (big)
        memcpy(t, "MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x01\0\0\0\0\0\0", 26);
    else
        memcpy(t, "II\x2a\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x01\0\0\0\0\0\0\0", 26);
    FILE *o = fopen(to, "wb");
    assert_non_null(o);
    assert_int_equal(fwrite(buf, 1, 2, o), 2);
    assert_int_equal(fwrite(seg, 1, sizeof seg, o), sizeof seg);
    assert_int_equal(fwrite(buf + 2, 1, n - 2, o), n - 2);
    fclose(o);
}

/* A photo upright is 80x40: red top-left, green top-right, blue bottom-
 * left, white bottom-right. For each orientation its pixels are written as
 * a camera would store them, and the tag set by ImageMagick (-orient). */
static void photos_show_upright_in_all_eight_orientations(void **state)
{
    (void)state;
    if (!have("convert") || !have("identify"))
        skip();
    static const char *const names[] = {"", "TopLeft", "TopRight", "BottomRight", "BottomLeft",
                                        "LeftTop", "RightTop", "RightBottom", "LeftBottom"};
    /* What turns the upright picture into the stored one. */
    static const char *const stored[] = {"", "", "-flop", "-rotate 180", "-flip", "-transpose",
                                         "-rotate -90", "-transverse", "-rotate 90"};
    assert_int_equal(run("convert -size 80x40 xc:white -fill red -draw 'rectangle 0,0 39,19' "
                         "-fill lime -draw 'rectangle 40,0 79,19' -fill blue "
                         "-draw 'rectangle 0,20 39,39' '%s'",
                         tmp_path("upright.png")),
                     0);
    for (int o = 1; o <= 8; o++) {
        char st[32], ex[32], ph[32];
        snprintf(st, sizeof st, "stored%d.jpg", o);
        snprintf(ex, sizeof ex, "exif%d.jpg", o);
        snprintf(ph, sizeof ph, "photo%d.jpg", o);
        assert_int_equal(run("convert '%s' %s -quality 95 '%s'", tmp_path("upright.png"),
                             stored[o], tmp_path(st)),
                         0);
        add_exif(tmp_path(st), tmp_path(ex), o % 2 == 0); /* both byte orders */
        assert_int_equal(run("convert '%s' -orient %s '%s'", tmp_path(ex), names[o], tmp_path(ph)),
                         0);
        char cmd[600], got[64] = "";
        snprintf(cmd, sizeof cmd, "identify -format %%[orientation] '%s'", tmp_path(ph));
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        if (!fgets(got, sizeof got, p))
            got[0] = '\0';
        pclose(p);
        assert_string_equal(got, names[o]);

        bt_img_info info;
        char err[300];
        assert_true(bt_imgprobe_file(tmp_path(ph), &info, err, sizeof err));
        assert_int_equal(info.orientation, o);
        assert_int_equal(info.width, 80); /* the upright size, for layouts */
        assert_int_equal(info.height, 40);
        SDL_Surface *s = load_ok(tmp_path(ph), 0, 0);
        if (s->w != 80 || s->h != 40)
            fail_msg("orientation %d: %dx%d, want 80x40", o, s->w, s->h);
        char what[64];
        snprintf(what, sizeof what, "orientation %d top-left", o);
        assert_near(px(s, 4, 4), 0xff0000, 24, what);
        snprintf(what, sizeof what, "orientation %d top-right", o);
        assert_near(px(s, 75, 4), 0x00ff00, 24, what);
        snprintf(what, sizeof what, "orientation %d bottom-left", o);
        assert_near(px(s, 4, 35), 0x0000ff, 24, what);
        snprintf(what, sizeof what, "orientation %d bottom-right", o);
        assert_near(px(s, 75, 35), 0xffffff, 24, what);
        SDL_FreeSurface(s);
    }
}

/* The scaled decode comes first, then the turn: a 2000x4000 photo stored on
 * its side (4000x2000, orientation 6) shown in a 1000x1000 box takes
 * 500x1000 upright, so it is decoded at 1/4 (1000x500) and turned; had the
 * box not been turned with it, 1/2 (2000x1000) would have been needed. */
static void orientation_applies_after_a_scaled_decode(void **state)
{
    (void)state;
    if (!have("convert"))
        skip();
    /* Upright 2000x4000 (tall): top half red, bottom half blue; stored
     * turned a quarter anticlockwise, 4000x2000. */
    assert_int_equal(run("convert -size 2000x4000 xc:blue -fill red -draw 'rectangle 0,0 1999,1999' "
                         "-rotate -90 -quality 90 '%s'",
                         tmp_path("side0.jpg")),
                     0);
    add_exif(tmp_path("side0.jpg"), tmp_path("side1.jpg"), false);
    assert_int_equal(run("convert '%s' -orient RightTop '%s'", tmp_path("side1.jpg"),
                         tmp_path("side.jpg")),
                     0);
    SDL_Surface *s = load_ok(tmp_path("side.jpg"), 1000, 1000);
    assert_int_equal(s->w, 500);
    assert_int_equal(s->h, 1000);
    assert_near(px(s, 250, 100), 0xff0000, 16, "top");
    assert_near(px(s, 250, 900), 0x0000ff, 16, "bottom");
    SDL_FreeSurface(s);
}

/* ---- A5: large photos and bombs ---- */

/* 8700x5800 (50 megapixels): over what a picture may be decoded at, so it
 * is decoded at 1/4 for a 1080p screen and at 1/2 (12.6 MP) at the most. */
static void fifty_megapixel_photo_is_decoded_smaller(void **state)
{
    (void)state;
    const unsigned char green[3] = {20, 160, 60};
    const char *path = tmp_path("50mp.jpg");
    write_jpeg(path, 8700, 5800, JCS_YCbCr, green, 3, false, false);
    bt_img_info info;
    char err[300];
    assert_true(bt_imgprobe_file(path, &info, err, sizeof err));
    assert_int_equal(info.width, 8700);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    SDL_Surface *s = load_ok(path, 1920, 1080);
    print_message("  50 MP photo for 1920x1080: decoded %dx%d in %.0f ms\n", s->w, s->h,
                  ms_since(&t0));
    assert_int_equal(s->w, 2175);
    assert_int_equal(s->h, 1450);
    assert_near(px(s, 1000, 700), 0x14a03c, 6, "50mp.jpg");
    SDL_FreeSurface(s);
    s = load_ok(path, 0, 0); /* as large as the bounds allow */
    assert_int_equal(s->w, 4350);
    assert_int_equal(s->h, 2900);
    SDL_FreeSurface(s);
    /* --check's deep look decodes it at the size it is shown, too. */
    bt_image_box screen = {1920, 1080};
    assert_true(bt_image_verify(&screen, path, err, sizeof err));

    /* A progressive 50 MP photo needs its coefficients whole (152 MB here,
     * 4:2:0): within the memory bound. */
    write_jpeg(tmp_path("50mp-prog.jpg"), 8700, 5800, JCS_YCbCr, green, 3, false, true);
    assert_true(bt_imgprobe_file(tmp_path("50mp-prog.jpg"), &info, err, sizeof err));
    print_message("  progressive 50 MP: %llu MB of coefficients\n", info.decode_bytes >> 20);
    assert_true(info.decode_bytes > 140u << 20 && info.decode_bytes < 150u << 20);
    s = load_ok(tmp_path("50mp-prog.jpg"), 1920, 1080);
    assert_int_equal(s->w, 2175);
    SDL_FreeSurface(s);
}

/* Decompression bombs are refused from the header, before any decoding. */
static void bombs_are_refused_from_the_header(void **state)
{
    (void)state;
    /* SOI, SOF0 of 60000x60000 (3.6 gigapixels), 3 components 4:4:4. */
    static const unsigned char huge[] = {0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0xea, 0x60, 0xea, 0x60,
                                         3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 0xff, 0xd9};
    write_bytes("huge.jpg", huge, sizeof huge);
    bt_img_info info;
    char err[300];
    assert_false(bt_imgprobe_file(tmp_path("huge.jpg"), &info, err, sizeof err));
    assert_string_equal(err, "the photo is too large (60000x60000 pixels, at most 200 "
                             "megapixels): make it smaller");
    /* Progressive, 14000x14000 4:4:4: 1.1 GB of coefficients. */
    static const unsigned char prog[] = {0xff, 0xd8, 0xff, 0xc2, 0, 17, 8, 0x36, 0xb0, 0x36, 0xb0,
                                         3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 0xff, 0xd9};
    write_bytes("prog.jpg", prog, sizeof prog);
    assert_false(bt_imgprobe_file(tmp_path("prog.jpg"), &info, err, sizeof err));
    assert_non_null(strstr(err, "progressive JPEG too large to decode here (14000x14000 pixels, "
                                "1121 MB of memory, at most 256 MB)"));
    /* Baseline, but its first scan holds one component of three: libjpeg
     * then keeps every coefficient (1.1 GB at 14000x14000), which no
     * header says; its memory bound refuses it when it tries. */
    static const unsigned char split[] = {
        0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x36, 0xb0, 0x36, 0xb0, 3, 1, 0x11, 0, 2, 0x11, 0, 3,
        0x11, 0,                                                     /* SOF0 */
        0xff, 0xc4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* DC: 1 code */
        0xff, 0xc4, 0, 20, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* AC: EOB */
        0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 63, 0,                      /* SOS: component 1 alone */
        0x00, 0x00, 0xff, 0xd9,
    };
    write_bytes("split.jpg", split, sizeof split);
    assert_true(bt_imgprobe_file(tmp_path("split.jpg"), &info, err, sizeof err));
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    load_refused(tmp_path("split.jpg"), "the photo needs more memory to decode than the kiosk "
                                        "allows (at most 256 MB)");
    assert_true(ms_since(&t0) < 1000);
    /* A PNG cannot be decoded smaller: over 36 MP it is refused. */
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                        'I', 'H', 'D', 'R', 0, 0, 0x21, 0xfc, 0, 0, 0x16, 0xa8};
    write_bytes("big.png", png, sizeof png);
    assert_false(bt_imgprobe_file(tmp_path("big.png"), &info, err, sizeof err));
    assert_non_null(strstr(err, "the picture is too large (8700x5800 pixels, at most 36 "
                                "megapixels)"));
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, getenv("KEEP") ? "true %s" : "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gif_frame_bomb_is_refused_from_its_header),
        cmocka_unit_test(endless_empty_scans_are_refused_quickly),
        cmocka_unit_test(scans_are_bounded),
        cmocka_unit_test(decode_time_is_bounded),
        cmocka_unit_test(damaged_jpeg_is_refused_not_grey),
        cmocka_unit_test(cmyk_jpegs_show_their_colours),
        cmocka_unit_test(photos_show_upright_in_all_eight_orientations),
        cmocka_unit_test(orientation_applies_after_a_scaled_decode),
        cmocka_unit_test(fifty_megapixel_photo_is_decoded_smaller),
        cmocka_unit_test(bombs_are_refused_from_the_header),
    };
    return cmocka_run_group_tests_name("pictures", tests, setup, teardown);
}
