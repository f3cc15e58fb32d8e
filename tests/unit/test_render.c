/* Render tests: real slides painted with the real fonts, checked pixel by
 * pixel. No display is needed: the painter draws into software surfaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <utf8proc.h>

#include "render/images.h"
#include "model/layout.h"
#include "render/painter.h"
#include "render/slide_paint.h"
#include "model/playlist_load.h"
#include "render/textdraw.h"

static char tmpdir[] = "/tmp/bangtin-render-XXXXXX";

/* ---- helpers ---- */

static void write_file(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A solid-colour PNG of w x h in the temp folder. */
/* A solid-colour picture of w x h in the temp folder: PNG (with an alpha
 * channel, the blended route) or, named .jpg, JPEG (opaque, scaled straight
 * into place). */
static void write_png(const char *name, int w, int h, Uint8 r, Uint8 g, Uint8 b)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, r, g, b));
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    if (strstr(name, ".jpg"))
        assert_int_equal(IMG_SaveJPG(s, path, 95), 0);
    else
        assert_int_equal(IMG_SavePNG(s, path), 0);
    SDL_FreeSurface(s);
}

static bt_playlist *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
    if (!pl || d.errors)
        bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    assert_non_null(pl);
    return pl;
}

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

static bool inside(bt_rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

/* Pixels that are not the colour bg, inside and outside the rect. */
static void count_ink(SDL_Surface *s, bt_rect r, Uint32 bg, long *in, long *out)
{
    *in = *out = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (px(s, x, y) != bg)
                (inside(r, x, y) ? (*in)++ : (*out)++);
}

/* The bounding box of the pixels of colour c. */
/* Within 16 of c in each channel: a JPEG's flat colour comes back a few
 * steps off. */
static bool near(Uint32 a, Uint32 c)
{
    for (int shift = 0; shift < 24; shift += 8) {
        int d = (int)((a >> shift) & 0xff) - (int)((c >> shift) & 0xff);
        if (d < -16 || d > 16)
            return false;
    }
    return true;
}

/* The bounding box of the pixels near colour c. */
static bt_rect bbox_of(SDL_Surface *s, Uint32 c)
{
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (near(px(s, x, y), c)) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
    return x1 < 0 ? (bt_rect){0, 0, 0, 0} : (bt_rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

typedef struct {
    int w, h;
} canvas;

static const canvas canvases[] = {{1920, 1080}, {1080, 1920}};

/* Paints slide i of pl the way the loop shows it on a w x h screen. */
static SDL_Surface *paint(bt_playlist *pl, int i, canvas c, bt_slide_geom *g)
{
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    bt_screen sc;
    bt_screen_layout(c.w, c.h, pl->touch_enabled, &sc);
    SDL_Surface *s = bt_paint_slide(p, &pl->slides[i], sc.slide.w, sc.slide.h, sc.unit);
    assert_non_null(s);
    if (g)
        bt_slide_geometry(&pl->slides[i], sc.slide.w, sc.slide.h, sc.unit, g);
    bt_painter_free(p);
    return s;
}

/* ---- tests ---- */

/* A title and body far too long for the slide shrink, wrap and end with an
 * ellipsis inside the text box: not one pixel of ink outside it. */
static void long_text_stays_in_its_box(void **state)
{
    (void)state;
    char yaml[16384];
    char title[2048] = "", body[10000] = "";
    while (strlen(title) < 280)
        strcat(title, "Cảnh giác với cuộc gọi giả danh công an ");
    title[280] = '\0';
    while (strlen(body) < 2900)
        strcat(body, "Ngân hàng, công an hay nhà mạng không bao giờ yêu cầu bạn đọc mã OTP. ");
    snprintf(yaml, sizeof yaml,
             "version: 1\ntheme:\n  background: \"#102030\"\nslides:\n"
             "  - title: \"%s\"\n    body: \"%s\"\n"
             "  - title: \"Mậtkhẩumạnhgồmchữhoa,chữthường,chữsốvàkýtựđặcbiệtnênđượcdùngmỗinơimộtkhác\"\n",
             title, body);
    write_file("long.yaml", yaml);
    bt_playlist *pl = load("long.yaml");
    for (size_t c = 0; c < sizeof canvases / sizeof canvases[0]; c++) {
        for (int i = 0; i < pl->n_slides; i++) {
            bt_slide_geom g;
            SDL_Surface *s = paint(pl, i, canvases[c], &g);
            long in, out;
            count_ink(s, g.text, 0x102030, &in, &out);
            assert_int_equal(out, 0);
            assert_true(in > 5000); /* the text really is there */
            SDL_FreeSurface(s);
        }
    }
    bt_playlist_free(pl);
}

/* Stacked diacritics are not cut: a box exactly as tall as the laid-out
 * block holds the same ink as a box with room to spare. */
static void diacritics_are_not_clipped(void **state)
{
    (void)state;
    char err[256];
    bt_playlist pl0 = {0};
    pl0.theme.background = (bt_color){0, 0, 0, 255};
    bt_painter *p = bt_painter_create(&pl0, err, sizeof err);
    assert_non_null(p);
    const char *text = "ẪỖỮ Ậ Ẵ Ặ Ỵ ỹ ậ ẫ";
    bt_text_block b;
    assert_true(bt_text_layout(text, bt_fonts_measure(p->fonts, true), 1000, 400, 80, 80, 0, &b));
    long ink[2];
    for (int k = 0; k < 2; k++) {
        SDL_Surface *s = bt_surface_new(1200, 600, (bt_color){0, 0, 0, 255});
        bt_rect box = {100, 100, 1000, k == 0 ? b.height : 400};
        bt_textdraw_box(s, p->fonts, true, text, box, 80, 80, 0, BT_ALIGN_LEFT, false,
                        (SDL_Color){255, 255, 255, 255});
        long out;
        count_ink(s, box, 0, &ink[k], &out);
        assert_int_equal(out, 0);
        SDL_FreeSurface(s);
    }
    assert_true(ink[0] > 1000);
    assert_int_equal(ink[0], ink[1]);
    bt_text_block_free(&b);
    bt_painter_free(p);
}

/* A title written decomposed (NFD, as macOS writes) paints exactly the same
 * pixels as the same title precomposed (NFC). */
static void nfd_and_nfc_paint_the_same(void **state)
{
    (void)state;
    const char *nfc = "Không chia sẻ mã OTP: Tiếng Việt có dấu ở mọi chữ, ngay cả Ỹ và Ẫ";
    char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)nfc);
    assert_non_null(nfd);
    assert_string_not_equal(nfc, nfd); /* really a different byte sequence */
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "version: 1\nslides:\n  - title: \"%s\"\n    body: \"%s\"\n", nfc, nfc);
    write_file("nfc.yaml", yaml);
    snprintf(yaml, sizeof yaml, "version: 1\nslides:\n  - title: \"%s\"\n    body: \"%s\"\n", nfd, nfd);
    write_file("nfd.yaml", yaml);
    free(nfd);
    bt_playlist *a = load("nfc.yaml"), *b = load("nfd.yaml");
    SDL_Surface *sa = paint(a, 0, canvases[0], NULL), *sb = paint(b, 0, canvases[0], NULL);
    assert_int_equal(sa->h * sa->pitch, sb->h * sb->pitch);
    assert_memory_equal(sa->pixels, sb->pixels, (size_t)(sa->h * sa->pitch));
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    bt_playlist_free(a);
    bt_playlist_free(b);
}

