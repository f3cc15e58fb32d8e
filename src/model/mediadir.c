/* mediadir.c: a folder's pictures, PDFs and videos, in natural order
 * (mediadir.h).
 *
 * Contents: what a file is (its first bytes, then its name); the names
 * left out without a word; the walk. */
#include "mediadir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "base/natsort.h"
#include "base/paths.h"

/* ---- what a file is ------------------------------------------------------ */

#define WHY_SLIDES                                                                                \
    N_("is a presentation (PowerPoint): open it and save it as PDF (File > Save As > PDF), or "    \
    "save its slides as pictures")
#define WHY_DOCUMENT N_("is a document: open it and save it as PDF (File > Save As > PDF)")
#define WHY_SHEET N_("is a spreadsheet: open it and save it as PDF (File > Save As > PDF)")
#define WHY_TXT_PLAYLIST                                                                          \
    N_("is a playlist whose name ends in .txt (Windows hides the ending): rename it playlist.yaml")
#define WHY_PLAYLIST N_("is a playlist file, not a picture, a PDF or a video")
#define WHY_HEIC N_("is an iPhone photo (HEIC), which cannot be shown: save or export it as JPEG")
#define WHY_ARCHIVE N_("is a compressed folder: extract (unzip) it first")
#define WHY_NOT_PICTURE N_("is named as a picture but is not one (damaged, or another file renamed)")
#define WHY_NOT_PDF N_("is named as a PDF but is not one (damaged, or another file renamed)")
#define WHY_OTHER N_("is not a picture, a PDF or a video")
#define WHY_LINK_OUT N_("leads outside the folder (through a link)")
#define WHY_DEVICE N_("is not a file (a device or a pipe)")
#define WHY_UNREADABLE N_("cannot be read")

/* The ending after the last '.', or "". */
static const char *ending(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && dot != name ? dot + 1 : "";
}

static bool ending_in(const char *name, const char *const *list)
{
    const char *e = ending(name);
    for (int i = 0; list[i]; i++)
        if (strcasecmp(e, list[i]) == 0)
            return true;
    return false;
}

static const char *const video_endings[] = {"mp4", "m4v", "mkv", "webm", "mov", NULL};
static const char *const picture_endings[] = {"png", "jpg", "jpeg", "jpe", "gif", "bmp", "webp",
                                              NULL};

bool bt_media_video_name(const char *name)
{
    return ending_in(name, video_endings);
}

/* The ISO base media brands of still pictures (HEIF), not videos. */
static bool heif_brand(const unsigned char *b)
{
    static const char *const brands[] = {"heic", "heix", "heim", "heis", "mif1", "msf1", "avif",
                                         NULL};
    for (int i = 0; brands[i]; i++)
        if (memcmp(b, brands[i], 4) == 0)
            return true;
    return false;
}

/* What the n first bytes b of a file named name make it. */
static bt_media_kind classify(const unsigned char *b, size_t n, const char *name, const char **why)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char ebml[4] = {0x1a, 0x45, 0xdf, 0xa3};
    *why = NULL;
    if ((n >= 8 && memcmp(b, png, 8) == 0) || (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff) ||
        (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0)) ||
        (n >= 2 && memcmp(b, "BM", 2) == 0 && ending_in(name, picture_endings)) ||
        (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0))
        return BT_MEDIA_PICTURE;
    if (n >= 5 && memmem(b, n, "%PDF-", 5))
        return BT_MEDIA_PDF;
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0 && heif_brand(b + 8)) {
        *why = WHY_HEIC;
        return BT_MEDIA_OTHER;
    }
    if ((n >= 8 && memcmp(b + 4, "ftyp", 4) == 0) || (n >= 4 && memcmp(b, ebml, 4) == 0) ||
        ending_in(name, video_endings))
        return BT_MEDIA_VIDEO;

    static const char *const slides[] = {"ppt", "pptx", "pptm", "pps", "ppsx", "odp", "key", NULL};
    static const char *const documents[] = {"doc", "docx", "docm", "odt", "rtf", "pages", NULL};
    static const char *const sheets[] = {"xls", "xlsx", "xlsm", "ods", NULL};
    static const char *const playlists[] = {"yaml", "yml", NULL};
    static const char *const heic[] = {"heic", "heif", "avif", NULL};
    static const char *const archives[] = {"zip", "rar", "7z", NULL};
    if (ending_in(name, slides))
        *why = WHY_SLIDES;
    else if (ending_in(name, documents))
        *why = WHY_DOCUMENT;
    else if (ending_in(name, sheets))
        *why = WHY_SHEET;
    else if (strcasecmp(name, "playlist.yaml.txt") == 0 || strcasecmp(name, "playlist.yml.txt") == 0)
        *why = WHY_TXT_PLAYLIST;
    else if (ending_in(name, playlists))
        *why = WHY_PLAYLIST;
    else if (ending_in(name, heic))
        *why = WHY_HEIC;
    else if (ending_in(name, archives))
        *why = WHY_ARCHIVE;
    else if (ending_in(name, picture_endings))
        *why = WHY_NOT_PICTURE;
    else if (strcasecmp(ending(name), "pdf") == 0)
        *why = WHY_NOT_PDF;
    else
        *why = WHY_OTHER;
    return BT_MEDIA_OTHER;
}

