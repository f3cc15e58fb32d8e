/* playlog.c: the play log: one appended line per play, crash-safe,
 * rotated by month (the contract is in playlog.h).
 *
 * Contents: the record format (write and parse); the file (open, append,
 * sync); rotation and pruning; the public calls. */
#include "playlog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "base/fsio.h"
#include "base/log.h"
#include "model/schedule.h"
#include "base/values.h"

#define FIELD_MAX 1024       /* bytes of a playlist name or id kept in a line */
#define LINE_MAX_BYTES 8192  /* a whole record always fits (see format) */
#define SYNC_INTERVAL_S 60   /* fdatasync at most this often */
#define SCAN_MAX_BYTES (1 << 20)
#define SPOOL_FILE "plays.pending"
#define SPOOL_FLUSH_BYTES (256 * 1024)   /* flushed sooner when this much waits */
#define SPOOL_MAX_BYTES (4 * 1024 * 1024) /* what one flush moves at most */

struct bt_playlog {
    char *dir;
    char *path; /* dir/plays.csv */

    /* the open file: fd is -1 while it cannot be opened */
    int fd;
    int month;         /* year*12 + month-1 of its records, -1 unknown */
    bool empty;        /* the next write starts with the header */
    bool torn;         /* does not end in '\n': the next write starts one */

    /* flushing to the card */
    bool dirty;        /* written since the last fdatasync */
    double synced_at;  /* monotonic seconds of the last fdatasync */
    unsigned syncs;

    bool failing;      /* a failure was logged; quiet until a success */

    /* the day's bound (BT_MAX_PLAYS_PER_DAY) */
    int day;           /* the local day of `today`, y * 10000 + m * 100 + d */
    int today;         /* records written that day */

    /* the spool (bt_playlog_spool): records wait in RAM for the next flush */
    int spool_fd;      /* -1: records go straight to the card */
    size_t spooled;    /* bytes added to it since it was last emptied */
};

/* ---- the record format -------------------------------------------------- */

/* Appends src to buf at *len; false when it does not fit. */
static bool put(char *buf, size_t size, size_t *len, const char *src, size_t n)
{
    if (*len + n + 1 > size)
        return false;
    memcpy(buf + *len, src, n);
    *len += n;
    buf[*len] = '\0';
    return true;
}

/* Appends one CSV field: cut to FIELD_MAX bytes without splitting a UTF-8
 * sequence, control characters as spaces (a record stays one line). */
