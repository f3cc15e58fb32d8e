/* import_store.c: the library side of an import (see import_store.h).
 *
 * Contents: opening and locking; names; removing trees; staging and fsync;
 * the switch of `current`; pruning and cleaning. */
#include "import_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "base/log.h"

#define PLAYLISTS "playlists"
#define CURRENT "current"
#define LOCK_FILE ".import.lock"
#define STAGING_PREFIX ".staging-"
#define TRASH_PREFIX ".trash-"
#define CURRENT_TMP_PREFIX "current.tmp-"
#define MAX_IMPORTS 10000 /* entries of playlists/ looked at; far above real use */
#define MAX_TREE_DIRS 100000 /* folders of one import (its copy) looked at */

/* ---- opening and locking ------------------------------------------------- */

static int open_dir_at(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

bool bt_store_open(bt_store *s, const char *library, bt_store_lock lock, bool *locked,
                   char *err, size_t errsize)
{
    *s = (bt_store){.libfd = -1, .plfd = -1, .lockfd = -1};
    if (locked)
        *locked = false;
    if (lock == BT_STORE_READ) {
        if ((s->libfd = open(library, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
            (s->plfd = open_dir_at(s->libfd, PLAYLISTS)) < 0 || !(s->dir = strdup(library)))
            goto error;
        return true;
    }
    if (mkdir(library, 0755) != 0 && errno != EEXIST)
        goto error;
    if ((s->libfd = open(library, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        goto error;
    if (mkdirat(s->libfd, PLAYLISTS, 0755) != 0 && errno != EEXIST)
        goto error;
    if ((s->plfd = open_dir_at(s->libfd, PLAYLISTS)) < 0)
        goto error;
    s->lockfd = openat(s->libfd, LOCK_FILE, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (s->lockfd < 0)
        goto error;
    /* flock locks belong to the open file description, so two threads of one
     * process exclude each other as two processes do. */
    bool got = true;
    while (flock(s->lockfd, lock == BT_STORE_WAIT ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK || lock == BT_STORE_WAIT)
            goto error;
        got = false;
        break;
    }
    if (locked)
        *locked = got;
    if (!(s->dir = strdup(library)))
        goto error;
    return true;
error:;
    int e = errno;
    snprintf(err, errsize, _("library %s: %s"), library, strerror(e));
    errno = e;
    return false;
}

void bt_store_close(bt_store *s)
{
    if (s->lockfd >= 0)
        close(s->lockfd); /* releases the flock */
    if (s->plfd >= 0)
        close(s->plfd);
    if (s->libfd >= 0)
        close(s->libfd);
    free(s->dir);
    *s = (bt_store){.libfd = -1, .plfd = -1, .lockfd = -1};
}

/* ---- names -------------------------------------------------------------- */

bool bt_store_valid_name(const char *name)
{
    if (strlen(name) != BT_STORE_NAME_LEN)
        return false;
    for (int i = 0; i < BT_STORE_NAME_LEN; i++) {
        char c = name[i];
        bool ok = i == 8    ? c == 'T'
                  : i == 15 ? c == 'Z'
                  : i == 16 ? c == '-'
                  : i < 16  ? c >= '0' && c <= '9'
                            : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!ok)
            return false;
    }
    return true;
}

/* Whether playlists/name is a folder holding a regular playlist.yaml. */
static bool complete(const bt_store *s, const char *name)
{
    char rel[BT_STORE_NAME_SIZE + 32];
    struct stat st;
    snprintf(rel, sizeof rel, "%s/playlist.yaml", name);
    return bt_store_valid_name(name) && fstatat(s->plfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(st.st_mode);
}

bool bt_store_current(const bt_store *s, char name[BT_STORE_NAME_SIZE])
{
    char target[256];
    ssize_t n = readlinkat(s->libfd, CURRENT, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = '\0';
    const char *prefix = PLAYLISTS "/";
    if (strncmp(target, prefix, strlen(prefix)) != 0)
        return false;
    const char *base = target + strlen(prefix);
    if (!complete(s, base))
        return false;
    memcpy(name, base, BT_STORE_NAME_SIZE);
    return true;
}

/* Calls fn on every complete import's name (in no order) until it returns false. */
static void each_import(const bt_store *s, bool (*fn)(void *ctx, const char *name), void *ctx)
{
    int fd = dup(s->plfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    rewinddir(d); /* the dup shares its offset with plfd */
    struct dirent *e;
    for (int seen = 0; (e = readdir(d)) && seen < MAX_IMPORTS; seen++)
        if (bt_store_valid_name(e->d_name) && complete(s, e->d_name) && !fn(ctx, e->d_name))
            break;
    closedir(d);
}

typedef struct {
    const char *hex;
    char *name;
    bool found;
} find_ctx;

static bool find_one(void *ctx, const char *name)
{
    find_ctx *f = ctx;
    if (strcmp(name + BT_STORE_NAME_LEN - BT_STORE_HASH_HEX, f->hex) != 0)
        return true;
    memcpy(f->name, name, BT_STORE_NAME_SIZE);
    f->found = true;
    return false;
}

bool bt_store_find_hash(const bt_store *s, const char *hex, char name[BT_STORE_NAME_SIZE])
{
    find_ctx f = {hex, name, false};
    each_import(s, find_one, &f);
    return f.found;
}

static bool newest_one(void *ctx, const char *name)
{
    char *newest = ctx;
    if (strcmp(name, newest) > 0)
        memcpy(newest, name, BT_STORE_NAME_SIZE);
    return true;
}

/* The number written by n decimal digits at s. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

void bt_store_new_name(const bt_store *s, const char *hex, char name[BT_STORE_NAME_SIZE])
{
    char newest[BT_STORE_NAME_SIZE] = "";
    each_import(s, newest_one, newest);
    time_t now = time(NULL);
    struct tm tm;
    /* The names' timestamps sort in import order: never at or before the newest. */
    if (newest[0]) { /* a valid name: its digits are digits */
        struct tm last = {.tm_year = digits(newest, 4) - 1900, .tm_mon = digits(newest + 4, 2) - 1,
                          .tm_mday = digits(newest + 6, 2), .tm_hour = digits(newest + 9, 2),
                          .tm_min = digits(newest + 11, 2), .tm_sec = digits(newest + 13, 2)};
        time_t t = timegm(&last);
        if (t != (time_t)-1 && now <= t)
            now = t + 1;
    }
    gmtime_r(&now, &tm);
    char stamp[32];
    if (strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) != 16)
        memcpy(stamp, "99991231T235959Z", 17); /* a clock past year 9999 */
    memcpy(name, stamp, 16);
    name[16] = '-';
    memcpy(name + 17, hex, BT_STORE_HASH_HEX);
    name[BT_STORE_NAME_LEN] = '\0';
}

/* ---- removing trees ------------------------------------------------------ */

/* Removes name below at, a file or a whole tree, with few descriptors
 * whatever its depth: the deepest folders are emptied and removed first. */
void bt_store_remove_tree(int at, const char *name)
{
    if (unlinkat(at, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
        return;
    char **dirs = NULL;
    int n = 0;
    if (!bt_list_dirs(at, name, MAX_TREE_DIRS, &dirs, &n)) {
        bt_log(BT_LOG_WARNING, "import: cannot remove %s: %s", name, strerror(errno));
        return;
    }
    for (int i = n - 1; i >= 0; i--) {
        int fd = open_dir_at(at, dirs[i]);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
            if (fd >= 0)
                close(fd);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                unlinkat(dirfd(d), e->d_name, 0); /* its folders are gone already */
        closedir(d);
        if (unlinkat(at, dirs[i], AT_REMOVEDIR) != 0)
            bt_log(BT_LOG_WARNING, "import: cannot remove %s: %s", dirs[i], strerror(errno));
    }
    bt_free_paths(dirs, n);
}

void bt_store_remove(const bt_store *s, const char *name)
{
    char trash[BT_STORE_NAME_SIZE + 64];
    snprintf(trash, sizeof trash, TRASH_PREFIX "%s", name);
    if (renameat(s->plfd, name, s->plfd, trash) != 0) {
        bt_store_remove_tree(s->plfd, name);
    } else {
        bt_fsync_dir(s->plfd);
        bt_store_remove_tree(s->plfd, trash);
    }
    bt_fsync_dir(s->plfd);
}

/* ---- staging and fsync --------------------------------------------------- */

int bt_store_staging(const bt_store *s, char *name, size_t size, char *err, size_t errsize)
{
    size_t n = strlen(s->dir) + sizeof "/" PLAYLISTS "/" STAGING_PREFIX "XXXXXX";
    char *path = malloc(n);
    int fd = -1;
    if (!path) {
        snprintf(err, errsize, _("out of memory"));
        return -1;
    }
    snprintf(path, n, "%s/" PLAYLISTS "/" STAGING_PREFIX "XXXXXX", s->dir);
    if (!mkdtemp(path)) {
        snprintf(err, errsize, "cannot make a staging folder in %s/" PLAYLISTS ": %s", s->dir,
                 strerror(errno));
        goto done;
    }
    if (snprintf(name, size, "%s", strrchr(path, '/') + 1) >= (int)size) {
        snprintf(err, errsize, _("staging name too long"));
        rmdir(path);
        goto done;
    }
    if ((fd = open_dir_at(s->plfd, name)) < 0) {
        snprintf(err, errsize, _("cannot open %s: %s"), path, strerror(errno));
        bt_store_remove_tree(s->plfd, name);
    }
done:
    free(path);
    return fd;
}

bool bt_store_fsync_tree(int dirfd, char *err, size_t errsize)
{
    char **dirs = NULL;
    int n = 0;
    bool ok = bt_list_dirs(dirfd, ".", MAX_TREE_DIRS, &dirs, &n);
    for (int i = 0; ok && i < n; i++) {
        int fd = open_dir_at(dirfd, dirs[i]);
        ok = fd >= 0 && bt_fsync_dir(fd) == 0;
        if (fd >= 0)
            close(fd);
    }
    if (!ok)
        snprintf(err, errsize, _("cannot sync the library: %s"), strerror(errno));
    bt_free_paths(dirs, n);
    return ok;
}

bool bt_store_rename(const bt_store *s, const char *from, const char *to, char *err,
                     size_t errsize)
{
    /* renameat2(RENAME_NOREPLACE) would be stricter, but a new name never
     * exists: it is made under the lock from a clock that only moves on. */
    struct stat st;
    if (fstatat(s->plfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        snprintf(err, errsize, "%s/" PLAYLISTS "/%s already exists", s->dir, to);
        return false;
    }
    if (renameat(s->plfd, from, s->plfd, to) != 0 || bt_fsync_dir(s->plfd) != 0) {
        snprintf(err, errsize, "cannot rename %s to %s in %s/" PLAYLISTS ": %s", from, to, s->dir,
                 strerror(errno));
        return false;
    }
    return true;
}

/* ---- the switch of current ----------------------------------------------- */

bool bt_store_switch(const bt_store *s, const char *name, char *err, size_t errsize)
{
    char tmp[64], target[BT_STORE_NAME_SIZE + 16];
    snprintf(tmp, sizeof tmp, CURRENT_TMP_PREFIX "%ld", (long)getpid());
    snprintf(target, sizeof target, PLAYLISTS "/%s", name);
    unlinkat(s->libfd, tmp, 0); /* left by a crashed process that had our pid */
    if (symlinkat(target, s->libfd, tmp) != 0)
        goto error;
    if (renameat(s->libfd, tmp, s->libfd, CURRENT) != 0) {
        int e = errno;
        unlinkat(s->libfd, tmp, 0);
        errno = e;
        goto error;
    }
    /* The switch is done: old or new, `current` names a complete import
     * whether or not this reaches the disk, so a failed fsync is only noted. */
    if (bt_fsync_dir(s->libfd) != 0)
        bt_log(BT_LOG_WARNING, "import: cannot sync %s: %s", s->dir, strerror(errno));
    return true;
error:
    snprintf(err, errsize, "cannot switch %s/" CURRENT " to %s: %s", s->dir, target,
             strerror(errno));
    return false;
}

/* ---- pruning and cleaning ------------------------------------------------ */

typedef struct {
    char (*names)[BT_STORE_NAME_SIZE];
    int n, cap;
} name_list;

static bool collect_one(void *ctx, const char *name)
{
    name_list *l = ctx;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        void *p = realloc(l->names, (size_t)cap * sizeof *l->names);
        if (!p)
            return false;
        l->names = p;
        l->cap = cap;
    }
    memcpy(l->names[l->n++], name, BT_STORE_NAME_SIZE);
    return true;
}

static int newest_first(const void *a, const void *b)
{
    return -strcmp(a, b);
}

int bt_store_list(const bt_store *s, char (*names)[BT_STORE_NAME_SIZE], int max)
{
    name_list l = {0};
    each_import(s, collect_one, &l);
    if (l.n > 1)
        qsort(l.names, (size_t)l.n, sizeof *l.names, newest_first);
    int n = l.n < max ? l.n : max;
    if (n > 0)
        memcpy(names, l.names, (size_t)n * sizeof *names);
    free(l.names);
    return n;
}

void bt_store_prune(const bt_store *s, int keep)
{
    name_list l = {0};
    char current[BT_STORE_NAME_SIZE] = "";
    bt_store_current(s, current);
    each_import(s, collect_one, &l);
    if (!l.names)
        return;
    if (l.n > 1)
        qsort(l.names, (size_t)l.n, sizeof *l.names, newest_first);
    for (int i = keep; i < l.n; i++)
        if (strcmp(l.names[i], current) != 0)
            bt_store_remove(s, l.names[i]);
    free(l.names);
}

void bt_store_clean(const bt_store *s)
{
    const int fds[2] = {s->plfd, s->libfd};
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
        while ((e = readdir(d))) {
            const char *n = e->d_name;
            bool left = k == 0 ? strncmp(n, STAGING_PREFIX, strlen(STAGING_PREFIX)) == 0 ||
                                     strncmp(n, TRASH_PREFIX, strlen(TRASH_PREFIX)) == 0
                               : strncmp(n, CURRENT_TMP_PREFIX, strlen(CURRENT_TMP_PREFIX)) == 0;
            if (left) {
                bt_log(BT_LOG_INFO, "import: removing %s, left by an import cut short", n);
                bt_store_remove_tree(fds[k], n);
                removed = true;
            }
        }
        closedir(d);
        if (removed)
            bt_fsync_dir(fds[k]);
    }
}
