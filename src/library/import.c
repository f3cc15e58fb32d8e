/* import.c: loading a playlist from a USB stick into the library (import.h).
 *
 * Contents: the result; what is on the stick (pairing, the playlist, its
 * problems); the plan of files to copy; reading, hashing and copying; the
 * import into the library; the whole import. What is written on the stick
 * (errors.txt, the report) is in import_stick.c; the library's folders in
 * import_store.c. */
#include "import.h"

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
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "model/mediadir.h"
#include "import_stick.h"
#include "import_store.h"
#include "base/log.h"
#include "sha256.h"

#define STICK_DIR BT_PAIRING_STICK_DIR /* "bangtin" */
#define PLAYLIST_FILE "playlist.yaml"
#define COPY_BUF (64 * 1024)
/* Written out (not made of the names' macros) for the translators. */
#define TOP_PLAYLIST_WORDS N_("playlist.yaml is at the top of the stick: move it into the bangtin folder")
#define MAX_SCAN 100000 /* entries looked at in a stick's folder (a hostile stick may hold millions) */
#define SPACE_MARGIN (4 * 1024 * 1024) /* left free on the library's disk for the play log */

/* ---- the result ---------------------------------------------------------- */

static const char *const status_names[] = {
    [BT_IMPORT_LOADED] = "loaded",         [BT_IMPORT_ALREADY] = "already loaded",
    [BT_IMPORT_UNAUTHORISED] = "refused",  [BT_IMPORT_INVALID] = "invalid",
    [BT_IMPORT_ABORTED] = "aborted",       [BT_IMPORT_FAILED] = "failed",
};

const char *bt_import_status_name(bt_import_status st)
{
    return (unsigned)st < sizeof status_names / sizeof *status_names ? status_names[st] : "?";
}

void bt_import_result_free(bt_import_result *r)
{
    if (!r)
        return;
    bt_playlist_free(r->pl);
    free(r);
}

