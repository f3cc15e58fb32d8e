/* import_stick.c: errors.txt and the play report on a stick (import_stick.h). */
#include "import_stick.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "import.h"
#include "base/log.h"
#include "base/bounds.h"
#include "model/settings.h"
#include "report.h"

/* ---- problems ------------------------------------------------------------ */

/* Masks every case-insensitive occurrence of the key's hex digits in s. */
static void mask_key(char *s, const bt_pair_key *key)
{
    char hex[33];
    if (!key)
        return;
    bt_hex(key->bytes, 16, hex);
    for (char *p = s; strlen(p) >= 32; p++)
        if (strncasecmp(p, hex, 32) == 0)
            memset(p, '*', 32);
    explicit_bzero(hex, sizeof hex);
}

void bt_import_format_problem(const char *bangtin_dir, const bt_diag *p, const bt_pair_key *key,
                              char *buf, size_t size)
{
    bt_diag q = *p;
    size_t n = strlen(bangtin_dir);
    /* The clerk opens errors.txt in the bangtin folder: name files from there. */
    if (q.file && strncmp(q.file, bangtin_dir, n) == 0 && q.file[n] == '/')
        q.file += n + 1;
    else if (q.file && strrchr(q.file, '/'))
        q.file = strrchr(q.file, '/') + 1;
    if (!q.file || !*q.file)
        q.file = "playlist.yaml";
    bt_diag_format_people(&q, buf, size);
    mask_key(buf, key);
}

/* ---- writing a file atomically ------------------------------------------- */

/* Whether errno says the stick cannot be written at all (not a failure). */
static bool read_only(int e)
{
    return e == EROFS || e == EACCES || e == EPERM;
}

/* Writes name in the folder dirfd through a temporary file: fill() writes
 * the contents to f and returns false on failure. */
static bool write_atomic(int dirfd, const char *name, bool (*fill)(FILE *f, void *ctx), void *ctx)
{
    static atomic_uint serial;
    char tmp[96];
    snprintf(tmp, sizeof tmp, ".%s.%ld-%u.tmp", name, (long)getpid(), atomic_fetch_add(&serial, 1));
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (!read_only(errno))
            bt_log(BT_LOG_WARNING, "import: cannot write %s on the stick: %s", name,
                   strerror(errno));
        return false;
    }
    FILE *f = fdopen(fd, "w");
    bool ok = f && fill(f, ctx) && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int e = errno;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ok = false;
    ok = ok && renameat(dirfd, tmp, dirfd, name) == 0;
    if (!ok) {
        e = errno ? errno : e;
        unlinkat(dirfd, tmp, 0);
        bt_log(BT_LOG_WARNING, "import: cannot write %s on the stick: %s", name, strerror(e));
        return false;
    }
    /* Some FUSE file systems cannot fsync a folder; syncfs at the end covers it. */
    bt_fsync_dir(dirfd);
    return true;
}

/* ---- errors.txt ---------------------------------------------------------- */

typedef struct {
    const char *dir;
    const bt_diags *d;
    const bt_pair_key *key;
} errors_ctx;

/* One group of errors.txt (errors, or warnings): a heading and the
 * problems, numbered. */
static void put_group(FILE *f, const errors_ctx *c, bt_severity sev, const char *heading, int n)
{
    char line[1400];
    if (n == 0)
        return;
    fprintf(f, "\r\n%s\r\n", heading);
    int k = 0;
    for (int i = 0; i < c->d->count; i++) {
        if (c->d->items[i].severity != sev)
            continue;
        bt_import_format_problem(c->dir, &c->d->items[i], c->key, line, sizeof line);
        fprintf(f, "%d. %s\r\n", ++k, line);
    }
}

/* errors.txt, for a clerk who opens it in Notepad: UTF-8 with a byte-order
 * mark and CRLF line ends, in the office's language, the place of each
 * problem in words, errors (why the stick was refused) before warnings
 * (what was left out), each saying what to do. */
