/* manifest_dir.c: campaign folders and their manifests (see manifest_dir.h).
 *
 * Contents: the walk - opening a listed file - hashing - writing a
 * manifest - checking a folder. */
#include "manifest_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "crypto.h"
#include "fileio.h"
#include "minisign.h"
#include "sha256.h"

#define HASH_BUF (64 * 1024)

const char *bt_file_status_words(bt_file_status st)
{
    switch (st) {
    case BT_FILE_UNCHECKED:
        return "was not checked";
    case BT_FILE_OK:
        return "is as listed";
    case BT_FILE_MISSING:
        return "is missing";
    case BT_FILE_SIZE_DIFFERS:
        return "is not of the listed size (still being copied?)";
    case BT_FILE_HASH_DIFFERS:
        return "does not hold the listed bytes (changed after signing)";
    case BT_FILE_NOT_REGULAR:
        return "is not a plain file (a link, a folder or a device)";
    case BT_FILE_UNREADABLE:
        return "cannot be read";
    case BT_FILE_STATUS_COUNT:
        break;
    }
    return "cannot be checked";
}

/* A relative name made safe for a message: control bytes as '?'. */
static void printable_copy(char *dst, size_t size, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < size; i++)
        dst[i] = ((unsigned char)src[i] < 0x20 || src[i] == 0x7f) ? '?' : src[i];
    dst[i] = '\0';
}

/* ---- The walk ------------------------------------------------------------ */

typedef enum { VISIT_GO, VISIT_STOP } visit_result;

typedef struct walker walker;
struct walker {
    /* What the walker calls for each name that is not a folder (and, for
     * the writer, folders too deep to enter). */
    visit_result (*visit)(walker *w, const char *rel, const struct stat *sb);
    void (*sync_temp)(walker *w, const char *rel);
    int max_depth;   /* folders below the top that may be entered */
    bool strict;     /* the writer: what cannot be looked at stops the walk */
    int entries;     /* names looked at so far */
    bool incomplete; /* something was not looked at */
    bool failed;     /* stopped: err says why */
    char err[768];
};

/* Something below could not be looked at: noted, and for the writer, the
 * end of the walk with the reason. */
static void trouble(walker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void trouble(walker *w, const char *fmt, ...)
{
    w->incomplete = true;
    if (!w->strict || w->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, sizeof w->err, fmt, ap);
    va_end(ap);
    w->failed = true;
}

static bool is_sync_temp(const char *name)
{
    size_t n = strlen(name);
    bool tmp = n > 4 && strcmp(name + n - 4, ".tmp") == 0;
    return tmp && (strncmp(name, ".syncthing.", 11) == 0 || strncmp(name, "~syncthing~", 11) == 0);
}

/* Walks the folder open at dfd (taken: closed here), whose relative path
 * is rel (rellen bytes, "" at the top); depth 0 at the top. */
static void walk(walker *w, int dfd, char *rel, size_t rellen, size_t relsize, int depth)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        trouble(w, "%s: cannot be read: %s", rellen ? rel : ".", strerror(errno));
        return;
    }
    struct dirent *de;
    while (!w->failed && (de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (++w->entries > BT_MAX_CAMPAIGN_ENTRIES) {
            trouble(w, "the folder holds more than %d names: not a campaign",
                    BT_MAX_CAMPAIGN_ENTRIES);
            w->failed = true; /* the checker stops too: enough was seen */
            break;
        }
        size_t nlen = strlen(name);
        if (rellen + nlen + 2 > relsize) {
            trouble(w, "%s/%.40s...: the path is too long", rellen ? rel : ".", name);
            continue;
        }
        size_t at = rellen;
        if (rellen)
            rel[at++] = '/';
        memcpy(rel + at, name, nlen + 1);
        if (is_sync_temp(name)) {
            if (w->sync_temp)
                w->sync_temp(w, rel);
        } else if (name[0] == '.' ||
                   (depth == 0 && (strcmp(name, BT_MANIFEST_FILE) == 0 ||
                                   strcmp(name, BT_MANIFEST_SIG) == 0))) {
            /* hidden, the sync tools' own, or the manifest and its signature */
        } else {
            struct stat sb;
            if (fstatat(dirfd(d), name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT) /* gone since readdir: nothing to see */
                    trouble(w, "%s: cannot be read: %s", rel, strerror(errno));
            } else if (S_ISDIR(sb.st_mode) && depth + 1 < w->max_depth) {
                int sub = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0)
                    walk(w, sub, rel, at + nlen, relsize, depth + 1);
                else if (errno != ENOENT)
                    trouble(w, "%s: cannot be read: %s", rel, strerror(errno));
            } else if (w->visit(w, rel, &sb) == VISIT_STOP) {
                w->failed = true;
            }
        }
        rel[rellen] = '\0';
    }
    closedir(d);
}

