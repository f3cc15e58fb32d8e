/* fileio.c: small files read whole, bounded, and written atomically (fileio.h). */
#include "fileio.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *bt_fileio_read_at(int dirfd, const char *name, size_t max, bool no_symlink, size_t *len,
                     bt_read_status *st)
{
    *len = 0;
    /* O_NONBLOCK: a FIFO put where a file should be must not block the open. */
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
                                     (no_symlink ? O_NOFOLLOW : 0));
    if (fd < 0) {
        *st = errno == ENOENT || errno == ENOTDIR ? BT_READ_MISSING
              : errno == ELOOP                    ? BT_READ_NOT_REGULAR
                                                  : BT_READ_FAILED;
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        *st = BT_READ_FAILED;
        goto fail;
    }
    if (!S_ISREG(sb.st_mode)) {
        *st = BT_READ_NOT_REGULAR;
        goto fail;
    }
    if (sb.st_size < 0 || (unsigned long long)sb.st_size > max) {
        *st = BT_READ_TOO_BIG;
        goto fail;
    }
    /* One byte more than the size, to see a file that grew. */
    size_t cap = (size_t)sb.st_size + 1;
    char *buf = malloc(cap + 1);
    if (!buf) {
        errno = ENOMEM;
        *st = BT_READ_FAILED;
        goto fail;
    }
    size_t n = 0;
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            errno = e;
            *st = BT_READ_FAILED;
            goto fail;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > (size_t)sb.st_size) {
        /* It grew while read (a sync writing it in place): what was read
         * is no file that ever was whole. */
        free(buf);
        errno = EAGAIN;
        *st = n > max ? BT_READ_TOO_BIG : BT_READ_FAILED;
        goto fail;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    *st = BT_READ_OK;
    return buf;
fail: {
    int e = errno;
    close(fd);
    errno = e;
    return NULL;
}
}

const char *bt_fileio_status_words(bt_read_status st)
{
    switch (st) {
    case BT_READ_OK:
        return "was read";
    case BT_READ_MISSING:
        return "is missing";
    case BT_READ_NOT_REGULAR:
        return "is not a regular file (a folder, a link or a device)";
    case BT_READ_TOO_BIG:
        return "is too big";
    case BT_READ_FAILED:
        return "cannot be read";
    }
    return "cannot be read";
}

/* ---- Writing ------------------------------------------------------------- */

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool bt_fileio_write_atomic(const char *path, const void *data, size_t len, int mode, char *err,
                            size_t errsize)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    char dir[4096], tmp[4096];
    if (!*base || dirlen >= sizeof dir) {
        snprintf(err, errsize, _("%s: not a file name that can be written"), path);
        return false;
    }
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(dirlen ? dirlen : 1), path);
    else
        snprintf(dir, sizeof dir, ".");
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= sizeof tmp) {
        snprintf(err, errsize, _("%s: the name is too long"), path);
        return false;
    }
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errsize, _("cannot write in %s: %s"), dir, strerror(errno));
        return false;
    }
    if (!write_all(fd, data, len) || fchmod(fd, (mode_t)mode) != 0 || fsync(fd) != 0) {
        snprintf(err, errsize, _("cannot write %s: %s"), path, strerror(errno));
        close(fd);
        unlink(tmp);
        return false;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errsize, _("cannot write %s: %s"), path, strerror(errno));
        unlink(tmp);
        return false;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd); /* the rename itself, through a power cut */
        close(dfd);
    }
    return true;
}
