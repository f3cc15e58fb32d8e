/* test_playlist.c: the playlist loader, against fixture files.
 *
 * A good fixture is read field by field; then a table of bad playlists,
 * libyaml style (title, input, expected): each row names a fixture (or a
 * function that writes one at run time, for what git cannot hold or should
 * not: 60 MB files, 100,000 levels, symlinks) and the problem expected, with
 * its exact place, severity and words, and whether the playlist stays usable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bounds.h"
#include "model/layout.h"
#include "model/playlist_load.h"

#define FIX "tests/fixtures/load/"

/* ---- helpers ------------------------------------------------------------ */

static char tmpdir[] = "/tmp/bt_test_playlist.XXXXXX";

/* Writes len bytes to a file in the temporary folder; returns its path. */
static const char *write_tmp(const char *name, const char *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

/* Prints every problem found, so a failing row shows what was said instead. */
static void show(const bt_diags *d)
{
    char buf[1400];
    for (int i = 0; i < d->count; i++) {
        bt_diag_format(&d->items[i], buf, sizeof buf);
        print_message("    | %s\n", buf);
    }
}

/* ---- the good playlist -------------------------------------------------- */

static void assert_color(bt_color c, int r, int g, int b, int a)
{
    assert_int_equal(c.r, r);
    assert_int_equal(c.g, g);
    assert_int_equal(c.b, b);
    assert_int_equal(c.a, a);
}

static void test_good(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(FIX "good.yaml", NULL, &d);
    show(&d);
    assert_non_null(pl);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_string_equal(pl->name, "An toàn thông tin cho mọi người");
    assert_string_equal(pl->dir, "tests/fixtures/load");

    /* theme */
    assert_color(pl->theme.background, 0x10, 0x20, 0x30, 255);
    assert_color(pl->theme.text, 255, 255, 255, 255);
    assert_color(pl->theme.accent, 0xff, 0xca, 0x28, 0x80);
    assert_string_equal(pl->theme.font, "fonts/Test-Regular.ttf");
    assert_non_null(strstr(pl->theme.font_path, "/tests/fixtures/load/fonts/Test-Regular.ttf"));
    assert_string_equal(pl->theme.font_bold, "fonts/Test-Bold.otf");
    assert_string_equal(pl->theme.logo, "images/logo.png");
    assert_non_null(pl->theme.logo_path);
    assert_string_equal(pl->theme.header, "UBND PHƯỜNG BẾN NGHÉ");
    assert_false(pl->theme.clock);

    /* defaults */
    assert_int_equal(pl->duration_ms, 7500);
    assert_int_equal(pl->transition, BT_TRANSITION_SLIDE);
    assert_int_equal(pl->transition_ms, 400);

    /* topics */
    assert_int_equal(pl->n_topics, 2);
    assert_string_equal(pl->topics[0].id, "lua-dao");
    assert_string_equal(pl->topics[0].title, "Lừa đảo trực tuyến");
    assert_string_equal(pl->topics[0].icon, "icons/scam.png");
    assert_non_null(pl->topics[0].icon_path);
    assert_true(pl->topics[0].has_color);
    assert_color(pl->topics[0].color, 0xc6, 0x28, 0x28, 255);
    assert_int_equal(pl->topics[0].mark.line, 17);
    assert_false(pl->topics[1].has_color);
    assert_null(pl->topics[1].icon);

    /* slides */
    assert_int_equal(pl->n_slides, 4);
    const bt_slide *s = &pl->slides[0];
    assert_string_equal(s->id, "otp");
    assert_string_equal(s->topic, "lua-dao");
    assert_int_equal(s->topic_index, 0);
    assert_string_equal(s->title, "Không chia sẻ mã OTP");
    assert_string_equal(s->body, "Ngân hàng, công an hay nhà mạng không bao giờ\n"
                                 "yêu cầu bạn đọc mã OTP qua điện thoại.\n");
    assert_string_equal(s->image, "images/otp.png");
    assert_non_null(strstr(s->image_path, "/tests/fixtures/load/images/otp.png"));
    assert_int_equal(s->image_w, 64);
    assert_int_equal(s->image_h, 48);
    assert_string_equal(s->qr, "https://canhbao.khonggianmang.vn");
    assert_int_equal(s->layout, BT_LAYOUT_SPLIT);
    assert_int_equal(s->duration_ms, 12000);
    assert_int_equal(s->transition, BT_TRANSITION_NONE);
    assert_int_equal(s->transition_ms, 400);
    assert_int_equal(s->priority, BT_PRIORITY_ALERT);
    assert_true(s->has_schedule);
    assert_int_equal(s->schedule.from.y, 2026);
    assert_int_equal(s->schedule.from.m, 1);
    assert_int_equal(s->schedule.from.d, 1);
    assert_int_equal(s->schedule.until.y, 2026);
    assert_int_equal(s->schedule.until.m, 12);
    assert_int_equal(s->schedule.until.d, 31);
    assert_int_equal(s->schedule.days, 0x3f); /* mon..sat, not sun */
    assert_true(s->schedule.hours.set);
    assert_int_equal(s->schedule.hours.from_min, 22 * 60 + 30); /* crosses midnight */
    assert_int_equal(s->schedule.hours.until_min, 6 * 60 + 15);
    assert_int_equal(s->mark.line, 24);
    assert_int_equal(s->mark.col, 5);

    s = &pl->slides[1];
    assert_string_equal(s->id, "slide-2");
    assert_int_equal(s->topic_index, 1);
    assert_int_equal(s->duration_ms, 7500); /* from defaults */
    assert_int_equal(s->transition, BT_TRANSITION_SLIDE);
    assert_int_equal(s->priority, BT_PRIORITY_NORMAL);
    assert_false(s->has_schedule);
    assert_int_equal(bt_slide_layout(s), BT_LAYOUT_TEXT);

    s = &pl->slides[2];
    assert_string_equal(s->id, "slide-3");
    assert_int_equal(s->topic_index, -1);
    assert_int_equal(s->image_w, 40); /* JPEG */
    assert_int_equal(s->image_h, 30);
    assert_int_equal(bt_slide_layout(s), BT_LAYOUT_IMAGE);

    s = &pl->slides[3];
    assert_string_equal(s->id, "slide-4");
    assert_int_equal(s->image_w, 16); /* GIF */
    assert_int_equal(bt_slide_layout(s), BT_LAYOUT_SPLIT);

    /* tips, touch, display, labels */
    assert_int_equal(pl->tip_interval_ms, 5000);
    assert_int_equal(pl->n_tips, 2);
    assert_string_equal(pl->tips[0].text, "Không bấm vào đường link lạ gửi qua tin nhắn.");
    assert_int_equal(pl->tips[0].topic_index, 0);
    assert_string_equal(pl->tips[1].text, "Đặt mật khẩu dài.");
    assert_null(pl->tips[1].topic);
    assert_int_equal(pl->tips[1].topic_index, -1);
    assert_false(pl->touch_enabled);
    assert_int_equal(pl->idle_timeout_ms, 30000);
    assert_true(pl->off_hours.set);
    assert_int_equal(pl->off_hours.from_min, 21 * 60);
    assert_int_equal(pl->off_hours.until_min, 6 * 60);
    assert_string_equal(pl->labels[BT_LABEL_BACK], "Trở lại");
    assert_string_equal(pl->labels[BT_LABEL_HOME], "Về đầu");
    assert_string_equal(pl->labels[BT_LABEL_TOUCH_HINT], bt_label_default(BT_LABEL_TOUCH_HINT));

    assert_int_equal(bt_playlist_find_topic(pl, "mat-khau"), 1);
    assert_int_equal(bt_playlist_find_topic(pl, "nope"), -1);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* A playlist that says almost nothing gets every default. */
static void test_defaults(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(FIX "minimal.yaml", NULL, &d);
    assert_non_null(pl);
    assert_int_equal(d.count, 0);
    assert_string_equal(pl->name, "minimal.yaml");
    assert_color(pl->theme.background, 0x0d, 0x47, 0xa1, 255);
    assert_color(pl->theme.text, 0xff, 0xff, 0xff, 255);
    assert_color(pl->theme.accent, 0xff, 0xca, 0x28, 255);
    assert_true(pl->theme.clock);
    assert_null(pl->theme.header);
    assert_null(pl->theme.font);
    assert_null(pl->theme.logo_path);
    assert_int_equal(pl->duration_ms, 10000);
    assert_int_equal(pl->transition, BT_TRANSITION_FADE);
    assert_int_equal(pl->transition_ms, 600);
    assert_int_equal(pl->tip_interval_ms, 8000);
    assert_true(pl->touch_enabled);
    assert_int_equal(pl->idle_timeout_ms, 45000);
    assert_false(pl->off_hours.set);
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        assert_string_equal(pl->labels[i], bt_label_default((bt_label)i));
    assert_int_equal(pl->n_slides, 1);
    assert_string_equal(pl->slides[0].id, "slide-1");
    assert_int_equal(pl->slides[0].duration_ms, 10000);
    assert_int_equal(pl->slides[0].schedule.days, BT_DAYS_ALL);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* Decomposed Vietnamese (as macOS writes it) is stored as the same bytes as
 * precomposed. */
static void test_nfd_title(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *nfc = bt_playlist_load(FIX "nfc.yaml", NULL, &d);
    bt_playlist *nfd = bt_playlist_load(FIX "nfd.yaml", NULL, &d);
    assert_non_null(nfc);
    assert_non_null(nfd);
    assert_int_equal(d.count, 0);
    assert_string_equal(nfc->slides[0].title, "Tiếng Việt: Cảnh báo lừa đảo");
    assert_string_equal(nfd->slides[0].title, nfc->slides[0].title);
    bt_playlist_free(nfc);
    bt_playlist_free(nfd);
    bt_diags_clear(&d);
}

/* verify_image is called for every picture whose header passed, and its
 * failure is an error at the image's place. */
static int verify_calls;
static bool verify(void *ctx, const char *path, char *err, size_t errsize)
{
    verify_calls++;
    assert_string_equal(ctx, "ctx");
    if (strstr(path, ".jpg")) {
        snprintf(err, errsize, "the picture data is damaged");
        return false;
    }
    return true;
}

/* 5,000 slides naming one picture, some through a second name (a hard
 * link): the deep check decodes it once (it took 651 s when it decoded it
 * for every slide). */
static void test_verify_each_file_once(void **state)
{
    (void)state;
    char pic[600], other[600];
    snprintf(pic, sizeof pic, "%s/one.png", tmpdir);
    snprintf(other, sizeof other, "%s/same.png", tmpdir);
    copy_file(FIX "images/otp.png", pic);
    unlink(other);
    assert_int_equal(link(pic, other), 0);
    size_t cap = 5000 * 48 + 64, n = 0;
    char *yaml = malloc(cap);
    assert_non_null(yaml);
    n += (size_t)snprintf(yaml + n, cap - n, "version: 1\nslides:\n");
    for (int i = 0; i < 5000; i++)
        n += (size_t)snprintf(yaml + n, cap - n, "  - {title: s%d, image: %s}\n", i,
                              i % 2 ? "one.png" : "same.png");
    const char *path = write_tmp("five_thousand.yaml", yaml, n);
    free(yaml);
    bt_diags d;
    bt_diags_init(&d);
    bt_load_options opts = {.verify_image = verify, .ctx = "ctx"};
    verify_calls = 0;
    bt_playlist *pl = bt_playlist_load(path, &opts, &d);
    assert_non_null(pl);
    assert_int_equal(pl->n_slides, 5000);
    assert_int_equal(verify_calls, 1);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

static void test_verify_image(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_load_options opts = {.verify_image = verify, .ctx = "ctx"};
    bt_playlist *pl = bt_playlist_load(FIX "good.yaml", &opts, &d);
    show(&d);
    assert_non_null(pl);
    assert_int_equal(verify_calls, 5); /* logo, icon, three slide images */
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, 43);
    assert_int_equal(d.items[0].col, 12);
    assert_string_equal(d.items[0].message, "slide \"slide-3\": image \"images/photo.jpg\" cannot "
                                            "be shown: the picture data is damaged");
    assert_int_equal(pl->n_slides, 3);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* ---- folders and PDFs ----------------------------------------------------- */

/* A stand-in for render/pdf.c's page count: the fixtures' "PDFs" say
 * "pages=N" or "locked" (the real reader is tested in test_pdf.c). */
static int fake_pdf_pages(void *ctx, const char *path, char *err, size_t errsize)
{
    (void)ctx;
    char buf[200] = "";
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "the file cannot be read");
        return -1;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (strstr(buf, "locked")) {
        snprintf(err, errsize, "this PDF is protected by a password: open it and save it again "
                               "without one");
        return -1;
    }
    const char *p = strstr(buf, "pages=");
    return p ? atoi(p + 6) : 0;
}

static const bt_load_options fake_opts = {.pdf_pages = fake_pdf_pages};

/* A folder and PDFs, read into one slide per picture and page: in natural
 * name order, the entry's keys on each, ids made from the paths, layout
 * full unless the entry says otherwise; each file that is not shown gets
 * its warning. */
static void test_sources(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(FIX "sources.yaml", &fake_opts, &d);
    show(&d);
    assert_non_null(pl);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 3);
    static const struct {
        const char *id, *image, *pdf;
        int page, duration_ms;
        bt_layout layout;
        const char *video;
    } want[] = {
        /* A video in a folder plays whole: the folder's duration is its
         * pictures' time. */
        {"campaign/clip.mp4", NULL, NULL, 0, 8000, BT_LAYOUT_FULL, "campaign/clip.mp4"},
        {"campaign/handout.pdf#1", NULL, "campaign/handout.pdf", 1, 8000, BT_LAYOUT_FULL, NULL},
        {"campaign/handout.pdf#2", NULL, "campaign/handout.pdf", 2, 8000, BT_LAYOUT_FULL, NULL},
        {"campaign/Slide1.PNG", "campaign/Slide1.PNG", NULL, 0, 8000, BT_LAYOUT_FULL, NULL},
        {"campaign/Slide2.PNG", "campaign/Slide2.PNG", NULL, 0, 8000, BT_LAYOUT_FULL, NULL},
        {"campaign/Slide10.PNG", "campaign/Slide10.PNG", NULL, 0, 8000, BT_LAYOUT_FULL, NULL},
        {"campaign/sub/a.jpg", "campaign/sub/a.jpg", NULL, 0, 8000, BT_LAYOUT_FULL, NULL},
        {"docs/five.pdf#2", NULL, "docs/five.pdf", 2, 6000, BT_LAYOUT_FULL, NULL},
        {"docs/five.pdf#3", NULL, "docs/five.pdf", 3, 6000, BT_LAYOUT_FULL, NULL},
        {"docs/five.pdf#5", NULL, "docs/five.pdf", 5, 6000, BT_LAYOUT_FULL, NULL},
        {"handbook#1", NULL, "docs/five.pdf", 1, 6000, BT_LAYOUT_IMAGE, NULL},
        {"handbook#2", NULL, "docs/five.pdf", 2, 6000, BT_LAYOUT_IMAGE, NULL},
        {"handbook#3", NULL, "docs/five.pdf", 3, 6000, BT_LAYOUT_IMAGE, NULL},
        {"handbook#4", NULL, "docs/five.pdf", 4, 6000, BT_LAYOUT_IMAGE, NULL},
        {"handbook#5", NULL, "docs/five.pdf", 5, 6000, BT_LAYOUT_IMAGE, NULL},
        {"slide-4", "images/otp.png", NULL, 0, 6000, BT_LAYOUT_FULL, NULL},
    };
    int n = (int)(sizeof want / sizeof *want);
    assert_int_equal(pl->n_slides, n);
    for (int i = 0; i < n; i++) {
        const bt_slide *sl = &pl->slides[i];
        if (strcmp(sl->id, want[i].id) != 0)
            fail_msg("slide %d: id \"%s\", want \"%s\"", i, sl->id, want[i].id);
        if (want[i].image) {
            assert_string_equal(sl->image, want[i].image);
            assert_non_null(sl->image_path);
            assert_true(sl->image_w > 0);
        } else {
            assert_null(sl->image);
        }
        if (want[i].pdf) {
            assert_string_equal(sl->pdf, want[i].pdf);
            assert_non_null(strstr(sl->pdf_path, want[i].pdf));
        } else {
            assert_null(sl->pdf);
        }
        assert_int_equal(sl->pdf_page, want[i].page);
        if (want[i].video) {
            assert_string_equal(sl->video, want[i].video);
            assert_true(bt_slide_is_clip(sl));
            assert_int_equal(sl->cut_ms, 0);
        } else {
            assert_false(bt_slide_is_clip(sl));
        }
        assert_int_equal(sl->duration_ms, want[i].duration_ms);
        assert_int_equal(sl->layout, want[i].layout);
        assert_int_equal(bt_slide_full_screen(sl), want[i].layout == BT_LAYOUT_FULL);
        /* Placed at the entry they come from. */
        assert_true(sl->mark.line > 0);
    }
    assert_string_equal(pl->slides[10].title, "Cẩm nang");
    assert_int_equal(pl->slides[0].mark.line, 5);
    /* The warnings, at the folder's place, in name order. */
    static const char *const warned[] = {
        "sources.yaml:5:13: warning: slide \"slide-1\": \"campaign/Deck.pptx\" is a presentation "
        "(PowerPoint): open it and save it as PDF (File > Save As > PDF)",
        "sources.yaml:5:13: warning: slide \"slide-1\": \"campaign/notes.txt\" is not a picture, a "
        "PDF or a video; it is left out",
        "sources.yaml:5:13: warning: slide \"slide-1\": \"campaign/playlist.yaml.txt\" is a "
        "playlist whose name ends in .txt (Windows hides the ending): rename it playlist.yaml",
    };
    for (int i = 0; i < 3; i++) {
        char buf[1400];
        bt_diag_format(&d.items[i], buf, sizeof buf);
        if (!strstr(buf, warned[i]))
            fail_msg("warning %d: \"%s\", want \"%s\"", i, buf, warned[i]);
    }
    bt_playlist_free(pl);
    bt_diags_clear(&d);

    /* Without a PDF reader, a PDF entry is an error, not a crash. */
    bt_diags_init(&d);
    pl = bt_playlist_load(FIX "sources.yaml", NULL, &d);
    assert_non_null(pl);
    assert_true(d.errors >= 3);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* The deep check of a video, as --check lends it: one file refused with
 * the probe's words. */
static bool fake_video_probe(void *ctx, const char *path, char *err, size_t errsize)
{
    if (strstr(path, "refused")) {
        snprintf(err, errsize, "H.265 (HEVC): this board cannot decode it smoothly; export as "
                               "H.264 MP4");
        return false;
    }
    return true;
}

/* Video slides: full screen unless the entry says otherwise, cut only by
 * their own duration:, sound as written (-1 unwritten), the poster's
 * second; each refusal at its place in words that say what to do. */
static void test_videos(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    const bt_load_options opts = {.video_probe = fake_video_probe};
    bt_playlist *pl = bt_playlist_load(FIX "videos.yaml", &opts, &d);
    show(&d);
    assert_non_null(pl);
    assert_int_equal(pl->n_slides, 3);
    const bt_slide *a = &pl->slides[0], *b = &pl->slides[1], *q = &pl->slides[2];
    assert_string_equal(a->video, "campaign/clip.mp4");
    assert_true(bt_slide_is_clip(a));
    assert_int_equal(bt_slide_layout(a), BT_LAYOUT_FULL);
    assert_true(bt_slide_full_screen(a));
    assert_int_equal(a->cut_ms, 0);
    assert_int_equal(a->sound, -1);
    assert_false(bt_slide_sound(a, false)); /* silent in the loop */
    assert_true(bt_slide_sound(a, true));   /* heard in touch mode */
    assert_int_equal(a->poster_ms, 0);
    assert_string_equal(b->id, "cut");
    assert_int_equal(b->cut_ms, 5000);
    assert_int_equal(b->sound, 1);
    assert_true(bt_slide_sound(b, false));
    assert_int_equal(b->poster_ms, 2500);
    assert_int_equal(bt_slide_layout(b), BT_LAYOUT_CAPTION);
    assert_false(bt_slide_full_screen(b));
    assert_string_equal(q->id, "quiet");
    assert_false(bt_slide_sound(q, true));
    static const char *const said[] = {
        "videos.yaml:11:12: error: slide \"slide-3\": video \"campaign/Slide1.PNG\" cannot be "
        "played: this is not a video (a PNG picture named .png?): use image: for it",
        "videos.yaml:12:12: error: slide \"slide-4\": video \"missing.mp4\" was not found",
        "videos.yaml:14:13: error: slide \"slide-5\": layout \"text\" shows no picture, so the "
        "video would not be seen",
        "videos.yaml:15:5: error: slide \"slide-6\": a slide shows one image, one pdf, one video "
        "or one folder, not a video and an image: make one slide of each",
        "videos.yaml:18:12: warning: slide \"slide-7\": sound is for video slides",
        "videos.yaml:20:13: error: slide \"slide-8\": poster must be the second of the video",
        "videos.yaml:25:12: error: slide \"refused\": video \"clips/refused.mp4\" cannot be "
        "played: H.265 (HEVC): this board cannot decode it smoothly; export as H.264 MP4",
    };
    int n = (int)(sizeof said / sizeof *said);
    assert_int_equal(d.count, n);
    for (int i = 0; i < n; i++) {
        char buf[1400];
        bt_diag_format(&d.items[i], buf, sizeof buf);
        if (!strstr(buf, said[i]))
            fail_msg("problem %d: \"%s\", want \"%s\"", i, buf, said[i]);
    }
    bt_playlist_free(pl);
    bt_diags_clear(&d);

    /* The player's read (headers only) lets the clip the deep check
     * refuses through: it is skipped if it cannot play. */
    bt_diags_init(&d);
    pl = bt_playlist_load(FIX "videos.yaml", NULL, &d);
    assert_non_null(pl);
    assert_int_equal(pl->n_slides, 4);
    assert_string_equal(pl->slides[3].id, "refused");
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* A folder with no playlist file is a playlist of its pictures, full
 * screen, with every default; one that holds a playlist.yaml loads that. */
static void test_folder_as_playlist(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load_folder(FIX "campaign", &fake_opts, &d);
    show(&d);
    assert_non_null(pl);
    assert_string_equal(pl->name, "campaign");
    assert_int_equal(pl->n_slides, 7);
    assert_string_equal(pl->slides[0].id, "clip.mp4");
    assert_string_equal(pl->slides[0].video, "clip.mp4");
    assert_string_equal(pl->slides[1].id, "handout.pdf#1");
    assert_string_equal(pl->slides[3].id, "Slide1.PNG");
    assert_string_equal(pl->slides[3].image, "Slide1.PNG");
    assert_string_equal(pl->slides[5].id, "Slide10.PNG");
    assert_string_equal(pl->slides[6].image, "sub/a.jpg");
    for (int i = 0; i < pl->n_slides; i++) {
        assert_int_equal(pl->slides[i].layout, BT_LAYOUT_FULL);
        assert_int_equal(pl->slides[i].duration_ms, 10000);
    }
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 3);
    char buf[1400];
    bt_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf, FIX "campaign: warning: \"Deck.pptx\" is a presentation (PowerPoint): "
                             "open it and save it as PDF (File > Save As > PDF), or save its "
                             "slides as pictures; it is left out");
    bt_playlist_free(pl);
    bt_diags_clear(&d);

    /* "campaign/" the same; the folder of good.yaml loads good.yaml. */
    bt_diags_init(&d);
    pl = bt_playlist_load_path(FIX "campaign/", &fake_opts, &d);
    assert_non_null(pl);
    assert_string_equal(pl->name, "campaign");
    bt_playlist_free(pl);
    bt_diags_clear(&d);
    bt_diags_init(&d);
    pl = bt_playlist_load_folder(FIX "empty_folder", &fake_opts, &d);
    assert_null(pl);
    bt_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf, FIX "empty_folder: error: this folder holds no picture, PDF or video "
                             "to show");
    bt_diags_clear(&d);
}

/* ---- files written at run time ------------------------------------------ */

static const char *make_too_large(void)
{
    /* sparse: instant to make, and the loader must refuse it from its size */
    const char *path = write_tmp("large.yaml", "version: 1\n", 11);
    assert_int_equal(truncate(path, 60L * 1024 * 1024), 0);
    return path;
}

static const char *make_deep(void)
{
    size_t n = 100000, head = strlen("version: 1\nslides: ");
    char *buf = malloc(head + n + 2);
    assert_non_null(buf);
    memcpy(buf, "version: 1\nslides: ", head);
    memset(buf + head, '[', n);
    buf[head + n] = '\n';
    const char *path = write_tmp("deep.yaml", buf, head + n + 1);
    free(buf);
    return path;
}

/* One 3.9 MB anchored text used as 350 unknown keys: each use once cost a
 * full clean to quote it (43 s for the whole file). */
static const char *make_repeated_text(void)
{
    const char *head = "version: 1\nname: &a \"";
    const char *mid = "\"\nslides:\n  - title: t\nlabels:\n";
    const char *use = "  ? *a\n  : v\n";
    size_t n = 3900 * 1024, hl = strlen(head), ml = strlen(mid), ul = strlen(use);
    char *buf = malloc(hl + n + ml + 350 * ul);
    assert_non_null(buf);
    memcpy(buf, head, hl);
    memset(buf + hl, 'x', n);
    memcpy(buf + hl + n, mid, ml);
    for (int i = 0; i < 350; i++)
        memcpy(buf + hl + n + ml + (size_t)i * ul, use, ul);
    const char *path = write_tmp("repeated.yaml", buf, hl + n + ml + 350 * ul);
    free(buf);
    return path;
}

static const char *make_long_title(void)
{
    /* 200,000 'ạ' written decomposed (a + U+0323): counted after NFC */
    const char *head = "version: 1\nslides:\n  - id: long\n    title: \"";
    const char *tail = "\"\n  - title: ok\n";
    size_t n = 200000, hl = strlen(head), tl = strlen(tail);
    char *buf = malloc(hl + n * 3 + tl);
    assert_non_null(buf);
    memcpy(buf, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(buf + hl + i * 3, "a\xcc\xa3", 3);
    memcpy(buf + hl + n * 3, tail, tl);
    const char *path = write_tmp("long.yaml", buf, hl + n * 3 + tl);
    free(buf);
    return path;
}

static const char *make_too_many(void)
{
    size_t cap = 64 * (BT_MAX_SLIDES + 2), len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    len += (size_t)snprintf(buf, cap, "version: 1\nslides:\n");
    for (int i = 0; i < BT_MAX_SLIDES + 1; i++)
        len += (size_t)snprintf(buf + len, cap - len, "  - title: s%d\n", i);
    const char *path = write_tmp("many.yaml", buf, len);
    free(buf);
    return path;
}

static const char *make_symlink_out(void)
{
    char dir[512], link[600], target[600];
    snprintf(dir, sizeof dir, "%s/pl", tmpdir);
    mkdir(dir, 0700);
    snprintf(target, sizeof target, "%s/outside.png", tmpdir);
    copy_file(FIX "images/otp.png", target);
    snprintf(link, sizeof link, "%s/link.png", dir);
    unlink(link);
    assert_int_equal(symlink("../outside.png", link), 0);
    static const char text[] = "version: 1\nslides:\n  - title: ok\n  - id: link\n"
                               "    image: link.png\n";
    return write_tmp("pl/playlist.yaml", text, sizeof text - 1);
}

/* Bytes from a fixed generator: the same "random" file every run. */
static const char *make_random(bool with_nul)
{
    char buf[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (char)(x >> 16);
        if (!with_nul && buf[i] == 0)
            buf[i] = 'x';
    }
    return write_tmp(with_nul ? "random.yaml" : "random2.yaml", buf, sizeof buf);
}

static const char *make_random_nul(void)
{
    return make_random(true);
}

static const char *make_random_text(void)
{
    return make_random(false);
}

/* ---- the table of bad playlists ----------------------------------------- */

#define ANY (-1)

typedef struct {
    const char *title;
    const char *file;            /* a fixture in FIX, or NULL with make */
    const char *(*make)(void);   /* writes the input at run time */
    bool usable;                 /* bt_playlist_load returns non-NULL */
    bt_severity sev;
    int line, col;               /* ANY: anywhere */
    const char *text;            /* a part of the formatted message */
} bad_case;

static const bad_case bad_cases[] = {
    {"syntax error", "syntax.yaml", NULL, false, BT_ERROR, 3, 18,
     "error: a ':' is in a place where it is not expected"},
    {"tab indentation", "tab.yaml", NULL, false, BT_ERROR, 6, 1,
     "a tab is used for indentation here; indent with spaces only"},
    {"mapping where text", "type_map.yaml", NULL, true, BT_ERROR, 7, 7,
     "slide \"map\": title must be a text, not a group of 'key: value' lines"},
    {"text where number", "type_string.yaml", NULL, true, BT_ERROR, 7, 15,
     "slide \"str\": duration must be a number of seconds greater than 0, not \"mười\""},
    {"negative duration", "duration_negative.yaml", NULL, true, BT_ERROR, 7, 15,
     "duration_negative.yaml:7:15: error: slide \"otp\": duration must be a number of seconds "
     "greater than 0, not \"-3\""},
    {"zero duration", "duration_zero.yaml", NULL, true, BT_ERROR, 7, 15,
     "slide \"zero\": duration must be a number of seconds greater than 0, not \"0\""},
    {"unknown topic", "unknown_topic.yaml", NULL, true, BT_ERROR, 10, 12,
     "slide \"t\": topic \"lua-dau\" is not one of the playlist's topics (did you mean "
     "\"lua-dao\"?)"},
    {"duplicate slide id", "dup_slide.yaml", NULL, true, BT_ERROR, 5, 9,
     "slide \"ok\": the id \"ok\" is already used by the slide at line 3"},
    {"duplicate topic id", "dup_topic.yaml", NULL, true, BT_ERROR, 5, 9,
     "topic \"lua-dao\": the id \"lua-dao\" is already used by the topic at line 3"},
    {"bad colour", "bad_color.yaml", NULL, true, BT_ERROR, 3, 15,
     "theme: background must be a colour written like \"#0d47a1\", not \"blue\""},
    {"colour without quotes", "bad_color.yaml", NULL, true, BT_ERROR, 4, 8,
     "theme: text is empty: write colours in quotes"},
    {"colour of 5 digits", "bad_color.yaml", NULL, true, BT_ERROR, 5, 11, "not \"#12345\""},
    {"unknown transition", "unknown_transition.yaml", NULL, true, BT_ERROR, 9, 17,
     "slide \"tr\": transition must be none, fade or slide, not \"fdae\" (did you mean "
     "\"fade\"?)"},
    {"unknown default transition", "unknown_transition.yaml", NULL, true, BT_ERROR, 3, 15,
     "defaults: transition must be none, fade or slide, not \"zoom\""},
    {"unknown layout", "unknown_layout.yaml", NULL, true, BT_ERROR, 7, 13,
     "slide \"lay\": layout must be auto, image, text, split, caption or full, not \"grid\""},
    {"image layout without image", "unknown_layout.yaml", NULL, true, BT_ERROR, 10, 13,
     "slide \"noimg\": layout \"image\" needs an image"},
    {"impossible date 30 Feb", "bad_date.yaml", NULL, true, BT_ERROR, 8, 13,
     "slide \"feb\": schedule: from must be a real date written like 2026-01-31, not "
     "\"2026-02-30\""},
    {"impossible date month 13", "bad_date.yaml", NULL, true, BT_ERROR, 12, 14,
     "slide \"m13\": schedule: until must be a real date"},
    {"impossible hour 25", "bad_hours.yaml", NULL, true, BT_ERROR, 8, 14,
     "slide \"h25\": schedule: hours must be two times written like \"07:30-17:00\", not "
     "\"25:00-26:00\""},
    {"impossible minute 60", "bad_hours.yaml", NULL, true, BT_ERROR, 12, 14,
     "slide \"m60\": schedule: hours must be two times"},
    {"off_hours not a span", "bad_hours.yaml", NULL, true, BT_ERROR, 14, 14,
     "display: off_hours must be two times"},
    {"until before from", "until_before_from.yaml", NULL, true, BT_ERROR, 9, 14,
     "slide \"rev\": schedule: until (2026-01-01) is before from (2026-12-31)"},
    {"unknown day", "unknown_day.yaml", NULL, true, BT_ERROR, 8, 24,
     "slide \"day\": schedule: days must be mon, tue, wed, thu, fri, sat or sun, not \"thur\" "
     "(did you mean \"thu\"?)"},
    {"missing image", "missing_image.yaml", NULL, true, BT_ERROR, 7, 12,
     "slide \"img\": image \"images/khong-co.png\" was not found in the playlist's folder"},
    {"image that is text", "undecodable_image.yaml", NULL, true, BT_ERROR, 7, 12,
     "slide \"img\": image \"images/notes.png\" cannot be shown: this file is not a picture"},
    {"path with ..", "dotdot.yaml", NULL, true, BT_ERROR, 6, 12,
     "slide \"up\": image \"../load/images/otp.png\" must stay inside the playlist's folder"},
    {"absolute path", "absolute.yaml", NULL, true, BT_ERROR, 6, 12,
     "slide \"abs\": image \"/etc/passwd\" must be a path inside the playlist's folder, not an "
     "absolute path"},
    {"symlink out of the folder", NULL, make_symlink_out, true, BT_ERROR, 5, 12,
     "slide \"link\": image \"link.png\" leads outside the playlist's folder"},
    {"wrong version", "wrong_version.yaml", NULL, false, BT_ERROR, 1, 10,
     "version must be 1, not \"2\""},
    {"missing version", "missing_version.yaml", NULL, false, BT_ERROR, 1, 1,
     "the playlist has no version; add the line 'version: 1' at the top"},
    {"unknown slide key", "unknown_key.yaml", NULL, true, BT_WARNING, 10, 5,
     "warning: slide \"typo\": unknown key 'titel' (did you mean 'title'?); it is ignored"},
    {"unknown top key", "unknown_key.yaml", NULL, true, BT_WARNING, 4, 1,
     "unknown key 'slide' (did you mean 'slides'?)"},
    {"unknown theme key", "unknown_key.yaml", NULL, true, BT_WARNING, 3, 3,
     "theme: unknown key 'bakground' (did you mean 'background'?)"},
    {"unknown key, no suggestion", "unknown_key.yaml", NULL, true, BT_WARNING, 12, 5,
     "unknown key 'wibble'; it is ignored (keys here are: id, topic, title,"},
    {"unknown label", "unknown_key.yaml", NULL, true, BT_WARNING, 14, 3,
     "labels: unknown label 'bak' (did you mean 'back'?)"},
    {"slide with nothing to show", "empty_slide.yaml", NULL, true, BT_ERROR, 5, 5,
     "slide \"nothing\": a slide needs a title, a body or an image"},
    {"invalid UTF-8", "invalid_utf8.yaml", NULL, true, BT_WARNING, 4, 19,
     "text here is not valid UTF-8; it was replaced by"},
    {"NUL byte", "nul.yaml", NULL, false, BT_ERROR, 4, 14, "the file contains a zero byte"},
    {"empty file", "empty.yaml", NULL, false, BT_ERROR, 0, 0, "error: the file is empty"},
    {"file over the size limit", NULL, make_too_large, false, BT_ERROR, 0, 0,
     "the file is too large (60.0 MB, a playlist may be at most 4 MB)"},
    {"100,000 levels deep", NULL, make_deep, false, BT_ERROR, 2, 40,
     "the file is nested too deeply (more than 32 levels"},
    {"billion laughs", "laughs.yaml", NULL, false, BT_ERROR, 7, 11,
     "the file repeats '*e' so often that it would grow past 200000 entries"},
    {"a millisecond default", "too_short.yaml", NULL, true, BT_WARNING, 2, 22,
     "defaults: duration of \"0.001\" seconds is too short; 1 second is used"},
    {"a centisecond slide", "too_short.yaml", NULL, true, BT_WARNING, 6, 26,
     "slide \"slide-1\": duration of \"0.01\" seconds is too short; 1 second is used"},
    {"dark all day", "too_short.yaml", NULL, true, BT_WARNING, 4, 14,
     "display: off_hours cover the whole day, so the screen would never light up; they are ignored"},
    {"a long text repeated", NULL, make_repeated_text, false, BT_ERROR, 12, 5,
     "the file repeats '*a' so often that its text would grow past 16 MB"},
    {"200,000-character title", NULL, make_long_title, true, BT_ERROR, 4, 12,
     "slide \"long\": title is too long (200000 characters, at most 300)"},
    {"too many slides", NULL, make_too_many, true, BT_ERROR, 5003, 5,
     "too many slides (5001, at most 5000)"},
    {"random bytes", NULL, make_random_nul, false, BT_ERROR, ANY, ANY, "error:"},
    {"random bytes without NUL", NULL, make_random_text, false, BT_ERROR, ANY, ANY, "error:"},
    {"every slide bad", "all_bad.yaml", NULL, false, BT_ERROR, 0, 0,
     "none of the 2 slides can be shown, so the playlist cannot be used"},
    {"not a mapping", "not_mapping.yaml", NULL, false, BT_ERROR, 1, 1, "this is not a playlist"},
    {"only comments", "only_comments.yaml", NULL, false, BT_ERROR, 1, 1,
     "the file holds nothing but comments or blank lines"},
    {"no slides", "no_slides.yaml", NULL, false, BT_ERROR, 1, 1, "the playlist has no slides"},
    {"bad font", "bad_font.yaml", NULL, true, BT_ERROR, 3, 9,
     "theme: font \"fonts/broken.ttf\" cannot be used: it is not a TrueType or OpenType font"},
    {"missing font", "bad_font.yaml", NULL, true, BT_ERROR, 4, 14,
     "theme: font_bold \"fonts/none.ttf\" was not found"},
    {"tip interval zero", "bad_tip.yaml", NULL, true, BT_ERROR, 3, 13,
     "tips: interval must be a number of seconds greater than 0"},
    {"tip with unknown topic", "bad_tip.yaml", NULL, true, BT_ERROR, 6, 14,
     "tips: tip 2: topic \"nowhere\" is not one of the playlist's topics"},
    {"tip without text", "bad_tip.yaml", NULL, true, BT_ERROR, 8, 7, "tip 3: a tip needs a text"},
    {"touch not a bool", "bad_touch.yaml", NULL, true, BT_ERROR, 3, 12,
     "touch: enabled must be true or false, not \"maybe\""},
    {"negative idle timeout", "bad_touch.yaml", NULL, true, BT_ERROR, 4, 17,
     "touch: idle_timeout must be a number of seconds greater than 0, not \"-1\""},
    {"negative transition_ms", "bad_touch.yaml", NULL, true, BT_ERROR, 6, 18,
     "defaults: transition_ms must be a whole number of milliseconds from 0 to 5000"},
    {"list where number", "bad_touch.yaml", NULL, true, BT_ERROR, 7, 13,
     "defaults: duration must be a number of seconds greater than 0, not a list"},
    {"pdf and image in one slide", "sources_bad.yaml", NULL, true, BT_ERROR, 4, 5,
     "slide \"both\": a slide shows one image, one pdf or one folder, not a pdf and an image"},
    {"pages not a page list", "sources_bad.yaml", NULL, true, BT_ERROR, 8, 12,
     "slide \"slide-3\": pages must be page numbers like \"1-4,7\" or \"3-\" (page 3 to the end), "
     "not \"1..4\""},
    {"pages past the end", "sources_bad.yaml", NULL, true, BT_ERROR, 10, 12,
     "slide \"slide-4\": pages asks for pages up to 9, but \"docs/five.pdf\" has 5: the ones after "
     "page 5 are left out"},
    {"PDF with a password", "sources_bad.yaml", NULL, true, BT_ERROR, 11, 10,
     "slide \"slide-5\": pdf \"docs/locked.pdf\" cannot be shown: this PDF is protected by a "
     "password: open it and save it again without one"},
    {"PDF of 2,000 pages", "sources_bad.yaml", NULL, true, BT_ERROR, 12, 10,
     "slide \"slide-6\": pdf \"docs/long.pdf\" has 2000 pages, more than the 300 one PDF may show: "
     "the first 300 are shown; choose the pages to show (pages: \"1-20\") or split the PDF"},
    {"PDF missing", "sources_bad.yaml", NULL, true, BT_ERROR, 13, 10,
     "slide \"slide-7\": pdf \"docs/none.pdf\" was not found in the playlist's folder"},
    {"folder missing", "sources_bad.yaml", NULL, true, BT_ERROR, 14, 13,
     "slide \"slide-8\": folder \"nowhere/\" was not found in the playlist's folder"},
    {"folder that is a file", "sources_bad.yaml", NULL, true, BT_ERROR, 15, 13,
     "slide \"slide-9\": folder \"good.yaml\" is not a folder"},
    {"folder with nothing to show", "sources_bad.yaml", NULL, true, BT_ERROR, 16, 13,
     "slide \"slide-10\": folder \"empty_folder\" holds no picture, PDF or video to show"},
    {"folder outside", "sources_bad.yaml", NULL, true, BT_ERROR, 17, 13,
     "slide \"slide-11\": folder \"../load/campaign\" must stay inside the playlist's folder"},
    {"pages without a pdf", "sources_bad.yaml", NULL, true, BT_WARNING, 19, 12,
     "slide \"slide-12\": pages chooses the pages of a pdf: without one it is ignored"},
    {"layout full without a picture", "sources_bad.yaml", NULL, true, BT_ERROR, 23, 13,
     "slide \"slide-14\": layout \"full\" needs an image"},
    {"pdf empty", "sources_bad.yaml", NULL, true, BT_ERROR, 24, 9,
     "slide \"slide-15\": pdf is empty: write the path of a PDF file, like \"pdf: "
     "docs/handbook.pdf\""},
    {"page that is not there", "sources_bad.yaml", NULL, true, BT_ERROR, 26, 12,
     "slide \"slide-16\": pages asks for page 7, but \"docs/five.pdf\" has 5"},
    {"folder and pdf in one slide", "sources_bad.yaml", NULL, true, BT_ERROR, 27, 5,
     "slide \"slide-17\": a slide shows one image, one pdf or one folder, not a folder and a pdf"},
};

static void test_bad(void **state)
{
    const bad_case *c = *state;
    const char *path;
    char fixture[512];
    if (c->file) {
        snprintf(fixture, sizeof fixture, FIX "%s", c->file);
        path = fixture;
    } else {
        path = c->make();
    }
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, &fake_opts, &d);
    bool found = false;
    char buf[1400];
    for (int i = 0; i < d.count && !found; i++) {
        const bt_diag *p = &d.items[i];
        bt_diag_format(p, buf, sizeof buf);
        found = p->severity == c->sev && (c->line == ANY || p->line == c->line) &&
                (c->col == ANY || p->col == c->col) && strstr(buf, c->text);
    }
    if (!found || (pl != NULL) != c->usable) {
        print_error("%s: expected %s at %d:%d containing \"%s\", usable=%d; got usable=%d:\n",
                    c->title, c->sev == BT_ERROR ? "error" : "warning", c->line, c->col, c->text,
                    c->usable, pl != NULL);
        show(&d);
    }
    assert_true(found);
    assert_int_equal(pl != NULL, c->usable);
    /* a usable playlist never holds a slide that had an error */
    if (pl)
        assert_true(pl->n_slides >= 1);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* The rest of a file with one bad slide is read: the good slide is there. */
static void test_bad_slide_dropped(void **state)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(FIX "duration_negative.yaml", NULL, &d);
    assert_non_null(pl);
    assert_int_equal(pl->n_slides, 1);
    assert_string_equal(pl->slides[0].id, "ok");
    bt_playlist_free(pl);
    bt_diags_clear(&d);

    /* A slide naming a topic the playlist lacks is an error to fix, but it
     * still plays in the loop (touch mode cannot list it). */
    bt_diags_init(&d);
    pl = bt_playlist_load(FIX "unknown_topic.yaml", NULL, &d);
    assert_non_null(pl);
    assert_int_equal(d.errors, 1);
    assert_int_equal(pl->n_slides, 2);
    assert_string_equal(pl->slides[1].id, "t");
    assert_string_equal(pl->slides[1].topic, "lua-dau");
    assert_int_equal(pl->slides[1].topic_index, -1);
    bt_playlist_free(pl);
    bt_diags_clear(&d);

    bt_diags_init(&d);
    pl = bt_playlist_load(make_too_many(), NULL, &d);
    assert_non_null(pl);
    assert_int_equal(pl->n_slides, BT_MAX_SLIDES);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

static int make_tmpdir(void **state)
{
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    enum { N_BAD = sizeof bad_cases / sizeof *bad_cases };
    enum { N_OWN = 7 };
    struct CMUnitTest tests[N_BAD + N_OWN] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_nfd_title),
        cmocka_unit_test(test_verify_image),
        cmocka_unit_test(test_verify_each_file_once),
        cmocka_unit_test(test_bad_slide_dropped),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_videos),
        cmocka_unit_test(test_folder_as_playlist),
    };
    for (int i = 0; i < N_BAD; i++)
        tests[N_OWN + i] = (struct CMUnitTest){bad_cases[i].title, test_bad, NULL, NULL,
                                               (void *)&bad_cases[i]};
    return _cmocka_run_group_tests("playlist", tests, N_BAD + N_OWN, make_tmpdir, remove_tmpdir);
}
