/* campaign_store.c: the campaigns in the library and taking one in (see
 * campaign_store.h).
 *
 * Contents: words; names; opening and locking; the campaign in place;
 * copying the listed files; the playlist's check; switching and pruning;
 * the whole import. */
#include "campaign_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "base/log.h"
#include "fileio.h"
#include "import_store.h"
#include "library.h"
#include "sha256.h"

#define LOCK_FILE ".campaign.lock"
#define STAGING_PREFIX ".staging-"
#define TRASH_PREFIX ".trash-"
#define LINK_TMP_PREFIX "campaign.tmp-"
#define PLAYLIST_FILE "playlist.yaml"
#define COPY_BUF (256 * 1024)
#define SPACE_MARGIN (16ULL * 1024 * 1024) /* left free for the play log and the office */
#define MAX_CAMPAIGNS 10000 /* entries of campaigns/ looked at */

/* ---- words --------------------------------------------------------------- */

static const char *const status_names[] = {
    [BT_CIMPORT_LOADED] = "loaded",   [BT_CIMPORT_CURRENT] = "current",
    [BT_CIMPORT_WAIT] = "waiting",    [BT_CIMPORT_REFUSED] = "refused",
    [BT_CIMPORT_ABORTED] = "aborted", [BT_CIMPORT_FAILED] = "failed",
};

const char *bt_cimport_status_name(bt_cimport_status st)
{
    return (unsigned)st < sizeof status_names / sizeof *status_names ? status_names[st] : "?";
}

const char *bt_campaign_cause_vi(bt_campaign_cause c, bool bad_playlist)
{
    if (bad_playlist)
        return "danh sách của chiến dịch có lỗi, Sở cần sửa rồi ký lại";
    switch (c) {
    case BT_CAUSE_NO_KEYS:
        return "bảng tin chưa cài khóa của Sở (tệp .pub)";
    case BT_CAUSE_UNKNOWN_KEY:
        return "chữ ký không phải của Sở mà bảng tin tin cậy";
    case BT_CAUSE_BAD_SIGNATURE:
        return "chữ ký không khớp: nội dung đã bị sửa sau khi ký";
    case BT_CAUSE_BAD_MANIFEST:
        return "danh sách tệp (manifest.txt) không hợp lệ";
    case BT_CAUSE_TAMPERED:
        return "có tệp đã bị thay đổi sau khi Sở ký";
    case BT_CAUSE_NOT_PLAIN_FILE:
        return "có tệp là liên kết hoặc không phải tệp thường";
    case BT_CAUSE_OLDER:
        return "phiên bản cũ hơn chiến dịch đang phát";
    case BT_CAUSE_SAME_VERSION:
        return "trùng số phiên bản đang phát nhưng khác nội dung";
    case BT_CAUSE_FUTURE:
        return "ngày ký ở tương lai: kiểm tra đồng hồ";
    default:
        return "chiến dịch chưa dùng được";
    }
}

/* ---- names --------------------------------------------------------------- */

static void make_name(long long version, const unsigned char sha[32], char *name)
{
    char hex[65];
    bt_manifest_hex(sha, hex);
    snprintf(name, BT_CAMPAIGN_NAME_SIZE, "v%018lld-%.16s", version, hex);
}

static bool valid_name(const char *n)
{
    if (strlen(n) != BT_CAMPAIGN_NAME_LEN || n[0] != 'v' || n[19] != '-')
        return false;
    for (int i = 1; i < BT_CAMPAIGN_NAME_LEN; i++) {
        char c = n[i];
        bool ok = i == 19 ? true : i < 19 ? c >= '0' && c <= '9' : (c >= '0' && c <= '9') ||
                                                                     (c >= 'a' && c <= 'f');
        if (!ok)
            return false;
    }
    return true;
}

/* ---- opening and locking -------------------------------------------------- */

typedef struct {
    const char *library;
    int libfd, cfd, lockfd; /* the library, its campaigns/, the lock */
} store;