/* Sets the status and the detail line. */
static void finish(bt_import_result *out, bt_import_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void finish(bt_import_result *out, bt_import_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    out->status = st;
    vsnprintf(out->detail, sizeof out->detail, bt_i18n_tr(bt_i18n_language(BT_FOR_TECH), fmt), ap);
    va_end(ap);
}

/* ---- what is on the stick ------------------------------------------------ */

/* The entry of the folder at fd named want, ignoring ASCII case, into out:
 * FAT read through FUSE shows 8.3 names in upper case (BANGTIN). The exact
 * name wins; among others, the first found. false when there is none. */
static bool find_nocase(int fd, const char *want, char *out, size_t size)
{
    struct stat st;
    if (fstatat(fd, want, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return snprintf(out, size, "%s", want) < (int)size;
    int dup_fd = dup(fd);
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    bool found = false;
    if (!d) {
        if (dup_fd >= 0)
            close(dup_fd);
        return false;
    }
    rewinddir(d);
    struct dirent *e;
    for (int seen = 0; !found && seen < MAX_SCAN && (e = readdir(d)); seen++)
        found = strcasecmp(e->d_name, want) == 0 && snprintf(out, size, "%s", e->d_name) < (int)size;
    closedir(d);
    return found;
}

/* Opens root's bangtin folder (its name, in any case, into name) without
 * following a link; -1 when there is none. */
static int open_stick_dir(const char *root, char *name, size_t size)
{
    int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd = -1;
    if (rootfd < 0)
        return -1;
    if (find_nocase(rootfd, STICK_DIR, name, size))
        fd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    close(rootfd);
    return fd;
}

/* FNV-1a over n bytes, on from h. */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

/* FNV-1a over the eight bytes of x, low first. */
static uint64_t fnv_u64(uint64_t h, uint64_t x)
{
    for (int i = 0; i < 8; i++, x >>= 8)
        h = (h ^ (x & 0xff)) * 1099511628211ULL;
    return h;
}

/* What a file's stat says of its content: where it is, its size and time. */
static uint64_t stat_sig(uint64_t h, const struct stat *st)
{
    h = fnv_u64(h, (uint64_t)st->st_ino);
    h = fnv_u64(h, (uint64_t)st->st_size);
    h = fnv_u64(h, (uint64_t)st->st_mtim.tv_sec);
    return fnv_u64(h, (uint64_t)st->st_mtim.tv_nsec);
}

/* The signature of a folder read as a playlist: every entry's name and stat
 * but the files bangtin writes there itself (errors.txt, the reports), so
 * that writing them does not make the stick look new. */
static uint64_t folder_sig(int fd)
{
    uint64_t h = 14695981039346656037ULL;
    int d2 = dup(fd);
    DIR *d = d2 >= 0 ? fdopendir(d2) : NULL;
    if (!d) {
        if (d2 >= 0)
            close(d2);
        return h;
    }
    rewinddir(d);
    struct dirent *e;
    for (int seen = 0; seen < MAX_SCAN && (e = readdir(d)); seen++) {
        struct stat st;
        if (e->d_name[0] == '.' || strcasecmp(e->d_name, BT_IMPORT_ERRORS_FILE) == 0 ||
            strcasecmp(e->d_name, BT_IMPORT_REPORTS_DIR) == 0 ||
            fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        h = stat_sig(fnv(h, e->d_name, strlen(e->d_name) + 1), &st);
    }
    closedir(d);
    return h;
}

bool bt_import_is_stick(const char *dir, uint64_t *sig)
{
    char name[256], file[256];
    struct stat st;
    uint64_t h = 14695981039346656037ULL;
    int fd = open_stick_dir(dir, name, sizeof name);
    bool ok = fd >= 0;
    /* The playlist, when there is one, tells an edit; else the folder's
     * files; a link never counts as the playlist. */
    if (ok)
        h = (find_nocase(fd, PLAYLIST_FILE, file, sizeof file) ||
             find_nocase(fd, PLAYLIST_FILE ".txt", file, sizeof file)) &&
                    fstatat(fd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)
                ? stat_sig(fnv(h, file, strlen(file)), &st)
                : folder_sig(fd);
    if (fd >= 0)
        close(fd);
    /* No bangtin folder, but a playlist at the top: a clerk's stick, to be
     * told where the playlist goes. */
    if (!ok) {
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ok = fd >= 0 && find_nocase(fd, PLAYLIST_FILE, file, sizeof file) &&
             fstatat(fd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
        if (ok)
            h = stat_sig(fnv(h, "top", 3), &st);
        if (fd >= 0)
            close(fd);
    }
    if (ok && sig)
        *sig = h;
    return ok;
}

/* What the import knows about the stick while it works. */
typedef struct {
    const char *root;
    char dir[4096];      /* root/bangtin (the name in the case found) */
    char file[256];      /* playlist.yaml (the name in the case found) */
    char playlist[4096]; /* root/bangtin/playlist.yaml */
    int dirfd;           /* root/bangtin, opened without following a link */
    bool txt;            /* the playlist is playlist.yaml.txt (Windows hid its ending) */
    bool folder;         /* no playlist file: the folder itself is the playlist */
    char generated[64];  /* with folder: the playlist.yaml written for the copy (a temporary
                          * file), "" until written */
    bool has_key;        /* key_dev/key_ino are kiosk.key's */
    dev_t key_dev;
    ino_t key_ino;
} stick;

/* Whether a file is the stick's key file (a hard link, or the file itself),
 * which must never be read as a playlist or an asset. */
static bool is_key_file(const stick *k, const struct stat *st)
{
    return k->has_key && st->st_dev == k->key_dev && st->st_ino == k->key_ino;
}

/* Whether the stick still answers: a pulled stick's folder is gone (ENOENT)
 * or cannot be listed (EIO, ENOTCONN from FUSE). A fresh listing, because
 * FUSE caches what stat says. */
static bool stick_present(const stick *k)
{
    struct stat st;
    if (stat(k->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    int fd = openat(k->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    errno = 0;
    while (readdir(d))
        ;
    bool ok = errno == 0;
    closedir(d);
    return ok;
}

/* Copies the first errors into out->problems and counts them. */
static void keep_problems(const stick *k, const bt_diags *d, const bt_pair_key *key,
                          bt_import_result *out)
{
    out->n_errors = d->errors;
    for (int i = 0; i < d->count && out->n_problems < 3; i++)
        if (d->items[i].severity == BT_ERROR)
            bt_import_format_problem(k->dir, &d->items[i], key,
                                     out->problems[out->n_problems++],
                                     sizeof out->problems[0]);
}

/* Copies the first warnings into out->warnings. */
static void keep_warnings(const stick *k, const bt_diags *d, const bt_pair_key *key,
                          bt_import_result *out)
{
    for (int i = 0; i < d->count && out->n_warnings < 2; i++)
        if (d->items[i].severity == BT_WARNING)
            bt_import_format_problem(k->dir, &d->items[i], key,
                                     out->warnings[out->n_warnings++],
                                     sizeof out->warnings[0]);
}

/* Adds a problem that is not the loader's (the playlist file itself). */
static void own_problem(bt_diags *d, const stick *k, const char *fmt, const char *what)
{
    bt_diags_add(d, BT_ERROR, k->playlist, 0, 0, fmt, what);
}

/* ---- the plan of files to copy ------------------------------------------- */

typedef struct {
    char *rel;  /* as written in the playlist, without "." or empty components */
    char *src;  /* the file on the stick the loader resolved it to */
    off_t size; /* as the hash pass read it */
} entry;

typedef struct {
    entry *v;
    int n, cap;
} plan;

static void plan_free(plan *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->v[i].rel);
        free(p->v[i].src);
    }
    free(p->v);
    *p = (plan){0};
}

/* rel without empty and "." components ("a//./b" -> "a/b"); malloc'd. */
static char *clean_rel(const char *rel)
{
    char *out = malloc(strlen(rel) + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = rel; *p;) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0 && !(n == 1 && p[0] == '.')) {
            if (o > out)
                *o++ = '/';
            memcpy(o, p, n);
            o += n;
        }
        p += n + (end != NULL);
    }
    *o = '\0';
    return out;
}

/* Adds one asset (rel as written, src resolved; either may be NULL, then
 * nothing is added). false when out of memory. */
static bool plan_add(plan *p, const char *rel, const char *src)
{
    if (!rel || !src)
        return true;
    char *r = clean_rel(rel), *s = strdup(src);
    bool ok = r && s;
    if (ok && r[0] && p->n == p->cap) {
        int cap = p->cap ? 2 * p->cap : 16;
        entry *v = realloc(p->v, (size_t)cap * sizeof *v);
        ok = v != NULL;
        if (v) {
            p->v = v;
            p->cap = cap;
        }
    }
    if (!ok || !r[0]) { /* out of memory, or an empty name: nothing to copy */
        free(r);
        free(s);
        return ok;
    }
    p->v[p->n].rel = r;
    p->v[p->n].src = s;
    p->v[p->n].size = 0;
    p->n++;
    return true;
}

static int by_rel(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

/* The playlist file and every asset the playlist names, once each, sorted
 * by name: the order the hash is taken in. */
static bool plan_build(plan *p, const stick *k, const bt_playlist *pl)
{
    bool ok = plan_add(p, PLAYLIST_FILE, k->folder ? k->generated : k->playlist) &&
              plan_add(p, pl->theme.font, pl->theme.font_path) &&
              plan_add(p, pl->theme.font_bold, pl->theme.font_bold_path) &&
              plan_add(p, pl->theme.logo, pl->theme.logo_path);
    for (int i = 0; ok && i < pl->n_topics; i++)
        ok = plan_add(p, pl->topics[i].icon, pl->topics[i].icon_path);
    for (int i = 0; ok && i < pl->n_slides; i++)
        ok = plan_add(p, pl->slides[i].image, pl->slides[i].image_path) &&
             plan_add(p, pl->slides[i].pdf, pl->slides[i].pdf_path) &&
             plan_add(p, pl->slides[i].video, pl->slides[i].video_path);
    if (!ok || !p->v) /* the playlist file itself is always there */
        return false;
    qsort(p->v, (size_t)p->n, sizeof *p->v, by_rel);
    int w = 0;
    for (int i = 0; i < p->n; i++) {
        if (w > 0 && strcmp(p->v[w - 1].rel, p->v[i].rel) == 0) {
            free(p->v[i].rel);
            free(p->v[i].src);
        } else {
            p->v[w++] = p->v[i];
        }
    }
    p->n = w;
    return true;
}

/* ---- reading, hashing and copying ---------------------------------------- */

typedef enum {
    COPY_OK,
    COPY_READ,    /* the stick failed (pulled out?) */
    COPY_CHANGED, /* the file is not what the hash pass read */
    COPY_KEY,     /* the file is the stick's key file */
    COPY_WRITE,   /* the library failed (full?) */
} copy_status;

/* Makes the folders above rel below dirfd. */
static bool make_parents(int dirfd, const char *rel)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", rel) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return false;
    }
    for (char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdirat(dirfd, path, 0755) != 0 && errno != EEXIST)
            return false;
        *s = '/';
    }
    return true;
}

/* Reads e->src into the hash as (name, NUL, size as 8 bytes, bytes) and,
 * when dstfd >= 0, writes it to e->rel below dstfd and fsyncs it. The first
 * pass (dstfd < 0) records the size; the second checks it. */
/* Where the copy of the stick's clips stands, for opt->progress. */
typedef struct {
    const bt_import_options *opt;
    int n, total; /* the clip being copied (from 1), of how many; 0: not a clip */
    int percent;  /* last told */
} progress;

static void tell_progress(progress *pr, off_t done, off_t size)
{
    if (!pr || !pr->opt->progress || pr->n == 0)
        return;
    int pc = size > 0 ? (int)(done * 100 / size) : 100;
    if (pc == pr->percent)
        return;
    pr->percent = pc;
    pr->opt->progress(pr->opt->pctx, pr->n, pr->total, pc);
}

static copy_status copy_one(const stick *k, entry *e, int dstfd, bt_sha256 *h,
                            unsigned char *buf, progress *pr, char *err, size_t errsize)
{
    copy_status rc = COPY_READ;
    int in = open(e->src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), out = -1;
    struct stat st;
    off_t total = 0;
    if (in < 0 || fstat(in, &st) != 0) {
        snprintf(err, errsize, _("cannot open %s: %s"), e->rel, strerror(errno));
        goto error;
    }
    if (is_key_file(k, &st)) {
        rc = COPY_KEY;
        snprintf(err, errsize, _("%s is the stick's pairing key file"), e->rel);
        goto error;
    }
    if (!S_ISREG(st.st_mode) || (dstfd >= 0 && st.st_size != e->size)) {
        rc = COPY_CHANGED;
        snprintf(err, errsize, _("%s changed while it was read"), e->rel);
        goto error;
    }
    if (dstfd >= 0) {
        if (!make_parents(dstfd, e->rel) ||
            (out = openat(dstfd, e->rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          0644)) < 0) {
            rc = COPY_WRITE;
            snprintf(err, errsize, _("cannot write %s: %s"), e->rel, strerror(errno));
            goto error;
        }
    }
    unsigned char size8[8];
    for (int i = 0; i < 8; i++)
        size8[i] = (unsigned char)((uint64_t)st.st_size >> (8 * i));
    bt_sha256_update(h, e->rel, strlen(e->rel) + 1);
    bt_sha256_update(h, size8, sizeof size8);
    for (;;) {
        ssize_t n = read(in, buf, COPY_BUF);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errsize, _("cannot read %s: %s"), e->rel, strerror(errno));
            goto error;
        }
        if (n == 0)
            break;
        total += n;
        if (total > st.st_size) {
            rc = COPY_CHANGED;
            snprintf(err, errsize, _("%s grew while it was read"), e->rel);
            goto error;
        }
        bt_sha256_update(h, buf, (size_t)n);
        if (out >= 0 && !bt_write_all(out, buf, (size_t)n)) {
            rc = COPY_WRITE;
            snprintf(err, errsize, _("cannot write %s: %s"), e->rel, strerror(errno));
            goto error;
        }
        tell_progress(pr, total, st.st_size);
    }
    if (total != st.st_size) {
        rc = COPY_CHANGED;
        snprintf(err, errsize, _("%s shrank while it was read"), e->rel);
        goto error;
    }
    if (out >= 0 && fsync(out) != 0) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write %s: %s"), e->rel, strerror(errno));
        goto error;
    }
    e->size = st.st_size;
    rc = COPY_OK;
