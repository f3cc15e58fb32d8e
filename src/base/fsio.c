/* fsio.c: writing, syncing, renaming, hex and CSV (fsio.h). */
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool bt_write_all(int fd, const void *buf, size_t n)
{
    const unsigned char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Whether errno e from fsync on a folder only means "this file system has
 * nothing to do" (some FUSE and FAT drivers), not that data was lost. */
static bool fsync_unsupported(int e)
{
    /* ENOTSUP and EOPNOTSUPP are one value on Linux, two on other systems. */
    return e == EINVAL || e == ENOSYS || e == ENOTSUP || e == EOPNOTSUPP; // NOLINT(misc-redundant-expression)
}

int bt_fsync_dir(int dirfd)
{
    if (fsync(dirfd) == 0 || fsync_unsupported(errno))
        return 0;
    return -1;
}

int bt_fsync_dir_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = bt_fsync_dir(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int bt_rename_noreplace(int dirfd, const char *from, const char *to)
{
    if (renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (!fsync_unsupported(errno))
        return -1;
    if (linkat(dirfd, from, dirfd, to, 0) == 0) {
        unlinkat(dirfd, from, 0);
        return 0;
    }
    if (errno == EEXIST)
        return -1;
    /* No hard links either (FAT): check, then rename; the window is tiny
     * and only two bangtin processes starting together could meet in it. */
    struct stat st;
    if (fstatat(dirfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        errno = EEXIST;
        return -1;
    }
    return renameat(dirfd, from, dirfd, to);
}

/* Appends a copy of s to the list; false when out of memory. */
static bool push_path(char ***v, int *n, int *cap, char *s)
{
    if (!s)
        return false;
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 16;
        char **p = realloc(*v, (size_t)c * sizeof *p);
        if (!p) {
            free(s);
            return false;
        }
        *v = p;
        *cap = c;
    }
    (*v)[(*n)++] = s;
    return true;
}

bool bt_list_dirs(int rootfd, const char *rel, int max, char ***out, int *n)
{
    char **v = NULL;
    int count = 0, cap = 0;
    bool ok = push_path(&v, &count, &cap, strdup(rel));
    /* Breadth first over the list itself: each folder is opened, read and
     * closed before the next, so the depth costs no descriptor. */
    for (int i = 0; ok && i < count; i++) {
        int fd = openat(rootfd, v[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
            if (fd >= 0)
                close(fd);
            ok = false;
            break;
        }
        struct dirent *e;
        while (ok && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            struct stat st;
            if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
                continue;
            if (count >= max) {
                errno = E2BIG;
                ok = false;
                break;
            }
            size_t len = strlen(v[i]) + strlen(e->d_name) + 2;
            char *sub = malloc(len);
            if (sub)
                snprintf(sub, len, "%s/%s", v[i], e->d_name);
            ok = push_path(&v, &count, &cap, sub);
        }
        int e2 = errno;
        closedir(d);
        errno = e2;
    }
    if (!ok) {
        int e = errno ? errno : ENOMEM;
        bt_free_paths(v, count);
        errno = e;
        return false;
    }
    *out = v;
    *n = count;
    return true;
}

void bt_free_paths(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

void bt_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
    out[2 * n] = '\0';
}

size_t bt_csv_field(char *out, size_t size, const char *s, size_t n, bool for_spreadsheet)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    size_t len = 0;
    /* Each byte goes in while there is room; len counts what is needed. */
#define PUT(c)                                                                                     \
    do {                                                                                           \
        if (len + 1 < size)                                                                        \
            out[len] = (c);                                                                        \
        len++;                                                                                     \
    } while (0)
    if (quote)
        PUT('"');
    if (for_spreadsheet && n > 0 && s[0] && strchr("=+-@", s[0]))
        PUT('\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            PUT('"');
        PUT(s[i]);
    }
    if (quote)
        PUT('"');
#undef PUT
    if (size > 0)
        out[len < size ? len : size - 1] = '\0';
    return len;
}
