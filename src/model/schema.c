/* schema.c: reading YAML mappings through key tables (see schema.h).
 *
 * Contents: messages; matching keys; one reader per value type; assets
 * (pictures, fonts) found inside the playlist's folder. */
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bounds.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "base/utf8.h"
#include "base/values.h"
#include "videoprobe.h"

/* Paths longer than this are not worth looking up. */
#define MAX_PATH_CHARS 1000

/* ---- messages ----------------------------------------------------------- */

void bt_reader_report(bt_reader *r, bt_severity sev, const bt_ynode *at, const char *fmt, ...)
{
    char msg[900], full[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    int line = at ? at->line : r->no_place ? 0 : 1, col = at ? at->col : r->no_place ? 0 : 1;
    snprintf(full, sizeof full, "%s%s%s", r->who, r->who[0] ? ": " : "", msg);
    bt_diags_put(r->diags, sev, r->file, line, col, full);
}

size_t bt_reader_push(bt_reader *r, const char *fmt, ...)
{
    size_t len = strlen(r->who);
    size_t at = len ? len + 2 : 0;
    if (len && at < sizeof r->who)
        memcpy(r->who + len, ": ", 3);
    if (at < sizeof r->who) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->who + at, sizeof r->who - at, _(fmt), ap);
        va_end(ap);
    }
    return len;
}

void bt_reader_pop(bt_reader *r, size_t len)
{
    r->who[len] = '\0';
}

void bt_schema_found(const bt_ynode *v, char *buf, size_t size)
{
    bt_schema_quote(v, '"', buf, size);
}

void bt_schema_quote(const bt_ynode *v, char quote, char *buf, size_t size)
{
    if (!v || v->kind != BT_YNODE_SCALAR) {
        snprintf(buf, size, "%s", bt_ynode_kind_words(v));
        return;
    }
    /* Shown cleaned and shortened: a 200,000-character value must not
     * become a 200,000-character message, nor be cleaned whole to quote
     * its start (an alias may bring the same long text many times). */
    enum { SHOWN = 40 };
    size_t take = v->len < 4 * SHOWN + 4 ? v->len : 4 * SHOWN + 4;
    while (take < v->len && take > 0 && ((unsigned char)v->str[take] & 0xc0) == 0x80)
        take--; /* never half a character */
    char *clean = bt_utf8_clean(v->str, take, NULL);
    if (!clean) {
        snprintf(buf, size, "%s", _("this value"));
        return;
    }
    size_t cut = 0, chars = 0;
    while (clean[cut] && chars < SHOWN) {
        cut++;
        while (((unsigned char)clean[cut] & 0xc0) == 0x80)
            cut++;
        chars++;
    }
    snprintf(buf, size, "%c%.*s%s%c", quote, (int)cut, clean,
             clean[cut] || take < v->len ? "…" : "", quote);
    free(clean);
}

/* "none, fade or slide" */
static void list_names(const char *const *names, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; names[i] && o < size; i++) {
        const char *sep = i == 0 ? "" : names[i + 1] ? ", " : _(" or ");
        o += (size_t)snprintf(buf + o, size - o, "%s%s", sep, names[i]);
    }
}

static int count_names(const char *const *names)
{
    int n = 0;
    while (names[n])
        n++;
    return n;
}

/* What a key of this type must be, for "X must be <this>, not ...". */
static void expected(const bt_key *k, char *buf, size_t size)
{
    switch (k->type) {
    case BT_V_TEXT:
        snprintf(buf, size, _("a text"));
        break;
    case BT_V_SECONDS:
        snprintf(buf, size, _("a number of seconds greater than 0"));
        break;
    case BT_V_MS:
        snprintf(buf, size, _("a whole number of milliseconds from 0 to %d"), k->max);
        break;
    case BT_V_BOOL:
        snprintf(buf, size, _("true or false"));
        break;
    case BT_V_COLOR:
        snprintf(buf, size, _("a colour written like \"#0d47a1\""));
        break;
    case BT_V_ENUM: {
        char names[200];
        list_names(k->names, names, sizeof names);
        snprintf(buf, size, "%s", names);
        break;
    }
    case BT_V_HOURS:
        snprintf(buf, size, _("two times written like \"07:30-17:00\""));
        break;
    case BT_V_DATE:
        snprintf(buf, size, _("a real date written like 2026-01-31"));
        break;
    case BT_V_IMAGE:
        snprintf(buf, size, _("the path of a picture file"));
        break;
    case BT_V_FONT:
        snprintf(buf, size, _("the path of a font file (.ttf or .otf)"));
        break;
    default:
        snprintf(buf, size, _("something else"));
    }
}