static bool fill_errors(FILE *f, void *ctx)
{
    const errors_ctx *c = ctx;
    time_t now = time(NULL);
    struct tm tm;
    char when[32];
    localtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    int errors = 0, warnings = 0;
    for (int i = 0; i < c->d->count; i++)
        *(c->d->items[i].severity == BT_ERROR ? &errors : &warnings) += 1;
    fputs("\xEF\xBB\xBF", f);
    fprintf(f, P_("bangtin notice board, %s"), when);
    fputs("\r\n", f);
    if (c->d->errors > 0)
        fprintf(f, P_("THIS USB STICK WAS NOT LOADED. Errors to fix: %d."), c->d->errors);
    else
        fprintf(f, P_("This USB stick was loaded, but some of it was left out. Things to fix: %d."),
                c->d->warnings);
    fputs("\r\n", f);
    fputs(P_("Fix each item below in the file it names (open the file with Notepad), save it, "
             "then plug the USB stick into the notice board again."), f);
    fputs("\r\n", f);
    fputs(P_("A place such as “line 10, column 12” means the 10th line of the file and the 12th "
             "letter of that line: Notepad shows the line and column of the cursor at the bottom "
             "of its window."), f);
    fputs("\r\n", f);
    put_group(f, c, BT_ERROR,
              P_("ERRORS (nothing on this USB stick is loaded until each is fixed):"), errors);
    put_group(f, c, BT_WARNING,
              P_("TO FIX (these parts were left out or may not look right):"), warnings);
    int hidden = c->d->errors + c->d->warnings - c->d->count;
    if (hidden > 0) {
        fputs("\r\n", f);
        fprintf(f, P_("(and %d more, not listed: fix the ones above first)"), hidden);
        fputs("\r\n", f);
    }
    return !ferror(f);
}

bool bt_import_write_errors(int dirfd, const char *bangtin_dir, const bt_diags *d,
                            const bt_pair_key *key)
{
    errors_ctx c = {bangtin_dir, d, key};
    return write_atomic(dirfd, BT_IMPORT_ERRORS_FILE, fill_errors, &c);
}

void bt_import_remove_errors(int dirfd)
{
    if (unlinkat(dirfd, BT_IMPORT_ERRORS_FILE, 0) == 0)
        bt_fsync_dir(dirfd);
}

/* ---- the play report ----------------------------------------------------- */

typedef struct {
    const char *library;
    bt_date from, to;
} report_ctx;

static bool fill_report(FILE *f, void *ctx)
{
    const report_ctx *c = ctx;
    char err[512] = "";
    if (bt_report_write_form(c->library, c->from, c->to, BT_REPORT_OFFICE, f, NULL, err,
                             sizeof err) < 0) {
        bt_log(BT_LOG_WARNING, "import: no report for the stick: %s", err);
        return false;
    }
    return !ferror(f);
}

/* The host name, with the first six digits of /etc/machine-id when there
 * is one, made a safe name. */
static void host_name(char *out, size_t size)
{
    char host[200] = "", id[16] = "", both[240];
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    FILE *f = fopen("/etc/machine-id", "r");
    if (f) {
        if (!fgets(id, 7, f))
            id[0] = '\0';
        fclose(f);
    }
    snprintf(both, sizeof both, "%s%s%s", host[0] ? host : "bangtin", id[0] ? "-" : "", id);
    bt_settings_suggest_name(both, out, size);
    if (!out[0])
        snprintf(out, size, "bangtin");
}

static bt_date date_of(const struct tm *tm)
{
    return (bt_date){tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday};
}

bool bt_import_write_report(int dirfd, const char *library, const char *name, const char *header)
{
    time_t now = time(NULL);
    struct tm today, first;
    localtime_r(&now, &today);
    first = today;
    first.tm_mday -= BT_IMPORT_REPORT_DAYS - 1;
    first.tm_hour = 12; /* mktime normalises the day; noon keeps clear of DST edges */
    first.tm_isdst = -1;
    mktime(&first);
    report_ctx c = {library, date_of(&first), date_of(&today)};
    /* A kiosk that never imported may have no library yet: an empty report. */
    mkdir(library, 0755);

    char kiosk[BT_MAX_KIOSK_NAME_CHARS + 1] = "", file[BT_MAX_KIOSK_NAME_CHARS + 40];
    if (name && bt_settings_name_ok(name))
        snprintf(kiosk, sizeof kiosk, "%s", name);
    else if (header)
        bt_settings_suggest_name(header, kiosk, sizeof kiosk);
    if (!kiosk[0])
        host_name(kiosk, sizeof kiosk);
    snprintf(file, sizeof file, "%s-%04d-%02d-%02d.csv", kiosk, c.to.y, c.to.m, c.to.d);
    if (mkdirat(dirfd, BT_IMPORT_REPORTS_DIR, 0755) != 0 && errno != EEXIST) {
        if (!read_only(errno))
            bt_log(BT_LOG_WARNING, "import: cannot make %s on the stick: %s",
                   BT_IMPORT_REPORTS_DIR, strerror(errno));
        return false;
    }
    int fd = openat(dirfd, BT_IMPORT_REPORTS_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = write_atomic(fd, file, fill_report, &c);
    close(fd);
    if (ok)
        bt_fsync_dir(dirfd);
    return ok;
}
