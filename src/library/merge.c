/* merge.c: one report over many kiosks' outboxes (see merge.h).
 *
 * Contents: the totals (a hash table over an arena of strings); reading a
 * day file; walking the outboxes; writing. */
#include "merge.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "model/settings.h"
#include "outbox.h"
#include "report.h"

/* ---- the totals ---------------------------------------------------------- */

typedef struct {
    int kiosk;          /* index into the kiosks' names */
    int touch;          /* 0 slide, 1 topic */
    const char *playlist, *id; /* in the arena */
    long long shown, touches, tenths;
} row;

typedef struct {
    row *rows;
    int n, cap;
    int *slots; /* index + 1, 0 when free; nslots a power of 2 */
    int nslots;
    char **blocks; /* the arena: strings live as long as the totals */
    int n_blocks;
    size_t used, left;
    char **kiosks;
    int n_kiosks, cap_kiosks;
} totals;

static char *arena_copy(totals *t, const char *s, size_t n)
{
    if (n + 1 > t->left) {
        size_t size = n + 1 > 1 << 20 ? n + 1 : 1 << 20;
        char **b = realloc(t->blocks, (size_t)(t->n_blocks + 1) * sizeof *b);
        if (!b)
            return NULL;
        t->blocks = b;
        if (!(b[t->n_blocks] = malloc(size)))
            return NULL;
        t->n_blocks++;
        t->used = 0;
        t->left = size;
    }
    char *p = t->blocks[t->n_blocks - 1] + t->used;
    memcpy(p, s, n);
    p[n] = '\0';
    t->used += n + 1;
    t->left -= n + 1;
    return p;
}

static uint32_t hash(int kiosk, int touch, const char *pl, size_t pn, const char *id, size_t idn)
{
    uint32_t h = 2166136261u ^ (uint32_t)kiosk * 16777619u ^ (uint32_t)touch;
    for (size_t i = 0; i < pn; i++)
        h = (h ^ (unsigned char)pl[i]) * 16777619u;
    h = (h ^ 0xffu) * 16777619u;
    for (size_t i = 0; i < idn; i++)
        h = (h ^ (unsigned char)id[i]) * 16777619u;
    return h;
}

static bool rehash(totals *t, int nslots)
{
    int *slots = calloc((size_t)nslots, sizeof *slots);
    if (!slots)
        return false;
    for (int i = 0; i < t->n; i++) {
        const row *r = &t->rows[i];
        uint32_t k = hash(r->kiosk, r->touch, r->playlist, strlen(r->playlist), r->id,
                          strlen(r->id)) & (uint32_t)(nslots - 1);
        while (slots[k])
            k = (k + 1) & (uint32_t)(nslots - 1);
        slots[k] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return true;
}

/* Adds one row's numbers; false when out of memory or past the bound. */
static bool add(totals *t, int kiosk, int touch, const char *pl, size_t pn, const char *id,
                size_t idn, long long shown, long long touches, long long tenths)
{
    if (t->nslots == 0 && !rehash(t, 1024))
        return false;
    uint32_t mask = (uint32_t)(t->nslots - 1);
    uint32_t k = hash(kiosk, touch, pl, pn, id, idn) & mask;
    for (; t->slots[k]; k = (k + 1) & mask) {
        row *r = &t->rows[t->slots[k] - 1];
        if (r->kiosk == kiosk && r->touch == touch && strncmp(r->id, id, idn) == 0 &&
            r->id[idn] == '\0' && strncmp(r->playlist, pl, pn) == 0 && r->playlist[pn] == '\0') {
            r->shown += shown;
            r->touches += touches;
            r->tenths += tenths;
            return true;
        }
    }
    if (t->n >= BT_MERGE_MAX_ROWS)
        return false;
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 1024;
        row *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
        if (!rows)
            return false;
        t->rows = rows;
        t->cap = cap;
    }
    row r = {kiosk, touch, arena_copy(t, pl, pn), arena_copy(t, id, idn), shown, touches, tenths};
    if (!r.playlist || !r.id)
        return false;
    t->rows[t->n++] = r;
    t->slots[k] = t->n;
    return t->n * 4 < t->nslots * 3 || rehash(t, t->nslots * 2);
}

static void totals_free(totals *t)
{
    for (int i = 0; i < t->n_blocks; i++)
        free(t->blocks[i]);
    free(t->blocks);
    for (int i = 0; i < t->n_kiosks; i++)
        free(t->kiosks[i]);
    free(t->kiosks);
    free(t->rows);
    free(t->slots);
}

