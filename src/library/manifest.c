/* manifest.c: parsing and writing manifest.txt (see manifest.h).
 *
 * Contents: the path rules - the header lines - file lines - duplicates -
 * parse - format. */
#include "base/i18n.h"
#include "manifest.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/bounds.h"
#include "base/utf8.h"
#include "base/values.h"

void bt_manifest_hex(const unsigned char sha256[32], char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[sha256[i] >> 4];
        out[2 * i + 1] = digits[sha256[i] & 0xf];
    }
    out[64] = '\0';
}

void bt_manifest_free(bt_manifest *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_files; i++)
        free(m->files[i].path);
    free(m->files);
    memset(m, 0, sizeof *m);
}

/* ---- The path rules ------------------------------------------------------ */

static bool why_not(char *why, size_t whysize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool why_not(char *why, size_t whysize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whysize, fmt, ap);
    va_end(ap);
    return false;
}

/* One component: not empty, not hidden, not too long. */
static bool component_ok(const char *c, size_t n, char *why, size_t whysize)
{
    if (n == 0)
        return why_not(why, whysize, "has an empty folder name (\"//\", or a \"/\" at an end)");
    if (n == 2 && c[0] == '.' && c[1] == '.')
        return why_not(why, whysize, "leaves the campaign's folder (\"..\")");
    if (c[0] == '.')
        return why_not(why, whysize,
                       "has a name starting with \".\" (hidden and sync tools' files are not "
                       "part of a campaign)");
    if (n > BT_MAX_MANIFEST_NAME_BYTES)
        return why_not(why, whysize, "has a name of more than %d bytes",
                       BT_MAX_MANIFEST_NAME_BYTES);
    return true;
}

bool bt_manifest_path_ok(const char *path, char *why, size_t whysize)
{
    size_t len = strlen(path);
    if (len == 0)
        return why_not(why, whysize, "is empty");
    if (len > BT_MAX_MANIFEST_PATH_BYTES)
        return why_not(why, whysize, "is longer than %d bytes", BT_MAX_MANIFEST_PATH_BYTES);
    if (path[0] == '/')
        return why_not(why, whysize, "is absolute (it must be relative to the campaign's folder)");
    for (size_t i = 0; i < len;) {
        size_t skip;
        size_t k = bt_utf8_next(path + i, len - i, &skip);
        if (k == 0)
            return why_not(why, whysize, "is not valid UTF-8 (byte %zu)", i + 1);
        unsigned char c = (unsigned char)path[i];
        if ((k == 1 && (c < 0x20 || c == 0x7f)) ||
            (k == 2 && c == 0xc2 && (unsigned char)path[i + 1] < 0xa0))
            return why_not(why, whysize, "holds a control character (byte %zu)", i + 1);
        if (k == 1 && c == '\\')
            return why_not(why, whysize,
                           "holds a backslash (folders are separated by \"/\")");
        if (k == 1 && strchr(":*?\"<>|", c))
            return why_not(why, whysize,
                           "holds '%c', which FAT sticks and Windows cannot hold in a name", c);
        i += k;
    }
    int depth = 0;
    for (const char *c = path;; depth++) {
        const char *slash = strchr(c, '/');
        size_t n = slash ? (size_t)(slash - c) : strlen(c);
        if (!component_ok(c, n, why, whysize))
            return false;
        if (depth + 1 > BT_MAX_MANIFEST_DEPTH)
            return why_not(why, whysize, "is more than %d folders deep", BT_MAX_MANIFEST_DEPTH);
        if (!slash)
            break;
        c = slash + 1;
    }
    char *nfc = bt_utf8_clean(path, len, NULL);
    if (!nfc)
        return why_not(why, whysize, "cannot be checked (out of memory)");
    bool same = strcmp(nfc, path) == 0;
    free(nfc);
    if (!same)
        return why_not(why, whysize,
                       "is not in Unicode NFC form (accents written as separate marks, as macOS "
                       "does): rename the file and make the manifest again");
    return true;
}

/* ---- The parser's state -------------------------------------------------- */

typedef struct {
    const char *text;
    size_t len, pos;
    int no; /* the line last read */
    const char *name;
    int *line;
    char *err;
    size_t errsize;
} parser;

