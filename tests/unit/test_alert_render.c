/* The alert look and the "clock not set" mark, painted with the real fonts
 * and checked on pixels: an alert slide has an accent banner and frame and
 * keeps its text clear of them; a normal slide has neither; the header
 * shows the mark, never a date, while the clock is not known. */
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

#include "render/chrome.h"
#include "render/painter.h"
#include "render/slide_paint.h"
#include "model/playlist_load.h"
#include "model/schedule.h"

static char tmpdir[] = "/tmp/bangtin-alert-XXXXXX";
static bt_playlist *pl;

#define ACCENT 0xffca28
#define TEXT 0xffffff
#define W 960
#define H 540

static const char playlist[] = "version: 1\n"
                               "theme: {background: \"#0d47a1\", text: \"#ffffff\", accent: \"#ffca28\", clock: true}\n"
                               "slides:\n"
                               "  - id: normal\n"
                               "    title: \"Không chia sẻ mã OTP\"\n"
                               "    body: \"Ngân hàng không bao giờ hỏi mã OTP qua điện thoại.\"\n"
                               "  - id: alert\n"
                               "    priority: alert\n"
                               "    title: \"Cuộc gọi giả danh công an\"\n"
                               "    body: \"Hãy cúp máy và báo ngay cho phường. Công an không làm việc qua điện thoại, "
                               "không yêu cầu chuyển tiền, không gửi đường link.\"\n";

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

/* Pixels of colour c in the rectangle. */
static long count(SDL_Surface *s, int x0, int y0, int w, int h, Uint32 c)
{
    long n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            n += px(s, x, y) == c;
    return n;
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("BANGTIN_DATADIR", "assets", 0); /* the bundled fonts; tests run from the top */
    char path[512];
    snprintf(path, sizeof path, "%s/p.yaml", tmpdir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(playlist, f);
    fclose(f);
    bt_diags d;
    bt_diags_init(&d);
    pl = bt_playlist_load(path, NULL, &d);
    bt_diags_clear(&d);
    return pl && TTF_Init() == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bt_playlist_free(pl);
    TTF_Quit();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

static void alert_has_banner_and_frame(void **state)
{
    (void)state;
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(pl->slides[1].priority, BT_PRIORITY_ALERT);
    SDL_Surface *normal = bt_paint_slide(p, &pl->slides[0], W, H, H);
    SDL_Surface *alert = bt_paint_slide(p, &pl->slides[1], W, H, H);
    assert_non_null(normal);
    assert_non_null(alert);
    assert_int_equal(alert->w, W);
    assert_int_equal(alert->h, H);

    /* The banner: the top rows mostly accent, with the word in dark ink. */
    int strip = H / 40;
    assert_true(count(alert, 0, 0, W, strip, ACCENT) > (long)W * strip * 9 / 10);
    assert_true(count(normal, 0, 0, W, strip, ACCENT) == 0);
    int banner = H / 11;
    long banner_ink = (long)W * banner - count(alert, 0, 0, W, banner, ACCENT);
    assert_true(banner_ink > 200); /* the word CẢNH BÁO */

    /* The frame: both side columns and the bottom row are accent. */
    for (int y = 0; y < H; y += 7) {
        assert_int_equal(px(alert, 0, y), ACCENT);
        assert_int_equal(px(alert, W - 1, y), ACCENT);
        assert_int_not_equal(px(normal, 0, y), ACCENT);
    }
    for (int x = 0; x < W; x += 7)
        assert_int_equal(px(alert, x, H - 1), ACCENT);

    /* The text is inside: its ink (white body) never reaches the banner
     * or the frame, and it is there. */
    int frame = H / 80;
    assert_int_equal(count(alert, 0, 0, W, banner, TEXT), 0);
    assert_int_equal(count(alert, 0, 0, frame, H, TEXT), 0);
    assert_int_equal(count(alert, W - frame, 0, frame, H, TEXT), 0);
    assert_int_equal(count(alert, 0, H - frame, W, frame, TEXT), 0);
    assert_true(count(alert, 0, 0, W, H, TEXT) > 500);

    SDL_FreeSurface(normal);
    SDL_FreeSurface(alert);
    bt_painter_free(p);
}

/* The right half of the header: the time in text colour when the clock is
 * known; the accent mark and no date or time when it is not. */
static void header_marks_an_unset_clock(void **state)
{
    (void)state;
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    int hh = H / 10;
    time_t boot = 12 * 3600; /* 1970-01-01: a board without a clock */
    assert_false(bt_clock_known(boot));
    SDL_Surface *unset = bt_paint_header(p, W, hh, H, boot);
    SDL_Surface *set = bt_paint_header(p, W, hh, H, (time_t)1930000000); /* 2031 */
    assert_non_null(unset);
    assert_non_null(set);
    /* above the accent line at the bottom */
    assert_true(count(set, W / 2, 0, W / 2, hh * 3 / 4, TEXT) > 100);
    assert_true(count(set, W / 2, 0, W / 2, hh * 3 / 4, ACCENT) == 0);
    assert_int_equal(count(unset, W / 2, 0, W / 2, hh * 3 / 4, TEXT), 0);
    assert_true(count(unset, W / 2, 0, W / 2, hh * 3 / 4, ACCENT) > 100);
    SDL_FreeSurface(unset);
    SDL_FreeSurface(set);
    bt_painter_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alert_has_banner_and_frame),
        cmocka_unit_test(header_marks_an_unset_clock),
    };
    return cmocka_run_group_tests_name("alert_render", tests, setup, teardown);
}
