/* status.c: the kiosk's status as JSON, read back and told as text (see
 * status.h).
 *
 * Contents: writing JSON; the table of fields; reading; text. */
#include "status.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "fileio.h"
#include "model/yamltree.h"

void bt_status_init(bt_status *s)
{
    memset(s, 0, sizeof *s);
    s->format = 1;
}

/* ---- writing JSON -------------------------------------------------------- */

/* A JSON string: quotes, backslashes and control characters escaped;
 * UTF-8 passes through. */
static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void key_str(FILE *f, const char *key, const char *v, bool last)
{
    fprintf(f, "\"%s\": ", key);
    put_str(f, v);
    fputs(last ? "" : ", ", f);
}

static void key_int(FILE *f, const char *key, long long v, bool last)
{
    fprintf(f, "\"%s\": %lld%s", key, v, last ? "" : ", ");
}

static void key_bool(FILE *f, const char *key, bool v, bool last)
{
    fprintf(f, "\"%s\": %s%s", key, v ? "true" : "false", last ? "" : ", ");
}

char *bt_status_json(const bt_status *s, size_t *len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (!f)
        return NULL;
    char written[40] = "";
    time_t w = (time_t)s->written_at;
    struct tm tm;
    if (w > 0 && localtime_r(&w, &tm)) {
        char z[8];
        strftime(written, sizeof written, "%Y-%m-%dT%H:%M:%S", &tm);
        strftime(z, sizeof z, "%z", &tm); /* +0700 -> +07:00 */
        size_t n = strlen(written);
        if (strlen(z) == 5)
            snprintf(written + n, sizeof written - n, "%.3s:%.2s", z, z + 3);
    }
    fputs("{\n  ", f);
    key_int(f, "format", s->format, false);
    key_str(f, "kiosk", s->kiosk, false);
    key_str(f, "version", s->version, false);
    key_int(f, "pid", s->pid, false);
    fputs("\n  ", f);
    key_str(f, "written", written, false);
    key_int(f, "written_at", s->written_at, false);
    key_int(f, "started_at", s->started_at, false);
    key_int(f, "stopped_at", s->stopped_at, false);
    fputs("\n  \"playing\": {", f);
    key_str(f, "what", s->playing, false);
    key_int(f, "slides", s->slides, false);
    key_int(f, "since_at", s->playing_since, false);
    key_int(f, "next_change_at", s->next_change_at, false);
    key_str(f, "next_change", s->next_change, true);
    fputs("},\n  \"campaign\": {", f);
    key_bool(f, "present", s->campaign_present, false);
    key_int(f, "version", s->campaign_version, false);
    key_str(f, "name", s->campaign_name, false);
    key_str(f, "issued", s->campaign_issued, false);
    key_int(f, "imported_at", s->campaign_imported_at, false);
    key_str(f, "folder", s->campaign_folder, false);
    key_str(f, "state", s->campaign_state, true);
    fputs("},\n  \"office\": {", f);
    key_bool(f, "present", s->office_present, false);
    key_str(f, "name", s->office_name, false);
    key_str(f, "playlist", s->office_playlist, false);
    key_int(f, "imported_at", s->office_imported_at, true);
    fputs("},\n  \"imports\": [", f);
    for (int i = 0; i < s->n_imports && i < BT_STATUS_IMPORTS; i++) {
        const bt_history_entry *e = &s->imports[i];
        fputs(i ? ",\n    {" : "\n    {", f);
        key_int(f, "at", (long long)e->when, false);
        key_str(f, "source", e->source, false);
        key_str(f, "result", e->result, false);
        key_str(f, "detail", e->detail, true);
        fputc('}', f);
    }
    fputs("],\n  \"errors\": [", f);
    for (int i = 0; i < s->n_errors && i < BT_STATUS_ERRORS; i++) {
        const bt_status_error *e = &s->errors[i];
        fputs(i ? ",\n    {" : "\n    {", f);
        key_int(f, "at", e->at, false);
        key_str(f, "level", e->level, false);
        key_str(f, "text", e->text, true);
        fputc('}', f);
    }
    fputs("],\n  \"disk\": {", f);
    key_str(f, "path", s->disk_path, false);
    key_int(f, "free_bytes", (long long)s->free_bytes, false);
    key_int(f, "total_bytes", (long long)s->total_bytes, true);
    fputs("},\n  \"screen\": {", f);
    key_str(f, "power", s->power, true);
    fputs("},\n  \"outbox\": {", f);
    key_str(f, "path", s->outbox, false);
    key_int(f, "written_at", s->outbox_written_at, true);
    fputs("}\n}\n", f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    *len = size;
    return buf;
}

bool bt_status_write(const bt_status *s, const char *path, char *err, size_t errsize)
{
    size_t len = 0;
    char *json = bt_status_json(s, &len);
    if (!json) {
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    bool ok = bt_fileio_write_atomic(path, json, len, 0644, err, errsize);
    free(json);
    return ok;
}

/* ---- the table of fields ------------------------------------------------- */

typedef enum { F_STR, F_INT, F_BOOL } ftype;

typedef struct {
    const char *section; /* NULL: the top level */
    const char *key;
    ftype type;
    size_t off, size; /* size: of a string field */
} field;

#define STR(sec, k, m) {sec, k, F_STR, offsetof(bt_status, m), sizeof(((bt_status *)0)->m)}
#define INT(sec, k, m) {sec, k, F_INT, offsetof(bt_status, m), sizeof(((bt_status *)0)->m)}
#define BOOL(sec, k, m) {sec, k, F_BOOL, offsetof(bt_status, m), 0}

static const field fields[] = {
    INT(NULL, "format", format),
    STR(NULL, "kiosk", kiosk),
    STR(NULL, "version", version),
    INT(NULL, "pid", pid),
    INT(NULL, "written_at", written_at),
    INT(NULL, "started_at", started_at),
    INT(NULL, "stopped_at", stopped_at),
    STR("playing", "what", playing),
    INT("playing", "slides", slides),
    INT("playing", "since_at", playing_since),
    INT("playing", "next_change_at", next_change_at),
    STR("playing", "next_change", next_change),
    BOOL("campaign", "present", campaign_present),
    INT("campaign", "version", campaign_version),
    STR("campaign", "name", campaign_name),
    STR("campaign", "issued", campaign_issued),
    INT("campaign", "imported_at", campaign_imported_at),
    STR("campaign", "folder", campaign_folder),
    STR("campaign", "state", campaign_state),
    BOOL("office", "present", office_present),
    STR("office", "name", office_name),
    STR("office", "playlist", office_playlist),
    INT("office", "imported_at", office_imported_at),
    STR("disk", "path", disk_path),
    INT("disk", "free_bytes", free_bytes),
    INT("disk", "total_bytes", total_bytes),
    STR("screen", "power", power),
    STR("outbox", "path", outbox),
    INT("outbox", "written_at", outbox_written_at),
};

/* ---- reading ------------------------------------------------------------- */

/* The value of key in the mapping m, or NULL. */
static const bt_ynode *get(const bt_ynode *m, const char *key)
{
    if (!m || m->kind != BT_YNODE_MAPPING)
        return NULL;
    for (int i = 0; i + 1 < m->n; i += 2)
        if (m->items[i]->kind == BT_YNODE_SCALAR && strcmp(m->items[i]->str, key) == 0)
            return m->items[i + 1];
    return NULL;
}

static void read_str(const bt_ynode *v, char *dst, size_t size)
{
    if (v && v->kind == BT_YNODE_SCALAR)
        snprintf(dst, size, "%s", v->str);
}

static long long read_int(const bt_ynode *v)
{
    if (!v || v->kind != BT_YNODE_SCALAR)
        return 0;
    char *end;
    long long n = strtoll(v->str, &end, 10);
    return *end == '\0' ? n : 0;
}

/* Stores an integer into a field of its size. */
static void store_int(void *at, size_t size, long long v)
{
    if (size == sizeof(int))
        *(int *)at = (int)(v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v);
    else
        *(long long *)at = v;
}

bool bt_status_read(const char *path, bt_status *s, bt_diags *d)
{
    bt_status_init(s);
    s->format = 0;
    bt_ytree *t = bt_ytree_load(path, path, d);
    if (!t)
        return false;
    const bt_ynode *root = bt_ytree_root(t);
    if (!root || root->kind != BT_YNODE_MAPPING || read_int(get(root, "format")) != 1) {
        bt_diags_add(d, BT_ERROR, path, 0, 0, "this is not a bangtin status file");
        bt_ytree_free(t);
        return false;
    }
    char *base = (char *)s;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        const field *f = &fields[i];
        const bt_ynode *v = get(f->section ? get(root, f->section) : root, f->key);
        if (f->type == F_STR)
            read_str(v, base + f->off, f->size);
        else if (f->type == F_INT)
            store_int(base + f->off, f->size, read_int(v));
        else
            *(bool *)(base + f->off) = v && v->kind == BT_YNODE_SCALAR && strcmp(v->str, "true") == 0;
    }
    const bt_ynode *imp = get(root, "imports");
    for (int i = 0; imp && imp->kind == BT_YNODE_SEQUENCE && i < imp->n &&
                    s->n_imports < BT_STATUS_IMPORTS; i++) {
        bt_history_entry *e = &s->imports[s->n_imports++];
        e->when = (time_t)read_int(get(imp->items[i], "at"));
        read_str(get(imp->items[i], "source"), e->source, sizeof e->source);
        read_str(get(imp->items[i], "result"), e->result, sizeof e->result);
        read_str(get(imp->items[i], "detail"), e->detail, sizeof e->detail);
    }
    const bt_ynode *errs = get(root, "errors");
    for (int i = 0; errs && errs->kind == BT_YNODE_SEQUENCE && i < errs->n &&
                    s->n_errors < BT_STATUS_ERRORS; i++) {
        bt_status_error *e = &s->errors[s->n_errors++];
        e->at = read_int(get(errs->items[i], "at"));
        read_str(get(errs->items[i], "level"), e->level, sizeof e->level);
        read_str(get(errs->items[i], "text"), e->text, sizeof e->text);
    }
    bt_ytree_free(t);
    return true;
}

/* ---- text ---------------------------------------------------------------- */

/* Local "YYYY-MM-DD HH:MM", or "unknown". */
static const char *when(long long t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (t <= 0 || !localtime_r(&tt, &tm) || strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(buf, size, "unknown");
    return buf;
}

/* "3 d 4 h", "2 h 5 min", "40 s". */
static const char *span(long long secs, char *buf, size_t size)
{
    if (secs < 0)
        secs = 0;
    if (secs >= 86400)
        snprintf(buf, size, "%lld d %lld h", secs / 86400, secs % 86400 / 3600);
    else if (secs >= 3600)
        snprintf(buf, size, "%lld h %lld min", secs / 3600, secs % 3600 / 60);
    else if (secs >= 60)
        snprintf(buf, size, "%lld min", secs / 60);
    else
        snprintf(buf, size, "%lld s", secs);
    return buf;
}

static const char *bytes(unsigned long long n, char *buf, size_t size)
{
    if (n >= 1000ULL * 1000 * 1000)
        snprintf(buf, size, "%.1f GB", (double)n / 1e9);
    else
        snprintf(buf, size, "%.0f MB", (double)n / 1e6);
    return buf;
}

void bt_status_print(const bt_status *s, time_t now, bool alive, FILE *out)
{
    char a[40], b[40], c[40];
    fprintf(out, _("Kiosk:     %s, bangtin %s\n"), s->kiosk[0] ? s->kiosk : "(no name)", s->version);
    if (s->stopped_at > 0)
        fprintf(out, _("Player:    stopped %s (%s ago), after running for %s\n"),
                when(s->stopped_at, a, sizeof a), span(now - s->stopped_at, b, sizeof b),
                span(s->stopped_at - s->started_at, c, sizeof c));
    else if (alive)
        fprintf(out, _("Player:    running (pid %lld) for %s; this status is %s old\n"), s->pid,
                span(now - s->started_at, a, sizeof a), span(now - s->written_at, b, sizeof b));
    else
        fprintf(out, _("Player:    NOT RUNNING (pid %lld was started %s; this status was written "
                "%s, %s ago)\n"), s->pid, when(s->started_at, a, sizeof a),
                when(s->written_at, b, sizeof b), span(now - s->written_at, c, sizeof c));
    fprintf(out, _("Playing:   %s (%d slides) since %s\n"), s->playing[0] ? s->playing : "nothing",
            s->slides, when(s->playing_since, a, sizeof a));
    if (s->next_change_at > 0)
        fprintf(out, _("Next:      %s: %s\n"), when(s->next_change_at, a, sizeof a), s->next_change);
    else
        fprintf(out, _("Next:      no change scheduled\n"));
    if (s->campaign_present)
        fprintf(out, _("Campaign:  version %lld \"%s\", issued %s, taken %s\n"), s->campaign_version,
                s->campaign_name, s->campaign_issued, when(s->campaign_imported_at, a, sizeof a));
    else
        fprintf(out, _("Campaign:  none\n"));
    if (s->campaign_folder[0])
        fprintf(out, _("           followed in %s%s%s\n"), s->campaign_folder,
                s->campaign_state[0] ? ": " : "", s->campaign_state);
    if (s->office_present)
        fprintf(out, _("Office:    \"%s\" (%s), loaded %s\n"), s->office_name, s->office_playlist,
                when(s->office_imported_at, a, sizeof a));
    else
        fprintf(out, _("Office:    none (%s)\n"), s->office_playlist[0] ? s->office_playlist
                                                                      : "no playlist from a stick");
    fprintf(out, _("Imports:   %s\n"), s->n_imports ? "" : "none yet");
    for (int i = s->n_imports - 1; i >= 0; i--) /* newest first */
        fprintf(out, "  %s  %-12s %-8s %s\n", when(s->imports[i].when, a, sizeof a),
                s->imports[i].source, s->imports[i].result, s->imports[i].detail);
    fprintf(out, _("Errors:    %s\n"), s->n_errors ? "" : "none");
    for (int i = s->n_errors - 1; i >= 0; i--)
        fprintf(out, "  %s  %-8s %s\n", when(s->errors[i].at, a, sizeof a), s->errors[i].level,
                s->errors[i].text);
    if (s->total_bytes > 0)
        fprintf(out, _("Disk:      %s free of %s (%s)\n"), bytes(s->free_bytes, a, sizeof a),
                bytes(s->total_bytes, b, sizeof b), s->disk_path);
    fprintf(out, _("Screen:    %s\n"), s->power[0] ? s->power : "(not reported)");
    if (s->outbox[0])
        fprintf(out, _("Outbox:    %s, written %s\n"), s->outbox,
                when(s->outbox_written_at, a, sizeof a));
}
