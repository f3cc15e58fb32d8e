/* history.c: the kiosk's imports, one line each (see history.h). */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fsio.h"
#include "fileio.h"

/* Copies src into dst as one field: tabs and control characters become spaces. */
static void field(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    for (; src && *src && n + 1 < size; src++)
        dst[n++] = (unsigned char)*src < 0x20 || *src == 0x7f ? ' ' : *src;
    dst[n] = '\0';
}

/* The last keep lines of the len bytes at text, as a new string. */
static char *last_lines(const char *text, size_t len, int keep, size_t *out_len)
{
    size_t start = 0;
    int lines = 0;
    for (size_t i = len; i > 0; i--)
        if (text[i - 1] == '\n' && i != len && ++lines == keep) {
            start = i;
            break;
        }
    *out_len = len - start;
    char *s = malloc(*out_len + 1);
    if (s) {
        memcpy(s, text + start, *out_len);
        s[*out_len] = '\0';
    }
    return s;
}

bool bt_history_add(const char *library, const bt_history_entry *e)
{
    char path[4200], src[16], res[16], det[300], line[400];
    if (!library || snprintf(path, sizeof path, "%s/" BT_HISTORY_FILE, library) >= (int)sizeof path)
        return false;
    field(src, sizeof src, e->source);
    field(res, sizeof res, e->result);
    field(det, sizeof det, e->detail);
    int n = snprintf(line, sizeof line, "%lld\t%s\t%s\t%s\n", (long long)e->when, src, res, det);
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    struct stat sb;
    /* A torn line (a power cut mid-write) is ended before the next one. */
    if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
        char last;
        if (pread(fd, &last, 1, sb.st_size - 1) == 1 && last != '\n' && !bt_write_all(fd, "\n", 1)) {
            close(fd);
            return false;
        }
    }
    bool ok = bt_write_all(fd, line, (size_t)n) && fdatasync(fd) == 0;
    off_t size = ok && fstat(fd, &sb) == 0 ? sb.st_size : 0;
    ok = close(fd) == 0 && ok;
    if (ok && size > BT_HISTORY_MAX_BYTES) {
        size_t len = 0, keep_len = 0;
        bt_read_status st;
        char *text = bt_fileio_read_at(AT_FDCWD, path, 2 * BT_HISTORY_MAX_BYTES, true, &len, &st);
        char *kept = text ? last_lines(text, len, BT_HISTORY_KEEP, &keep_len) : NULL;
        char err[256];
        if (kept)
            bt_fileio_write_atomic(path, kept, keep_len, 0644, err, sizeof err);
        free(kept);
        free(text);
    }
    return ok;
}

bool bt_history_parse(const char *line, bt_history_entry *e)
{
    *e = (bt_history_entry){0};
    char *end;
    errno = 0;
    long long when = strtoll(line, &end, 10);
    if (end == line || *end != '\t' || errno || when < 0)
        return false;
    const char *f[3];
    const char *p = end + 1;
    size_t len[3];
    for (int i = 0; i < 3; i++) {
        f[i] = p;
        len[i] = i < 2 ? strcspn(p, "\t") : strlen(p);
        if (i < 2 && p[len[i]] != '\t')
            return false;
        p += len[i] + (i < 2);
    }
    if (len[0] == 0 || len[1] == 0)
        return false;
    e->when = (time_t)when;
    snprintf(e->source, sizeof e->source, "%.*s", (int)len[0], f[0]);
    snprintf(e->result, sizeof e->result, "%.*s", (int)len[1], f[1]);
    snprintf(e->detail, sizeof e->detail, "%.*s", (int)len[2], f[2]);
    return true;
}

int bt_history_last(const char *library, bt_history_entry *out, int max)
{
    char path[4200];
    if (!library || max <= 0 ||
        snprintf(path, sizeof path, "%s/" BT_HISTORY_FILE, library) >= (int)sizeof path)
        return 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    /* Only the file's end: it is cut to a few dozen lines anyway. */
    char buf[16384];
    struct stat sb;
    off_t from = fstat(fd, &sb) == 0 && sb.st_size > (off_t)sizeof buf - 1
                     ? sb.st_size - (off_t)sizeof buf + 1
                     : 0;
    ssize_t n = pread(fd, buf, sizeof buf - 1, from);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    /* Whole lines only: from the first after a cut, up to the last '\n'. */
    char *p = buf;
    if (from > 0) {
        char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : buf + n;
    }
    bt_history_entry ring[BT_HISTORY_KEEP] = {{0}};
    int count = 0;
    for (char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        *nl = '\0';
        if (bt_history_parse(p, &ring[count % BT_HISTORY_KEEP]))
            count++;
    }
    int k = count < max ? count : max;
    if (k > BT_HISTORY_KEEP)
        k = BT_HISTORY_KEEP;
    for (int i = 0; i < k; i++)
        out[i] = ring[(count - k + i) % BT_HISTORY_KEEP];
    return k;
}