/* ---- left out without a word ----------------------------------------------- */

static bool named(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(name, *list) == 0)
            return true;
    return false;
}

/* What a computer writes beside the clerk's files (anywhere), and what
 * bangtin itself writes into a stick's bangtin/ folder (at the top). */
static bool quiet(const char *name, bool dir, int depth)
{
    static const char *const files[] = {"Thumbs.db", "desktop.ini", NULL};
    static const char *const dirs[] = {"System Volume Information", "$RECYCLE.BIN", "__MACOSX",
                                       NULL};
    /* playlist.yaml: the playlist beside the folder it reads (`folder: .`) */
    static const char *const own_files[] = {"kiosk.key", "errors.txt", "HUONG-DAN.txt", "manifest.txt",
                                            "manifest.txt.minisig", "playlist.yaml",
                                            "playlist.yml", NULL};
    static const char *const own_dirs[] = {"reports", NULL};
    if (name[0] == '.' || strncmp(name, "~$", 2) == 0)
        return true;
    return named(name, dir ? dirs : files) ||
           (depth == 0 && named(name, dir ? own_dirs : own_files));
}

/* ---- the walk -------------------------------------------------------------- */

typedef struct {
    const char *root;
    bt_media_list *out;
    int cap;
    int looked;     /* names looked at, against BT_MAX_FOLDER_ENTRIES */
    bool too_many;  /* said once */
    bool oom;
} walk;

typedef struct {
    char *name, *key;
} name_key;

static int by_key(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    int c = bt_natsort_cmp_keys(x->key, y->key);
    return c ? c : strcmp(x->name, y->name);
}

static void note(walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(walk *w, const char *fmt, ...)
{
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **grown = realloc(w->out->notes, sizeof *grown * (size_t)(w->out->n_notes + 1));
    char *copy = grown ? strdup(buf) : NULL;
    if (grown)
        w->out->notes = grown;
    if (!copy) {
        w->oom = true;
        return;
    }
    w->out->notes[w->out->n_notes++] = copy;
}

/* Appends an entry; rel and path (may be NULL) are taken. */
static void add(walk *w, char *rel, char *path, bt_media_kind kind, const char *why)
{
    if (w->out->n == w->cap) {
        int cap = w->cap ? 2 * w->cap : 32;
        bt_media_entry *grown = realloc(w->out->items, sizeof *grown * (size_t)cap);
        if (!grown) {
            w->oom = true;
            free(rel);
            free(path);
            return;
        }
        w->out->items = grown;
        w->cap = cap;
    }
    w->out->items[w->out->n++] = (bt_media_entry){rel, path, kind, why};
}

static char *join(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", a, sep, b);
    return p;
}

/* Reads the first bytes of the file name in folder dfd (never a link, never
 * blocking on a pipe) and says what it is. */
static bt_media_kind look_at(int dfd, const char *name, const char **why)
{
    int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        *why = WHY_UNREADABLE;
        return BT_MEDIA_OTHER;
    }
    unsigned char head[1024];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    return classify(head, n > 0 ? (size_t)n : 0, name, why);
}

static void walk_dir(walk *w, int dfd, const char *abs, const char *rel, int depth,
                     const char *skip);