/* Pictures keep their aspect ratio in every layout and orientation. */
static void pictures_keep_their_aspect(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        const char *ext = kind ? "jpg" : "png";
        char wide[32], tall[32], yaml[600];
        snprintf(wide, sizeof wide, "wide.%s", ext);
        snprintf(tall, sizeof tall, "tall.%s", ext);
        write_png(wide, 400, 200, 255, 0, 0);
        write_png(tall, 300, 600, 255, 0, 0);
        snprintf(yaml, sizeof yaml,
                 "version: 1\nslides:\n"
                 "  - {image: %s, body: \"Ảnh bên cạnh chữ\", layout: split}\n"
                 "  - {image: %s, body: \"Ảnh dọc\", layout: split}\n"
                 "  - {image: %s, layout: image}\n"
                 "  - {image: %s, title: \"Chú thích\", layout: caption}\n",
                 wide, tall, tall, wide);
        write_file("pics.yaml", yaml);
        bt_playlist *pl = load("pics.yaml");
        const double want[] = {2.0, 0.5, 0.5, 2.0};
        for (size_t c = 0; c < sizeof canvases / sizeof canvases[0]; c++) {
            for (int i = 0; i < pl->n_slides; i++) {
                bt_slide_geom g;
                SDL_Surface *s = paint(pl, i, canvases[c], &g);
                bt_rect r = bbox_of(s, 0xff0000);
                assert_true(r.w > 100 && r.h > 100);
                if (g.image_cover) {
                    /* full bleed: the picture fills the slide, cropped, not stretched */
                    assert_int_equal(r.w, s->w);
                } else {
                    double ratio = (double)r.w / r.h;
                    if (ratio < want[i] * 0.98 || ratio > want[i] * 1.02)
                        fail_msg("%s slide %d at %dx%d: picture drawn %dx%d, ratio %.3f, want "
                                 "%.3f",
                                 ext, i, canvases[c].w, canvases[c].h, r.w, r.h, ratio, want[i]);
                }
                SDL_FreeSurface(s);
            }
        }
        bt_playlist_free(pl);
    }
}

