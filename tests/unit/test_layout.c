/* Screen and slide geometry: parts never overlap or leave the screen, and
 * pictures are fitted without being stretched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/layout.h"

static void fit_contain_and_cover(void **state)
{
    (void)state;
    static const struct {
        int sw, sh;
        bt_rect box;
        bool cover;
        bt_rect want;
    } cases[] = {
        {400, 200, {0, 0, 1000, 1000}, false, {0, 250, 1000, 500}},
        {400, 200, {0, 0, 1000, 1000}, true, {-500, 0, 2000, 1000}},
        {200, 400, {10, 20, 1000, 500}, false, {385, 20, 250, 500}},
        {1920, 1080, {0, 0, 1920, 1080}, false, {0, 0, 1920, 1080}},
        {1, 1000, {0, 0, 100, 100}, false, {49, 0, 1, 100}}, /* never zero-sized */
        {0, 10, {0, 0, 100, 100}, false, {0, 0, 0, 0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bt_rect r = bt_rect_fit(cases[i].sw, cases[i].sh, cases[i].box, cases[i].cover);
        assert_int_equal(r.x, cases[i].want.x);
        assert_int_equal(r.y, cases[i].want.y);
        assert_int_equal(r.w, cases[i].want.w);
        assert_int_equal(r.h, cases[i].want.h);
    }
    assert_true(bt_cover_ok(1600, 1000, (bt_rect){0, 0, 1920, 875}));
    assert_false(bt_cover_ok(300, 600, (bt_rect){0, 0, 1920, 875}));
}

static bool contains(bt_rect outer, bt_rect r)
{
    return r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w &&
           r.y + r.h <= outer.y + outer.h;
}

static bool overlap(bt_rect a, bt_rect b)
{
    return a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

static void screen_parts_tile_the_screen(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}, {1366, 768}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (int hint = 0; hint < 2; hint++) {
            bt_screen sc;
            bt_screen_layout(sizes[i][0], sizes[i][1], hint, &sc);
            bt_rect all = {0, 0, sizes[i][0], sizes[i][1]};
            bt_rect parts[4] = {sc.header, sc.slide, sc.tips, sc.hint};
            long area = 0;
            for (int a = 0; a < 4; a++) {
                assert_true(contains(all, parts[a]));
                area += (long)parts[a].w * parts[a].h;
                for (int b = a + 1; b < 4; b++)
                    assert_false(overlap(parts[a], parts[b]));
            }
            assert_int_equal(area, (long)all.w * all.h);
            assert_int_equal(sc.hint.w > 0, hint);
            assert_true(sc.slide.h > sizes[i][1] / 2);
        }
    }
}

static void slide_parts_stay_inside(void **state)
{
    (void)state;
    bt_slide s = {0};
    s.title = "t";
    s.body = "b";
    s.image = s.image_path = "x.png";
    s.image_w = 1600;
    s.image_h = 1000;
    s.qr = "q";
    static const int areas[][2] = {{1920, 875}, {1080, 1639}, {1280, 580}};
    for (int layout = BT_LAYOUT_AUTO; layout <= BT_LAYOUT_CAPTION; layout++) {
        s.layout = (bt_layout)layout;
        for (size_t i = 0; i < sizeof areas / sizeof areas[0]; i++) {
            bt_slide_geom g;
            int unit = areas[i][0] < 1080 ? areas[i][0] : 1080;
            bt_slide_geometry(&s, areas[i][0], areas[i][1], unit, &g);
            bt_rect all = {0, 0, areas[i][0], areas[i][1]};
            assert_int_not_equal(g.layout, BT_LAYOUT_AUTO);
            assert_true(contains(all, g.text));
            assert_true(contains(all, g.qr));
            assert_true(contains(all, g.image_box));
            assert_false(overlap(g.text, g.qr));
            assert_true(g.text.w > 0 && g.text.h > 0);
            if (g.layout == BT_LAYOUT_SPLIT)
                assert_false(overlap(g.text, g.image_box));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fit_contain_and_cover),
        cmocka_unit_test(screen_parts_tile_the_screen),
        cmocka_unit_test(slide_parts_stay_inside),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