/* ---- Opening a listed file ----------------------------------------------- */

/* Opens the file at the relative path rel below the folder at root, one
 * component at a time, never through a symlink, and only when it is a
 * regular file (checked before opening: a device is never opened). The
 * descriptor, or -1 with *st saying why; *sb is the file's stat. */
int bt_manifest_open_listed(int root, const char *rel, struct stat *sb, bt_file_status *st)
{
    char part[BT_MAX_MANIFEST_PATH_BYTES + 1];
    size_t n = strlen(rel);
    if (n >= sizeof part) {
        *st = BT_FILE_MISSING;
        return -1;
    }
    memcpy(part, rel, n + 1);
    int fd = root;
    char *c = part;
    for (char *slash; (slash = strchr(c, '/')) != NULL; c = slash + 1) {
        *slash = '\0';
        int next = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int e = errno;
        if (next < 0) {
            struct stat lsb;
            *st = (e == ELOOP || e == ENOTDIR) && fstatat(fd, c, &lsb, AT_SYMLINK_NOFOLLOW) == 0 &&
                          S_ISLNK(lsb.st_mode)
                      ? BT_FILE_NOT_REGULAR
                  : e == ENOENT || e == ENOTDIR ? BT_FILE_MISSING
                                                : BT_FILE_UNREADABLE;
        }
        if (fd != root)
            close(fd);
        if (next < 0)
            return -1;
        fd = next;
    }
    int out = -1;
    if (fstatat(fd, c, sb, AT_SYMLINK_NOFOLLOW) != 0) {
        *st = errno == ENOENT || errno == ENOTDIR ? BT_FILE_MISSING : BT_FILE_UNREADABLE;
    } else if (!S_ISREG(sb->st_mode)) {
        *st = BT_FILE_NOT_REGULAR;
    } else {
        out = openat(fd, c, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        struct stat again;
        if (out < 0) {
            *st = errno == ENOENT ? BT_FILE_MISSING
                  : errno == ELOOP ? BT_FILE_NOT_REGULAR
                                   : BT_FILE_UNREADABLE;
        } else if (fstat(out, &again) != 0 || again.st_ino != sb->st_ino ||
                   again.st_dev != sb->st_dev || !S_ISREG(again.st_mode)) {
            /* replaced between the two looks */
            close(out);
            out = -1;
            *st = BT_FILE_MISSING;
        } else {
            *sb = again;
        }
    }
    if (fd != root)
        close(fd);
    return out;
}

/* ---- Hashing ------------------------------------------------------------- */

/* SHA-256 of what fd holds into out; *len the bytes read. false on a read
 * error (errno). */
static bool hash_fd(int fd, unsigned char *buf, unsigned char out[32], unsigned long long *len)
{
    bt_sha256 h;
    bt_sha256_init(&h);
    *len = 0;
    for (;;) {
        ssize_t r = read(fd, buf, HASH_BUF);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return false;
        if (r == 0)
            break;
        bt_sha256_update(&h, buf, (size_t)r);
        *len += (unsigned long long)r;
    }
    bt_sha256_final(&h, out);
    return true;
}

/* ---- Writing a manifest -------------------------------------------------- */

typedef struct {
    walker w;
    bt_manifest m; /* the entries found (sha256 filled later) */
    int cap;
} writer;

static visit_result write_visit(walker *w, const char *rel, const struct stat *sb)
{
    writer *wr = (writer *)w;
    char shown[300];
    printable_copy(shown, sizeof shown, rel);
    if (S_ISDIR(sb->st_mode)) {
        snprintf(w->err, sizeof w->err, "%s: more than %d folders deep", shown,
                 BT_MAX_MANIFEST_DEPTH);
        return VISIT_STOP;
    }
    if (S_ISLNK(sb->st_mode)) {
        snprintf(w->err, sizeof w->err,
                 "%s is a symbolic link: a campaign holds only plain files (copy the file itself "
                 "in)",
                 shown);
        return VISIT_STOP;
    }
    if (!S_ISREG(sb->st_mode)) {
        snprintf(w->err, sizeof w->err, "%s is not a plain file (a device or a pipe)", shown);
        return VISIT_STOP;
    }
    char why[256];
    if (!bt_manifest_path_ok(rel, why, sizeof why)) {
        snprintf(w->err, sizeof w->err, "the name \"%s\" %s", shown, why);
        return VISIT_STOP;
    }
    bt_manifest *m = &wr->m;
    if (m->n_files == BT_MAX_MANIFEST_FILES) {
        snprintf(w->err, sizeof w->err, "more than %d files: a campaign holds at most %d",
                 BT_MAX_MANIFEST_FILES, BT_MAX_MANIFEST_FILES);
        return VISIT_STOP;
    }
    unsigned long long size = (unsigned long long)sb->st_size;
    if (size > BT_MAX_CAMPAIGN_BYTES - m->total_bytes) {
        snprintf(w->err, sizeof w->err, "the files add up to more than %llu GiB, more than a kiosk "
                                        "takes",
                 (unsigned long long)(BT_MAX_CAMPAIGN_BYTES >> 30));
        return VISIT_STOP;
    }
    if (m->n_files == wr->cap) {
        int ncap = wr->cap ? wr->cap * 2 : 64;
        bt_manifest_entry *f = realloc(m->files, (size_t)ncap * sizeof *f);
        if (!f) {
            snprintf(w->err, sizeof w->err, "out of memory");
            return VISIT_STOP;
        }
        m->files = f;
        wr->cap = ncap;
    }
    bt_manifest_entry *e = &m->files[m->n_files];
    memset(e, 0, sizeof *e);
    e->path = strdup(rel);
    if (!e->path) {
        snprintf(w->err, sizeof w->err, "out of memory");
        return VISIT_STOP;
    }
    e->size = size;
    m->n_files++;
    m->total_bytes += size;
    return VISIT_GO;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(((const bt_manifest_entry *)a)->path, ((const bt_manifest_entry *)b)->path);
}

/* The version of the manifest already in the folder, or 0 when there is
 * none; -1 with err when there is one that cannot be read. */
static long long old_version(int root, const char *dir, char *err, size_t errsize)
{
    size_t len;
    bt_read_status st;
    char *text = bt_fileio_read_at(root, BT_MANIFEST_FILE, BT_MAX_MANIFEST_BYTES, true, &len, &st);
    if (!text) {
        if (st == BT_READ_MISSING)
            return 0;
        snprintf(err, errsize, _("%s/%s %s: remove it to start again at version 1"), dir,
                 BT_MANIFEST_FILE, bt_fileio_status_words(st));
        return -1;
    }
    bt_manifest old;
    char why[768];
    bool ok = bt_manifest_parse(text, len, BT_MANIFEST_FILE, &old, NULL, why, sizeof why);
    free(text);
    if (!ok) {
        snprintf(err, errsize,
                 _("the manifest already in %s cannot be read, so its version is not known (%s): "
                 "fix it, or remove it to start again at version 1"),
                 dir, why);
        return -1;
    }
    long long v = old.version;
    bt_manifest_free(&old);
    if (v >= BT_MAX_MANIFEST_VERSION) {
        snprintf(err, errsize, _("%s/%s: the version cannot grow past %lld"), dir, BT_MANIFEST_FILE,
                 v);
        return -1;
    }
    return v;
}

/* Hashes every entry of m below root into its sha256, checking that each
 * is still the file the walk saw. */
static bool hash_entries(int root, bt_manifest *m, const char *dir, char *err, size_t errsize)
{
    unsigned char *buf = malloc(HASH_BUF);
    if (!buf) {
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    bool ok = true;
    for (int i = 0; ok && i < m->n_files; i++) {
        bt_manifest_entry *e = &m->files[i];
        struct stat sb;
        bt_file_status st;
        int fd = bt_manifest_open_listed(root, e->path, &sb, &st);
        if (fd < 0) {
            snprintf(err, errsize, "%s/%s %s", dir, e->path, bt_file_status_words(st));
            ok = false;
            break;
        }
        unsigned long long got;
        if (!hash_fd(fd, buf, e->sha256, &got)) {
            snprintf(err, errsize, _("%s/%s cannot be read: %s"), dir, e->path, strerror(errno));
            ok = false;
        } else if (got != e->size || (unsigned long long)sb.st_size != e->size) {
            snprintf(err, errsize,
                     _("%s/%s changed while the manifest was being made: make it again when the "
                     "folder is complete"),
                     dir, e->path);
            ok = false;
        } else if (e->size <= BT_MAX_MINISIGN_FILE_BYTES &&
                   pread(fd, buf, (size_t)e->size, 0) == (ssize_t)e->size && bt_crypto_init() &&
                   bt_minisign_looks_secret((const char *)buf, (size_t)e->size)) {
            /* The Department's secret key, published to every kiosk, would
             * let anyone sign anything: never. */
            snprintf(err, errsize,
                     _("%s/%s is a minisign secret key: it must never be published with a "
                     "campaign; keep it outside the folder"),
                     dir, e->path);
            ok = false;
        }
        close(fd);
    }
    free(buf);
    return ok;
}

bool bt_manifest_write_dir(const char *dir, time_t now, bt_manifest_written *out, char *err,
                           size_t errsize)
{
    memset(out, 0, sizeof *out);
    int root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        snprintf(err, errsize, _("%s: cannot open the folder: %s"), dir, strerror(errno));
        return false;
    }
    long long version = old_version(root, dir, err, errsize);
    if (version < 0) {
        close(root);
        return false;
    }
    writer wr = {0};
    wr.w.visit = write_visit;
    wr.w.max_depth = BT_MAX_MANIFEST_DEPTH;
    wr.w.strict = true;
    char rel[BT_MAX_MANIFEST_PATH_BYTES + BT_MAX_MANIFEST_NAME_BYTES + 8] = "";
    int walkfd = dup(root);
    if (walkfd < 0) {
        snprintf(err, errsize, "%s: %s", dir, strerror(errno));
        close(root);
        return false;
    }
    walk(&wr.w, walkfd, rel, 0, sizeof rel, 0);
    bool ok = !wr.w.failed;
    if (!ok)
        snprintf(err, errsize, "%s: %s", dir, wr.w.err);
    bt_manifest *m = &wr.m;
    if (ok) {
        if (m->n_files > 1)
            qsort(m->files, (size_t)m->n_files, sizeof *m->files, cmp_path);
        ok = hash_entries(root, m, dir, err, errsize);
    }
    char *text = NULL;
    size_t len = 0;
    if (ok) {
        m->version = version + 1;
        m->issued = now;
        struct tm tm;
        if (!gmtime_r(&now, &tm) ||
            strftime(m->issued_text, sizeof m->issued_text, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20) {
            snprintf(err, errsize, _("the clock's time cannot be written as a date"));
            ok = false;
        }
    }
    if (ok) {
        text = bt_manifest_format(m, &len);
        if (!text) {
            snprintf(err, errsize, _("out of memory"));
            ok = false;
        }
    }
    /* What a kiosk will read must parse: this also refuses two names that
     * differ only in case or accent form, which only the whole list shows. */
    if (ok) {
        bt_manifest back;
        char why[768];
        ok = bt_manifest_parse(text, len, BT_MANIFEST_FILE, &back, NULL, why, sizeof why);
        if (!ok)
            snprintf(err, errsize, _("%s: no manifest was written: %s"), dir, why);
        bt_manifest_free(&back);
    }
    if (ok) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, BT_MANIFEST_FILE);
        ok = bt_fileio_write_atomic(path, text, len, 0644, err, errsize);
    }
    if (ok) {
        out->version = m->version;
        out->n_files = m->n_files;
        out->total_bytes = m->total_bytes;
        out->removed_old_signature = unlinkat(root, BT_MANIFEST_SIG, 0) == 0;
    }
    free(text);
    bt_manifest_free(m);
    close(root);
    return ok;
}

