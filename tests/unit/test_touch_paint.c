/* A topic's page as a visitor sees it, painted with the real fonts and
 * checked on pixels: the pages go round and the buttons say so (the first
 * page's "previous" is "Trang cuối", the last page's "next" is "Trang đầu",
 * the pages between keep "Trước" and "Tiếp"); a playlist without topics has
 * one home button, not a "back" that goes to the same place. */
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
#include <SDL_ttf.h>

#include "model/playlist_load.h"
#include "model/touch.h"
#include "model/touch_layout.h"
#include "render/painter.h"
#include "render/touch_paint.h"

#define W 1280
#define H 720

static char tmpdir[] = "/tmp/bangtin-touchpaint-XXXXXX";

static bt_playlist *load(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
    bt_diags_clear(&d);
    assert_non_null(pl);
    return pl;
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("BANGTIN_DATADIR", "assets", 0);
    return TTF_Init();
}

static int teardown(void **state)
{
    (void)state;
    TTF_Quit();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

/* Whether the rectangle r holds the same pixels in a and b. */
static bool same_pixels(SDL_Surface *a, SDL_Surface *b, bt_rect r)
{
    for (int y = r.y; y < r.y + r.h; y++)
        if (memcmp((Uint8 *)a->pixels + y * a->pitch + r.x * 4,
                   (Uint8 *)b->pixels + y * b->pitch + r.x * 4, (size_t)r.w * 4) != 0)
            return false;
    return true;
}

/* Whether r is all one colour in s. */
static bool plain(SDL_Surface *s, bt_rect r)
{
    Uint32 c = ((Uint32 *)((Uint8 *)s->pixels + r.y * s->pitch))[r.x];
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            if (((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] != c)
                return false;
    return true;
}

static SDL_Surface *page(bt_painter *p, bt_touch *t, int k)
{
    t->view = BT_VIEW_TOPIC;
    t->group = 0;
    t->page = k;
    SDL_Surface *s = bt_paint_page(p, t, W, H);
    assert_non_null(s);
    return s;
}

static void the_pages_go_round_and_say_so(void **state)
{
    (void)state;
    bt_playlist *pl = load("topics.yaml", "version: 1\n"
                                          "topics:\n  - {id: otp, title: \"Mã OTP\"}\n"
                                          "slides:\n"
                                          "  - {title: \"Một\", topic: otp}\n"
                                          "  - {title: \"Hai\", topic: otp}\n"
                                          "  - {title: \"Ba\", topic: otp}\n"
                                          "  - {title: \"Bốn\", topic: otp}\n");
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    bt_touch t;
    assert_true(bt_touch_init(&t, pl));
    assert_true(t.grid);
    bt_page_geom g;
    bt_page_layout(W, H, true, &g);
    SDL_Surface *first = page(p, &t, 0), *second = page(p, &t, 1), *third = page(p, &t, 2),
                *last = page(p, &t, 3);
    /* Between the ends: the same "previous" and "next". */
    assert_true(same_pixels(second, third, g.prev));
    assert_true(same_pixels(second, third, g.next));
    /* The first page's previous and the last page's next say where they go. */
    assert_false(same_pixels(first, second, g.prev));
    assert_true(same_pixels(first, second, g.next));
    assert_false(same_pixels(last, second, g.next));
    assert_true(same_pixels(last, second, g.prev));
    /* Back to the tiles is there, drawn. */
    assert_false(plain(first, g.back));
    SDL_FreeSurface(first);
    SDL_FreeSurface(second);
    SDL_FreeSurface(third);
    SDL_FreeSurface(last);
    bt_touch_free(&t);
    bt_painter_free(p);
    bt_playlist_free(pl);
}

static void no_topics_one_home_button(void **state)
{
    (void)state;
    bt_playlist *pl = load("plain.yaml", "version: 1\nslides:\n"
                                         "  - {title: \"Một\"}\n  - {title: \"Hai\"}\n");
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    bt_touch t;
    assert_true(bt_touch_init(&t, pl));
    assert_false(t.grid);
    bt_page_geom with;
    bt_page_layout(W, H, true, &with);
    SDL_Surface *s = page(p, &t, 0);
    /* Where "back" would be, the bar alone; home is drawn. */
    assert_true(plain(s, with.back));
    assert_false(plain(s, with.home));
    SDL_FreeSurface(s);
    bt_touch_free(&t);
    bt_painter_free(p);
    bt_playlist_free(pl);
}

int main(void)
{
    if (SDL_Init(0) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_pages_go_round_and_say_so),
        cmocka_unit_test(no_topics_one_home_button),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    SDL_Quit();
    return rc;
}
