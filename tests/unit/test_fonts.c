/* The deep check of a font: a fake one (TrueType magic and noise) is
 * refused, one without Vietnamese letters is a warning, the bundled Noto
 * Sans passes; through the loader each lands at the font's line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/playlist_load.h"
#include "render/checks.h"
#include "render/fonts.h"

static char dir[] = "/tmp/bt-fonts-XXXXXX";
static char fake[256], latin[256], noto[256];

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(fake, sizeof fake, "%s/fake.ttf", dir);
    snprintf(latin, sizeof latin, "%s/latin.ttf", dir);
    /* The tests run from the top of the tree (tests/run.sh). */
    snprintf(noto, sizeof noto, "assets/fonts/NotoSans-Regular.ttf");
    FILE *f = fopen(fake, "wb");
    if (!f)
        return -1;
    fwrite("\0\1\0\0", 1, 4, f);
    srand(7);
    for (int i = 0; i < 4096; i++)
        fputc(rand() & 0xff, f);
    fclose(f);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pyftsubset '%s' --unicodes=U+0020-007E --output-file='%s'", noto,
             latin);
    return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void a_fake_font_is_refused(void **state)
{
    (void)state;
    char msg[300] = "";
    assert_int_equal(bt_font_verify(NULL, fake, msg, sizeof msg), BT_CHECK_FAIL);
    assert_non_null(strstr(msg, "not a font that can be opened"));
}

static void a_latin_only_font_is_a_warning(void **state)
{
    (void)state;
    char msg[300] = "";
    assert_int_equal(bt_font_verify(NULL, latin, msg, sizeof msg), BT_CHECK_WARN);
    assert_non_null(strstr(msg, "no Vietnamese letters"));
}

static void the_bundled_font_passes(void **state)
{
    (void)state;
    char msg[300] = "";
    assert_int_equal(bt_font_verify(NULL, noto, msg, sizeof msg), BT_CHECK_OK);
}

/* Through the loader, with the deep check: the error and the warning at the
 * font keys' values. */
static void the_loader_places_them(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof path, "%s/playlist.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("version: 1\ntheme:\n  font: fake.ttf\n  font_bold: latin.ttf\nslides:\n"
          "  - title: \"Xin chào\"\n",
          f);
    fclose(f);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, bt_render_checks(), &d);
    assert_non_null(pl); /* the bundled fonts stand in */
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 1);
    for (int i = 0; i < d.count; i++) {
        const bt_diag *p = &d.items[i];
        assert_int_equal(p->line, p->severity == BT_ERROR ? 3 : 4);
        assert_int_equal(p->col, p->severity == BT_ERROR ? 9 : 14);
    }
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_fake_font_is_refused),
        cmocka_unit_test(a_latin_only_font_is_a_warning),
        cmocka_unit_test(the_bundled_font_passes),
        cmocka_unit_test(the_loader_places_them),
    };
    return cmocka_run_group_tests_name("fonts", tests, setup, teardown);
}