/* ---- Checking a folder --------------------------------------------------- */

typedef struct {
    walker w;
    bt_manifest_check *out;
    const char **listed; /* m's paths, sorted */
    int n_listed;
} checker;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static visit_result check_visit(walker *w, const char *rel, const struct stat *sb)
{
    checker *ck = (checker *)w;
    (void)sb;
    if (bsearch(&rel, ck->listed, (size_t)ck->n_listed, sizeof *ck->listed, cmp_str))
        return VISIT_GO;
    bt_manifest_check *c = ck->out;
    if (c->n_unlisted < BT_MANIFEST_UNLISTED_KEPT)
        printable_copy(c->unlisted[c->n_unlisted], sizeof c->unlisted[0], rel);
    c->n_unlisted++;
    return VISIT_GO;
}

static void check_sync_temp(walker *w, const char *rel)
{
    bt_manifest_check *c = ((checker *)w)->out;
    if (!c->sync_temp)
        printable_copy(c->sync_temp_name, sizeof c->sync_temp_name, rel);
    c->sync_temp = true;
}

static void set_status(bt_manifest_check *c, int i, bt_file_status st)
{
    c->count[c->status[i]]--;
    c->status[i] = st;
    c->count[st]++;
}

/* The first problem, for the log. */
static void note(bt_manifest_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(bt_manifest_check *c, const char *fmt, ...)
{
    if (c->detail[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->detail, sizeof c->detail, fmt, ap);
    va_end(ap);
}

/* Presence, kind and size of every listed file. */
static void check_sizes(int root, const bt_manifest *m, bt_manifest_check *c)
{
    for (int i = 0; i < m->n_files; i++) {
        const bt_manifest_entry *e = &m->files[i];
        struct stat sb;
        bt_file_status st;
        int fd = bt_manifest_open_listed(root, e->path, &sb, &st);
        if (fd >= 0) {
            close(fd);
            if ((unsigned long long)sb.st_size == e->size)
                continue; /* UNCHECKED until hashed */
            st = BT_FILE_SIZE_DIFFERS;
        }
        set_status(c, i, st);
        note(c, "%s (%s line %d) %s", e->path, BT_MANIFEST_FILE, e->line, bt_file_status_words(st));
    }
}

/* The SHA-256 of every listed file, when all are there and of their size. */
static void check_hashes(int root, const bt_manifest *m, bt_manifest_progress progress, void *ctx,
                         bt_manifest_check *c)
{
    unsigned char *buf = malloc(HASH_BUF);
    if (!buf) {
        note(c, "out of memory");
        return;
    }
    for (int i = 0; i < m->n_files; i++) {
        if (progress && !progress(ctx, i, m->n_files)) {
            c->stopped = true;
            break;
        }
        const bt_manifest_entry *e = &m->files[i];
        struct stat sb;
        bt_file_status st;
        int fd = bt_manifest_open_listed(root, e->path, &sb, &st);
        if (fd >= 0) {
            unsigned char h[32];
            unsigned long long got;
            if (!hash_fd(fd, buf, h, &got))
                st = BT_FILE_UNREADABLE;
            else if (got != e->size)
                st = BT_FILE_SIZE_DIFFERS;
            else
                st = memcmp(h, e->sha256, 32) == 0 ? BT_FILE_OK : BT_FILE_HASH_DIFFERS;
            close(fd);
        }
        set_status(c, i, st);
        if (st != BT_FILE_OK)
            note(c, "%s (%s line %d) %s", e->path, BT_MANIFEST_FILE, e->line,
                 bt_file_status_words(st));
    }
    free(buf);
}

bool bt_manifest_check_dir(const char *dir, const bt_manifest *m, bt_manifest_progress progress,
                           void *ctx, bt_manifest_check *out)
{
    memset(out, 0, sizeof *out);
    out->status = calloc((size_t)(m->n_files ? m->n_files : 1), sizeof *out->status);
    if (!out->status) {
        note(out, "out of memory");
        out->walk_incomplete = true;
        return false;
    }
    for (int i = 0; i < m->n_files; i++)
        out->status[i] = BT_FILE_UNCHECKED;
    out->count[BT_FILE_UNCHECKED] = m->n_files;

    int root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        out->folder_missing = true;
        note(out, "%s: cannot open the folder: %s", dir, strerror(errno));
        for (int i = 0; i < m->n_files; i++)
            set_status(out, i, BT_FILE_MISSING);
        return false;
    }
    check_sizes(root, m, out);
    if (out->count[BT_FILE_UNCHECKED] == m->n_files)
        check_hashes(root, m, progress, ctx, out);

    /* What is there but not listed: ignored, and said. */
    checker ck = {0};
    ck.w.visit = check_visit;
    ck.w.sync_temp = check_sync_temp;
    ck.w.max_depth = BT_MAX_MANIFEST_DEPTH;
    ck.out = out;
    ck.listed = malloc(sizeof *ck.listed * (size_t)(m->n_files ? m->n_files : 1));
    int walkfd = ck.listed ? dup(root) : -1;
    if (walkfd >= 0) {
        for (int i = 0; i < m->n_files; i++)
            ck.listed[i] = m->files[i].path;
        ck.n_listed = m->n_files;
        qsort(ck.listed, (size_t)ck.n_listed, sizeof *ck.listed, cmp_str);
        char rel[BT_MAX_MANIFEST_PATH_BYTES + BT_MAX_MANIFEST_NAME_BYTES + 8] = "";
        walk(&ck.w, walkfd, rel, 0, sizeof rel, 0);
    }
    out->walk_incomplete = walkfd < 0 || ck.w.incomplete;
    free(ck.listed);
    close(root);
    return out->count[BT_FILE_OK] == m->n_files;
}

void bt_manifest_check_free(bt_manifest_check *c)
{
    if (!c)
        return;
    free(c->status);
    memset(c, 0, sizeof *c);
}
