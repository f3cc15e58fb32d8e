/* test_pdf.c: PDF pages through the helper process (render/pdf.c), with
 * real poppler: pages counted, measured and drawn in their colours at the
 * size asked; and every way a PDF from a stick goes wrong (a password, cut
 * short, not a PDF at all, 2,000 pages, a page that takes forever, one that
 * needs more memory than allowed) gives a sentence, in bounded time, and
 * this process (standing for the player) goes on with no descriptor or
 * child left behind. The PDFs are written here (mkpdf.py, pdf_hostile.py in
 * tests/media, and qpdf). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "base/bounds.h"
#include "render/pdf.h"

static char tmpdir[] = "/tmp/bangtin-pdf-XXXXXX";

static const char *tmp_path(const char *name)
{
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
    return p;
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

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static void make_pdf(const char *name, const char *args)
{
    assert_int_equal(run("python3 tests/media/mkpdf.py '%s' %s", tmp_path(name), args), 0);
}

/* Three pages, red, green, blue, each drawn in its colour, fitted in the
 * box on the background, never the whole document at once. */
static void three_pages_in_their_colours(void **state)
{
    (void)state;
    make_pdf("three.pdf", "3 ff0000,00ff00,0000ff");
    bt_pdf_info info;
    char err[600];
    if (!bt_pdf_probe(tmp_path("three.pdf"), &info, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(info.n_pages, 3);
    assert_int_equal(info.n_sizes, 3);
    assert_true(info.w[0] > 594 && info.w[0] < 596 && info.h[0] > 841 && info.h[0] < 843);
    bt_pdf_info_free(&info);
    assert_int_equal(bt_pdf_pages(NULL, tmp_path("three.pdf"), err, sizeof err), 3);

    const Uint32 want[] = {0xff0000, 0x00ff00, 0x0000ff};
    const bt_color bg = {0x0d, 0x47, 0xa1, 255};
    int fds = open_fds();
    for (int p = 1; p <= 3; p++) {
        SDL_Surface *s = bt_pdf_render(tmp_path("three.pdf"), p, 1920, 1080, bg, err, sizeof err);
        if (!s)
            fail_msg("page %d: %s", p, err);
        assert_int_equal(s->w, 1920);
        assert_int_equal(s->h, 1080);
        assert_int_equal(s->format->format, SDL_PIXELFORMAT_RGB888);
        /* A4 portrait in 16:9: 764x1080 in the middle, background beside. */
        assert_int_equal(px(s, 960, 540), want[p - 1]);
        assert_int_equal(px(s, 960, 0), want[p - 1]);
        assert_int_equal(px(s, 10, 540), 0x0d47a1);
        assert_int_equal(px(s, 1910, 540), 0x0d47a1);
        assert_int_equal(px(s, 960 - 380, 540), want[p - 1]);
        assert_int_equal(px(s, 960 - 384, 540), 0x0d47a1);
        SDL_FreeSurface(s);
    }
    assert_int_equal(open_fds(), fds); /* nothing left open */
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1); /* and no child */
    assert_int_equal(errno, ECHILD);

    /* A page that is not there. */
    SDL_Surface *s = bt_pdf_render(tmp_path("three.pdf"), 4, 640, 480, bg, err, sizeof err);
    assert_null(s);
    assert_string_equal(err, "this PDF has no page 4 (it has 3)");
}

/* Each refusal in a sentence that says what to do, quickly. */
static void hostile_pdfs_are_refused_in_words(void **state)
{
    (void)state;
    make_pdf("good.pdf", "3 ff0000");
    char err[600];
    bt_pdf_info info;
    struct timespec t0;

    /* Cut short: half of it. */
    assert_int_equal(run("head -c 500 '%s' >'%s'", tmp_path("good.pdf"), tmp_path("cut.pdf")), 0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_false(bt_pdf_probe(tmp_path("cut.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "this PDF is damaged or cut short: copy it again, or save it again "
                             "as PDF");
    /* Random bytes, and random bytes behind a PDF header. */
    assert_int_equal(run("head -c 4096 /dev/urandom >'%s'", tmp_path("random.pdf")), 0);
    assert_false(bt_pdf_probe(tmp_path("random.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "this file is not a PDF");
    assert_int_equal(run("{ printf '%%%%PDF-1.7\\n'; head -c 4096 /dev/urandom; } >'%s'",
                         tmp_path("noise.pdf")),
                     0);
    assert_false(bt_pdf_probe(tmp_path("noise.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "this PDF is damaged or cut short: copy it again, or save it again "
                             "as PDF");
    assert_int_equal(run(": >'%s'", tmp_path("empty.pdf")), 0);
    assert_false(bt_pdf_probe(tmp_path("empty.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "the file is empty");
    assert_false(bt_pdf_probe(tmp_path("none.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "the file does not exist");
    assert_false(bt_pdf_probe(tmpdir, &info, err, sizeof err));
    assert_string_equal(err, "this is a folder or a device, not a PDF file");
    /* Over the byte limit: a sparse file. */
    assert_int_equal(run("cp '%s' '%s' && truncate -s %d '%s'", tmp_path("good.pdf"),
                         tmp_path("big.pdf"), BT_MAX_PDF_BYTES + 1, tmp_path("big.pdf")),
                     0);
    assert_false(bt_pdf_probe(tmp_path("big.pdf"), &info, err, sizeof err));
    assert_string_equal(err, "the PDF file is too big (101 MB, at most 100 MB): make it smaller");
    print_message("  six refusals in %.0f ms\n", ms_since(&t0));
    assert_true(ms_since(&t0) < 3000);

    /* Protected by a password (qpdf, when it is there); one with only an
     * owner password (printing restrictions) opens. */
    if (run("command -v qpdf >/dev/null 2>&1") == 0) {
        assert_int_equal(run("qpdf --encrypt secret owner 256 -- '%s' '%s'", tmp_path("good.pdf"),
                             tmp_path("locked.pdf")),
                         0);
        assert_false(bt_pdf_probe(tmp_path("locked.pdf"), &info, err, sizeof err));
        assert_string_equal(err, "this PDF is protected by a password: open it and save it again "
                                 "without one (File > Save As, or print it to PDF)");
        assert_int_equal(run("qpdf --encrypt '' owner 256 -- '%s' '%s'", tmp_path("good.pdf"),
                             tmp_path("owner.pdf")),
                         0);
        assert_int_equal(bt_pdf_pages(NULL, tmp_path("owner.pdf"), err, sizeof err), 3);
    } else {
        print_message("  qpdf is missing: the password case is not checked\n");
    }

    /* 2,000 pages: counted (the loader refuses more than it may show),
     * the sizes of the first BT_MAX_PDF_PAGES only. */
    make_pdf("long.pdf", "2000");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_true(bt_pdf_probe(tmp_path("long.pdf"), &info, err, sizeof err));
    print_message("  2,000 pages counted in %.0f ms\n", ms_since(&t0));
    assert_int_equal(info.n_pages, 2000);
    assert_int_equal(info.n_sizes, BT_MAX_PDF_PAGES);
    bt_pdf_info_free(&info);
}

/* A page that takes longer than allowed is stopped (the helper killed),
 * and one that needs more memory than allowed fails in the helper alone. */
static void slow_and_greedy_pages_stop_in_the_helper(void **state)
{
    (void)state;
    assert_int_equal(run("python3 tests/media/pdf_hostile.py '%s' slow", tmp_path("slow.pdf")), 0);
    char err[600];
    const bt_color bg = {0, 0, 0, 255};
    bt_pdf_set_bounds(1000, 0);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    SDL_Surface *s = bt_pdf_render(tmp_path("slow.pdf"), 1, 1920, 1080, bg, err, sizeof err);
    double ms = ms_since(&t0);
    bt_pdf_set_bounds(0, 0);
    print_message("  slow page stopped after %.0f ms (bound 1000 ms)\n", ms);
    assert_null(s);
    assert_string_equal(err, "drawing page 1 of this PDF took longer than 1 s: it may be damaged "
                             "or too complex; save it again as PDF, or as pictures");
    assert_true(ms < 2500);
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1); /* the helper was reaped */

    make_pdf("page.pdf", "1 ffffff --text");
    bt_pdf_set_bounds(0, 16 << 20);
    s = bt_pdf_render(tmp_path("page.pdf"), 1, 1920, 1080, bg, err, sizeof err);
    bt_pdf_set_bounds(0, 0);
    assert_null(s);
    assert_non_null(strstr(err, "the PDF reader stopped while drawing page 1 of this PDF (the PDF "
                                "needs more memory than the kiosk allows, or it is damaged)"));
    /* With the memory it is allowed, the same page draws. */
    s = bt_pdf_render(tmp_path("page.pdf"), 1, 1920, 1080, bg, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    SDL_FreeSurface(s);
}

/* --check's deep look: each page at its shown size, within a budget. */
static void verify_draws_within_a_budget(void **state)
{
    (void)state;
    make_pdf("check.pdf", "3 ff0000");
    char err[600];
    bt_pdf_check *c = bt_pdf_check_new(1920, 1080, 60000);
    for (int p = 1; p <= 3; p++)
        assert_true(bt_pdf_verify_page(c, tmp_path("check.pdf"), p, err, sizeof err));
    assert_false(bt_pdf_verify_page(c, tmp_path("check.pdf"), 4, err, sizeof err));
    assert_string_equal(err, "this PDF has no page 4 (it has 3)");
    assert_int_equal(bt_pdf_check_unchecked(c), 0);
    bt_pdf_check_free(c);

    /* 300 pages of a 2,000-page PDF, drawn by one helper: seconds. */
    make_pdf("long.pdf", "2000");
    c = bt_pdf_check_new(1920, 1080, 60000);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int p = 1; p <= BT_MAX_PDF_PAGES; p++)
        assert_true(bt_pdf_verify_page(c, tmp_path("long.pdf"), p, err, sizeof err));
    print_message("  %d pages checked in %.0f ms\n", BT_MAX_PDF_PAGES, ms_since(&t0));
    assert_int_equal(bt_pdf_check_unchecked(c), 0);
    bt_pdf_check_free(c);

    /* A page past its time fails alone; with the budget spent, the pages
     * left are counted, not drawn. */
    assert_int_equal(run("python3 tests/media/pdf_hostile.py '%s' slow3", tmp_path("slow3.pdf")),
                     0);
    bt_pdf_set_bounds(1000, 0);
    c = bt_pdf_check_new(1920, 1080, 60000);
    assert_true(bt_pdf_verify_page(c, tmp_path("slow3.pdf"), 1, err, sizeof err));
    assert_false(bt_pdf_verify_page(c, tmp_path("slow3.pdf"), 2, err, sizeof err));
    assert_string_equal(err, "drawing page 2 of this PDF took longer than 1 s: it may be damaged "
                             "or too complex; save it again as PDF, or as pictures");
    assert_true(bt_pdf_verify_page(c, tmp_path("slow3.pdf"), 3, err, sizeof err));
    assert_int_equal(bt_pdf_check_unchecked(c), 0);
    bt_pdf_check_free(c);
    bt_pdf_set_bounds(0, 0);
    c = bt_pdf_check_new(1920, 1080, 0);
    assert_true(bt_pdf_verify_page(c, tmp_path("check.pdf"), 1, err, sizeof err));
    assert_int_equal(bt_pdf_check_unchecked(c), 1);
    bt_pdf_check_free(c);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    /* This program is not bangtin: the helper is the one beside it. */
    bt_pdf_set_helper("build/bangtin");
    return access("build/bangtin", X_OK);
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_pages_in_their_colours),
        cmocka_unit_test(hostile_pdfs_are_refused_in_words),
        cmocka_unit_test(slow_and_greedy_pages_stop_in_the_helper),
        cmocka_unit_test(verify_draws_within_a_budget),
    };
    return cmocka_run_group_tests_name("pdf", tests, setup, teardown);
}
