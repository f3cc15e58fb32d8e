/* test_fullscreen.c: what an office brings, on the screen as --render
 * paints it (bt_paint_screen): a folder of PowerPoint slides exported as
 * pictures, a PDF's pages, and `layout: full`. Each is checked in the
 * pixels of the whole screen: the slides in their order, alone (no header
 * above them, no tips band below), pictures letterboxed, never cropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "model/layout.h"
#include "model/playlist_load.h"
#include "render/painter.h"
#include "render/pdf.h"
#include "render/screen.h"

static char tmpdir[] = "/tmp/bangtin-fullscreen-XXXXXX";

static const bt_load_options opts = {.pdf_pages = bt_pdf_pages};

static const char *tmp_path(const char *name)
{
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
    return p;
}

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

/* A picture of one colour, w x h, as PNG (the way PowerPoint exports). */
static void write_picture(const char *path, int w, int h, Uint32 rgb)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, rgb);
    assert_int_equal(IMG_SavePNG(s, path), 0);
    SDL_FreeSurface(s);
}

static bt_playlist *load(const char *path)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load_path(path, &opts, &d);
    if (!pl || d.errors)
        bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    assert_non_null(pl);
    return pl;
}

/* Every pixel of row y is c. */
static void assert_row(SDL_Surface *s, int y, Uint32 c, const char *what)
{
    for (int x = 0; x < s->w; x++)
        if (px(s, x, y) != c)
            fail_msg("%s: row %d, x %d: %06x, want %06x", what, y, x, px(s, x, y), c);
}

/* Slide1.PNG .. Slide12.PNG, each its own colour, written in a shuffled
 * order: a folder given as the playlist shows them 1, 2 .. 10, 11, 12, each
 * on the whole screen: the top row and the bottom row are the slide's. */
static void folder_of_powerpoint_slides(void **state)
{
    (void)state;
    static const Uint32 colours[12] = {0xe53935, 0x43a047, 0x1e88e5, 0xfdd835, 0x8e24aa, 0x00acc1,
                                       0x6d4c41, 0xf4511e, 0x3949ab, 0x7cb342, 0xd81b60, 0x546e7a};
    char dir[600];
    snprintf(dir, sizeof dir, "%s/deck", tmpdir);
    assert_int_equal(mkdir(dir, 0755), 0);
    static const int order[12] = {10, 2, 12, 1, 5, 11, 3, 7, 9, 4, 8, 6};
    for (int k = 0; k < 12; k++) {
        char path[700];
        snprintf(path, sizeof path, "%s/Slide%d.PNG", dir, order[k]);
        write_picture(path, 1280, 720, colours[order[k] - 1]);
    }
    bt_playlist *pl = load(dir);
    assert_int_equal(pl->n_slides, 12);
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    for (int i = 0; i < 12; i++) {
        char want_id[32];
        snprintf(want_id, sizeof want_id, "Slide%d.PNG", i + 1);
        assert_string_equal(pl->slides[i].id, want_id);
        SDL_Surface *s = bt_paint_screen(p, &pl->slides[i], NULL, 1920, 1080, 0);
        assert_non_null(s);
        assert_row(s, 0, colours[i], want_id);
        assert_row(s, 1079, colours[i], want_id);
        if (i == 0)
            assert_int_equal(IMG_SavePNG(s, tmp_path("slide1.png")), 0);
        SDL_FreeSurface(s);
    }
    bt_painter_free(p);
    bt_playlist_free(pl);
}

/* A three-page PDF: three slides with the pages' colours, the page fitted
 * in the screen on the theme's background. */
