/* The messages a clerk reads on screen, in Vietnamese, painted with the
 * real fonts at the sizes of the offices' screens (1280x720, and a portrait
 * 1080x1920): every title and line fits its box whole (no ellipsis, the box
 * within the height the screen gives it), diacritics and all, with the
 * longest translations the catalog holds for a stick. The PNGs are written
 * to build/overlay-*.png to be looked at (the README shows them). */
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

#include "base/diag.h"
#include "base/i18n.h"
#include "library/import_message.h"
#include "model/labels.h"
#include "model/layout.h"
#include "model/playlist_load.h"
#include "render/overlay.h"
#include "render/painter.h"

static char tmpdir[] = "/tmp/bangtin-overlay-XXXXXX";
static bt_playlist *pl;

static const int sizes[][2] = {{1280, 720}, {1080, 1920}};

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
    fputs("version: 1\nslides:\n  - {title: \"Không chia sẻ mã OTP\"}\n", f);
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

/* A problem as a refused stick's overlay shows it: the place in words, the
 * slide by a long title, a long translated message (the office's words). */
static void problem(char *buf, size_t size, int line, const char *title, const char *message)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_diags_subject(&d, title, NULL);
    bt_diags_put(&d, BT_ERROR, "playlist.yaml", line, 12, message);
    bt_diag_format_people(&d.items[0], buf, size);
    bt_diags_clear(&d);
}

static Uint32 px(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xffffff;
}

/* Paints the message of r at each screen size; asserts it fits, is red or
 * not as it should, and has ink where its text is. */
static void paints_whole(const char *name, const bt_import_result *r)
{
    bt_import_message m;
    bt_import_message_make(&m, r, pl->labels);
    char err[256];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    assert_non_null(p);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        int w = sizes[i][0], h = sizes[i][1];
        bt_screen sc;
        bt_screen_layout(w, h, false, &sc);
        bool cut = true;
        SDL_Surface *s = bt_paint_overlay_fit(p, m.ok ? BT_OVERLAY_INFO : BT_OVERLAY_ERROR, m.title,
                                              m.lines, m.n_lines, bt_overlay_width(w, sc.unit),
                                              sc.unit, &cut);
        assert_non_null(s);
        char file[256];
        snprintf(file, sizeof file, "build/overlay-%s-%dx%d.png", name, w, h);
        IMG_SavePNG(s, file);
        if (cut)
            fail_msg("%s at %dx%d: a line was cut short (%s)", name, w, h, m.title);
        if (s->h > bt_overlay_max_height(h))
            fail_msg("%s at %dx%d: %d px tall, more than the %d px it may take", name, w, h, s->h,
                     bt_overlay_max_height(h));
        /* The stripe at its left: red for a refusal, the accent otherwise. */
        Uint32 stripe = px(s, 1, s->h / 2);
        assert_true(m.ok ? stripe != 0xe53935 : stripe == 0xe53935);
        /* Ink in the text: white or coloured letters on the dark box. */
        long ink = 0;
        Uint32 box = px(s, s->w - 2, 2);
        for (int y = 0; y < s->h; y += 2)
            for (int x = s->w / 10; x < s->w; x += 2)
                ink += px(s, x, y) != box;
        assert_true(ink > 500L * (m.n_lines + 1));
        SDL_FreeSurface(s);
    }
    bt_painter_free(p);
}

/* The labels' defaults are the catalog's Vietnamese, not English. */
static void labels_are_vietnamese(void **state)
{
    (void)state;
    assert_int_equal(bt_i18n_language(BT_FOR_PEOPLE), BT_LANG_VI);
    assert_string_equal(pl->labels[BT_LABEL_USB_REFUSED], "Chưa nạp USB: danh sách có lỗi cần sửa");
    assert_string_equal(pl->labels[BT_LABEL_HOME], "Trang chủ");
    /* Every Vietnamese label has a letter with a mark; their English has none. */
    for (int l = 0; l < BT_LABEL_COUNT; l++) {
        bool marked = false;
        for (const char *c = pl->labels[l]; *c; c++)
            marked = marked || (unsigned char)*c >= 0x80;
        if (!marked)
            fail_msg("label %s is not translated: %s", bt_label_key((bt_label)l), pl->labels[l]);
    }
}

static void refused_stick_fits(void **state)
{
    (void)state;
    bt_import_result r = {.status = BT_IMPORT_INVALID, .errors_written = true, .n_problems = 3,
                          .n_errors = 7};
    /* The longest messages a stick's playlist gets, as translated. */
    problem(r.problems[0], sizeof r.problems[0], 10, "Cảnh giác với cuộc gọi giả danh công an, viện kiểm sát",
            P_("is written with \\ as Windows writes paths: write / instead (such as images/otp.png)"));
    problem(r.problems[1], sizeof r.problems[1], 124, "Mã OTP là chìa khóa tài khoản của bạn",
            P_("is a presentation (PowerPoint): open it and save it as PDF (File > Save As > PDF), "
               "or save its slides as pictures"));
    problem(r.problems[2], sizeof r.problems[2], 2048, "Không bấm vào đường link lạ",
            P_("playlist.yaml is at the top of the stick: move it into the bangtin folder"));
    assert_non_null(strstr(r.problems[0], "dòng 10, cột 12"));
    assert_null(strstr(r.problems[0], "line"));
    paints_whole("refused", &r);
}

static void loaded_stick_fits(void **state)
{
    (void)state;
    bt_import_result r = {.status = BT_IMPORT_LOADED, .slides = 120, .tips = 24, .topics = 12,
                          .errors_written = true, .stick_synced = true, .n_warnings = 2};
    snprintf(r.warnings[0], sizeof r.warnings[0], "Bai-giang-an-toan-thong-tin.pptx %s",
             P_("is a presentation (PowerPoint): open it and save it as PDF (File > Save As > PDF), "
                "or save its slides as pictures"));
    snprintf(r.warnings[1], sizeof r.warnings[1], "playlist.yaml.txt %s",
             P_("is a playlist whose name ends in .txt (Windows hides the ending): rename it "
                "playlist.yaml"));
    paints_whole("loaded", &r);
}

static void every_other_message_fits(void **state)
{
    (void)state;
    const struct {
        const char *name;
        bt_import_result r;
    } cases[] = {
        {"already", {.status = BT_IMPORT_ALREADY, .slides = 3, .stick_synced = true}},
        {"unauthorised", {.status = BT_IMPORT_UNAUTHORISED}},
        {"aborted", {.status = BT_IMPORT_ABORTED}},
        {"failed", {.status = BT_IMPORT_FAILED}},
        {"read-only", {.status = BT_IMPORT_FAILED, .read_only = true}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        paints_whole(cases[i].name, &cases[i].r);
}

int main(void)
{
    if (SDL_Init(0) != 0)
        return 1;
    bt_i18n_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(labels_are_vietnamese),
        cmocka_unit_test(refused_stick_fits),
        cmocka_unit_test(loaded_stick_fits),
        cmocka_unit_test(every_other_message_fits),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    SDL_Quit();
    return rc;
}