/* A JPEG far larger than its box is decoded smaller (1/2, 1/4, 1/8), never
 * below the size it is shown at, with its colours in their places; without
 * a box it is decoded whole. */
static void large_jpeg_decodes_smaller(void **state)
{
    (void)state;
    /* 4000x3000: red, green / blue, white quarters */
    SDL_Surface *big = SDL_CreateRGBSurfaceWithFormat(0, 4000, 3000, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(big);
    const Uint32 quarter[4] = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
    for (int q = 0; q < 4; q++) {
        SDL_Rect r = {q % 2 * 2000, q / 2 * 1500, 2000, 1500};
        SDL_FillRect(big, &r, quarter[q]);
    }
    char path[512];
    snprintf(path, sizeof path, "%s/big.jpg", tmpdir);
    assert_int_equal(IMG_SaveJPG(big, path, 90), 0);
    SDL_FreeSurface(big);

    const struct {
        int box_w, box_h;
        bool cover;
        int w, h; /* as decoded */
    } cases[] = {
        {0, 0, false, 4000, 3000},      /* no box: whole */
        {1920, 1080, false, 2000, 1500}, /* fits as 1440x1080: 1/2 */
        {1920, 1080, true, 2000, 1500},  /* covers as 1920x1440: 1/2 */
        {960, 540, false, 1000, 750},    /* 720x540: 1/4 */
        {300, 200, false, 500, 375},     /* 267x200: 1/8 at most */
        {4000, 3000, false, 4000, 3000}, /* shown whole: whole */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char err[256] = "";
        SDL_Surface *s =
            bt_image_load(path, cases[c].box_w, cases[c].box_h, cases[c].cover, err, sizeof err);
        if (!s)
            fail_msg("case %zu: %s", c, err);
        assert_int_equal(s->format->format, SDL_PIXELFORMAT_RGB888);
        if (s->w != cases[c].w || s->h != cases[c].h)
            fail_msg("case %zu: decoded %dx%d, want %dx%d", c, s->w, s->h, cases[c].w, cases[c].h);
        for (int q = 0; q < 4; q++) {
            Uint32 got = px(s, (q % 2 * 2 + 1) * s->w / 4, (q / 2 * 2 + 1) * s->h / 4);
            for (int shift = 0; shift < 24; shift += 8) {
                int d = (int)((got >> shift) & 0xff) - (int)((quarter[q] >> shift) & 0xff);
                if (d < -12 || d > 12)
                    fail_msg("case %zu quarter %d: colour %06x, want %06x", c, q, got, quarter[q]);
            }
        }
        SDL_FreeSurface(s);
    }
}

/* Drawn into a box, a picture fits inside it (contain) or covers it,
 * cropped evenly, never squashed: a 400x400 JPEG, red in its top quarter,
 * blue below, into a 1000x500 box. */
static void cover_crops_and_contain_fits(void **state)
{
    (void)state;
    SDL_Surface *pic = SDL_CreateRGBSurfaceWithFormat(0, 400, 400, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(pic);
    SDL_FillRect(pic, NULL, 0x0000ff);
    SDL_FillRect(pic, &(SDL_Rect){0, 0, 400, 100}, 0xff0000);
    char path[512];
    snprintf(path, sizeof path, "%s/band.jpg", tmpdir);
    assert_int_equal(IMG_SaveJPG(pic, path, 95), 0);
    SDL_FreeSurface(pic);
    char err[256];
    bt_playlist pl0 = {0};
    bt_painter *painter = bt_painter_create(&pl0, err, sizeof err);
    assert_non_null(painter);
    for (int cover = 0; cover < 2; cover++) {
        SDL_Surface *dst = bt_surface_new(1000, 500, (bt_color){0, 255, 0, 255});
        assert_non_null(dst);
        assert_true(bt_painter_picture(painter, dst, path, (bt_rect){0, 0, 1000, 500}, cover));
        if (cover) {
            /* 1000x1000, its rows 250..749 show: the red quarter is cut off */
            assert_true(near(px(dst, 20, 20), 0x0000ff));
            assert_true(near(px(dst, 980, 480), 0x0000ff));
            assert_int_equal(bbox_of(dst, 0xff0000).w, 0);
        } else {
            /* 500x500 at x 250: red rows 0..124, the sides untouched */
            assert_true(near(px(dst, 500, 60), 0xff0000));
            assert_true(near(px(dst, 500, 200), 0x0000ff));
            assert_int_equal(px(dst, 100, 250), 0x00ff00);
            assert_int_equal(px(dst, 900, 250), 0x00ff00);
            bt_rect red = bbox_of(dst, 0xff0000);
            assert_true(red.x >= 249 && red.x <= 251 && red.w >= 498 && red.w <= 502);
            assert_true(red.h >= 120 && red.h <= 130);
        }
        SDL_FreeSurface(dst);
    }
    bt_painter_free(painter);
}

/* The QR code on a slide decodes back to its text. */
static void qr_code_scans(void **state)
{
    (void)state;
    if (system("command -v zbarimg >/dev/null 2>&1") != 0)
        skip();
    const char *url = "https://khonggianmang.vn";
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "version: 1\nslides:\n  - title: \"Báo cáo lừa đảo\"\n    body: \"Quét mã để báo cáo trang web lừa đảo.\"\n    qr: \"%s\"\n",
             url);
    write_file("qr.yaml", yaml);
    bt_playlist *pl = load("qr.yaml");
    for (size_t c = 0; c < sizeof canvases / sizeof canvases[0]; c++) {
        SDL_Surface *s = paint(pl, 0, canvases[c], NULL);
        char png[512], cmd[1024], out[512] = "";
        snprintf(png, sizeof png, "%s/qr-%zu.png", tmpdir, c);
        assert_int_equal(IMG_SavePNG(s, png), 0);
        snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>/dev/null", png);
        FILE *f = popen(cmd, "r");
        assert_non_null(f);
        if (!fgets(out, sizeof out, f))
            out[0] = '\0';
        pclose(f);
        out[strcspn(out, "\n")] = '\0';
        assert_string_equal(out, url);
        SDL_FreeSurface(s);
    }
    bt_playlist_free(pl);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("BANGTIN_DATADIR", "assets", 0); /* the bundled fonts; tests run from the top */
    return TTF_Init();
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        return -1;
    TTF_Quit();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_text_stays_in_its_box),
        cmocka_unit_test(diacritics_are_not_clipped),
        cmocka_unit_test(nfd_and_nfc_paint_the_same),
        cmocka_unit_test(pictures_keep_their_aspect),
        cmocka_unit_test(large_jpeg_decodes_smaller),
        cmocka_unit_test(cover_crops_and_contain_fits),
        cmocka_unit_test(qr_code_scans),
    };
    return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
