/* settings.c: kiosk.yaml read and checked into bt_settings (settings.h).
 *
 * Contents: defaults and words; the key table; one reader per key (name,
 * timezone, rotate, paths, lists, hours, power); the loader. The YAML is
 * read by yamltree.c, the keys matched by schema.c, as for playlists.
 *
 * Each reader works on a copy and writes its field only when the whole
 * value is right, so that a key with an error keeps its default. */
#include "settings.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "base/i18n.h"
#include "base/tz.h"
#include "base/values.h"
#include "schema.h"
#include "yamltree.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* ---- defaults and words --------------------------------------------------- */

void bt_settings_init(bt_settings *s)
{
    memset(s, 0, sizeof *s);
    s->rotate = 0;
    s->language = BT_LANG_VI;
}

static void free_list(char **items, int *n)
{
    for (int i = 0; i < *n; i++)
        free(items[i]);
    *n = 0;
}

void bt_settings_clear(bt_settings *s)
{
    free(s->path);
    free(s->name);
    free(s->timezone);
    free(s->library);
    free_list(s->watch, &s->n_watch);
    free(s->campaign);
    free(s->outbox);
    free_list(s->trust, &s->n_trust);
    free(s->power_off);
    free(s->power_on);
    bt_settings_init(s);
}

static const char *const key_names[BT_SET_COUNT] = {
    [BT_SET_NAME] = "name",         [BT_SET_TIMEZONE] = "timezone", [BT_SET_ROTATE] = "rotate",
    [BT_SET_LIBRARY] = "library",   [BT_SET_WATCH] = "watch",       [BT_SET_CAMPAIGN] = "campaign",
    [BT_SET_OUTBOX] = "outbox",     [BT_SET_TRUST] = "trust",       [BT_SET_HOURS] = "hours",
    [BT_SET_POWER] = "power",       [BT_SET_LANGUAGE] = "language",
};

const char *bt_settings_key(bt_setting k)
{
    return k >= 0 && k < BT_SET_COUNT ? key_names[k] : "?";
}

const char *bt_settings_default_words(bt_setting k)
{
    switch (k) {
    case BT_SET_NAME:
        return "reports are named after this machine's host name";
    case BT_SET_TIMEZONE:
        return "the system's time zone is used";
    case BT_SET_ROTATE:
        return "the screen is not turned";
    case BT_SET_LIBRARY:
        return "the default library folder is used";
    case BT_SET_WATCH:
        return "USB sticks are looked for in /media and /run/media";
    case BT_SET_CAMPAIGN:
        return "no campaign folder is watched";
    case BT_SET_OUTBOX:
        return "no reports are left for the province";
    case BT_SET_TRUST:
        return "only the keys in /etc/bangtin/trusted.d/ are trusted";
    case BT_SET_HOURS:
        return "no opening hours: the screen stays on at all hours";
    case BT_SET_POWER:
        return "no commands are run as the screen goes off or on";
    case BT_SET_LANGUAGE:
        return "the screen speaks Vietnamese";
    default:
        return "";
    }
}

void bt_settings_fallbacks(const bt_settings *s, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    if (s->fallback == (1u << BT_SET_COUNT) - 1) {
        snprintf(buf, size, "every setting (the file could not be used)");
        return;
    }
    for (int k = 0; k < BT_SET_COUNT && o < size; k++)
        if (s->fallback & (1u << k))
            o += (size_t)snprintf(buf + o, size - o, "%s%s (%s)", o ? ", " : "", key_names[k],
                                  bt_settings_default_words((bt_setting)k));
}

/* ---- names ------------------------------------------------------------------ */

static bool name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

bool bt_settings_name_ok(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > BT_MAX_KIOSK_NAME_CHARS || text[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char((unsigned char)text[i]))
            return false;
    return true;
}

const char *bt_settings_name(const bt_settings *s, char *buf, size_t size)
{
    if (s->name)
        return s->name;
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) == 0 && bt_settings_name_ok(host) &&
        strlen(host) < size) {
        snprintf(buf, size, "%s", host);
        return buf;
    }
    snprintf(buf, size, "bangtin");
    return buf;
}

/* A safe name close to what was written: "UBND Phường Bến Nghé 01" becomes
 * "ubnd-phuong-ben-nghe-01" (marks dropped, đ as d, the rest as '-'). */
