/* The touch screens' geometry: big enough targets, tiles that fit from 2 to
 * 12 topics in both orientations, hit tests, and touch following --rotate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/touch_layout.h"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 1280}, {1366, 768}};

static bool contains(bt_rect outer, bt_rect r)
{
    return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w &&
           r.y + r.h <= outer.y + outer.h;
}

static bool overlap(bt_rect a, bt_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* About 9 mm on a 21.5-inch 1080p screen is 80 px; it scales with the screen. */
static void assert_big_enough(bt_rect r, int unit)
{
    int min = (int)(unit * BT_MIN_TARGET);
    if (r.w < min || r.h < min)
        fail_msg("target %dx%d is smaller than %d px", r.w, r.h, min);
}

static void tiles_fit_2_to_12_topics(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int w = sizes[s][0], h = sizes[s][1], unit = w < h ? w : h;
        bt_rect screen = {0, 0, w, h};
        for (int n = 1; n <= 13; n++) {
            bt_topics_geom g;
            bt_topics_layout(w, h, n, &g);
            assert_int_equal(g.n_tiles, n);
            assert_big_enough(g.home, unit);
            assert_true(contains(screen, g.home));
            for (int i = 0; i < n; i++) {
                assert_true(contains(screen, g.tiles[i]));
                assert_big_enough(g.tiles[i], unit);
                /* a tile big enough for an icon and a title */
                assert_true(g.tiles[i].h >= unit / 8);
                assert_false(overlap(g.tiles[i], g.bar));
                for (int j = i + 1; j < n; j++)
                    assert_false(overlap(g.tiles[i], g.tiles[j]));
                int index = -1;
                bt_rect t = g.tiles[i];
                assert_int_equal(bt_topics_hit(&g, t.x + t.w / 2, t.y + t.h / 2, &index), BT_TARGET_TILE);
                assert_int_equal(index, i);
            }
            assert_int_equal(bt_topics_hit(&g, g.home.x + 1, g.home.y + 1, &(int){0}), BT_TARGET_HOME);
            assert_int_equal(bt_topics_hit(&g, 0, 0, &(int){0}), BT_TARGET_NONE);
        }
    }
}

static void page_buttons(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int w = sizes[s][0], h = sizes[s][1], unit = w < h ? w : h;
        bt_page_geom g;
        bt_page_layout(w, h, true, &g);
        bt_rect screen = {0, 0, w, h};
        bt_rect buttons[4] = {g.back, g.home, g.prev, g.next};
        const bt_target want[4] = {BT_TARGET_BACK, BT_TARGET_HOME, BT_TARGET_PREV, BT_TARGET_NEXT};
        for (int i = 0; i < 4; i++) {
            assert_true(contains(screen, buttons[i]));
            assert_big_enough(buttons[i], unit);
            assert_false(overlap(buttons[i], g.slide));
            assert_int_equal(bt_page_hit(&g, buttons[i].x + buttons[i].w / 2, buttons[i].y + buttons[i].h / 2),
                             want[i]);
        }
        assert_false(overlap(g.slide, g.tips));
        assert_true(g.slide.h > h / 2);
        assert_int_equal(bt_page_hit(&g, g.slide.x + g.slide.w / 2, g.slide.y + g.slide.h / 2),
                         BT_TARGET_SLIDE);
    }
}

/* Without topics there is no back button: home alone goes to the loop, and
 * where back would be is no target. */
static void page_without_topics_has_home_alone(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        bt_page_geom with, without;
        bt_page_layout(w, h, true, &with);
        bt_page_layout(w, h, false, &without);
        assert_int_equal(without.back.w, 0);
        assert_int_equal(bt_page_hit(&without, with.back.x + with.back.w / 2, with.back.y + with.back.h / 2),
                         BT_TARGET_NONE);
        assert_int_equal(bt_page_hit(&without, without.home.x + without.home.w / 2,
                                     without.home.y + without.home.h / 2),
                         BT_TARGET_HOME);
        assert_memory_equal(&with.slide, &without.slide, sizeof with.slide);
    }
}

/* A touch where the picture shows a thing lands on that thing, however the
 * screen is turned: map the canvas point to the window, then back. */
static void touch_follows_rotation(void **state)
{
    (void)state;
    /* A 1920x1080 window showing a portrait 1080x1920 canvas turned 90°
     * clockwise: the canvas' top-left corner is at the window's top-right. */
    int cx, cy;
    bt_window_to_canvas(90, 1920, 1080, 1080, 1920, 1919, 0, &cx, &cy);
    assert_int_equal(cx, 0);
    assert_int_equal(cy, 0);
    bt_window_to_canvas(90, 1920, 1080, 1080, 1920, 0, 1079, &cx, &cy);
    assert_int_equal(cx, 1079);
    assert_int_equal(cy, 1919);
    bt_window_to_canvas(270, 1920, 1080, 1080, 1920, 0, 1079, &cx, &cy);
    assert_int_equal(cx, 0);
    assert_int_equal(cy, 0);
    bt_window_to_canvas(180, 1920, 1080, 1920, 1080, 0, 0, &cx, &cy);
    assert_int_equal(cx, 1919);
    assert_int_equal(cy, 1079);
    bt_window_to_canvas(0, 1920, 1080, 1920, 1080, 100, 200, &cx, &cy);
    assert_int_equal(cx, 100);
    assert_int_equal(cy, 200);
    /* a canvas scaled down to fit a 2048-px texture cap */
    bt_window_to_canvas(0, 3840, 2160, 2048, 1152, 3840 / 2, 2160 / 2, &cx, &cy);
    assert_int_equal(cx, 1024);
    assert_int_equal(cy, 576);
    /* a button centre on the turned canvas is hit from where it is seen */
    bt_page_geom g;
    bt_page_layout(1080, 1920, true, &g);
    int bx = g.next.x + g.next.w / 2, by = g.next.y + g.next.h / 2;
    int wx = 1920 - 1 - by, wy = bx; /* where 90° clockwise puts it */
    bt_window_to_canvas(90, 1920, 1080, 1080, 1920, wx, wy, &cx, &cy);
    assert_int_equal(bt_page_hit(&g, cx, cy), BT_TARGET_NEXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tiles_fit_2_to_12_topics),
        cmocka_unit_test(page_buttons),
        cmocka_unit_test(page_without_topics_has_home_alone),
        cmocka_unit_test(touch_follows_rotation),
    };
    return cmocka_run_group_tests_name("touch_layout", tests, NULL, NULL);
}