/* Reports "<key> must be <expected>, not <found>" at v and returns false. */
static bool wrong(bt_reader *r, const bt_key *k, const bt_ynode *v, const char *hint)
{
    char want[300], found[200];
    expected(k, want, sizeof want);
    bt_schema_found(v, found, sizeof found);
    bt_reader_report(r, BT_ERROR, v, "%s must be %s, not %s%s", k->key, want, found,
                     hint ? hint : "");
    return false;
}

/* ---- matching keys ------------------------------------------------------ */

static void unknown_key(bt_reader *r, const bt_ynode *key, const bt_key *keys, int n)
{
    const char *names[64];
    int m = n < 64 ? n : 64;
    for (int i = 0; i < m; i++)
        names[i] = keys[i].key;
    char shown[200];
    bt_schema_quote(key, '\'', shown, sizeof shown);
    const char *s = key->kind == BT_YNODE_SCALAR ? bt_suggest(key->str, names, m) : NULL;
    if (s) {
        bt_reader_report(r, BT_WARNING, key, "unknown key %s (did you mean '%s'?); it is ignored",
                         shown, s);
        return;
    }
    char list[600];
    size_t o = 0;
    list[0] = '\0';
    for (int i = 0; i < m && o < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", names[i]);
    bt_reader_report(r, BT_WARNING, key, "unknown key %s; it is ignored (keys here are: %s)",
                     shown, list);
}

bool bt_schema_collect(bt_reader *r, const bt_ynode *map, const bt_key *keys, int n,
                       const bt_ynode **vals, const char *what)
{
    for (int i = 0; i < n; i++)
        vals[i] = NULL;
    if (!map || map->kind != BT_YNODE_MAPPING) {
        char found[200];
        bt_schema_found(map, found, sizeof found);
        bt_reader_report(r, BT_ERROR, map, "%s must be a group of 'key: value' lines, not %s",
                         what, found);
        return false;
    }
    for (int p = 0; p + 1 < map->n; p += 2) {
        const bt_ynode *key = map->items[p];
        int i = 0;
        if (key->kind == BT_YNODE_SCALAR)
            while (i < n && strcmp(keys[i].key, key->str) != 0)
                i++;
        if (key->kind != BT_YNODE_SCALAR || i == n) {
            unknown_key(r, key, keys, n);
            continue;
        }
        if (vals[i])
            bt_reader_report(r, BT_WARNING, key,
                             "'%s' is given more than once; only the last one is used",
                             keys[i].key);
        vals[i] = map->items[p + 1];
    }
    return true;
}

bool bt_schema_apply(bt_reader *r, const bt_ynode *map, const bt_key *keys, int n,
                     const bt_ynode **vals, void *target)
{
    bool ok = true;
    /* In the file's order, so that messages come in the order of lines. */
    for (int p = 1; p < map->n; p += 2)
        for (int i = 0; i < n; i++)
            if (vals[i] == map->items[p] && map->items[p - 1]->kind == BT_YNODE_SCALAR &&
                strcmp(map->items[p - 1]->str, keys[i].key) == 0)
                ok = bt_schema_value(r, &keys[i], vals[i], target) && ok;
    return ok;
}

/* ---- values ------------------------------------------------------------- */

char *bt_schema_text(bt_reader *r, const bt_ynode *v, const char *name, int max)
{
    if (v->kind != BT_YNODE_SCALAR) {
        bt_key k = {.key = name, .type = BT_V_TEXT};
        wrong(r, &k, v, NULL);
        return NULL;
    }
    bool replaced = false;
    char *s = bt_utf8_clean(v->str, v->len, &replaced);
    if (!s) {
        r->oom = true;
        bt_reader_report(r, BT_ERROR, v, "out of memory");
        return NULL;
    }
    /* Invalid bytes in the file were reported where they stand; what is
     * left is a "\0" written as an escape. */
    if (replaced)
        bt_reader_report(r, BT_WARNING, v,
                         "%s holds a zero character (\\0); it was replaced by \"\xef\xbf\xbd\"",
                         name);
    size_t chars = bt_utf8_chars(s);
    if (max > 0 && chars > (size_t)max) {
        bt_reader_report(r, BT_ERROR, v, "%s is too long (%zu characters, at most %d)", name,
                         chars, max);
        free(s);
        return NULL;
    }
    return s;
}

/* The shortest duration: BT_MIN_DURATION_MS, or for tests only (that play
 * thousands of slides in a minute) BANGTIN_TEST_MIN_DURATION_MS. */
static int min_duration_ms(void)
{
    const char *test = getenv("BANGTIN_TEST_MIN_DURATION_MS");
    char *end = NULL;
    long ms = test ? strtol(test, &end, 10) : 0;
    return test && end != test && *end == '\0' && ms >= 1 && ms < BT_MIN_DURATION_MS
               ? (int)ms
               : BT_MIN_DURATION_MS;
}

static bool read_seconds(bt_reader *r, const bt_key *k, const bt_ynode *v, int *out)
{
    double sec;
    if (v->kind != BT_YNODE_SCALAR || !bt_parse_seconds(v->str, &sec) || sec * 1000.0 < 0.5)
        return wrong(r, k, v, NULL);
    if (sec > BT_MAX_DURATION_MS / 1000.0) {
        char found[200];
        bt_schema_found(v, found, sizeof found);
        bt_reader_report(r, BT_ERROR, v, "%s must be at most %d seconds, not %s", k->key,
                         BT_MAX_DURATION_MS / 1000, found);
        return false;
    }
    *out = (int)(sec * 1000.0 + 0.5);
    int least = min_duration_ms();
    if (*out < least) {
        /* A slide of a millisecond is no slide: it would take a core and
         * fill the play log. */
        char found[200];
        bt_schema_found(v, found, sizeof found);
        if (least == BT_MIN_DURATION_MS)
            bt_reader_report(r, BT_WARNING, v, "%s of %s seconds is too short; %d second is used",
                             k->key, found, BT_MIN_DURATION_MS / 1000);
        *out = least;
    }
    return true;
}

static bool read_enum(bt_reader *r, const bt_key *k, const bt_ynode *v, int *out)
{
    if (v->kind == BT_YNODE_SCALAR)
        for (int i = 0; k->names[i]; i++)
            if (strcmp(v->str, k->names[i]) == 0) {
                *out = i;
                return true;
            }
    const char *s =
        v->kind == BT_YNODE_SCALAR ? bt_suggest(v->str, k->names, count_names(k->names)) : NULL;
    char hint[80] = "";
    if (s)
        snprintf(hint, sizeof hint, _(" (did you mean \"%s\"?)"), s);
    return wrong(r, k, v, hint);
}

/* Finds an asset (a file, or with dir a folder) below the playlist's
 * folder; *abs is malloc'd on success. */
static bool find(bt_reader *r, const bt_ynode *v, const char *name, bool dir, char **text,
                 char **abs)
{
    char *t = bt_schema_text(r, v, name, MAX_PATH_CHARS);
    if (!t)
        return false;
    /* The folder's real path once per playlist; when it cannot be found,
     * bt_path_resolve says why. */
    if (!r->root)
        r->root = realpath(r->dir, NULL);
    bt_path_status st = !r->root ? (dir ? BT_PATH_NO_FOLDER : bt_path_resolve(r->dir, t, abs))
                        : dir    ? bt_path_resolve_dir_below(r->root, t, abs)
                                 : bt_path_resolve_below(r->root, t, abs);
    if (st != BT_PATH_OK) {
        if (st == BT_PATH_NO_MEMORY)
            r->oom = true;
        bt_reader_report(r, BT_ERROR, v, "%s \"%s\" %s", name, t, bt_path_status_words(st));
        free(t);
        return false;
    }
    *text = t;
    return true;
}

/* ---- the deep check, once per distinct file ---------------------------- */

struct bt_checked {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    bt_check verdict;
    char *msg; /* NULL when OK */
};

void bt_reader_forget(bt_reader *r)
{
    for (int i = 0; i < r->n_checked; i++)
        free(r->checked[i].msg);
    free(r->checked);
    r->checked = NULL;
    r->n_checked = r->cap_checked = 0;
}

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs a deep check of the file at abs through check, or gives what it found
 * before for the same file (the same identity, size and time: a playlist may
 * name one picture 5,000 times, or through two names). The whole check is
 * bounded in bytes and time: past either, a file is refused unchecked. */
static bt_check check_once(bt_reader *r, const char *abs,
                           bt_check (*check)(void *ctx, const char *path, char *msg, size_t size),
                           void *ctx, char *msg, size_t size)
{
    struct stat st;
    if (stat(abs, &st) != 0) {
        snprintf(msg, size, _("it cannot be read"));
        return BT_CHECK_FAIL;
    }
    for (int i = 0; i < r->n_checked; i++) {
        const bt_checked *c = &r->checked[i];
        if (c->dev == st.st_dev && c->ino == st.st_ino && c->size == st.st_size &&
            c->mtime.tv_sec == st.st_mtim.tv_sec && c->mtime.tv_nsec == st.st_mtim.tv_nsec) {
            snprintf(msg, size, "%s", c->msg ? c->msg : "");
            return c->verdict;
        }
    }
    if (r->check_started == 0)
        r->check_started = mono_seconds();
    if (r->check_bytes + st.st_size > BT_MAX_CHECK_BYTES) {
        snprintf(msg, size, _("the playlist's files are too much to check (more than %lld MB)"),
                 BT_MAX_CHECK_BYTES >> 20);
        return BT_CHECK_FAIL;
    }
    if (mono_seconds() - r->check_started > BT_MAX_CHECK_SECONDS) {
        snprintf(msg, size, _("checking the playlist's files takes too long (more than %d minutes)"),
                 BT_MAX_CHECK_SECONDS / 60);
        return BT_CHECK_FAIL;
    }
    r->check_bytes += st.st_size;
    msg[0] = '\0';
    bt_check verdict = check(ctx, abs, msg, size);
    if (r->n_checked == r->cap_checked) {
        int cap = r->cap_checked ? 2 * r->cap_checked : 32;
        bt_checked *p = realloc(r->checked, (size_t)cap * sizeof *p);
        if (!p)
            return verdict; /* not remembered: checked again if named again */
        r->checked = p;
        r->cap_checked = cap;
    }
    r->checked[r->n_checked++] = (bt_checked){st.st_dev, st.st_ino, st.st_size, st.st_mtim,
                                              verdict, msg[0] ? strdup(msg) : NULL};
    return verdict;
}

/* The picture check as a bt_check (its hook answers yes or no); ctx is
 * the load options. */
static bt_check verify_image(void *ctx, const char *path, char *msg, size_t size)
{
    const bt_load_options *opts = ctx;
    return opts->verify_image(opts->ctx, path, msg, size) ? BT_CHECK_OK : BT_CHECK_FAIL;
}

bool bt_schema_asset(bt_reader *r, const bt_ynode *v, const char *name, char **text, char **abs)
{
    return find(r, v, name, false, text, abs);
}

bool bt_schema_folder(bt_reader *r, const bt_ynode *v, const char *name, char **text, char **abs)
{
    return find(r, v, name, true, text, abs);
}

bool bt_schema_probe_image(bt_reader *r, const bt_ynode *at, const char *name, const char *shown,
                           const char *abs, bt_img_info *info)
{
    char err[300] = "";
    bool ok = bt_imgprobe_file(abs, info, err, sizeof err);
    if (ok && r->opts && r->opts->verify_image)
        ok = check_once(r, abs, verify_image, (void *)r->opts, err, sizeof err) == BT_CHECK_OK;
    if (!ok)
        bt_reader_report(r, BT_ERROR, at, "%s \"%s\" cannot be shown: %s", name, shown,
                         err[0] ? err : "it could not be read");
    return ok;
}

bool bt_schema_probe_video(bt_reader *r, const bt_ynode *at, const char *shown, const char *abs)
{
    char err[400] = "";
    /* The header always; the whole probe (streams, codec, size, length)
     * when the caller lends one: each is bounded in bytes and time by
     * itself, so the check's byte budget for pictures does not count it. */
    bool ok = bt_videoprobe_sniff(abs, err, sizeof err);
    if (ok && r->opts && r->opts->video_probe)
        ok = r->opts->video_probe(r->opts->video_ctx, abs, err, sizeof err);
    if (!ok)
        bt_reader_report(r, BT_ERROR, at, "video \"%s\" cannot be played: %s", shown,
                         err[0] ? err : "it could not be read");
    return ok;
}

bool bt_schema_image(bt_reader *r, const bt_ynode *v, const char *name, char **text, char **path,
                     bt_img_info *info)
{
    char *t = NULL, *abs = NULL;
    if (!find(r, v, name, false, &t, &abs))
        return false;
    if (!bt_schema_probe_image(r, v, name, t, abs, info)) {
        free(t);
        free(abs);
        return false;
    }
    *text = t;
    *path = abs;
    return true;
}

/* Checks that the file at abs looks like a font SDL_ttf can open: its size
 * and the first four bytes (TrueType, OpenType, collection). */
static bool font_ok(const char *abs, char *err, size_t size)
{
    static const char magics[][4] = {{0, 1, 0, 0}, {'O', 'T', 'T', 'O'}, {'t', 'r', 'u', 'e'},
                                     {'t', 't', 'c', 'f'}};
    int fd = open(abs, O_RDONLY | O_CLOEXEC);
    struct stat st;
    unsigned char head[4];
    bool ok = false;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, size, _("it cannot be read"));
    } else if (st.st_size > BT_MAX_FONT_BYTES) {
        snprintf(err, size, _("it is too large (%.1f MB, at most %d MB)"),
                 (double)st.st_size / (1024.0 * 1024.0), BT_MAX_FONT_BYTES / (1024 * 1024));
    } else if (st.st_size < 12 || read(fd, head, 4) != 4) {
        snprintf(err, size, _("it is not a TrueType or OpenType font (.ttf or .otf)"));
    } else {
        for (size_t i = 0; i < sizeof magics / sizeof *magics; i++)
            ok = ok || memcmp(head, magics[i], 4) == 0;
        if (!ok)
            snprintf(err, size, _("it is not a TrueType or OpenType font (.ttf or .otf)"));
    }
    if (fd >= 0)
        close(fd);
    return ok;
}

