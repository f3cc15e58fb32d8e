/* fuzz_playlist.c: libFuzzer target for the playlist loader and checker.
 *
 * The loader reads a path (it checks the file's size before reading it, and
 * resolves assets against the file's folder), so each input is written to
 * playlist.yaml in a private folder that also holds a few real assets, a
 * file that only looks like a picture, and links that point out of the
 * folder: paths in the input then reach the image probe, the font check and
 * the link checks, not only "not found". Every diagnostic is also formatted,
 * as --check would print it. */
#include <fcntl.h>
#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "model/playlist.h"
#include "model/playlist_load.h"
#include "base/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096];
static char playlist[4200];

/* ---- the private folder ---------------------------------------------------- */

static void put(const char *rel, const void *bytes, size_t n)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, bytes, n) != (ssize_t)n) {
        perror(p);
        abort();
    }
    close(fd);
}

static void sub(const char *rel)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    mkdir(p, 0755);
}

static void link_to(const char *target, const char *rel)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    if (symlink(target, p) != 0)
        perror(p);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path);
}

static void cleanup(void)
{
    if (dir[0])
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The names the seed corpus uses (tests/fixtures/load and playlists/), each
 * with a small header of the right kind, so "good" seeds stay good. */
static void make_assets(void)
{
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0, 0, 64, 0, 0, 0, 48, 8, 6, 0, 0, 0,
    };
    static const unsigned char png_huge[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0x01, 0x86, 0xa0, 0, 0x01, 0x86, 0xa0, 8, 6, 0, 0, 0,
    };
    static const unsigned char jpeg[] = {
        0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80,
    };
    static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 10, 0, 10, 0, 0};
    static const unsigned char ttf[16] = {0, 1, 0, 0};
    static const unsigned char otf[16] = {'O', 'T', 'T', 'O'};
    static const char *const pngs[] = {
        "images/logo.png", "images/otp.png", "icons/scam.png", "images/shield.png",
        "images/password.png", "icons/lua-dao.png", "icons/mat-khau.png", "logo.png",
    };
    sub("images");
    sub("icons");
    sub("fonts");
    sub("images/sub");
    for (size_t i = 0; i < sizeof pngs / sizeof *pngs; i++)
        put(pngs[i], png, sizeof png);
    put("images/huge.png", png_huge, sizeof png_huge);
    put("images/photo.jpg", jpeg, sizeof jpeg);
    put("images/anim.gif", gif, sizeof gif);
    put("images/notes.png", "these are notes, not a picture\n", 31);
    put("images/empty.png", "", 0);
    put("fonts/Test-Regular.ttf", ttf, sizeof ttf);
    put("fonts/Test-Bold.otf", otf, sizeof otf);
    put("fonts/broken.ttf", "not a font at all", 17);
    link_to("/etc/passwd", "images/out.png");
    link_to("..", "images/up");
    link_to("logo.png", "images/in.png");
    /* A folder of slides (pictures, a PDF, a PowerPoint, a video, a
     * subfolder, a link to a folder) and PDFs the fake reader counts. */
    sub("campaign");
    sub("campaign/sub");
    put("campaign/Slide1.PNG", png, sizeof png);
    put("campaign/Slide10.PNG", png, sizeof png);
    put("campaign/Slide2.jpg", jpeg, sizeof jpeg);
    put("campaign/sub/a.gif", gif, sizeof gif);
    put("campaign/deck.pptx", "PK\3\4", 4);
    put("campaign/clip.mp4", "\0\0\0\x18" "ftypisom", 12);
    put("campaign/handout.pdf", "%PDF-1.4 pages=3", 16);
    put("campaign/playlist.yaml.txt", "version: 1", 10);
    link_to("..", "campaign/loop");
    sub("docs");
    put("docs/cam-nang.pdf", "%PDF-1.4 pages=12", 17);
    put("docs/long.pdf", "%PDF-1.4 pages=2000", 19);
    put("docs/locked.pdf", "%PDF-1.4 locked", 15);
}