static void pdf_pages_as_slides(void **state)
{
    (void)state;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "python3 tests/media/mkpdf.py '%s' 3 1280x720 ff0000,00ff00,0000ff",
             tmp_path("three.pdf"));
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(tmp_path("pdf.yaml"), "w");
    assert_non_null(f);
    fputs("version: 1\ntheme:\n  background: \"#202020\"\n  header: \"UBND\"\nslides:\n"
          "  - pdf: three.pdf\n  - title: \"Chữ\"\ntips:\n  items: [\"Một mẹo\"]\n",
          f);
    fclose(f);
    bt_playlist *pl = load(tmp_path("pdf.yaml"));
    assert_int_equal(pl->n_slides, 4);
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    const Uint32 want[3] = {0xff0000, 0x00ff00, 0x0000ff};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pl->slides[i].pdf_page, i + 1);
        SDL_Surface *s = bt_paint_screen(p, &pl->slides[i], &pl->tips[0], 1920, 1080, 0);
        assert_non_null(s);
        /* 16:9 pages on a 16:9 screen: the page is the whole screen. */
        assert_row(s, 0, want[i], "pdf page");
        assert_row(s, 1079, want[i], "pdf page");
        SDL_FreeSurface(s);
    }
    /* The text slide after them keeps its header and tips band. */
    SDL_Surface *s = bt_paint_screen(p, &pl->slides[3], &pl->tips[0], 1920, 1080, 0);
    assert_int_not_equal(px(s, 960, 5), 0x202020);
    SDL_FreeSurface(s);
    bt_painter_free(p);
    bt_playlist_free(pl);
}

/* layout: full with a 4:3 picture on a 16:9 screen: 1440x1080 in the
 * middle, the background beside it; all of the picture, never cropped
 * (its border rows and columns are all there). In portrait (1080x1920):
 * 1080x810, background above and below. */
static void full_layout_letterboxes(void **state)
{
    (void)state;
    /* 800x600 green, with a 4-pixel red frame: cropping would lose it. */
    SDL_Surface *pic = SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 32, SDL_PIXELFORMAT_RGB888);
    SDL_FillRect(pic, NULL, 0xff0000);
    SDL_FillRect(pic, &(SDL_Rect){4, 4, 792, 592}, 0x00ff00);
    assert_int_equal(IMG_SavePNG(pic, tmp_path("four3.png")), 0);
    SDL_FreeSurface(pic);
    FILE *f = fopen(tmp_path("full.yaml"), "w");
    assert_non_null(f);
    fputs("version: 1\ntheme:\n  background: \"#102030\"\nslides:\n"
          "  - image: four3.png\n    layout: full\n    title: \"Không hiện\"\n",
          f);
    fclose(f);
    bt_playlist *pl = load(tmp_path("full.yaml"));
    assert_true(bt_slide_full_screen(&pl->slides[0]));
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    SDL_Surface *s = bt_paint_screen(p, &pl->slides[0], NULL, 1920, 1080, 0);
    assert_non_null(s);
    assert_int_equal(IMG_SavePNG(s, tmp_path("full.png")), 0);
    assert_int_equal(px(s, 100, 540), 0x102030);  /* left band */
    assert_int_equal(px(s, 1820, 540), 0x102030); /* right band */
    assert_int_equal(px(s, 239, 540), 0x102030);
    assert_int_equal(px(s, 960, 540), 0x00ff00);
    /* The frame on all four sides: the picture is whole. */
    assert_int_equal(px(s, 241, 540), 0xff0000);
    assert_int_equal(px(s, 1678, 540), 0xff0000);
    assert_int_equal(px(s, 960, 1), 0xff0000);
    assert_int_equal(px(s, 960, 1078), 0xff0000);
    /* No caption: the title is not drawn over it. */
    for (int y = 20; y < 1060; y += 4)
        assert_int_equal(px(s, 600, y), 0x00ff00);
    SDL_FreeSurface(s);
    s = bt_paint_screen(p, &pl->slides[0], NULL, 1080, 1920, 0);
    assert_int_equal(px(s, 540, 300), 0x102030);
    assert_int_equal(px(s, 540, 960), 0x00ff00);
    assert_int_equal(px(s, 540, 556), 0xff0000); /* 1080x810 from y 555 */
    assert_int_equal(px(s, 540, 1363), 0xff0000);
    assert_int_equal(px(s, 540, 1600), 0x102030);
    SDL_FreeSurface(s);
    bt_painter_free(p);
    bt_playlist_free(pl);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("BANGTIN_DATADIR", "assets", 0);
    bt_pdf_set_helper("build/bangtin");
    return TTF_Init();
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, getenv("KEEP") ? "true '%s'" : "rm -rf '%s'", tmpdir);
    TTF_Quit();
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folder_of_powerpoint_slides),
        cmocka_unit_test(pdf_pages_as_slides),
        cmocka_unit_test(full_layout_letterboxes),
    };
    return cmocka_run_group_tests_name("fullscreen", tests, setup, teardown);
}