error:
    if (out >= 0 && close(out) != 0 && rc == COPY_OK) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write %s: %s"), e->rel, strerror(errno));
    }
    if (in >= 0)
        close(in);
    return rc;
}

/* The hash's first BT_STORE_HASH_HEX hex digits. */
static void hash_hex(bt_sha256 *h, char hex[BT_STORE_HASH_HEX + 1])
{
    unsigned char d[32];
    bt_sha256_final(h, d);
    bt_hex(d, BT_STORE_HASH_HEX / 2, hex);
}

/* Reads every file of the plan; the hash into hex. */
static copy_status hash_pass(const stick *k, plan *p, unsigned char *buf,
                             char hex[BT_STORE_HASH_HEX + 1], char *err, size_t errsize)
{
    bt_sha256 h;
    bt_sha256_init(&h);
    for (int i = 0; i < p->n; i++) {
        copy_status rc = copy_one(k, &p->v[i], -1, &h, buf, NULL, err, errsize);
        if (rc != COPY_OK)
            return rc;
    }
    hash_hex(&h, hex);
    return COPY_OK;
}

/* ---- the import into the library ----------------------------------------- */

/* Calls the test hook; true when there is none. */
static bool hook(const bt_import_options *opt, int index, const char *name)
{
    return !opt->before_copy || opt->before_copy(opt->ctx, index, name);
}