static bool read_font(bt_reader *r, const bt_key *k, const bt_ynode *v, char **text, char **path)
{
    char *t = NULL, *abs = NULL, err[300];
    if (!find(r, v, k->key, false, &t, &abs))
        return false;
    bt_check deep = BT_CHECK_OK;
    if (!font_ok(abs, err, sizeof err) ||
        (r->opts && r->opts->verify_font &&
         (deep = check_once(r, abs, r->opts->verify_font, r->opts->ctx, err, sizeof err)) ==
             BT_CHECK_FAIL)) {
        bt_reader_report(r, BT_ERROR, v, "%s \"%s\" cannot be used: %s", k->key, t, err);
        free(t);
        free(abs);
        return false;
    }
    if (deep == BT_CHECK_WARN)
        bt_reader_report(r, BT_WARNING, v, "%s \"%s\": %s", k->key, t, err);
    *text = t;
    *path = abs;
    return true;
}

/* Replaces the string at *field (a key given twice keeps the last). */
static void set_string(char **field, char *s)
{
    free(*field);
    *field = s;
}

bool bt_schema_value(bt_reader *r, const bt_key *k, const bt_ynode *v, void *target)
{
    char *base = target;
    void *f = base + k->off;
    if (k->type == BT_V_CUSTOM)
        return k->read(r, v, target);
    if (bt_ynode_is_null(v)) {
        if (k->type == BT_V_COLOR) {
            bt_reader_report(r, BT_ERROR, v,
                             "%s is empty: write colours in quotes, like \"#0d47a1\" (without "
                             "quotes, '#' starts a comment)",
                             k->key);
            return false;
        }
        return true;
    }
    if (k->type != BT_V_TEXT && v->kind != BT_YNODE_SCALAR)
        return wrong(r, k, v, NULL);
    switch (k->type) {
    case BT_V_TEXT: {
        char *s = bt_schema_text(r, v, k->key, k->max ? k->max : BT_MAX_SHORT_CHARS);
        if (s)
            set_string(f, s);
        return s != NULL;
    }
    case BT_V_SECONDS:
        return read_seconds(r, k, v, f);
    case BT_V_MS: {
        long ms;
        if (!bt_parse_long(v->str, &ms) || ms < 0 || ms > k->max)
            return wrong(r, k, v, NULL);
        *(int *)f = (int)ms;
        return true;
    }
    case BT_V_BOOL:
        return bt_parse_bool(v->str, f) || wrong(r, k, v, NULL);
    case BT_V_COLOR:
        if (!bt_parse_color(v->str, f))
            return wrong(r, k, v, NULL);
        if (k->off2 != BT_NO_FIELD)
            *(bool *)(base + k->off2) = true;
        return true;
    case BT_V_ENUM:
        return read_enum(r, k, v, f);
    case BT_V_HOURS:
        return bt_parse_hours(v->str, f) || wrong(r, k, v, NULL);
    case BT_V_DATE:
        return bt_parse_date(v->str, f) || wrong(r, k, v, NULL);
    case BT_V_IMAGE: {
        char *t, *p;
        bt_img_info info;
        if (!bt_schema_image(r, v, k->key, &t, &p, &info))
            return false;
        set_string(f, t);
        set_string((char **)(base + k->off2), p);
        return true;
    }
    case BT_V_FONT: {
        char *t, *p;
        if (!read_font(r, k, v, &t, &p))
            return false;
        set_string(f, t);
        set_string((char **)(base + k->off2), p);
        return true;
    }
    default:
        return false;
    }
}