static bool put_field(char *buf, size_t size, size_t *len, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > FIELD_MAX) {
        n = FIELD_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    char clean[FIELD_MAX];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        clean[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    size_t need = bt_csv_field(buf + *len, size - *len, clean, n, false);
    if (*len + need + 1 > size)
        return false;
    *len += need;
    return true;
}

/* bt_playlog_format with the mode's word ("loop", "touch", "screen"). */
static size_t format_mode(char *buf, size_t size, time_t when, const char *playlist,
                          const char *id, double seconds, const char *mode)
{
    struct tm tm;
    if (!buf || size == 0 || !localtime_r(&when, &tm))
        return 0;
    long off = tm.tm_gmtoff / 60;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    /* Tenths as integers: no float in the file, and no locale's decimal
     * comma can slip in. Nonsense durations are written as 0. */
    if (!(seconds >= 0) || seconds > 1e9)
        seconds = 0;
    long long tenths = llround(seconds * 10);

    char head[64];
    int hn = snprintf(head, sizeof head, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld,",
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec, sign, off / 60, off % 60);
    char tail[64];
    int tn = snprintf(tail, sizeof tail, ",%lld.%lld,%s\n", tenths / 10, tenths % 10, mode);
    size_t len = 0;
    buf[0] = '\0';
    if (hn < 0 || tn < 0 || !put(buf, size, &len, head, (size_t)hn) ||
        !put_field(buf, size, &len, playlist) || !put(buf, size, &len, ",", 1) ||
        !put_field(buf, size, &len, id) || !put(buf, size, &len, tail, (size_t)tn)) {
        buf[0] = '\0';
        return 0;
    }
    return len;
}

size_t bt_playlog_format(char *buf, size_t size, time_t when, const char *playlist,
                         const char *id, double seconds, bool touch)
{
    return format_mode(buf, size, when, playlist, id, seconds, touch ? "touch" : "loop");
}

/* Splits a CSV line into at most max fields, unquoting in place (RFC 4180,
 * without line breaks inside quotes: the writer never makes them). Returns
 * the number of fields, or -1 for a malformed line. */
static int split(char *line, char **fields, int max)
{
    char *p = line;
    int n = 0;
    for (;;) {
        if (n == max)
            return -1;
        if (*p == '"') {
            char *w = p, *r = p + 1;
            fields[n++] = w;
            for (;;) {
                if (*r == '\0')
                    return -1; /* unterminated: a torn quoted field */
                if (*r == '"') {
                    if (r[1] != '"')
                        break;
                    r++;
                }
                *w++ = *r++;
            }
            r++; /* the closing quote */
            char next = *r;
            *w = '\0';
            if (next == '\0')
                return n;
            if (next != ',')
                return -1;
            p = r + 1;
        } else {
            fields[n++] = p;
            char *c = p + strcspn(p, ",\"");
            if (*c == '"')
                return -1;
            if (*c == '\0')
                return n;
            *c = '\0';
            p = c + 1;
        }
    }
}

/* Reads exactly n digits; false otherwise. */
static bool num(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "2026-11-29T08:15:00+07:00", exactly. */
static bool parse_time(const char *s, bt_play *out)
{
    char date[11];
    int oh, om;
    if (strlen(s) != 25 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        (s[19] != '+' && s[19] != '-') || s[22] != ':')
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!bt_parse_date(date, &out->date) || !num(s + 11, 2, &out->hour) ||
        !num(s + 14, 2, &out->minute) || !num(s + 17, 2, &out->second) || !num(s + 20, 2, &oh) ||
        !num(s + 23, 2, &om))
        return false;
    if (out->hour > 23 || out->minute > 59 || out->second > 60 || oh > 14 || om > 59)
        return false;
    out->utc_offset_min = (s[19] == '-' ? -1 : 1) * (oh * 60 + om);
    return true;
}

/* "12" or "12.3" (more decimals are cut to tenths), at most 12 digits. */
static bool parse_tenths(const char *s, long long *out)
{
    long long v = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        v = v * 10 + (*s - '0');
    if (digits == 0 || digits > 12)
        return false;
    v *= 10;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        v += *s - '0';
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s)
        return false;
    *out = v;
    return true;
}

bool bt_playlog_parse(char *line, bt_play *out)
{
    if (!line || !out)
        return false;
    if (strncmp(line, "\xef\xbb\xbf", 3) == 0) /* a BOM, after a spreadsheet saved it */
        line += 3;
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    char *f[6];
    bt_play p;
    memset(&p, 0, sizeof p);
    if (split(line, f, 6) != 5 || !parse_time(f[0], &p) || f[2][0] == '\0' ||
        !parse_tenths(f[3], &p.tenths))
        return false;
    if (strcmp(f[4], "touch") == 0)
        p.touch = true;
    else if (strcmp(f[4], "screen") == 0)
        p.screen = true;
    else if (strcmp(f[4], "loop") != 0)
        return false;
    p.playlist = f[1];
    p.id = f[2];
    *out = p;
    return true;
}

bool bt_playlog_rotated_month(const char *name, int *year, int *month)
{
    int y, m;
    if (!name || strncmp(name, "plays-", 6) != 0 || !num(name + 6, 4, &y) || name[10] != '-' ||
        !num(name + 11, 2, &m) || m < 1 || m > 12)
        return false;
    const char *s = name + 13;
    if (s[0] == '.' && s[1] >= '1' && s[1] <= '9') { /* plays-2026-11.2.csv */
        s++;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (strcmp(s, ".csv") != 0)
        return false;
    *year = y;
    *month = m;
    return true;
}

/* ---- the file ----------------------------------------------------------- */

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether a record's date is one a correct clock could have written. */
static bool date_known(bt_date d)
{
    struct tm tm = {.tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_hour = 12,
                    .tm_isdst = -1};
    time_t t = mktime(&tm);
    return t != (time_t)-1 && bt_clock_known(t);
}

/* The month of the first record from a known clock in the file's first
 * MiB, or -1: all its records share that month (rotation sees to it). */
static int scan_month(int fd)
{
    char *buf = malloc(SCAN_MAX_BYTES + 1);
    if (!buf)
        return -1;
    ssize_t n = pread(fd, buf, SCAN_MAX_BYTES, 0);
    int month = -1;
    char *p = buf, *end = buf + (n > 0 ? n : 0);
    while (p < end && month < 0) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break; /* a torn or cut-off line */
        *nl = '\0';
        bt_play play;
        if (strlen(p) == (size_t)(nl - p) && bt_playlog_parse(p, &play) && date_known(play.date))
            month = play.date.y * 12 + play.date.m - 1;
        p = nl + 1;
    }
    free(buf);
    return month;
}

