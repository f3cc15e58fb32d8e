/* report.c: the play log summed per slide and per topic (see report.h).
 *
 * Contents: the date range; a small hash table of totals; reading the log
 * files; writing the CSV. */
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "base/log.h"
#include "base/natsort.h"
#include "playlog.h"
#include "base/values.h"

#define MAX_ENTRIES 200000 /* distinct (kind, playlist, id): far above real use */

/* ---- the date range ------------------------------------------------------ */

bool bt_report_parse_range(const char *s, bt_date *from, bt_date *to)
{
    if (!s || !from || !to)
        return false;
    bt_date a = {1970, 1, 1}, b = {9999, 12, 31};
    const char *dots = strstr(s, "..");
    if (!dots) {
        if (!bt_parse_date(s, &a))
            return false;
        b = a;
    } else {
        size_t n = (size_t)(dots - s);
        char first[16];
        if (n >= sizeof first || (n == 0 && dots[2] == '\0'))
            return false;
        memcpy(first, s, n);
        first[n] = '\0';
        if ((n > 0 && !bt_parse_date(first, &a)) || (dots[2] && !bt_parse_date(dots + 2, &b)))
            return false;
    }
    if (bt_date_cmp(&a, &b) > 0)
        return false;
    *from = a;
    *to = b;
    return true;
}

/* ---- totals ------------------------------------------------------------- */

typedef struct {
    char *playlist, *id;
    bool touch;
    long count;
    long long tenths;
} entry;

typedef struct {
    entry *items; /* in insertion order */
    int n, cap;
    int *slots; /* index into items + 1, 0 when free; size nslots (power of 2) */
    int nslots;
    bool screen;               /* `screen` records were read */
    long long screen_tenths;   /* the time the screen was on, in tenths */
} totals;

static uint32_t hash(const char *playlist, const char *id, bool touch)
{
    uint32_t h = 2166136261u ^ (touch ? 1u : 0u);
    for (const char *s = playlist; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    h = (h ^ 0xffu) * 16777619u; /* separates "ab","c" from "a","bc" */
    for (const char *s = id; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static bool rehash(totals *t, int nslots)
{
    int *slots = calloc((size_t)nslots, sizeof *slots);
    if (!slots)
        return false;
    for (int i = 0; i < t->n; i++) {
        entry *e = &t->items[i];
        uint32_t k = hash(e->playlist, e->id, e->touch) & (uint32_t)(nslots - 1);
        while (slots[k])
            k = (k + 1) & (uint32_t)(nslots - 1);
        slots[k] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return true;
}

/* Adds one play; false when out of memory or past MAX_ENTRIES. */
static bool totals_add(totals *t, const bt_play *p)
{
    if (t->nslots == 0 && !rehash(t, 256))
        return false;
    uint32_t mask = (uint32_t)(t->nslots - 1);
    uint32_t k = hash(p->playlist, p->id, p->touch) & mask;
    for (; t->slots[k]; k = (k + 1) & mask) {
        entry *e = &t->items[t->slots[k] - 1];
        if (e->touch == p->touch && strcmp(e->id, p->id) == 0 &&
            strcmp(e->playlist, p->playlist) == 0) {
            e->count++;
            e->tenths += p->tenths;
            return true;
        }
    }
    if (t->n >= MAX_ENTRIES)
        return false;
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        entry *items = realloc(t->items, (size_t)cap * sizeof *items);
        if (!items)
            return false;
        t->items = items;
        t->cap = cap;
    }
    entry e = {strdup(p->playlist), strdup(p->id), p->touch, 1, p->tenths};
    if (!e.playlist || !e.id) {
        free(e.playlist);
        free(e.id);
        return false;
    }
    t->items[t->n++] = e;
    t->slots[k] = t->n;
    /* Kept under 3/4 full so probes stay short. */
    if (t->n * 4 >= t->nslots * 3 && !rehash(t, t->nslots * 2))
        return false;
    return true;
}

static void totals_free(totals *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->items[i].playlist);
        free(t->items[i].id);
    }
    free(t->items);
    free(t->slots);
}

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->touch != y->touch)
        return x->touch ? 1 : -1; /* slides first */
    /* As people read them: slide-2 before slide-10. */
    int c = bt_natsort_cmp(x->playlist, y->playlist);
    return c ? c : bt_natsort_cmp(x->id, y->id);
}

/* ---- reading ------------------------------------------------------------ */

/* Whether a rotated file's month can hold dates in [from, to]. */
static bool month_in(int y, int m, bt_date from, bt_date to)
{
    int k = y * 12 + m - 1;
    return k >= from.y * 12 + from.m - 1 && k <= to.y * 12 + to.m - 1;
}

/* Sums one log file into t. False only when out of memory. */
static bool read_file(const char *path, bt_date from, bt_date to, totals *t,
                      bt_report_stats *st)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return true; /* gone since listed, or unreadable: nothing to count */
    st->files++;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool ok = true;
    while (ok && (n = getline(&line, &cap, f)) > 0) {
        bool whole = line[n - 1] == '\n';
        if (whole)
            line[--n] = '\0';
        if (n == 0)
            continue;
        const char *h = strncmp(line, "\xef\xbb\xbf", 3) == 0 ? line + 3 : line;
        if (whole && strcmp(h, BT_PLAYLOG_HEADER) == 0)
            continue;
        bt_play p;
        /* A line without its '\n' is the torn end of a write; a NUL inside
         * is the zero fill a file system leaves after a power cut. */
        if (!whole || strlen(line) != (size_t)n || !bt_playlog_parse(line, &p)) {
            st->skipped++;
            continue;
        }
        if (bt_date_cmp(&p.date, &from) < 0 || bt_date_cmp(&p.date, &to) > 0) {
            st->outside++;
            continue;
        }
        if (p.screen) { /* the screen's time on: not a play */
            t->screen = true;
            t->screen_tenths += p.tenths;
            continue;
        }
        ok = totals_add(t, &p);
        st->plays++;
    }
    free(line);
    fclose(f);
    return ok;
}