/* One name of the folder dfd (at abs; rel below the listed folder). */
static void visit(walk *w, int dfd, const char *abs, const char *rel, const char *name, int depth,
                  const char *skip)
{
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return; /* gone since it was listed */
    if (quiet(name, S_ISDIR(st.st_mode), depth) || (skip && depth == 0 && strcmp(name, skip) == 0))
        return;
    char *child_rel = rel[0] ? join(rel, "/", name) : strdup(name);
    char *child_abs = join(abs, "/", name);
    if (!child_rel || !child_abs) {
        w->oom = true;
        free(child_rel);
        free(child_abs);
        return;
    }
    const char *why = NULL;
    if (S_ISDIR(st.st_mode)) {
        if (depth + 1 > BT_MAX_FOLDER_DEPTH) {
            note(w, "the folder \"%s\" is more than %d folders down: what it holds is left out",
                 child_rel, BT_MAX_FOLDER_DEPTH);
        } else {
            int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0)
                walk_dir(w, sub, child_abs, child_rel, depth + 1, skip);
            else
                note(w, "the folder \"%s\" cannot be read", child_rel);
        }
        free(child_rel);
        free(child_abs);
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        /* Followed only to a file inside the root; a link to a folder never
         * (it could lead round in a circle). */
        char *real = realpath(child_abs, NULL);
        struct stat target;
        if (!real || !bt_path_inside(real, w->root)) {
            add(w, child_rel, NULL, BT_MEDIA_OTHER, WHY_LINK_OUT);
        } else if (stat(real, &target) == 0 && S_ISDIR(target.st_mode)) {
            note(w, "\"%s\" is a link to a folder: links to folders are not followed", child_rel);
            free(child_rel);
        } else if (stat(real, &target) == 0 && S_ISREG(target.st_mode)) {
            int fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
            unsigned char head[1024];
            ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
            if (fd >= 0)
                close(fd);
            bt_media_kind k = classify(head, n > 0 ? (size_t)n : 0, name, &why);
            add(w, child_rel, k == BT_MEDIA_OTHER ? NULL : real, k, why);
            real = k == BT_MEDIA_OTHER ? real : NULL;
        } else {
            add(w, child_rel, NULL, BT_MEDIA_OTHER, WHY_DEVICE);
        }
        free(real);
        free(child_abs);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        add(w, child_rel, NULL, BT_MEDIA_OTHER, WHY_DEVICE);
        free(child_abs);
        return;
    }
    bt_media_kind k = look_at(dfd, name, &why);
    if (k == BT_MEDIA_OTHER) {
        free(child_abs);
        child_abs = NULL;
    }
    add(w, child_rel, child_abs, k, why);
}

/* Lists the folder dfd (which this takes and closes), sorts its names
 * naturally and visits each. */
static void walk_dir(walk *w, int dfd, const char *abs, const char *rel, int depth,
                     const char *skip)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        note(w, "the folder \"%s\" cannot be read", rel[0] ? rel : ".");
        return;
    }
    name_key *names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while (!w->oom && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (w->looked >= BT_MAX_FOLDER_ENTRIES) {
            if (!w->too_many)
                note(w, "the folder holds more than %d files and folders: the rest are left out",
                     BT_MAX_FOLDER_ENTRIES);
            w->too_many = true;
            break;
        }
        w->looked++;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            name_key *grown = realloc(names, sizeof *grown * (size_t)cap);
            if (!grown) {
                w->oom = true;
                break;
            }
            names = grown;
        }
        names[n].name = strdup(e->d_name);
        names[n].key = names[n].name ? bt_natsort_key(names[n].name) : NULL;
        if (!names[n].key) {
            free(names[n].name);
            w->oom = true;
            break;
        }
        n++;
    }
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, by_key);
    for (int i = 0; i < n; i++) {
        if (!w->oom)
            visit(w, dirfd(d), abs, rel, names[i].name, depth, skip);
        free(names[i].name);
        free(names[i].key);
    }
    free(names);
    closedir(d);
}

bool bt_media_list_folder(const char *root, const char *dir, const char *skip, bt_media_list *out,
                          char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errsize, _("the folder cannot be read (%s)"), strerror(errno));
        return false;
    }
    walk w = {.root = root, .out = out};
    walk_dir(&w, fd, dir, "", 0, skip);
    if (w.oom) {
        bt_media_list_free(out);
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    return true;
}

void bt_media_list_free(bt_media_list *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->items[i].rel);
        free(l->items[i].path);
    }
    free(l->items);
    for (int i = 0; i < l->n_notes; i++)
        free(l->notes[i]);
    free(l->notes);
    memset(l, 0, sizeof *l);
}