/* A stand-in for the PDF reader (render/pdf.c runs poppler in another
 * process): the fake PDFs say how many pages they have. */
static int fake_pdf_pages(void *ctx, const char *path, char *err, size_t errsize)
{
    (void)ctx;
    char buf[64] = "";
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    const char *p = strstr(buf, "pages=");
    if (!p) {
        snprintf(err, errsize, "this PDF is protected by a password");
        return -1;
    }
    return atoi(p + 6);
}

static const bt_load_options opts = {.pdf_pages = fake_pdf_pages};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bt-fuzz-playlist.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror(dir);
        abort();
    }
    atexit(cleanup);
    snprintf(playlist, sizeof playlist, "%s/playlist.yaml", dir);
    make_assets();
    return 0;
}

/* Every string of the model is valid UTF-8 (playlist.h), so the painter
 * never meets bytes it cannot shape; NULL is allowed where it says so. */
static void check_text(const char *s, size_t max_chars)
{
    if (!s)
        return;
    size_t n = strlen(s), skip;
    for (size_t i = 0; i < n;) {
        size_t k = bt_utf8_next(s + i, n - i, &skip);
        if (!k)
            abort();
        i += k;
    }
    if (max_chars && bt_utf8_chars(s) > max_chars)
        abort();
}

static void check_model(const bt_playlist *pl)
{
    if (pl->n_slides <= 0 || !pl->name)
        abort();
    check_text(pl->name, 0);
    check_text(pl->theme.header, 0);
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        if (!pl->labels[i])
            abort();
        else
            check_text(pl->labels[i], 0);
    for (int i = 0; i < pl->n_topics; i++) {
        if (!pl->topics[i].id || !pl->topics[i].title)
            abort();
        check_text(pl->topics[i].id, 0);
        check_text(pl->topics[i].title, 0);
    }
    for (int i = 0; i < pl->n_slides; i++) {
        const bt_slide *s = &pl->slides[i];
        if (!s->id || s->duration_ms <= 0)
            abort();
        /* A slide's topic is found, or (naming a topic the playlist lacks)
         * it plays unbrowsable with index -1; no topic, no index. */
        if (s->topic_index >= pl->n_topics || (!s->topic && s->topic_index >= 0) ||
            (s->topic && s->topic_index < 0 && bt_playlist_find_topic(pl, s->topic) >= 0))
            abort();
        if (s->image && (!s->image_path || s->image_w <= 0 || s->image_h <= 0))
            abort();
        /* A PDF page is one that exists; a slide shows one thing. */
        if (s->pdf && (!s->pdf_path || s->pdf_page < 1 || s->pdf_page > 2000 || s->image))
            abort();
        if (!s->pdf && s->pdf_page)
            abort();
        check_text(s->image, 0);
        check_text(s->pdf, 0);
        check_text(s->id, 0);
        check_text(s->title, 0);
        check_text(s->body, 0);
        check_text(s->qr, 0);
    }
    for (int i = 0; i < pl->n_tips; i++) {
        if (!pl->tips[i].text || pl->tips[i].topic_index >= pl->n_topics)
            abort();
        check_text(pl->tips[i].text, 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    put("playlist.yaml", data, size);
    bt_diags diags;
    bt_diags_init(&diags);
    /* Now and then the folder itself, as a playlist with no file. */
    bool folder = size > 0 && data[0] == '~';
    bt_playlist *pl = folder ? bt_playlist_load_folder(dir, &opts, &diags)
                             : bt_playlist_load(playlist, &opts, &diags);
    /* The model's contract with the player: a usable playlist has slides,
     * each with an id; and every problem has a place and words. */
    if (pl)
        check_model(pl);
    else if (diags.errors == 0) {
        abort(); /* refused without saying why */
    }
    char line[2048];
    for (int i = 0; i < diags.count; i++) {
        bt_diag_format(&diags.items[i], line, sizeof line);
        if (!diags.items[i].message || !diags.items[i].message[0])
            abort();
    }
    bt_playlist_free(pl);
    bt_diags_clear(&diags);
    return 0;
}