static void say_failure(bt_playlog *log, const char *fmt, const char *what)
{
    if (log->failing)
        return;
    log->failing = true;
    bt_log(BT_LOG_WARNING, fmt, what, strerror(errno));
}

/* Opens plays.csv and learns its state: empty, torn, month. */
static bool open_file(bt_playlog *log, char *err, size_t errsize)
{
    int fd = open(log->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (err && errsize)
            snprintf(err, errsize, _("cannot open the play log %s: %s"), log->path, strerror(e));
        if (fd >= 0)
            close(fd);
        errno = e;
        say_failure(log, "play log: cannot open %s: %s; plays are not recorded until it can be",
                    log->path);
        return false;
    }
    char last = '\n';
    if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
        last = 0;
    log->fd = fd;
    log->empty = st.st_size == 0;
    log->torn = last != '\n';
    log->month = st.st_size > 0 ? scan_month(fd) : -1;
    if (log->empty)
        bt_fsync_dir_path(log->dir); /* the new file's name must survive a power cut too */
    return true;
}

static void close_file(bt_playlog *log)
{
    if (log->fd < 0)
        return;
    if (log->dirty && fdatasync(log->fd) == 0)
        log->syncs++;
    log->dirty = false;
    close(log->fd);
    log->fd = -1;
}

/* Appends whole records to the card file in one write, after the header of
 * a new file or the '\n' that ends a torn line. */
static bool card_append(bt_playlog *log, const char *recs, size_t n)
{
    if (log->fd < 0 && !open_file(log, NULL, 0))
        return false;
    char *buf = malloc(n + sizeof BT_PLAYLOG_HEADER + 1);
    if (!buf)
        return false;
    size_t len = 0;
    if (log->empty) {
        memcpy(buf, BT_PLAYLOG_HEADER "\n", sizeof BT_PLAYLOG_HEADER);
        len = sizeof BT_PLAYLOG_HEADER;
    } else if (log->torn) {
        buf[len++] = '\n';
    }
    memcpy(buf + len, recs, n);
    bool ok = bt_write_all(log->fd, buf, len + n);
    free(buf);
    if (!ok) {
        say_failure(log, "play log: cannot write %s: %s; plays are not recorded until it can be",
                    log->path);
        /* Reopen next time: that re-reads whether a partial line was left. */
        close(log->fd);
        log->fd = -1;
        return false;
    }
    if (log->failing) {
        log->failing = false;
        bt_log(BT_LOG_INFO, "play log: writing to %s again", log->path);
    }
    log->empty = false;
    log->torn = false;
    log->dirty = true;
    return true;
}

/* Whether the card file ends with the n bytes at recs. */
static bool card_ends_with(bt_playlog *log, const char *recs, size_t n)
{
    struct stat st;
    if (fstat(log->fd, &st) != 0 || (size_t)st.st_size < n)
        return false;
    char *tail = malloc(n);
    bool same = tail && pread(log->fd, tail, n, st.st_size - (off_t)n) == (ssize_t)n &&
                memcmp(tail, recs, n) == 0;
    free(tail);
    return same;
}

/* Moves the spool's whole records to the card file (one write) and empties
 * the spool. recovering: the spool was left by a run that was killed, maybe
 * just after it had moved them: records already at the card file's end
 * are not written twice. */
static bool move_spool(bt_playlog *log, bool recovering)
{
    struct stat st;
    if (log->spool_fd < 0)
        return true;
    if (fstat(log->spool_fd, &st) != 0)
        return false;
    if (st.st_size == 0)
        return true;
    size_t size = st.st_size > SPOOL_MAX_BYTES ? SPOOL_MAX_BYTES : (size_t)st.st_size;
    char *buf = malloc(size);
    ssize_t got = buf ? pread(log->spool_fd, buf, size, 0) : -1;
    /* Whole records only: a fragment after the last '\n' is dropped. */
    const char *nl = got > 0 ? memrchr(buf, '\n', (size_t)got) : NULL;
    size_t n = nl ? (size_t)(nl - buf) + 1 : 0;
    bool ok = got >= 0 && (n == 0 || (recovering && log->fd >= 0 && card_ends_with(log, buf, n)) ||
                           card_append(log, buf, n));
    free(buf);
    if (ok || st.st_size >= SPOOL_MAX_BYTES) {
        if (!ok)
            bt_log(BT_LOG_WARNING, "play log: %lld bytes of records could not reach %s and "
                                   "are dropped", (long long)st.st_size, log->path);
        if (ftruncate(log->spool_fd, 0) != 0)
            return false;
        log->spooled = 0;
    }
    return ok;
}