/* Whether the library's disk has room for the plan and a margin. */
static bool room_for(const bt_store *s, const plan *p, char *err, size_t errsize)
{
    struct statvfs vfs;
    if (fstatvfs(s->plfd, &vfs) != 0)
        return true; /* unknown: the copy itself will tell */
    unsigned long long need = SPACE_MARGIN, have = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
    for (int i = 0; i < p->n; i++)
        need += (unsigned long long)p->v[i].size + 4096;
    if (need <= have)
        return true;
    snprintf(err, errsize, _("the library's disk is full (%llu MB needed, %llu MB free)"),
             need >> 20, have >> 20);
    return false;
}

/* Switches `current` to name unless it already names it, then prunes. */
static bool make_current(const bt_store *s, const char *name, const bt_import_options *opt,
                         bool *switched, char *err, size_t errsize)
{
    char cur[BT_STORE_NAME_SIZE] = "";
    if (!bt_store_current(s, cur) || strcmp(cur, name) != 0) {
        if (!hook(opt, BT_IMPORT_HOOK_SWITCH, "switch")) {
            snprintf(err, errsize, _("cannot switch the current playlist (test hook)"));
            return false;
        }
        if (!bt_store_switch(s, name, err, errsize))
            return false;
        *switched = true;
    }
    if (hook(opt, BT_IMPORT_HOOK_PRUNE, "prune"))
        bt_store_prune(s, opt->keep > 0 ? opt->keep : BT_IMPORT_KEEP);
    return true;
}