/* ---- reading a day file -------------------------------------------------- */

/* One CSV field starting at *p (RFC 4180: quoted, "" for a quote), its
 * text unquoted in place; *p moves past the comma. false at the line's end. */
static bool next_field(char **p, char *end, char **out, size_t *n)
{
    char *s = *p;
    if (s > end)
        return false;
    if (s < end && *s == '"') {
        char *w = s, *r = s + 1;
        *out = w;
        for (; r < end; r++) {
            if (*r == '"') {
                if (r + 1 < end && r[1] == '"') {
                    *w++ = '"';
                    r++;
                    continue;
                }
                r++;
                break;
            }
            *w++ = *r;
        }
        *n = (size_t)(w - s);
        if (r < end && *r != ',')
            return false;
        *p = r + 1;
        return true;
    }
    char *c = memchr(s, ',', (size_t)(end - s));
    *out = s;
    *n = (size_t)((c ? c : end) - s);
    *p = (c ? c : end) + 1;
    return true;
}

/* A whole number of at most 12 digits, or -1. */
static long long number(const char *s, size_t n)
{
    if (n == 0 || n > 12)
        return -1;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Seconds with one decimal ("504.0", "12") as tenths, or -1. */
static long long tenths_of(const char *s, size_t n)
{
    const char *dot = memchr(s, '.', n);
    if (!dot)
        return number(s, n) < 0 ? -1 : number(s, n) * 10;
    long long whole = number(s, (size_t)(dot - s));
    size_t frac = n - (size_t)(dot - s) - 1;
    if (whole < 0 || frac != 1 || dot[1] < '0' || dot[1] > '9')
        return -1;
    return whole * 10 + (dot[1] - '0');
}

/* Sums one line (without its end) of kiosk's day file; false when it is not a row. */
static bool sum_line(totals *t, int kiosk, char *line, char *end, bool *oom)
{
    char *f[6];
    size_t n[6];
    char *p = line;
    for (int i = 0; i < 6; i++)
        if (!next_field(&p, end, &f[i], &n[i]))
            return false;
    if (p <= end) /* more than six fields */
        return false;
    int touch;
    if (n[0] == 5 && memcmp(f[0], "slide", 5) == 0)
        touch = 0;
    else if (n[0] == 5 && memcmp(f[0], "topic", 5) == 0)
        touch = 1;
    else
        return false;
    long long shown = number(f[3], n[3]), touches = number(f[4], n[4]),
              tenths = tenths_of(f[5], n[5]);
    if (shown < 0 || touches < 0 || tenths < 0 || n[2] == 0 || n[1] > 4096 || n[2] > 4096)
        return false;
    if (!add(t, kiosk, touch, f[1], n[1], f[2], n[2], shown, touches, tenths))
        *oom = true;
    return true;
}

/* Reads the day file name below the folder at into t. false only when out of memory. */
static bool read_day(totals *t, int kiosk, int at, const char *name, bt_merge_stats *st)
{
    int fd = openat(at, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        sb.st_size > BT_MERGE_MAX_FILE_BYTES) {
        if (fd >= 0)
            close(fd);
        st->skipped++;
        return true;
    }
    char *buf = malloc((size_t)sb.st_size + 1);
    if (!buf) {
        close(fd);
        return false;
    }
    size_t len = 0;
    while (len < (size_t)sb.st_size) {
        ssize_t r = read(fd, buf + len, (size_t)sb.st_size - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    st->files++;
    bool oom = false;
    char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3; /* a byte-order mark, as Excel writes */
    while (p < end && !oom) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        char *le = e > p && e[-1] == '\r' ? e - 1 : e;
        if (le > p) {
            if (sum_line(t, kiosk, p, le, &oom))
                st->rows++;
            else if (!((size_t)(le - p) == strlen(BT_REPORT_HEADER) &&
                       memcmp(p, BT_REPORT_HEADER, (size_t)(le - p)) == 0) &&
                     !(le - p > 6 && memcmp(p, "total,", 6) == 0))
                st->skipped++; /* the header and the day's total are not rows */
        }
        p = e + 1;
    }
    free(buf);
    return !oom;
}

/* ---- walking the outboxes ------------------------------------------------ */

/* Reads the day files of the kiosk folder name (below dirfd) in the range. */
static bool read_kiosk(totals *t, int parent, const char *name, bt_date from, bt_date to,
                       bt_merge_stats *st)
{
    int kfd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = kfd >= 0 ? fdopendir(kfd) : NULL;
    if (!d) {
        if (kfd >= 0)
            close(kfd);
        return true;
    }
    int index = -1;
    bool ok = true;
    struct dirent *e;
    for (int seen = 0; ok && (e = readdir(d)) && seen < 100000; seen++) {
        bt_date day;
        if (!bt_outbox_day_file(e->d_name, &day) || bt_date_cmp(&day, &from) < 0 ||
            bt_date_cmp(&day, &to) > 0)
            continue;
        if (index < 0) {
            if (t->n_kiosks == t->cap_kiosks) {
                int cap = t->cap_kiosks ? 2 * t->cap_kiosks : 64;
                char **k = realloc(t->kiosks, (size_t)cap * sizeof *k);
                if (!k) {
                    ok = false;
                    break;
                }
                t->kiosks = k;
                t->cap_kiosks = cap;
            }
            if (!(t->kiosks[t->n_kiosks] = strdup(name))) {
                ok = false;
                break;
            }
            index = t->n_kiosks++;
        }
        ok = read_day(t, index, dirfd(d), e->d_name, st);
    }
    closedir(d);
    return ok;
}

/* ---- writing ------------------------------------------------------------- */

static const totals *sort_ctx;

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(sort_ctx->kiosks[x->kiosk], sort_ctx->kiosks[y->kiosk]);
    if (c)
        return c;
    if (x->touch != y->touch)
        return x->touch - y->touch;
    c = strcmp(x->playlist, y->playlist);
    return c ? c : strcmp(x->id, y->id);
}

static void put_field(FILE *out, const char *s)
{
    char stack[1024];
    size_t n = strlen(s), need = bt_csv_field(stack, sizeof stack, s, n, true);
    char *field = need < sizeof stack ? stack : malloc(need + 1);
    if (!field)
        return;
    if (field != stack)
        bt_csv_field(field, need + 1, s, n, true);
    fputs(field, out);
    if (field != stack)
        free(field);
}

static void put_total(FILE *out, const char *kiosk, long long shown, long long touches,
                      long long tenths)
{
    put_field(out, kiosk);
    fprintf(out, ",total,,,%lld,%lld,%lld.%lld\n", shown, touches, tenths / 10, tenths % 10);
}

int bt_merge_write(const char *dir, bt_date from, bt_date to, FILE *out, bt_merge_stats *stats,
                   char *err, size_t errsize)
{
    bt_merge_stats st = {0};
    totals t = {0};
    int result = -1;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        snprintf(err, errsize, _("cannot read %s: %s"), dir, strerror(errno));
        if (dfd >= 0)
            close(dfd);
        goto done;
    }
    struct dirent *e;
    for (int seen = 0; (e = readdir(d)) && seen < BT_MERGE_MAX_KIOSKS; seen++) {
        if (!bt_settings_name_ok(e->d_name))
            continue;
        if (!read_kiosk(&t, dirfd(d), e->d_name, from, to, &st)) {
            snprintf(err, errsize, _("out of memory (or more than %d rows) while reading %s"),
                     BT_MERGE_MAX_ROWS, dir);
            closedir(d);
            goto done;
        }
    }
    closedir(d);
    st.kiosks = t.n_kiosks;
    sort_ctx = &t;
    if (t.n > 1)
        qsort(t.rows, (size_t)t.n, sizeof *t.rows, cmp_row);
    fputs(BT_MERGE_HEADER "\n", out);
    long long all[3] = {0, 0, 0}, k[3] = {0, 0, 0};
    for (int i = 0; i < t.n; i++) {
        const row *r = &t.rows[i];
        put_field(out, t.kiosks[r->kiosk]);
        fputs(r->touch ? ",topic," : ",slide,", out);
        put_field(out, r->playlist);
        fputc(',', out);
        put_field(out, r->id);
        fprintf(out, ",%lld,%lld,%lld.%lld\n", r->shown, r->touches, r->tenths / 10, r->tenths % 10);
        k[0] += r->shown;
        k[1] += r->touches;
        k[2] += r->tenths;
        if (i + 1 == t.n || t.rows[i + 1].kiosk != r->kiosk) {
            put_total(out, t.kiosks[r->kiosk], k[0], k[1], k[2]);
            for (int j = 0; j < 3; j++) {
                all[j] += k[j];
                k[j] = 0;
            }
        }
    }
    put_total(out, "", all[0], all[1], all[2]);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errsize, _("cannot write the report: %s"), strerror(errno));
        goto done;
    }
    result = t.n_kiosks;
done:
    totals_free(&t);
    if (stats)
        *stats = st;
    return result;
}