static int open_dir_at(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

static void store_close(store *s)
{
    if (s->lockfd >= 0)
        close(s->lockfd);
    if (s->cfd >= 0)
        close(s->cfd);
    if (s->libfd >= 0)
        close(s->libfd);
    s->libfd = s->cfd = s->lockfd = -1;
}

/* Opens library/campaigns (made when missing) and waits for the lock. */
static bool store_open(store *s, const char *library, char *err, size_t errsize)
{
    *s = (store){.library = library, .libfd = -1, .cfd = -1, .lockfd = -1};
    if (bt_make_dirs(library) != 0 ||
        (s->libfd = open(library, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
        (mkdirat(s->libfd, BT_CAMPAIGN_DIR, 0755) != 0 && errno != EEXIST) ||
        (s->cfd = open_dir_at(s->libfd, BT_CAMPAIGN_DIR)) < 0 ||
        (s->lockfd = openat(s->libfd, LOCK_FILE, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
                            0600)) < 0)
        goto error;
    /* flock belongs to the open file description: two threads exclude
     * each other as two processes do. */
    while (flock(s->lockfd, LOCK_EX) != 0)
        if (errno != EINTR)
            goto error;
    return true;
error:;
    int e = errno;
    snprintf(err, errsize, _("library %s: %s"), library, strerror(e));
    store_close(s);
    errno = e;
    return false;
}

/* Removes what an import cut short left: staging and trash folders, and
 * temporary links. Only with the lock held. */
static void store_clean(const store *s)
{
    const int fds[2] = {s->cfd, s->libfd};
    for (int k = 0; k < 2; k++) {
        int fd = dup(fds[k]);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
            if (fd >= 0)
                close(fd);
            continue;
        }
        rewinddir(d);
        struct dirent *e;
        bool removed = false;
        for (int seen = 0; (e = readdir(d)) && seen < MAX_CAMPAIGNS; seen++) {
            const char *n = e->d_name;
            bool left = k == 0 ? strncmp(n, STAGING_PREFIX, strlen(STAGING_PREFIX)) == 0 ||
                                     strncmp(n, TRASH_PREFIX, strlen(TRASH_PREFIX)) == 0
                               : strncmp(n, LINK_TMP_PREFIX, strlen(LINK_TMP_PREFIX)) == 0;
            if (left) {
                bt_log(BT_LOG_INFO, "campaign: removing %s, left by an import cut short", n);
                bt_store_remove_tree(fds[k], n);
                removed = true;
            }
        }
        closedir(d);
        if (removed)
            bt_fsync_dir(fds[k]);
    }
}

/* Removes campaigns/name: renamed out of sight first, so that a crash
 * midway never leaves a partial folder under a valid name. */
static void store_remove(const store *s, const char *name)
{
    char trash[BT_CAMPAIGN_NAME_SIZE + 64];
    snprintf(trash, sizeof trash, TRASH_PREFIX "%s", name);
    if (renameat(s->cfd, name, s->cfd, trash) == 0) {
        bt_fsync_dir(s->cfd);
        bt_store_remove_tree(s->cfd, trash);
    } else {
        bt_store_remove_tree(s->cfd, name);
    }
    bt_fsync_dir(s->cfd);
}

/* ---- the campaign in place ----------------------------------------------- */

/* Fills out from what `campaign` names, read through libfd. */
static void read_current(int libfd, const char *library, bt_campaign_current *out)
{
    *out = (bt_campaign_current){0};
    char target[128];
    ssize_t n = readlinkat(libfd, BT_CAMPAIGN_LINK, target, sizeof target - 1);
    if (n <= 0)
        return;
    target[n] = '\0';
    const char *prefix = BT_CAMPAIGN_DIR "/";
    if (strncmp(target, prefix, strlen(prefix)) != 0 || !valid_name(target + strlen(prefix)))
        return;
    const char *name = target + strlen(prefix);
    int dfd = openat(libfd, target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return;
    size_t len = 0;
    bt_read_status st;
    char *text = bt_fileio_read_at(dfd, BT_MANIFEST_FILE, BT_MAX_MANIFEST_BYTES, true, &len, &st);
    bt_manifest m = {0};
    char err[512];
    if (text && bt_manifest_parse(text, len, BT_MANIFEST_FILE, &m, NULL, err, sizeof err)) {
        bt_sha256 h;
        bt_sha256_init(&h);
        bt_sha256_update(&h, text, len);
        bt_sha256_final(&h, out->manifest_sha256);
        out->present = true;
        memcpy(out->name, name, BT_CAMPAIGN_NAME_SIZE);
        out->version = m.version;
        memcpy(out->issued, m.issued_text, sizeof out->issued);
        out->n_files = m.n_files;
        out->bytes = m.total_bytes;
        struct stat sb;
        if (fstatat(libfd, BT_CAMPAIGN_LINK, &sb, AT_SYMLINK_NOFOLLOW) == 0)
            out->imported = sb.st_mtime;
        bool has_file = fstatat(dfd, PLAYLIST_FILE, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                        S_ISREG(sb.st_mode);
        snprintf(out->playlist, sizeof out->playlist, "%s/%s/%s%s", library, BT_CAMPAIGN_DIR, name,
                 has_file ? "/" PLAYLIST_FILE : "");
    }
    bt_manifest_free(&m);
    free(text);
    close(dfd);
}

void bt_campaign_store_current(const char *library, bt_campaign_current *out)
{
    *out = (bt_campaign_current){0};
    int libfd = library ? open(library, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (libfd < 0)
        return;
    read_current(libfd, library, out);
    close(libfd);
}

bool bt_campaign_is_campaign_dir(const char *dir)
{
    struct stat sb;
    char path[4200];
    return snprintf(path, sizeof path, "%s/%s", dir, BT_MANIFEST_FILE) < (int)sizeof path &&
           lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* ---- copying the listed files -------------------------------------------- */

/* Sets the status and both lines. */
static void set_result(bt_cimport_result *out, bt_cimport_status st, const char *reason,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void set_result(bt_cimport_result *out, bt_cimport_status st, const char *reason,
                   const char *fmt, ...)
{
    out->status = st;
    snprintf(out->reason, sizeof out->reason, "%s", reason);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->detail, sizeof out->detail, fmt, ap);
    va_end(ap);
}

typedef enum {
    COPY_OK,
    COPY_CHANGED, /* the source is not what was decided on (changed, vanished) */
    COPY_WRITE,   /* the library failed (full?) */
} copy_rc;

/* Makes the folders above rel below dirfd. */
static bool make_parents(int dirfd, const char *rel)
{
    char path[BT_MAX_MANIFEST_PATH_BYTES + 1];
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

/* Writes len bytes to rel below dstfd, new, and fsyncs it. */
static bool write_new(int dstfd, const char *rel, const void *data, size_t len)
{
    int fd = openat(dstfd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    bool ok = bt_write_all(fd, data, len) && fsync(fd) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (!ok)
        errno = e;
    return ok;
}

/* Copies the listed file e from below srcroot to dstfd, hashing the bytes
 * as they are copied: they must be the listed size and SHA-256. */
static copy_rc copy_listed(int srcroot, int dstfd, const bt_manifest_entry *e, unsigned char *buf,
                           char *err, size_t errsize)
{
    struct stat sb;
    bt_file_status fst = BT_FILE_MISSING;
    int in = bt_manifest_open_listed(srcroot, e->path, &sb, &fst), out = -1;
    copy_rc rc = COPY_CHANGED;
    if (in < 0) {
        snprintf(err, errsize, _("%s %s now"), e->path, bt_file_status_words(fst));
        return COPY_CHANGED;
    }
    if ((unsigned long long)sb.st_size != e->size) {
        snprintf(err, errsize, _("%s changed (now %lld bytes, listed %llu)"), e->path,
                 (long long)sb.st_size, e->size);
        goto done;
    }
    if (!make_parents(dstfd, e->path) ||
        (out = openat(dstfd, e->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0644)) < 0) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write %s: %s"), e->path, strerror(errno));
        goto done;
    }
    bt_sha256 h;
    bt_sha256_init(&h);
    unsigned long long total = 0;
    for (;;) {
        ssize_t n = read(in, buf, COPY_BUF);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errsize, _("cannot read %s: %s"), e->path, strerror(errno));
            goto done;
        }
        if (n == 0)
            break;
        total += (unsigned long long)n;
        if (total > e->size) {
            snprintf(err, errsize, _("%s grew while it was copied"), e->path);
            goto done;
        }
        bt_sha256_update(&h, buf, (size_t)n);
        if (!bt_write_all(out, buf, (size_t)n)) {
            rc = COPY_WRITE;
            snprintf(err, errsize, _("cannot write %s: %s"), e->path, strerror(errno));
            goto done;
        }
    }
    unsigned char sha[32];
    bt_sha256_final(&h, sha);
    if (total != e->size || memcmp(sha, e->sha256, 32) != 0) {
        snprintf(err, errsize, _("%s changed while it was copied (its bytes are not the signed "
                 "ones)"), e->path);
        goto done;
    }
    if (fsync(out) != 0) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write %s: %s"), e->path, strerror(errno));
        goto done;
    }
    rc = COPY_OK;
done:
    if (out >= 0 && close(out) != 0 && rc == COPY_OK) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write %s: %s"), e->path, strerror(errno));
    }
    close(in);
    return rc;
}

/* manifest.txt (its bytes the ones decided on) and its signature, which
 * must still verify, into dstfd. */
static copy_rc copy_signed(int srcroot, int dstfd, const bt_campaign_result *r,
                           const bt_keyring *keys, char *err, size_t errsize)
{
    size_t mlen = 0, slen = 0;
    bt_read_status st;
    char *m = bt_fileio_read_at(srcroot, BT_MANIFEST_FILE, BT_MAX_MANIFEST_BYTES, true, &mlen, &st);
    char *s = m ? bt_fileio_read_at(srcroot, BT_MANIFEST_SIG, BT_MAX_MINISIGN_FILE_BYTES, true,
                                    &slen, &st)
                : NULL;
    bt_minisign_sig *sig = malloc(sizeof *sig);
    copy_rc rc = COPY_CHANGED;
    unsigned char sha[32];
    if (!m || !s || !sig) {
        snprintf(err, errsize, _("the manifest or its signature cannot be read now"));
        goto done;
    }
    bt_sha256 h;
    bt_sha256_init(&h);
    bt_sha256_update(&h, m, mlen);
    bt_sha256_final(&h, sha);
    char why[512];
    if (memcmp(sha, r->manifest_sha256, 32) != 0 ||
        !bt_minisign_sig_parse(s, slen, BT_MANIFEST_SIG, sig, why, sizeof why) ||
        bt_minisign_verify(keys->keys, keys->n, sig, m, mlen, BT_MANIFEST_FILE, NULL, why,
                           sizeof why) != BT_VERIFY_OK) {
        snprintf(err, errsize, _("manifest.txt or its signature changed while the files were copied"));
        goto done;
    }
    if (!write_new(dstfd, BT_MANIFEST_FILE, m, mlen) || !write_new(dstfd, BT_MANIFEST_SIG, s, slen)) {
        rc = COPY_WRITE;
        snprintf(err, errsize, _("cannot write the manifest: %s"), strerror(errno));
        goto done;
    }
    rc = COPY_OK;
done:
    free(m);
    free(s);
    free(sig);
    return rc;
}

/* Whether the library's disk has room for the campaign and a margin. */
static bool room_for(const store *s, const bt_manifest *m, char *err, size_t errsize)
{
    struct statvfs vfs;
    if (fstatvfs(s->cfd, &vfs) != 0)
        return true; /* unknown: the copy itself will tell */
    unsigned long long need = SPACE_MARGIN + m->total_bytes + 4096ULL * (unsigned)m->n_files,
                       have = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
    if (need <= have)
        return true;
    snprintf(err, errsize, _("the library's disk is full (%llu MB needed, %llu MB free)"), need >> 20,
             have >> 20);
    return false;
}

/* ---- the playlist's check ------------------------------------------------ */

/* Loads the campaign's playlist from campaigns/name as the player will
 * play it: true with out->pl when it has no error; else the first errors
 * in out->problems, their file named as in the campaign. */
static bool check_playlist(const store *s, const char *name, const bt_cimport_options *opt,
                           bt_cimport_result *out)
{
    char folder[4096 + 64], path[4096 + 128];
    snprintf(folder, sizeof folder, "%s/%s/%s", s->library, BT_CAMPAIGN_DIR, name);
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", folder, PLAYLIST_FILE);
    bool has_file = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
    if (!has_file)
        snprintf(path, sizeof path, "%s", folder);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load_path(path, opt->load, &d);
    if (pl && d.errors == 0) {
        /* A folder of pictures is named for its folder, here vNNN-hash:
         * the reports would count each version apart. */
        char *own = has_file ? NULL : strdup("campaign");
        if (own) {
            free(pl->name);
            pl->name = own;
        }
        out->pl = pl;
        snprintf(out->playlist, sizeof out->playlist, "%s", path);
        bt_diags_clear(&d);
        return true;
    }
    size_t skip = strlen(folder) + 1;
    for (int i = 0; i < d.count && out->n_problems < 3; i++) {
        if (d.items[i].severity != BT_ERROR)
            continue;
        bt_diag p = d.items[i];
        if (p.file && strncmp(p.file, folder, skip - 1) == 0 && p.file[skip - 1] == '/')
            p.file += skip; /* as it is named in the campaign */
        bt_diag_format(&p, out->problems[out->n_problems++], sizeof out->problems[0]);
    }
    if (out->n_problems == 0)
        snprintf(out->problems[out->n_problems++], sizeof out->problems[0],
                 "%s: error: it has no slide that can be shown", has_file ? PLAYLIST_FILE : ".");
    bt_playlist_free(pl);
    bt_diags_clear(&d);
    return false;
}

/* ---- switching and pruning ----------------------------------------------- */

static bool switch_to(const store *s, const char *name, char *err, size_t errsize)
{
    char tmp[64], target[BT_CAMPAIGN_NAME_SIZE + 32];
    snprintf(tmp, sizeof tmp, LINK_TMP_PREFIX "%ld", (long)getpid());
    snprintf(target, sizeof target, BT_CAMPAIGN_DIR "/%s", name);
    unlinkat(s->libfd, tmp, 0); /* left by a crashed process that had our pid */
    if (symlinkat(target, s->libfd, tmp) != 0 || renameat(s->libfd, tmp, s->libfd,
                                                          BT_CAMPAIGN_LINK) != 0) {
        int e = errno;
        unlinkat(s->libfd, tmp, 0);
        snprintf(err, errsize, "cannot switch %s/" BT_CAMPAIGN_LINK " to %s: %s", s->library,
                 target, strerror(e));
        return false;
    }
    /* Done either way: old or new, `campaign` names a whole campaign. */
    if (bt_fsync_dir(s->libfd) != 0)
        bt_log(BT_LOG_WARNING, "campaign: cannot sync %s: %s", s->library, strerror(errno));
    return true;
}

static int newest_first(const void *a, const void *b)
{
    return -strcmp(a, b);
}

/* Keeps the newest keep campaigns, and always the one in place. */
static void prune(const store *s, const char *current, int keep)
{
    int fd = dup(s->cfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    rewinddir(d);
    char (*names)[BT_CAMPAIGN_NAME_SIZE] = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    for (int seen = 0; (e = readdir(d)) && seen < MAX_CAMPAIGNS; seen++) {
        if (!valid_name(e->d_name))
            continue;
        if (n == cap) {
            int c2 = cap ? 2 * cap : 8;
            void *p = realloc(names, (size_t)c2 * sizeof *names);
            if (!p)
                break;
            names = p;
            cap = c2;
        }
        memcpy(names[n++], e->d_name, BT_CAMPAIGN_NAME_SIZE);
    }
    closedir(d);
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, newest_first);
    for (int i = keep; i < n; i++)
        if (strcmp(names[i], current) != 0) {
            bt_log(BT_LOG_INFO, "campaign: removing %s, older than the %d kept", names[i], keep);
            store_remove(s, names[i]);
        }
    free(names);
}

/* ---- the whole import ---------------------------------------------------- */

/* Copies what r accepted from srcroot into a staging folder, renames it
 * to name; the status (LOADED once renamed), err on failure. */
static bt_cimport_status copy_in(const store *s, int srcroot, const bt_campaign_result *r,
                                 const bt_cimport_options *opt, const char *name, char *err,
                                 size_t errsize)
{
    char staging[64];
    snprintf(staging, sizeof staging, STAGING_PREFIX "XXXXXX");
    char path[4096 + 64];
    snprintf(path, sizeof path, "%s/%s/%s", s->library, BT_CAMPAIGN_DIR, staging);
    if (!mkdtemp(path)) {
        snprintf(err, errsize, _("cannot make a staging folder in %s/%s: %s"), s->library,
                 BT_CAMPAIGN_DIR, strerror(errno));
        return BT_CIMPORT_FAILED;
    }
    snprintf(staging, sizeof staging, "%s", strrchr(path, '/') + 1);
    bt_cimport_status st = BT_CIMPORT_FAILED;
    int fd = open_dir_at(s->cfd, staging);
    unsigned char *buf = malloc(COPY_BUF);
    if (fd < 0 || !buf) {
        snprintf(err, errsize, _("cannot open %.300s: %s"), path, fd < 0 ? strerror(errno) : "no memory");
        goto error;
    }
    for (int i = 0; i < r->manifest.n_files; i++) {
        const bt_manifest_entry *e = &r->manifest.files[i];
        if (opt->before_copy && !opt->before_copy(opt->ctx, i, e->path)) {
            st = BT_CIMPORT_ABORTED;
            snprintf(err, errsize, _("cannot read %s (test hook)"), e->path);
            goto error;
        }
        copy_rc rc = copy_listed(srcroot, fd, e, buf, err, errsize);
        if (rc != COPY_OK) {
            st = rc == COPY_WRITE ? BT_CIMPORT_FAILED : BT_CIMPORT_ABORTED;
            goto error;
        }
    }
    copy_rc rc = copy_signed(srcroot, fd, r, opt->keys, err, errsize);
    if (rc != COPY_OK) {
        st = rc == COPY_WRITE ? BT_CIMPORT_FAILED : BT_CIMPORT_ABORTED;
        goto error;
    }
    if (!bt_store_fsync_tree(fd, err, errsize))
        goto error;
    struct stat sb;
    if (fstatat(s->cfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
        store_remove(s, name); /* left by a run cut short between rename and switch */
    if (renameat(s->cfd, staging, s->cfd, name) != 0 || bt_fsync_dir(s->cfd) != 0) {
        snprintf(err, errsize, _("cannot rename %s to %s: %s"), staging, name, strerror(errno));
        goto error;
    }
    staging[0] = '\0';
    st = BT_CIMPORT_LOADED;
error:
    free(buf);
    if (fd >= 0)
        close(fd);
    if (staging[0])
        store_remove(s, staging);
    return st;
}

/* The decision's verdict as an import status, and what the result says. */
static bool decided(const bt_campaign_result *r, bt_cimport_result *out)
{
    out->cause = r->cause;
    if (r->manifest.version > 0) {
        out->version = r->manifest.version;
        memcpy(out->issued, r->manifest.issued_text, sizeof out->issued);
        out->n_files = r->manifest.n_files;
        out->bytes = r->manifest.total_bytes;
    }
    out->n_unlisted = r->checked ? r->check.n_unlisted : 0;
    switch (r->verdict) {
    case BT_CAMPAIGN_ACCEPT:
        return true;
    case BT_CAMPAIGN_CURRENT:
        set_result(out, BT_CIMPORT_CURRENT, "", "%s", r->detail);
        return false;
    case BT_CAMPAIGN_WAIT:
        set_result(out, BT_CIMPORT_WAIT, r->reason, "%s", r->detail);
        return false;
    case BT_CAMPAIGN_REFUSE:
        set_result(out, BT_CIMPORT_REFUSED, r->reason, "%s", r->detail);
        return false;
    }
    return false;
}

/* Logs the files there but not listed: ignored, never used. */
static void warn_unlisted(const char *dir, const bt_campaign_result *r)
{
    if (!r->checked || r->check.n_unlisted == 0)
        return;
    char names[600] = "";
    for (int i = 0; i < r->check.n_unlisted && i < 3 && i < BT_MANIFEST_UNLISTED_KEPT; i++) {
        size_t n = strlen(names);
        snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "", r->check.unlisted[i]);
    }
    bt_log(BT_LOG_WARNING, "campaign: %s: files not listed in manifest.txt, ignored: %d (%s%s)",
           dir, r->check.n_unlisted, names,
           r->check.n_unlisted > 3 ? ", ..." : "");
}

void bt_campaign_import(const char *dir, const bt_cimport_options *opt, bt_cimport_result *out)
{
    *out = (bt_cimport_result){.status = BT_CIMPORT_FAILED};
    char err[1024] = "";
    store s;
    bt_campaign_result *r = calloc(1, sizeof *r);
    int srcroot = -1;
    if (!r) {
        set_result(out, BT_CIMPORT_FAILED, "Out of memory", "campaign from %s: out of memory", dir);
        goto log;
    }
    if (!store_open(&s, opt->library, err, sizeof err)) {
        set_result(out, BT_CIMPORT_FAILED, "The kiosk's library cannot be written",
               "campaign from %s not taken: %s", dir, err);
        goto log;
    }
    store_clean(&s);
    bt_campaign_current cur;
    read_current(s.libfd, opt->library, &cur);
    bt_campaign_input in = {
        .keys = opt->keys,
        .current_version = cur.present ? cur.version : 0,
        .current_manifest_sha256 = cur.present ? cur.manifest_sha256 : NULL,
        .now = opt->now,
        .clock_trusted = opt->clock_trusted,
        .settled = opt->settled,
    };
    bt_campaign_decide(dir, &in, r);
    if (!decided(r, out)) {
        if (out->status == BT_CIMPORT_CURRENT)
            memcpy(out->name, cur.name, sizeof out->name);
        if (out->status == BT_CIMPORT_REFUSED)
            warn_unlisted(dir, r);
        goto close;
    }
    warn_unlisted(dir, r);
    char name[BT_CAMPAIGN_NAME_SIZE];
    make_name(r->manifest.version, r->manifest_sha256, name);
    if (!room_for(&s, &r->manifest, err, sizeof err)) {
        set_result(out, BT_CIMPORT_FAILED, "The kiosk's disk is full", "campaign from %s not taken: %s",
               dir, err);
        goto close;
    }
    srcroot = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (srcroot < 0) {
        set_result(out, BT_CIMPORT_ABORTED, "The campaign folder went away",
               "campaign from %s not taken: %s", dir, strerror(errno));
        goto close;
    }
    bt_cimport_status st = copy_in(&s, srcroot, r, opt, name, err, sizeof err);
    if (st == BT_CIMPORT_ABORTED) {
        set_result(out, st, "The campaign changed while it was copied",
               "campaign version %lld from %s not taken: %s (nothing changed; it is looked at "
               "again)", r->manifest.version, dir, err);
        goto close;
    }
    if (st != BT_CIMPORT_LOADED) {
        set_result(out, st, "The kiosk's library cannot be written",
               "campaign version %lld from %s not taken: %s", r->manifest.version, dir, err);
        goto close;
    }
    if (!check_playlist(&s, name, opt, out)) {
        store_remove(&s, name);
        out->bad_playlist = true;
        set_result(out, BT_CIMPORT_REFUSED, "Campaign refused: its playlist has errors",
               "campaign version %lld from %s refused: its playlist cannot be played: %s",
               r->manifest.version, dir, out->problems[0]);
        goto close;
    }
    if (!switch_to(&s, name, err, sizeof err)) {
        store_remove(&s, name);
        bt_playlist_free(out->pl);
        out->pl = NULL;
        set_result(out, BT_CIMPORT_FAILED, "The kiosk's library cannot be written",
               "campaign version %lld from %s not taken: %s", r->manifest.version, dir, err);
        goto close;
    }
    memcpy(out->name, name, sizeof out->name);
    prune(&s, name, opt->keep > 0 ? opt->keep : BT_CAMPAIGN_KEEP);
    set_result(out, BT_CIMPORT_LOADED, "", "campaign version %lld (issued %s, %d files, %llu bytes, "
           "key %s) taken from %s: \"%s\", %d slides (%s)", r->manifest.version,
           r->manifest.issued_text, r->manifest.n_files, r->manifest.total_bytes, r->key_id_hex,
           dir, out->pl->name, out->pl->n_slides, name);
close:
    if (srcroot >= 0)
        close(srcroot);
    store_close(&s);
log:
    if (r) {
        bt_campaign_result_free(r);
        free(r);
    }
    if (out->status != BT_CIMPORT_WAIT && out->status != BT_CIMPORT_CURRENT)
        bt_log(out->status == BT_CIMPORT_LOADED ? BT_LOG_INFO : BT_LOG_WARNING, "campaign: %s",
               out->detail);
}

void bt_cimport_result_clear(bt_cimport_result *r)
{
    if (!r)
        return;
    bt_playlist_free(r->pl);
    r->pl = NULL;
}