/* ---- rotation and pruning ----------------------------------------------- */

/* A rotated file and the order it sorts in: its month, then its number. */
typedef struct {
    char name[64];
    long order;
} rotated;

static int newest_first(const void *a, const void *b)
{
    long x = ((const rotated *)a)->order, y = ((const rotated *)b)->order;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Keeps the newest BT_PLAYLOG_KEEP_FILES rotated files, by the month in
 * their names, and deletes the others: a count, whatever the clock says. */
static void prune(bt_playlog *log)
{
    enum { MAX_SEEN = 4096 };
    DIR *d = opendir(log->dir);
    if (!d)
        return;
    rotated *files = malloc(MAX_SEEN * sizeof *files);
    int n = 0;
    struct dirent *e;
    while (files && n < MAX_SEEN && (e = readdir(d))) {
        int y, m;
        if (!bt_playlog_rotated_month(e->d_name, &y, &m) || strlen(e->d_name) >= sizeof files->name)
            continue;
        /* plays-YYYY-MM.N.csv is an older file of the same month than none */
        const char *dot = strchr(e->d_name + strlen("plays-YYYY-MM"), '.');
        long k = dot && dot[1] != 'c' ? strtol(dot + 1, NULL, 10) : 1;
        memcpy(files[n].name, e->d_name, strlen(e->d_name) + 1); /* its length checked above */
        files[n++].order = ((long)y * 12 + m - 1) * 1000 + k;
    }
    if (n > BT_PLAYLOG_KEEP_FILES) {
        qsort(files, (size_t)n, sizeof *files, newest_first);
        for (int i = BT_PLAYLOG_KEEP_FILES; i < n; i++)
            if (unlinkat(dirfd(d), files[i].name, 0) == 0)
                bt_log(BT_LOG_INFO, "play log: deleted %s/%s (kept: the newest %d months)",
                       log->dir, files[i].name, BT_PLAYLOG_KEEP_FILES);
    }
    free(files);
    closedir(d);
}

/* Renames plays.csv after the month it holds, never over an existing file,
 * and starts a new one for month. */
static void rotate(bt_playlog *log, int month)
{
    int y = log->month / 12, m = log->month % 12 + 1;
    close_file(log); /* flushed first: the renamed file is complete on disk */
    size_t size = strlen(log->dir) + 40;
    char *target = malloc(size);
    bool renamed = false;
    for (int k = 1; target && k < 100 && !renamed; k++) {
        if (k == 1)
            snprintf(target, size, "%s/plays-%04d-%02d.csv", log->dir, y, m);
        else
            snprintf(target, size, "%s/plays-%04d-%02d.%d.csv", log->dir, y, m, k);
        struct stat st;
        if (lstat(target, &st) == 0)
            continue;
        if (rename(log->path, target) != 0) {
            say_failure(log, "play log: cannot rotate %s: %s; it keeps growing", log->path);
            break;
        }
        renamed = true;
        bt_log(BT_LOG_INFO, "play log: %s is now %s", log->path, target);
    }
    free(target);
    if (renamed) {
        bt_fsync_dir_path(log->dir);
        prune(log);
    }
    open_file(log, NULL, 0);
    log->month = month; /* also when the rename failed: do not retry per line */
}

/* ---- public calls ------------------------------------------------------- */

bt_playlog *bt_playlog_open(const char *library_dir, char *err, size_t errsize)
{
    if (err && errsize)
        err[0] = '\0';
    bt_playlog *log = calloc(1, sizeof *log);
    if (!log)
        return NULL;
    const char *dir = library_dir && *library_dir ? library_dir : ".";
    log->dir = strdup(dir);
    log->path = malloc(strlen(dir) + sizeof "/" BT_PLAYLOG_FILE);
    if (!log->dir || !log->path) {
        free(log->dir);
        free(log->path);
        free(log);
        return NULL;
    }
    sprintf(log->path, "%s/%s", dir, BT_PLAYLOG_FILE);
    log->fd = -1;
    log->spool_fd = -1;
    log->month = -1;
    log->synced_at = mono_seconds();
    open_file(log, err, errsize);
    return log;
}

bool bt_playlog_spool(bt_playlog *log, const char *dir, char *err, size_t errsize)
{
    if (err && errsize)
        err[0] = '\0';
    if (!log || !dir || !*dir)
        return false;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, SPOOL_FILE) >= (int)sizeof path) {
        if (err && errsize)
            snprintf(err, errsize, _("the folder name %s is too long"), dir);
        return false;
    }
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        if (err && errsize)
            snprintf(err, errsize, _("cannot open %s: %s"), path, strerror(errno));
        return false;
    }
    if (log->spool_fd >= 0) {
        move_spool(log, false);
        close(log->spool_fd);
    }
    log->spool_fd = fd;
    /* Records a killed run left waiting go to the card now. */
    if (!move_spool(log, true) && err && errsize)
        snprintf(err, errsize, _("records left in %s wait until %s can be written"), path,
                 log->path);
    return true;
}