static bool fail(parser *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(parser *p, int line, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(p->err, p->errsize, "%s:%d: %s", p->name, line, msg);
    else
        snprintf(p->err, p->errsize, "%s: %s", p->name, msg);
    if (p->line)
        *p->line = line;
    return false;
}

/* The next line (without "\n" or "\r\n") into *s and *n; false at the end. */
static bool next_line(parser *p, const char **s, size_t *n)
{
    if (p->pos >= p->len)
        return false;
    const char *start = p->text + p->pos;
    const char *nl = memchr(start, '\n', p->len - p->pos);
    size_t k = nl ? (size_t)(nl - start) : p->len - p->pos;
    p->pos += k + (nl != NULL);
    p->no++;
    if (k > 0 && start[k - 1] == '\r')
        k--;
    *s = start;
    *n = k;
    return true;
}

/* A line shown in a message: its first bytes, control characters as '?'. */
static void quote(const char *s, size_t n, char *out, size_t size)
{
    size_t max = size - 4, o = 0;
    for (size_t i = 0; i < n && o < max; i++)
        out[o++] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
    if (n > max)
        memcpy(out + o, "...", 3), o += 3;
    out[o] = '\0';
}

/* ---- The header lines ---------------------------------------------------- */

/* A whole decimal number without sign or leading zero, at most max. */
static bool parse_count(const char *s, size_t n, unsigned long long max, unsigned long long *out)
{
    if (n == 0 || (n > 1 && s[0] == '0'))
        return false;
    unsigned long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

static bool header_magic(parser *p)
{
    const char *s;
    size_t n;
    if (!next_line(p, &s, &n))
        return fail(p, 0, "the file is empty: it is not a bangtin manifest");
    size_t m = strlen(BT_MANIFEST_MAGIC);
    if (n == m && memcmp(s, BT_MANIFEST_MAGIC, m) == 0)
        return true;
    if (n > m - 1 && memcmp(s, BT_MANIFEST_MAGIC, m - 1) == 0)
        return fail(p, 1,
                    "a manifest of another format than 1 (\"%.*s\"): this bangtin is too old "
                    "for it, or the line was changed",
                    (int)(n > 40 ? 40 : n), s);
    return fail(p, 1, "the first line must be \"%s\": this is not a bangtin manifest",
                BT_MANIFEST_MAGIC);
}

static bool header_version(parser *p, bt_manifest *m)
{
    const char *s;
    size_t n;
    if (!next_line(p, &s, &n))
        return fail(p, p->no + 1, "the \"version N\" line is missing");
    char q[64];
    quote(s, n, q, sizeof q);
    if (n < 8 || memcmp(s, "version ", 8) != 0)
        return fail(p, p->no, "expected \"version N\", found \"%s\"", q);
    unsigned long long v;
    if (!parse_count(s + 8, n - 8, BT_MAX_MANIFEST_VERSION, &v) || v == 0)
        return fail(p, p->no,
                    "the version must be a whole number from 1 to %lld, written with digits "
                    "only, not \"%s\"",
                    BT_MAX_MANIFEST_VERSION, q + 8);
    m->version = (long long)v;
    return true;
}

/* Two digits at s as a number within [lo, hi]. */
static bool two_digits(const char *s, int lo, int hi, int *out)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    int v = (s[0] - '0') * 10 + (s[1] - '0');
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool header_issued(parser *p, bt_manifest *m)
{
    const char *s;
    size_t n;
    if (!next_line(p, &s, &n))
        return fail(p, p->no + 1, "the \"issued YYYY-MM-DDTHH:MM:SSZ\" line is missing");
    char q[64];
    quote(s, n, q, sizeof q);
    /* "issued " + 20 characters: 2026-03-15T08:30:00Z */
    const char *t = s + 7;
    char date[11] = "";
    bt_date d;
    int hh, mm, ss;
    bool shape = n == 27 && memcmp(s, "issued ", 7) == 0 && t[10] == 'T' && t[13] == ':' &&
                 t[16] == ':' && t[19] == 'Z';
    if (shape)
        memcpy(date, t, 10);
    if (!shape || !bt_parse_date(date, &d) || !two_digits(t + 11, 0, 23, &hh) ||
        !two_digits(t + 14, 0, 59, &mm) || !two_digits(t + 17, 0, 59, &ss))
        return fail(p, p->no,
                    "expected \"issued YYYY-MM-DDTHH:MM:SSZ\" (a real date and time, UTC), found "
                    "\"%s\"",
                    q);
    struct tm tm = {0};
    tm.tm_year = d.y - 1900;
    tm.tm_mon = d.m - 1;
    tm.tm_mday = d.d;
    tm.tm_hour = hh;
    tm.tm_min = mm;
    tm.tm_sec = ss;
    m->issued = timegm(&tm);
    memcpy(m->issued_text, t, 20);
    m->issued_text[20] = '\0';
    return true;
}

/* ---- File lines ---------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "HEX  SIZE  PATH" into *e (e->path malloc'd). */
static bool file_line(parser *p, const char *s, size_t n, bt_manifest *m, bt_manifest_entry *e)
{
    if (n == 0)
        return fail(p, p->no, "an empty line (each line after the third lists one file)");
    if (n < 64 + 2 + 1 + 2 + 1 || memcmp(s + 64, "  ", 2) != 0)
        return fail(p, p->no,
                    "expected \"SHA256  SIZE  PATH\": 64 hex digits, two spaces, the size in "
                    "bytes, two spaces, the path");
    for (int i = 0; i < 32; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return fail(p, p->no, "the SHA-256 must be 64 hex digits");
        e->sha256[i] = (unsigned char)(hi << 4 | lo);
    }
    const char *sz = s + 66;
    const char *end = s + n;
    const char *sep = NULL;
    for (const char *c = sz; c + 1 < end; c++)
        if (c[0] == ' ' && c[1] == ' ') {
            sep = c;
            break;
        }
    if (!sep)
        return fail(p, p->no, "expected two spaces between the size and the path");
    unsigned long long size;
    if (!parse_count(sz, (size_t)(sep - sz), BT_MAX_CAMPAIGN_BYTES, &size))
        return fail(p, p->no,
                    "the size must be a number of bytes written with digits only, at most %llu",
                    (unsigned long long)BT_MAX_CAMPAIGN_BYTES);
    if (m->total_bytes + size > BT_MAX_CAMPAIGN_BYTES)
        return fail(p, p->no, "the files add up to more than %llu GiB, more than a kiosk takes",
                    (unsigned long long)(BT_MAX_CAMPAIGN_BYTES >> 30));
    const char *path = sep + 2;
    size_t plen = (size_t)(end - path);
    if (plen > BT_MAX_MANIFEST_PATH_BYTES)
        return fail(p, p->no, "the path is longer than %d bytes", BT_MAX_MANIFEST_PATH_BYTES);
    if (memchr(path, '\0', plen))
        return fail(p, p->no, "the path holds a NUL byte");
    e->path = malloc(plen + 1);
    if (!e->path)
        return fail(p, p->no, "out of memory");
    memcpy(e->path, path, plen);
    e->path[plen] = '\0';
    char why[256];
    if (!bt_manifest_path_ok(e->path, why, sizeof why)) {
        char q[128];
        quote(path, plen, q, sizeof q);
        free(e->path);
        e->path = NULL;
        return fail(p, p->no, "the path \"%s\" %s", q, why);
    }
    e->size = size;
    e->line = p->no;
    m->total_bytes += size;
    return true;
}

/* ---- Duplicates ---------------------------------------------------------- */

typedef struct {
    char *key; /* NFC, case-folded */
    int index;
} folded;

static int cmp_folded(const void *a, const void *b)
{
    return strcmp(((const folded *)a)->key, ((const folded *)b)->key);
}

/* No two paths that FAT or macOS would take for one, and no path that is
 * both a file and a folder ("a" and "a/b"). */
static bool no_duplicates(parser *p, const bt_manifest *m)
{
    if (m->n_files == 0)
        return true;
    folded *f = calloc((size_t)m->n_files, sizeof *f);
    if (!f)
        return fail(p, 0, "out of memory");
    bool ok = true;
    int n = 0;
    for (; n < m->n_files; n++) {
        f[n].key = bt_utf8_fold(m->files[n].path);
        f[n].index = n;
        if (!f[n].key) {
            ok = fail(p, m->files[n].line, "out of memory");
            break;
        }
    }
    if (ok)
        qsort(f, (size_t)n, sizeof *f, cmp_folded);
    for (int i = 1; ok && i < n; i++)
        if (strcmp(f[i - 1].key, f[i].key) == 0) {
            const bt_manifest_entry *a = &m->files[f[i - 1].index], *b = &m->files[f[i].index];
            if (a->line > b->line) {
                const bt_manifest_entry *t = a;
                a = b;
                b = t;
            }
            if (strcmp(a->path, b->path) == 0)
                ok = fail(p, b->line, "\"%s\" is listed twice (also on line %d)", b->path,
                          a->line);
            else
                ok = fail(p, b->line,
                          "\"%s\" and \"%s\" (line %d) differ only in upper/lower case or accent "
                          "form: a FAT stick or a Mac would take them for one file",
                          b->path, a->path, a->line);
        }
    /* Each folder on a file's path must not itself be a listed file. */
    char prefix[BT_MAX_MANIFEST_PATH_BYTES * 4 + 1]; /* folding may lengthen a path */
    for (int i = 0; ok && i < n; i++) {
        const char *key = f[i].key;
        for (const char *slash = strchr(key, '/'); ok && slash; slash = strchr(slash + 1, '/')) {
            size_t k = (size_t)(slash - key);
            if (k >= sizeof prefix)
                break;
            memcpy(prefix, key, k);
            prefix[k] = '\0';
            folded probe = {prefix, 0};
            const folded *hit = bsearch(&probe, f, (size_t)n, sizeof *f, cmp_folded);
            if (hit) {
                const bt_manifest_entry *a = &m->files[hit->index], *b = &m->files[f[i].index];
                ok = fail(p, a->line > b->line ? a->line : b->line,
                          "\"%s\" (line %d) is listed as a file and as a folder of \"%s\" (line %d)",
                          a->path, a->line, b->path, b->line);
            }
        }
    }
    for (int i = 0; i < n; i++)
        free(f[i].key);
    free(f);
    return ok;
}

/* ---- Parse --------------------------------------------------------------- */

bool bt_manifest_parse(const char *text, size_t len, const char *name, bt_manifest *m, int *line,
                       char *err, size_t errsize)
{
    memset(m, 0, sizeof *m);
    parser p = {text, len, 0, 0, name ? name : BT_MANIFEST_FILE, line, err, errsize};
    if (line)
        *line = 0;
    if (len > BT_MAX_MANIFEST_BYTES)
        return fail(&p, 0, "the file is bigger than %d MiB", BT_MAX_MANIFEST_BYTES >> 20);
    if (!header_magic(&p) || !header_version(&p, m) || !header_issued(&p, m))
        goto error;
    int cap = 0;
    const char *s;
    size_t n;
    while (next_line(&p, &s, &n)) {
        if (n == 0 && p.pos >= p.len)
            break; /* the newline that ends the last line; "\r\n" too */
        if (m->n_files == BT_MAX_MANIFEST_FILES) {
            fail(&p, p.no, "more than %d files: a campaign holds at most %d",
                 BT_MAX_MANIFEST_FILES, BT_MAX_MANIFEST_FILES);
            goto error;
        }
        if (m->n_files == cap) {
            int ncap = cap ? cap * 2 : 64;
            if (ncap > BT_MAX_MANIFEST_FILES)
                ncap = BT_MAX_MANIFEST_FILES;
            bt_manifest_entry *files = realloc(m->files, (size_t)ncap * sizeof *files);
            if (!files) {
                fail(&p, p.no, "out of memory");
                goto error;
            }
            m->files = files;
            cap = ncap;
        }
        bt_manifest_entry *e = &m->files[m->n_files];
        memset(e, 0, sizeof *e);
        if (!file_line(&p, s, n, m, e))
            goto error;
        m->n_files++;
    }
    if (!no_duplicates(&p, m))
        goto error;
    return true;
error:
    bt_manifest_free(m);
    return false;
}

/* ---- Format -------------------------------------------------------------- */

char *bt_manifest_format(const bt_manifest *m, size_t *len)
{
    size_t size = 128;
    for (int i = 0; i < m->n_files; i++)
        size += 64 + 2 + 20 + 2 + strlen(m->files[i].path) + 1;
    char *text = malloc(size);
    if (!text)
        return NULL;
    size_t o = (size_t)snprintf(text, size, BT_MANIFEST_MAGIC "\nversion %lld\nissued %s\n",
                                m->version, m->issued_text);
    for (int i = 0; i < m->n_files && o < size; i++) {
        char hex[65];
        bt_manifest_hex(m->files[i].sha256, hex);
        o += (size_t)snprintf(text + o, size - o, "%s  %llu  %s\n", hex, m->files[i].size,
                              m->files[i].path);
    }
    *len = o < size ? o : size - 1;
    return text;
}