static void suggest_name(const char *text, char *out, size_t size)
{
    utf8proc_uint8_t *plain = NULL;
    out[0] = '\0';
    if (utf8proc_map((const utf8proc_uint8_t *)text, 0, &plain,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                         UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0)
        return;
    size_t o = 0;
    for (const unsigned char *c = plain; *c && o + 1 < size && o < BT_MAX_KIOSK_NAME_CHARS;) {
        char put;
        if (c[0] == 0xc4 && c[1] == 0x91) { /* đ */
            put = 'd';
            c += 2;
        } else if (*c < 0x80 && name_char(*c) && *c != '.') {
            put = (char)*c++;
        } else {
            put = '-';
            do
                c++;
            while ((*c & 0xc0) == 0x80);
        }
        if (put == '-' && (o == 0 || out[o - 1] == '-'))
            continue;
        out[o++] = put;
    }
    while (o > 0 && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    free(plain);
}

void bt_settings_suggest_name(const char *text, char *out, size_t size)
{
    suggest_name(text, out, size);
    if (!bt_settings_name_ok(out))
        out[0] = '\0';
}

/* ---- the key table ------------------------------------------------------ */

static bool read_name(bt_reader *r, const bt_ynode *v, void *target);
static bool read_timezone(bt_reader *r, const bt_ynode *v, void *target);
static bool read_rotate(bt_reader *r, const bt_ynode *v, void *target);
static bool read_library(bt_reader *r, const bt_ynode *v, void *target);
static bool read_watch(bt_reader *r, const bt_ynode *v, void *target);
static bool read_campaign(bt_reader *r, const bt_ynode *v, void *target);
static bool read_outbox(bt_reader *r, const bt_ynode *v, void *target);
static bool read_trust(bt_reader *r, const bt_ynode *v, void *target);
static bool read_hours(bt_reader *r, const bt_ynode *v, void *target);
static bool read_power(bt_reader *r, const bt_ynode *v, void *target);

static const char *const languages[] = {"vi", "en", NULL};
_Static_assert(sizeof(bt_language) == sizeof(int), "enum size");

/* In bt_setting's order: index i is the bit 1 << i. */
static const bt_key top_keys[BT_SET_COUNT] = {
    [BT_SET_NAME] = {"name", BT_V_CUSTOM, 0, 0, 0, NULL, read_name},
    [BT_SET_TIMEZONE] = {"timezone", BT_V_CUSTOM, 0, 0, 0, NULL, read_timezone},
    [BT_SET_ROTATE] = {"rotate", BT_V_CUSTOM, 0, 0, 0, NULL, read_rotate},
    [BT_SET_LIBRARY] = {"library", BT_V_CUSTOM, 0, 0, 0, NULL, read_library},
    [BT_SET_WATCH] = {"watch", BT_V_CUSTOM, 0, 0, 0, NULL, read_watch},
    [BT_SET_CAMPAIGN] = {"campaign", BT_V_CUSTOM, 0, 0, 0, NULL, read_campaign},
    [BT_SET_OUTBOX] = {"outbox", BT_V_CUSTOM, 0, 0, 0, NULL, read_outbox},
    [BT_SET_TRUST] = {"trust", BT_V_CUSTOM, 0, 0, 0, NULL, read_trust},
    [BT_SET_HOURS] = {"hours", BT_V_CUSTOM, 0, 0, 0, NULL, read_hours},
    [BT_SET_POWER] = {"power", BT_V_CUSTOM, 0, 0, 0, NULL, read_power},
    [BT_SET_LANGUAGE] = {"language", BT_V_ENUM, offsetof(bt_settings, language), 0, 0, languages,
                         NULL},
};

typedef struct {
    char *off, *on;
} power_cmds;

static const bt_key power_keys[] = {
    {"off", BT_V_TEXT, offsetof(power_cmds, off), 0, BT_MAX_POWER_COMMAND_CHARS, NULL, NULL},
    {"on", BT_V_TEXT, offsetof(power_cmds, on), 0, BT_MAX_POWER_COMMAND_CHARS, NULL, NULL},
};

/* ---- single values -------------------------------------------------------- */

static void set_string(char **field, char *s)
{
    free(*field);
    *field = s;
}

static bool read_name(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    char *t = bt_schema_text(r, v, "name", 0);
    if (!t)
        return false;
    if (bt_settings_name_ok(t)) {
        set_string(&s->name, t);
        return true;
    }
    char found[200], sug[BT_MAX_KIOSK_NAME_CHARS + 1], hint[120] = "";
    bt_schema_found(v, found, sizeof found);
    suggest_name(t, sug, sizeof sug);
    if (sug[0] && bt_settings_name_ok(sug))
        snprintf(hint, sizeof hint, _(" (for example \"%s\")"), sug);
    bt_reader_report(r, BT_ERROR, v,
                     "name %s cannot name the kiosk's folder in the outbox: use 1 to %d "
                     "letters (a-z, A-Z), digits, '-', '_' or '.', not starting with '.'%s",
                     found, BT_MAX_KIOSK_NAME_CHARS, hint);
    free(t);
    return false;
}

static bool read_timezone(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    char *t = bt_schema_text(r, v, "timezone", BT_TZ_MAX_NAME * 4);
    char err[400];
    if (!t)
        return false;
    if (!bt_tz_check(t, err, sizeof err)) {
        bt_reader_report(r, BT_ERROR, v, "timezone: %s", err);
        free(t);
        return false;
    }
    set_string(&s->timezone, t);
    return true;
}

static bool read_rotate(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    long deg;
    if (v->kind == BT_YNODE_SCALAR && bt_parse_long(v->str, &deg) &&
        (deg == 0 || deg == 90 || deg == 180 || deg == 270)) {
        s->rotate = (int)deg;
        return true;
    }
    char found[200];
    bt_schema_found(v, found, sizeof found);
    bt_reader_report(r, BT_ERROR, v,
                     "rotate must be 0, 90, 180 or 270 (degrees, clockwise), not %s", found);
    return false;
}

/* An absolute path of a folder or file on this machine, malloc'd. */
static char *read_path(bt_reader *r, const bt_ynode *v, const char *name)
{
    char *t = bt_schema_text(r, v, name, BT_MAX_SETTINGS_PATH_CHARS);
    if (!t)
        return NULL;
    if (t[0] != '/') {
        bt_reader_report(r, BT_ERROR, v,
                         "%s must be a full path starting with '/', like /var/lib/bangtin, "
                         "not \"%s\"",
                         name, t);
        free(t);
        return NULL;
    }
    return t;
}

static bool read_one_path(bt_reader *r, const bt_ynode *v, const char *name, char **field)
{
    char *t = read_path(r, v, name);
    if (t)
        set_string(field, t);
    return t != NULL;
}

static bool read_library(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_one_path(r, v, "library", &((bt_settings *)target)->library);
}

static bool read_campaign(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_one_path(r, v, "campaign", &((bt_settings *)target)->campaign);
}

static bool read_outbox(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_one_path(r, v, "outbox", &((bt_settings *)target)->outbox);
}

/* A list of paths ([a, b], or one path alone); items and *n replaced only
 * when every one is right. */
static bool read_path_list(bt_reader *r, const bt_ynode *v, const char *name, char **items,
                           int *n, int max)
{
    const bt_ynode *const *vs = &v;
    int count = 1;
    if (v->kind == BT_YNODE_SEQUENCE) {
        vs = (const bt_ynode *const *)v->items;
        count = v->n;
    } else if (v->kind != BT_YNODE_SCALAR) {
        char found[200];
        bt_schema_found(v, found, sizeof found);
        bt_reader_report(r, BT_ERROR, v, "%s must be a list of paths, like [/media/bangtin], not %s",
                         name, found);
        return false;
    }
    if (count == 0) {
        bt_reader_report(r, BT_ERROR, v, "%s is an empty list; leave the key out to use the "
                                         "default",
                         name);
        return false;
    }
    if (count > max) {
        bt_reader_report(r, BT_ERROR, vs[max], "%s has too many paths (%d, at most %d)", name,
                         count, max);
        return false;
    }
    char *got[BT_MAX_WATCH_DIRS + BT_MAX_TRUST_KEYS] = {0}; /* room for either list */
    int ok = 0;
    for (int i = 0; i < count; i++) {
        char *t = read_path(r, vs[i], name);
        if (t)
            got[ok++] = t;
    }
    if (ok < count) {
        free_list(got, &ok);
        return false;
    }
    free_list(items, n);
    memcpy(items, got, sizeof *got * (size_t)count);
    *n = count;
    return true;
}

static bool read_watch(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    return read_path_list(r, v, "watch", s->watch, &s->n_watch, BT_MAX_WATCH_DIRS);
}

static bool read_trust(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    if (!read_path_list(r, v, "trust", s->trust, &s->n_trust, BT_MAX_TRUST_KEYS))
        return false;
    /* Kept even when unreadable now (a key copied later is fine), but said:
     * a campaign signed for a key the kiosk cannot read is refused. */
    for (int i = 0; i < s->n_trust; i++) {
        struct stat st;
        const bt_ynode *at = v->kind == BT_YNODE_SEQUENCE ? v->items[i] : v;
        if (stat(s->trust[i], &st) != 0)
            bt_reader_report(r, BT_WARNING, at, "trust: the key %s cannot be read (%s)",
                             s->trust[i], strerror(errno));
        else if (!S_ISREG(st.st_mode))
            bt_reader_report(r, BT_WARNING, at, "trust: %s is not a key file", s->trust[i]);
    }
    return true;
}

/* ---- hours ---------------------------------------------------------------- */

static const char *const day_words[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* Reports a day key that is not one, suggesting the day it looks like. */
static void bad_days(bt_reader *r, const bt_ynode *key)
{
    char shown[200];
    bt_schema_quote(key, '\'', shown, sizeof shown);
    const char *sug = NULL;
    if (key->kind == BT_YNODE_SCALAR) {
        static const char *const words[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                            "mon-fri", "mon-sat", "sat-sun"};
        sug = bt_suggest(key->str, words, COUNT(words));
    }
    char hint[60] = "";
    if (sug)
        snprintf(hint, sizeof hint, _(" (did you mean '%s'?)"), sug);
    bt_reader_report(r, BT_ERROR, key,
                     "%s is not a day of the week%s; write days like mon, sat, mon-fri or "
                     "\"mon, wed\"",
                     shown, hint);
}

static bool read_hours(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    if (v->kind != BT_YNODE_MAPPING) {
        char found[200];
        bt_schema_found(v, found, sizeof found);
        bt_reader_report(r, BT_ERROR, v,
                         "hours must be lines like 'mon-fri: \"07:00-17:30\"', not %s", found);
        return false;
    }
    bt_opening o = {.set = true};
    const bt_ynode *where[7] = {0}; /* the key that gave each day */
    bool ok = true;
    size_t who = bt_reader_push(r, "hours");
    for (int p = 0; p + 1 < v->n; p += 2) {
        const bt_ynode *key = v->items[p], *val = v->items[p + 1];
        uint8_t days = key->kind == BT_YNODE_SCALAR ? bt_opening_parse_days(key->str) : 0;
        if (!days) {
            bad_days(r, key);
            ok = false;
            continue;
        }
        bt_hours spans[BT_OPENING_MAX_SPANS];
        int n = 0;
        const char *why = "";
        if (val->kind != BT_YNODE_SCALAR || bt_ynode_is_null(val) ||
            !bt_opening_parse_spans(val->str, spans, &n, &why)) {
            char found[200];
            bt_schema_found(val, found, sizeof found);
            bt_reader_report(r, BT_ERROR, val, "%s: %s (found %s)", key->str, why, found);
            ok = false;
            continue;
        }
        for (int d = 0; d < 7; d++) {
            if (!(days & (1u << d)))
                continue;
            if (where[d]) {
                bt_reader_report(r, BT_ERROR, key, "%s: %s is already given at line %d",
                                 key->str, day_words[d], where[d]->line);
                ok = false;
                continue;
            }
            where[d] = key;
            memcpy(o.span[d], spans, sizeof spans);
            o.n[d] = n;
        }
    }
    int da, sa, db, sb;
    if (ok && bt_opening_overlap(&o, &da, &sa, &db, &sb)) {
        const bt_hours *a = &o.span[da][sa], *b = &o.span[db][sb];
        const bt_ynode *at = where[db]->line >= where[da]->line ? where[db] : where[da];
        bt_reader_report(r, BT_ERROR, at,
                         "%s %02d:%02d-%02d:%02d and %s %02d:%02d-%02d:%02d overlap (a span "
                         "past midnight runs into the next day)",
                         day_words[da], a->from_min / 60, a->from_min % 60, a->until_min / 60,
                         a->until_min % 60, day_words[db], b->from_min / 60, b->from_min % 60,
                         b->until_min / 60, b->until_min % 60);
        ok = false;
    }
    bt_reader_pop(r, who);
    if (ok)
        s->hours = o;
    return ok;
}

/* ---- power ---------------------------------------------------------------- */

static char *empty_as_null(char *t)
{
    if (t && !t[0]) {
        free(t);
        return NULL;
    }
    return t;
}

static bool read_power(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_settings *s = target;
    const bt_ynode *vals[COUNT(power_keys)];
    if (v->kind != BT_YNODE_MAPPING)
        return bt_schema_collect(r, v, power_keys, COUNT(power_keys), vals, "power");
    power_cmds c = {0};
    size_t who = bt_reader_push(r, "power");
    bt_schema_collect(r, v, power_keys, COUNT(power_keys), vals, "power");
    bool ok = bt_schema_apply(r, v, power_keys, COUNT(power_keys), vals, &c);
    bt_reader_pop(r, who);
    if (!ok) {
        free(c.off);
        free(c.on);
        return false;
    }
    set_string(&s->power_off, empty_as_null(c.off));
    set_string(&s->power_on, empty_as_null(c.on));
    return true;
}

/* ---- the loader ------------------------------------------------------------ */

/* Reads the top mapping key by key, in the file's order, keeping track of
 * which keys were used and which fell back. */
static void read_top(bt_reader *r, const bt_ynode *root, bt_settings *s)
{
    const bt_ynode *vals[BT_SET_COUNT];
    if (!root)
        return; /* only comments: every default */
    if (root->kind != BT_YNODE_MAPPING) {
        char found[200];
        bt_schema_found(root, found, sizeof found);
        bt_reader_report(r, BT_ERROR, root,
                         "these are not kiosk settings: the file must hold lines like "
                         "'name: ubnd-ben-nghe-01', not %s; every setting keeps its default",
                         found);
        s->fallback = (1u << BT_SET_COUNT) - 1;
        return;
    }
    bt_schema_collect(r, root, top_keys, BT_SET_COUNT, vals, "the settings");
    for (int p = 1; p < root->n && !r->oom; p += 2)
        for (int k = 0; k < BT_SET_COUNT; k++) {
            /* The key too, not only the value: an alias (`timezone: *a`)
             * shares its value node with the anchor's key. */
            const bt_ynode *key = root->items[p - 1];
            if (vals[k] != root->items[p] || key->kind != BT_YNODE_SCALAR ||
                strcmp(key->str, top_keys[k].key) != 0)
                continue;
            int errors = r->diags->errors;
            /* A key written with nothing after it ("campaign:") is left at
             * its default, as an absent key. */
            if (bt_ynode_is_null(vals[k]))
                break;
            bool ok = bt_schema_value(r, &top_keys[k], vals[k], s) && r->diags->errors == errors;
            s->given |= ok ? 1u << k : 0;
            s->fallback |= ok ? 0 : 1u << k;
            break;
        }
}

bool bt_settings_load(bt_settings *s, const char *path, bool must_exist, bt_diags *diags)
{
    bt_settings_clear(s);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT && !must_exist)
            return true; /* no settings: the defaults */
        s->fallback = (1u << BT_SET_COUNT) - 1;
        bt_diags_add(diags, BT_ERROR, path, 0, 0,
                     errno == ENOENT ? "the settings file was not found; the defaults are used"
                                     : "the settings file cannot be read (%s); the defaults "
                                       "are used",
                     strerror(errno));
        return false;
    }
    if (!(s->path = strdup(path))) {
        bt_diags_add(diags, BT_ERROR, path, 0, 0, "out of memory");
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        bt_diags_add(diags, BT_ERROR, path, 0, 0,
                     "this is not a settings file (a folder or a device); the defaults are used");
        s->fallback = (1u << BT_SET_COUNT) - 1;
        return false;
    }
    if (st.st_size == 0) {
        s->found = true;
        return true; /* an empty file: the defaults */
    }
    if (st.st_size > BT_MAX_SETTINGS_BYTES) {
        bt_diags_add(diags, BT_ERROR, path, 0, 0,
                     "the file is too large (%lld KB, kiosk settings may be at most %d KB); "
                     "the defaults are used",
                     (long long)st.st_size / 1024, BT_MAX_SETTINGS_BYTES / 1024);
        s->fallback = (1u << BT_SET_COUNT) - 1;
        return false;
    }
    int errors = diags->errors;
    bt_ytree *tree = bt_ytree_load(path, path, diags);
    if (!tree) {
        bt_diags_add(diags, BT_ERROR, path, 0, 0,
                     "the file cannot be used, so every setting keeps its default");
        s->fallback = (1u << BT_SET_COUNT) - 1;
        return false;
    }
    s->found = true;
    bt_reader r = {.diags = diags, .file = path, .dir = "."};
    read_top(&r, bt_ytree_root(tree), s);
    bt_ytree_free(tree);
    free(r.root);
    if (r.oom) {
        char *keep = s->path;
        s->path = NULL;
        bt_settings_clear(s);
        s->path = keep;
        s->fallback = (1u << BT_SET_COUNT) - 1;
    }
    return diags->errors == errors && !s->fallback;
}

/* ---- the summary ------------------------------------------------------------ */

static bool same_day(const bt_opening *o, int a, int b)
{
    if (o->n[a] != o->n[b])
        return false;
    for (int i = 0; i < o->n[a]; i++)
        if (o->span[a][i].from_min != o->span[b][i].from_min ||
            o->span[a][i].until_min != o->span[b][i].until_min)
            return false;
    return true;
}

/* "mon-fri 07:00-11:30, 13:30-17:00; sat 07:00-11:30; sun off" */
static size_t hours_words(const bt_opening *o, char *buf, size_t size)
{
    size_t n = 0;
    for (int d = 0; d < 7 && n < size;) {
        int e = d;
        while (e + 1 < 7 && same_day(o, d, e + 1))
            e++;
        n += (size_t)snprintf(buf + n, size - n, "%s%s%s%s ", d ? "; " : "", day_words[d],
                              e > d ? "-" : "", e > d ? day_words[e] : "");
        if (o->n[d] == 0 && n < size)
            n += (size_t)snprintf(buf + n, size - n, "off");
        for (int i = 0; i < o->n[d] && n < size; i++) {
            const bt_hours *h = &o->span[d][i];
            n += (size_t)snprintf(buf + n, size - n, "%s%02d:%02d-%02d:%02d", i ? ", " : "",
                                  h->from_min / 60, h->from_min % 60, h->until_min / 60,
                                  h->until_min % 60);
        }
        d = e + 1;
    }
    return n;
}

void bt_settings_summary(const bt_settings *s, time_t now, char *buf, size_t size)
{
    char name[BT_MAX_KIOSK_NAME_CHARS + 1], when[64];
    struct tm tm;
    size_t n = (size_t)snprintf(buf, size,
                                "name: %s\ntimezone: %s\nlanguage: %s\nrotate: %d\nhours: ",
                                bt_settings_name(s, name, sizeof name),
                                s->timezone ? s->timezone : "(the system's)",
                                languages[s->language], s->rotate);
    if (n >= size)
        return;
    if (!s->hours.set) {
        n += (size_t)snprintf(buf + n, size - n, "none (the screen stays on at all hours)\n");
    } else {
        n += hours_words(&s->hours, buf + n, size - n);
        if (n < size)
            n += (size_t)snprintf(buf + n, size - n, "\n");
    }
    if (n >= size || !localtime_r(&now, &tm))
        return;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z", &tm);
    n += (size_t)snprintf(buf + n, size - n, "now: %s", when);
    if (n >= size || !s->hours.set) {
        if (n < size)
            snprintf(buf + n, size - n, "\n");
        return;
    }
    time_t next = bt_opening_next_change(&s->hours, now);
    bool open = bt_opening_is_open(&s->hours, now);
    if (localtime_r(&next, &tm) && bt_opening_is_open(&s->hours, next) != open) {
        strftime(when, sizeof when, "%a %Y-%m-%d %H:%M", &tm);
        snprintf(buf + n, size - n, ", %s until %s\n", open ? "open" : "closed", when);
    } else {
        snprintf(buf + n, size - n, ", %s\n", open ? "open" : "closed");
    }
}