/* Appends one record of the mode's word (see bt_playlog_add). */
static bool add_record(bt_playlog *log, time_t when, const char *playlist, const char *id,
                       double seconds, const char *mode)
{
    if (!log)
        return false;
    if (log->fd < 0 && !open_file(log, NULL, 0))
        return false;
    struct tm tm;
    if (!localtime_r(&when, &tm))
        return false;
    int month = (tm.tm_year + 1900) * 12 + tm.tm_mon;
    if (bt_clock_known(when)) {
        if (log->month >= 0 && month != log->month) {
            move_spool(log, false); /* the waiting records belong to the old month */
            rotate(log, month);
        }
        log->month = month;
        if (log->fd < 0)
            return false;
    }

    /* A bounded number of records a day: a slide changing every second
     * must not fill the card. */
    int day = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    if (day != log->day) {
        log->day = day;
        log->today = 0;
    }
    if (++log->today > BT_MAX_PLAYS_PER_DAY) {
        if (log->today == BT_MAX_PLAYS_PER_DAY + 1)
            bt_log(BT_LOG_WARNING, "play log: %d plays today already; the rest of today's are "
                   "not recorded (are the slides' durations very short?)", BT_MAX_PLAYS_PER_DAY);
        return false;
    }

    char rec[LINE_MAX_BYTES];
    size_t n = format_mode(rec, sizeof rec, when, playlist, id, seconds, mode);
    if (n == 0)
        return false;
    if (log->spool_fd >= 0) {
        if (bt_write_all(log->spool_fd, rec, n)) {
            log->spooled += n;
            if (mono_seconds() - log->synced_at >= SYNC_INTERVAL_S ||
                log->spooled >= SPOOL_FLUSH_BYTES)
                bt_playlog_sync(log);
            return true;
        }
        bt_log(BT_LOG_WARNING, "play log: cannot hold records in memory (%s): writing them "
                               "straight to %s", strerror(errno), log->path);
        close(log->spool_fd);
        log->spool_fd = -1;
    }
    if (!card_append(log, rec, n))
        return false;
    if (mono_seconds() - log->synced_at >= SYNC_INTERVAL_S)
        bt_playlog_sync(log);
    return true;
}

bool bt_playlog_add(bt_playlog *log, time_t when, const char *playlist, const char *id,
                    double seconds, bool touch)
{
    return add_record(log, when, playlist, id, seconds, touch ? "touch" : "loop");
}

bool bt_playlog_add_screen(bt_playlog *log, time_t when, double seconds)
{
    return add_record(log, when, "", BT_PLAYLOG_SCREEN_ID, seconds, "screen");
}

bool bt_playlog_sync(bt_playlog *log)
{
    if (!log || (log->fd < 0 && !open_file(log, NULL, 0)))
        return false;
    if (!move_spool(log, false))
        return false;
    if (!log->dirty)
        return true;
    if (fdatasync(log->fd) != 0)
        return false;
    log->dirty = false;
    log->synced_at = mono_seconds();
    log->syncs++;
    return true;
}

unsigned bt_playlog_sync_count(const bt_playlog *log)
{
    return log ? log->syncs : 0;
}

void bt_playlog_close(bt_playlog *log)
{
    if (!log)
        return;
    if (log->fd >= 0 || open_file(log, NULL, 0))
        move_spool(log, false);
    close_file(log);
    if (log->spool_fd >= 0)
        close(log->spool_fd);
    free(log->dir);
    free(log->path);
    free(log);
}
