/* test_mediadir.c: the walk over a folder of slides (model/mediadir.c),
 * on folders made here as a stick brings them: what each file is (by its
 * bytes, by its name), natural order through subfolders, and the walk's
 * bounds: links out of the folder or to a folder, folders too deep, too
 * many files, a pipe; never more than a few descriptors open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bounds.h"
#include "model/mediadir.h"

static char root[] = "/tmp/bangtin-mediadir-XXXXXX";
static char real_root[4096];

static void put(const char *rel, const void *bytes, size_t n)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (n)
        assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void dir(const char *rel)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(mkdir(p, 0755), 0);
}

static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

/* Lists root/rel and returns "kind:rel kind:rel ..." (P picture, D PDF,
 * V video, O other), and the notes joined by " | " in *notes. */
static char *list(const char *rel, char *notes, size_t size)
{
    char d[4400], err[300];
    snprintf(d, sizeof d, "%s/%s", real_root, rel);
    bt_media_list l;
    if (!bt_media_list_folder(real_root, d, "playlist.yaml", &l, err, sizeof err))
        fail_msg("%s", err);
    static char out[256 * 1024];
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < l.n && o < sizeof out - 100; i++) {
        static const char kinds[] = "PDVO";
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%c:%s", i ? " " : "",
                              kinds[l.items[i].kind], l.items[i].rel);
        assert_true((l.items[i].path != NULL) == (l.items[i].kind != BT_MEDIA_OTHER));
        assert_true((l.items[i].why != NULL) == (l.items[i].kind == BT_MEDIA_OTHER));
    }
    size_t n = 0;
    notes[0] = '\0';
    for (int i = 0; i < l.n_notes; i++)
        n += (size_t)snprintf(notes + n, size - n, "%s%s", i ? " | " : "", l.notes[i]);
    bt_media_list_free(&l);
    return out;
}

static void kinds_and_order(void **state)
{
    (void)state;
    dir("a");
    put("a/Slide10.PNG", png, sizeof png);
    put("a/slide2.png", png, sizeof png);
    put("a/Slide1.PNG", png, sizeof png);
    put("a/photo.JPG", "\xff\xd8\xff\xe0", 4);
    put("a/renamed.png", "\xff\xd8\xff\xe1", 4); /* a JPEG named .png: a picture */
    put("a/fake.png", "not a picture", 13);      /* named as one, is not */
    put("a/handbook.PDF", "%PDF-1.7\n", 9);
    put("a/notpdf.pdf", "hello", 5);
    put("a/movie.MOV", "\0\0\0\x14" "ftypqt  ", 12);
    put("a/clip.webm", "\x1a\x45\xdf\xa3", 4);
    put("a/clip2.mkv", "", 0); /* named as a video: the video reader will judge */
    put("a/IMG_0001.HEIC", "\0\0\0\x18" "ftypheic", 12);
    put("a/deck.pptx", "PK\3\4", 4);
    put("a/letter.docx", "PK\3\4", 4);
    put("a/playlist.yaml.txt", "version: 1\n", 11);
    put("a/archive.zip", "PK\3\4", 4);
    put("a/Thumbs.db", "x", 1);
    put("a/~$deck.pptx", "x", 1);
    put("a/.DS_Store", "x", 1);
    put("a/playlist.yaml", "version: 1\n", 11); /* the playlist itself: skipped */
    dir("a/b");
    put("a/b/z.gif", "GIF89a", 6);
    dir("a/reports"); /* bangtin's own, at the top of the folder: left out */
    put("a/reports/r.png", png, sizeof png);
    dir("a/b/reports"); /* a clerk's folder named so, further down: listed */
    put("a/b/reports/r.png", png, sizeof png);
    char notes[2000];
    char *got = list("a", notes, sizeof notes);
    assert_string_equal(got,
                        "O:archive.zip P:b/reports/r.png P:b/z.gif V:clip.webm V:clip2.mkv O:deck.pptx O:fake.png "
                        "D:handbook.PDF O:IMG_0001.HEIC O:letter.docx V:movie.MOV O:notpdf.pdf "
                        "P:photo.JPG O:playlist.yaml.txt P:renamed.png "
                        "P:Slide1.PNG P:slide2.png P:Slide10.PNG");
    assert_string_equal(notes, "");
}

static void links_depth_and_devices(void **state)
{
    (void)state;
    dir("c");
    put("c/in.png", png, sizeof png);
    char p[4400];
    snprintf(p, sizeof p, "%s/c/link-in.png", root);
    assert_int_equal(symlink("in.png", p), 0);
    snprintf(p, sizeof p, "%s/c/link-out.png", root);
    assert_int_equal(symlink("/etc/hostname", p), 0);
    snprintf(p, sizeof p, "%s/c/loop", root);
    assert_int_equal(symlink("..", p), 0);
    snprintf(p, sizeof p, "%s/c/dangling.png", root);
    assert_int_equal(symlink("nowhere.png", p), 0);
    snprintf(p, sizeof p, "%s/c/pipe.png", root);
    assert_int_equal(mkfifo(p, 0600), 0);
    dir("c/1");
    dir("c/1/2");
    dir("c/1/2/3");
    dir("c/1/2/3/4");
    dir("c/1/2/3/4/5");
    put("c/1/2/3/4/deep.png", png, sizeof png);
    put("c/1/2/3/4/5/too-deep.png", png, sizeof png);
    char notes[2000];
    char *got = list("c", notes, sizeof notes);
    assert_string_equal(got, "P:1/2/3/4/deep.png O:dangling.png P:in.png P:link-in.png "
                             "O:link-out.png O:pipe.png");
    assert_string_equal(notes, "the folder \"1/2/3/4/5\" is more than 4 folders down: what it "
                               "holds is left out | \"loop\" is a link to a folder: links to "
                               "folders are not followed");
}

/* More names than the bound: the walk stops, says so once, and held at
 * most a descriptor per level while it went. */
static void too_many_files(void **state)
{
    (void)state;
    dir("many");
    for (int i = 0; i < BT_MAX_FOLDER_ENTRIES + 10; i++) {
        char name[64];
        snprintf(name, sizeof name, "many/p%05d.png", i);
        put(name, png, sizeof png);
    }
    char notes[2000];
    char *got = list("many", notes, sizeof notes);
    size_t n = 0;
    for (const char *s = got; (s = strchr(s, ':')); s++)
        n++;
    assert_int_equal(n, BT_MAX_FOLDER_ENTRIES);
    assert_string_equal(notes, "the folder holds more than 5000 files and folders: the rest are "
                               "left out");
}

static void unreadable_folder(void **state)
{
    (void)state;
    bt_media_list l;
    char err[300];
    assert_false(bt_media_list_folder(real_root, "/nonexistent-bangtin", NULL, &l, err, sizeof err));
    assert_non_null(strstr(err, "the folder cannot be read"));
    assert_int_equal(l.n, 0);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(root) || !realpath(root, real_root))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kinds_and_order),
        cmocka_unit_test(links_depth_and_devices),
        cmocka_unit_test(too_many_files),
        cmocka_unit_test(unreadable_folder),
    };
    return cmocka_run_group_tests_name("mediadir", tests, setup, teardown);
}