/* ---- writing ------------------------------------------------------------ */

/* One CSV field; a leading apostrophe keeps a spreadsheet from running a
 * playlist's text as a formula. */
static void put_field(FILE *out, const char *s)
{
    char stack[512];
    size_t n = strlen(s);
    size_t need = bt_csv_field(stack, sizeof stack, s, n, true);
    char *field = need < sizeof stack ? stack : malloc(need + 1);
    if (!field)
        return;
    if (field != stack)
        bt_csv_field(field, need + 1, s, n, true);
    fputs(field, out);
    if (field != stack)
        free(field);
}

/* The words of a report's form: a terminal's and tools' (English, LF), or
 * the office's spreadsheet's (its language, CRLF). */
typedef struct {
    const char *header, *slide, *topic, *screen, *total, *eol;
} words;

static void put_row(FILE *out, const words *w, const char *kind, const char *playlist,
                    const char *id, long shown, long touches, long long tenths)
{
    put_field(out, kind);
    fputc(',', out);
    put_field(out, playlist);
    fputc(',', out);
    put_field(out, id);
    fprintf(out, ",%ld,%ld,%lld.%lld%s", shown, touches, tenths / 10, tenths % 10, w->eol);
}

int bt_report_write_form(const char *library_dir, bt_date from, bt_date to, bt_report_form form,
                         FILE *out, bt_report_stats *stats, char *err, size_t errsize)
{
    words w = {BT_REPORT_HEADER, "slide", "topic", "screen", "total", "\n"};
    if (form == BT_REPORT_OFFICE)
        w = (words){
            /* TRANSLATORS: the column headers of the play report an office
             * opens in a spreadsheet; keep the five commas. */
            P_("kind,playlist,id,times shown,times touched,seconds on screen"),
            /* TRANSLATORS: the kinds of rows of the play report. */
            P_("slide"), P_("topic"), P_("screen"), P_("total"), "\r\n"};
    bt_report_stats st = {0, 0, 0, 0};
    totals t = {0};
    int result = -1;
    char *path = NULL;
    if (err && errsize)
        err[0] = '\0';

    DIR *d = library_dir && out ? opendir(library_dir) : NULL;
    if (!d) {
        if (!library_dir || !out) {
            snprintf(err, errsize, _("no library folder or no output to write to"));
            goto error;
        }
        snprintf(err, errsize, _("cannot read the library %s: %s"), library_dir, strerror(errno));
        goto error;
    }
    size_t size = strlen(library_dir) + 300;
    path = malloc(size);
    if (!path)
        goto oom;
    struct dirent *e;
    while ((e = readdir(d))) {
        int y, m;
        if (strcmp(e->d_name, BT_PLAYLOG_FILE) != 0 &&
            !(bt_playlog_rotated_month(e->d_name, &y, &m) && month_in(y, m, from, to)))
            continue;
        snprintf(path, size, "%s/%s", library_dir, e->d_name);
        if (!read_file(path, from, to, &t, &st))
            goto oom;
    }

    if (t.n > 0)
        qsort(t.items, (size_t)t.n, sizeof t.items[0], cmp_entry);
    long shown = 0, touches = 0;
    long long tenths = 0;
    if (form == BT_REPORT_OFFICE)
        fputs("\xEF\xBB\xBF", out); /* Excel reads UTF-8 only with it */
    fprintf(out, "%s%s", w.header, w.eol);
    for (int i = 0; i < t.n; i++) {
        const entry *x = &t.items[i];
        long s = x->touch ? 0 : x->count, k = x->touch ? x->count : 0;
        put_row(out, &w, x->touch ? w.topic : w.slide, x->playlist, x->id, s, k, x->tenths);
        shown += s;
        touches += k;
        tenths += x->tenths;
    }
    if (t.screen)
        put_row(out, &w, w.screen, "", BT_PLAYLOG_SCREEN_ID, 0, 0, t.screen_tenths);
    put_field(out, w.total);
    fprintf(out, ",,,%ld,%ld,%lld.%lld%s", shown, touches, tenths / 10, tenths % 10, w.eol);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errsize, _("cannot write the report: %s"), strerror(errno));
        goto error;
    }
    result = st.plays > INT32_MAX ? INT32_MAX : (int)st.plays;
    goto done;

oom:
    snprintf(err, errsize, _("out of memory while reading the play log"));
error:
done:
    if (d)
        closedir(d);
    free(path);
    totals_free(&t);
    if (stats)
        *stats = st;
    return result;
}

int bt_report_write_stats(const char *library_dir, bt_date from, bt_date to, FILE *out,
                          bt_report_stats *stats, char *err, size_t errsize)
{
    return bt_report_write_form(library_dir, from, to, BT_REPORT_PLAIN, out, stats, err, errsize);
}

int bt_report_write(const char *library_dir, bt_date from, bt_date to, FILE *out, char *err,
                    size_t errsize)
{
    bt_report_stats st;
    int n = bt_report_write_stats(library_dir, from, to, out, &st, err, errsize);
    if (n >= 0 && st.skipped > 0)
        bt_log(BT_LOG_INFO, "report: %ld unreadable line(s) in the play log were skipped "
                            "(a power cut tears at most one line)",
               st.skipped);
    return n;
}