/* Checks the import playlists/name as the player will play it: LOADED with
 * its playlist in out->pl when it has no error; else INVALID with the
 * problems in d (named as on the stick: the copy is the stick's bytes) and
 * out. */
static bt_import_status check_copy(const bt_store *s, const stick *k, const char *name,
                                   const bt_import_options *opt, bt_diags *d,
                                   bt_import_result *out, char *err, size_t errsize)
{
    char path[4096 + 64];
    snprintf(path, sizeof path, "%s/playlists/%s/" PLAYLIST_FILE, s->dir, name);
    int first = d->count;
    bt_playlist *pl = bt_playlist_load(path, opt->load, d);
    bt_diags_drop_repeats(d, first); /* what reading the stick said already */
    for (int i = first; i < d->count; i++) {
        char *stick_name = strcmp(d->items[i].file, path) == 0 ? strdup(k->playlist) : NULL;
        if (stick_name) {
            free(d->items[i].file);
            d->items[i].file = stick_name;
        }
    }
    if (!pl || d->errors > 0) {
        bt_playlist_free(pl);
        keep_problems(k, d, opt->key, out);
        if (out->n_errors == 0)
            out->n_errors = 1;
        snprintf(err, errsize, _("%d error(s) in %.400s"), out->n_errors, k->playlist);
        return BT_IMPORT_INVALID;
    }
    bt_playlist_free(out->pl);
    out->pl = pl;
    return BT_IMPORT_LOADED;
}

/* Copies the plan into a staging folder, renames it to its final name,
 * checks it there (check_copy) and makes it current. The status, with err
 * on failure. */
static bt_import_status copy_in(const bt_store *s, const stick *k, plan *p, const char *hex,
                                const bt_import_options *opt, unsigned char *buf,
                                char name[BT_STORE_NAME_SIZE], bt_diags *d, bt_import_result *out,
                                char *err, size_t errsize)
{
    bt_import_status st = BT_IMPORT_FAILED;
    char staging[64] = "";
    bool renamed = false;
    int fd = -1;
    if (!room_for(s, p, err, errsize) ||
        (fd = bt_store_staging(s, staging, sizeof staging, err, errsize)) < 0)
        goto error;
    bt_sha256 h;
    bt_sha256_init(&h);
    progress pr = {.opt = opt};
    for (int i = 0; i < p->n; i++)
        pr.total += bt_media_video_name(p->v[i].rel);
    int clip = 0;
    for (int i = 0; i < p->n; i++) {
        pr.n = bt_media_video_name(p->v[i].rel) ? ++clip : 0;
        pr.percent = -1;
        tell_progress(&pr, 0, 1);
        if (!hook(opt, i, p->v[i].rel)) {
            st = BT_IMPORT_ABORTED;
            snprintf(err, errsize, _("cannot read %s (test hook)"), p->v[i].rel);
            goto error;
        }
        copy_status rc = copy_one(k, &p->v[i], fd, &h, buf, &pr, err, errsize);
        if (rc != COPY_OK) {
            st = rc == COPY_WRITE ? BT_IMPORT_FAILED : BT_IMPORT_ABORTED;
            goto error;
        }
    }
    char again[BT_STORE_HASH_HEX + 1];
    hash_hex(&h, again);
    if (strcmp(again, hex) != 0) {
        st = BT_IMPORT_ABORTED;
        snprintf(err, errsize, _("the stick's files changed while they were read"));
        goto error;
    }
    if (!bt_store_fsync_tree(fd, err, errsize))
        goto error;
    if (!hook(opt, BT_IMPORT_HOOK_RENAME, "rename")) {
        snprintf(err, errsize, _("cannot rename the staging folder (test hook)"));
        goto error;
    }
    bt_store_new_name(s, hex, name);
    if (!bt_store_rename(s, staging, name, err, errsize))
        goto error;
    renamed = true;
    /* The copy is what will play: it is checked where it will play from,
     * as the player will check it, before it may become current. */
    st = check_copy(s, k, name, opt, d, out, err, errsize);
    if (st != BT_IMPORT_LOADED)
        goto error;
    bool switched = false;
    if (!make_current(s, name, opt, &switched, err, errsize))
        st = BT_IMPORT_FAILED;
error:
    if (fd >= 0)
        close(fd);
    if (st != BT_IMPORT_LOADED && staging[0])
        bt_store_remove(s, renamed ? name : staging);
    return st;
}

/* ---- the whole import ---------------------------------------------------- */

/* Opens root/bangtin without following a link and notes kiosk.key's inode. */
static bool stick_open(stick *k, const char *root)
{
    char name[256];
    *k = (stick){.root = root, .dirfd = open_stick_dir(root, name, sizeof name)};
    if (k->dirfd < 0)
        return false;
    /* playlist.yaml, else playlist.yaml.txt (Notepad with the endings
     * hidden), else none: the folder's pictures, PDFs and videos play. */
    if (!find_nocase(k->dirfd, PLAYLIST_FILE, k->file, sizeof k->file)) {
        k->txt = find_nocase(k->dirfd, PLAYLIST_FILE ".txt", k->file, sizeof k->file);
        k->folder = !k->txt;
        if (k->folder)
            snprintf(k->file, sizeof k->file, PLAYLIST_FILE);
    }
    if (snprintf(k->dir, sizeof k->dir, "%s/%s", root, name) >= (int)sizeof k->dir ||
        snprintf(k->playlist, sizeof k->playlist, "%s/%s", k->dir, k->file) >=
            (int)sizeof k->playlist)
        return false;
    struct stat st;
    if (fstatat(k->dirfd, BT_PAIRING_STICK_KEY, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        k->has_key = true;
        k->key_dev = st.st_dev;
        k->key_ino = st.st_ino;
    }
    return true;
}

/* Whether the stick holds a playlist at its top, beside the bangtin folder
 * rather than in it (a name looked at, nothing read). */
static bool top_playlist(const char *root)
{
    int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char name[256];
    bool found = fd >= 0 && (find_nocase(fd, PLAYLIST_FILE, name, sizeof name) ||
                             find_nocase(fd, PLAYLIST_FILE ".txt", name, sizeof name));
    if (fd >= 0)
        close(fd);
    return found;
}

/* Checks the stick's playlist (or its folder, as a playlist); the playlist
 * when it has no error, else NULL with out->problems filled and the full
 * list left in d. */
static bt_playlist *validate(const stick *k, const bt_import_options *opt, bt_diags *d,
                             bt_import_result *out)
{
    struct stat st;
    bt_playlist *pl = NULL;
    /* A link could lead the loader to any file of the kiosk, whose text
     * would then be quoted on screen and on the stick. */
    if (k->folder && top_playlist(k->root)) {
        own_problem(d, k, "%s", _(TOP_PLAYLIST_WORDS)); /* what the clerk meant to play */
    } else if (k->folder) {
        pl = bt_playlist_load_folder(k->dir, NULL, d); /* says so when it holds nothing */
    } else if (fstatat(k->dirfd, k->file, &st, AT_SYMLINK_NOFOLLOW) != 0)
        own_problem(d, k, "%s was not found in the stick's bangtin folder", PLAYLIST_FILE);
    else if (!S_ISREG(st.st_mode))
        own_problem(d, k, "%s must be a file, not a link or a folder", PLAYLIST_FILE);
    else if (is_key_file(k, &st))
        own_problem(d, k, "%s must be a playlist, not the pairing key", PLAYLIST_FILE);
    else
        pl = bt_playlist_load(k->playlist, NULL, d); /* the copy gets the deep check */
    if (pl && k->txt)
        bt_diags_add(d, BT_WARNING, k->playlist, 0, 0,
                     "the playlist is named %s (Windows hides the ending .txt): it was used; "
                     "rename it %s", k->file, PLAYLIST_FILE);
    if (pl) {
        out->slides = pl->n_slides;
        out->tips = pl->n_tips;
        out->topics = pl->n_topics;
    }
    if (!pl || d->errors > 0) {
        keep_problems(k, d, opt->key, out);
        if (out->n_errors == 0) /* unusable without an error: no slides */
            out->n_errors = 1;
        bt_playlist_free(pl);
        return NULL;
    }
    return pl;
}

/* For a folder read as a playlist, the playlist.yaml its copy gets: the
 * same reading of the same files, named after the stick, in a temporary
 * file that the plan copies like any other (stick_close removes it). */
static bool write_folder_playlist(stick *k)
{
    const char *base = strrchr(k->root, '/');
    base = base && base[1] ? base + 1 : k->root;
    char text[1024], name[256];
    size_t n = 0;
    for (const char *c = base; *c && n + 2 < sizeof name; c++) {
        if (*c == '"' || *c == '\\')
            name[n++] = '\\';
        name[n++] = (unsigned char)*c < 0x20 ? ' ' : *c;
    }
    name[n] = '\0';
    int len = snprintf(text, sizeof text,
                       "# Written by bangtin for a USB stick whose bangtin folder held no\n"
                       "# playlist: every picture, PDF page and video in it, in name order.\n"
                       "version: 1\nname: \"%s\"\nslides:\n  - {folder: ., layout: full}\n",
                       name);
    const char *tmp = getenv("TMPDIR");
    snprintf(k->generated, sizeof k->generated, "%s/bangtin-folder-XXXXXX",
             tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
    int fd = mkstemp(k->generated);
    if (fd < 0) {
        k->generated[0] = '\0';
        return false;
    }
    bool ok = len > 0 && (size_t)len < sizeof text && bt_write_all(fd, text, (size_t)len);
    close(fd);
    return ok;
}

/* Imports a valid playlist into the library: the status and detail in out. */
static void import_valid(const stick *k, const bt_playlist *pl, const bt_import_options *opt,
                         bt_diags *d, bt_import_result *out)
{
    char err[512] = "", hex[BT_STORE_HASH_HEX + 1] = "", name[BT_STORE_NAME_SIZE] = "";
    bt_store s;
    plan p = {0};
    unsigned char *buf = malloc(COPY_BUF);
    if (k->folder && !write_folder_playlist((stick *)k)) {
        finish(out, BT_IMPORT_FAILED, "import from %s failed: cannot write its playlist: %s",
               k->root, strerror(errno));
        goto done;
    }
    if (!buf || !plan_build(&p, k, pl)) {
        finish(out, BT_IMPORT_FAILED, "import from %s failed: out of memory", k->root);
        goto done;
    }
    if (!bt_store_open(&s, opt->library, BT_STORE_WAIT, NULL, err, sizeof err)) {
        out->read_only = errno == EROFS || errno == EACCES || errno == EPERM;
        finish(out, BT_IMPORT_FAILED, "import from %s failed: %s", k->root, err);
        goto done;
    }
    bt_store_clean(&s); /* what an import of this run cut short left */
    copy_status rc = hash_pass(k, &p, buf, hex, err, sizeof err);
    bt_import_status st = BT_IMPORT_ALREADY;
    if (rc == COPY_KEY) {
        st = BT_IMPORT_INVALID;
        bt_diags_add(d, BT_ERROR, k->playlist, 0, 0, "%s: it cannot be used", err);
        keep_problems(k, d, opt->key, out);
    } else if (rc != COPY_OK) {
        st = BT_IMPORT_ABORTED;
    } else if (bt_store_find_hash(&s, hex, name)) {
        st = check_copy(&s, k, name, opt, d, out, err, sizeof err);
        if (st == BT_IMPORT_LOADED)
            st = make_current(&s, name, opt, &out->switched, err, sizeof err) ? BT_IMPORT_ALREADY
                                                                               : BT_IMPORT_FAILED;
    } else {
        st = copy_in(&s, k, &p, hex, opt, buf, name, d, out, err, sizeof err);
    }
    if (st != BT_IMPORT_LOADED && st != BT_IMPORT_ALREADY) {
        bt_playlist_free(out->pl);
        out->pl = NULL;
    }
    if (st == BT_IMPORT_LOADED)
        out->switched = true;
    if (st == BT_IMPORT_LOADED || st == BT_IMPORT_ALREADY) {
        snprintf(out->current, sizeof out->current, "%s/current/" PLAYLIST_FILE, opt->library);
        finish(out, st, "%s \"%s\" from %s: %d slides, %d tips, %d topics (playlists/%s)",
               st == BT_IMPORT_LOADED ? "loaded" : "already loaded", pl->name, k->root,
               out->slides, out->tips, out->topics, name);
    } else if (st == BT_IMPORT_ABORTED && !stick_present(k)) {
        finish(out, st, "import from %s aborted: the stick was removed (%s)", k->root, err);
    } else if (st == BT_IMPORT_INVALID) {
        finish(out, st, "not loaded from %s: %s", k->root, err);
    } else {
        finish(out, st, "import from %s %s: %s", k->root,
               st == BT_IMPORT_FAILED ? "failed" : st == BT_IMPORT_ABORTED ? "aborted" : "refused",
               err);
    }
    bt_store_close(&s);
done:
    plan_free(&p);
    free(buf);
}

void bt_import_stick(const char *stick_root, const bt_import_options *opt, bt_import_result *out)
{
    *out = (bt_import_result){.status = BT_IMPORT_FAILED};
    /* What it finds goes on the screen and the stick: the office's words
     * (the one line for the log is the technician's: finish()). */
    bt_audience was = bt_i18n_speak(BT_FOR_PEOPLE);
    stick k = {.dirfd = -1};
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = NULL;

    /* Pairing first: a refused stick is read no further, and receives nothing. */
    bt_stick_auth auth = bt_pairing_check_stick(stick_root, opt->key);
    if (auth == BT_STICK_UNREADABLE) {
        finish(out, BT_IMPORT_ABORTED, "the stick at %s cannot be read: %s", stick_root,
               bt_stick_auth_words(auth));
        goto done;
    }
    if (auth != BT_STICK_PAIRED && !(auth == BT_STICK_NO_KEY && opt->unpaired_ok)) {
        finish(out, BT_IMPORT_UNAUTHORISED, "refused the stick at %s: %s", stick_root,
               bt_stick_auth_words(auth));
        /* Its names only, nothing read: where a playlist beside the
         * bangtin folder goes is worth saying. */
        if (top_playlist(stick_root)) {
            snprintf(out->problems[0], sizeof out->problems[0], "%s", _(TOP_PLAYLIST_WORDS));
            out->n_problems = 1;
        }
        goto done;
    }
    if (auth == BT_STICK_NO_KEY)
        bt_log(BT_LOG_WARNING, "import: the stick at %s is not paired; accepted (--unpaired-ok)",
               stick_root);
    if (!stick_open(&k, stick_root)) {
        finish(out, BT_IMPORT_INVALID, "the stick at %s has no usable %s folder", stick_root,
               STICK_DIR);
        snprintf(out->problems[0], sizeof out->problems[0], "%s",
                 top_playlist(stick_root)
                     ? _(TOP_PLAYLIST_WORDS)
                     : _("bangtin/playlist.yaml was not found: put the pictures, PDF files and videos "
                         "to show in the bangtin folder"));
        out->n_problems = out->n_errors = 1;
        goto done;
    }

    if (!(pl = validate(&k, opt, &d, out))) {
        if (!stick_present(&k)) {
            finish(out, BT_IMPORT_ABORTED, "the stick at %s was removed while it was checked",
                   stick_root);
            goto done;
        }
        finish(out, BT_IMPORT_INVALID, "not loaded from %s: %d error(s) in %s", stick_root,
               out->n_errors, k.playlist);
        out->errors_written = bt_import_write_errors(k.dirfd, k.dir, &d, opt->key);
    } else {
        import_valid(&k, pl, opt, &d, out);
        if (out->status == BT_IMPORT_INVALID)
            out->errors_written = bt_import_write_errors(k.dirfd, k.dir, &d, opt->key);
        else if ((out->status == BT_IMPORT_LOADED || out->status == BT_IMPORT_ALREADY) &&
                 d.warnings > 0) {
            /* Loaded, but what it let pass is said on the stick too. */
            keep_warnings(&k, &d, opt->key, out);
            out->errors_written = bt_import_write_errors(k.dirfd, k.dir, &d, opt->key);
        } else if (out->status == BT_IMPORT_LOADED || out->status == BT_IMPORT_ALREADY) {
            bt_import_remove_errors(k.dirfd);
        }
    }
    /* The report goes to the office's stick even when its playlist was
     * refused: collecting it may be why the stick was plugged. */
    if (out->status != BT_IMPORT_ABORTED)
        out->report_written = bt_import_write_report(k.dirfd, opt->library, opt->kiosk_name,
                                                     pl ? pl->theme.header : NULL);
done:
    /* Also on a refused stick: nothing was written, so it is safe to remove. */
    out->stick_synced = k.dirfd < 0 || syncfs(k.dirfd) == 0;
    if (k.dirfd >= 0)
        close(k.dirfd);
    if (k.generated[0])
        unlink(k.generated);
    bt_i18n_speak(was);
    bt_log(out->status == BT_IMPORT_LOADED || out->status == BT_IMPORT_ALREADY ? BT_LOG_INFO
                                                                               : BT_LOG_WARNING,
           "import: %s", out->detail);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* Adds LIBRARY/rel/playlist.yaml to the state's list. */
static void add_playlist(bt_library_state *st, const char *library, const char *rel)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s/" PLAYLIST_FILE, library, rel) >= (int)sizeof path)
        return;
    char **v = realloc(st->playlists, (size_t)(st->n + 1) * sizeof *v);
    if (!v)
        return;
    st->playlists = v;
    if ((v[st->n] = strdup(path)))
        st->n++;
}

void bt_import_startup(const char *library, bt_library_state *out)
{
    *out = (bt_library_state){0};
    bt_store s;
    bool locked = false;
    char err[512] = "", current[BT_STORE_NAME_SIZE];
    if (!bt_store_open(&s, library, BT_STORE_TRY, &locked, err, sizeof err)) {
        /* A card with errors is remounted read-only: what it holds still
         * plays. */
        int e = errno;
        if ((e != EROFS && e != EACCES && e != EPERM) ||
            !bt_store_open(&s, library, BT_STORE_READ, NULL, err, sizeof err)) {
            bt_log(BT_LOG_WARNING, "import: %s", err);
            bt_store_close(&s);
            return;
        }
        out->read_only = true;
        bt_log(BT_LOG_WARNING, "the library %s cannot be written (%s): it is played as it is, "
               "and no stick is imported until it can be written", library, strerror(e));
    }
    /* Without the lock an import is running (another process): its staging
     * folder is not a leftover. */
    if (locked)
        bt_store_clean(&s);
    if (bt_store_current(&s, current)) {
        add_playlist(out, library, "current");
        char names[16][BT_STORE_NAME_SIZE];
        int n = bt_store_list(&s, names, 16);
        for (int i = 0; i < n; i++)
            if (strcmp(names[i], current) != 0) {
                char rel[BT_STORE_NAME_SIZE + 16];
                snprintf(rel, sizeof rel, "playlists/%.*s", BT_STORE_NAME_LEN, names[i]);
                add_playlist(out, library, rel);
            }
    }
    bt_store_close(&s);
}

void bt_library_state_free(bt_library_state *st)
{
    for (int i = 0; i < st->n; i++)
        free(st->playlists[i]);
    free(st->playlists);
    *st = (bt_library_state){0};
}
