/* playlist_load.c: a playlist file read and checked into the model.
 *
 * Contents: defaults; the key tables of every section; the sections that
 * need more than a table (version, topics, slides, tips, labels); the
 * loader itself. The YAML is read by yamltree.c, the key tables by schema.c.
 *
 * What happens on an error (report it, skip what it spoils, keep playing):
 * - a slide or a tip with an error is left out;
 * - an error in theme, defaults, touch or display keeps the default for
 *   that one value;
 * - a topic without a usable id, or with the id of an earlier topic, is left
 *   out (the earlier one stays); a topic whose icon or colour is wrong is
 *   kept without them, because a clerk expects its slides to stay browsable;
 *   slides that name a topic that is not there have an error and are left out;
 * - a missing or wrong version, a file that is not a playlist at all, or no
 *   usable slide makes the playlist unusable (NULL). */
#include "playlist_load.h"

#include <dirent.h>
#include <errno.h>
#include <search.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "schema.h"
#include "slide_sources.h"
#include "base/utf8.h"
#include "base/values.h"
#include "yamltree.h"

/* Enum fields are written as int by the key tables. */
_Static_assert(sizeof(bt_transition) == sizeof(int), "enum size");
_Static_assert(sizeof(bt_layout) == sizeof(int), "enum size");
_Static_assert(sizeof(bt_priority) == sizeof(int), "enum size");

typedef struct {
    bt_reader r; /* first: the key tables' handlers get a bt_reader * */
    bt_playlist *pl;
    bool fatal;
    bt_slide_sink sink; /* where the slides kept go */
    /* The slide entry being read: what its folder: and pages: keys said
     * (pdf: goes into the slide itself). */
    char *folder, *folder_path;
    const bt_ynode *pages;
    const char *skip; /* the playlist file, left out of `folder: .` */
} loader;

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

/* ---- defaults: the one place they live --------------------------------- */

static bool set_defaults(bt_playlist *pl)
{
    pl->theme.background = (bt_color){0x0d, 0x47, 0xa1, 255};
    pl->theme.text = (bt_color){0xff, 0xff, 0xff, 255};
    pl->theme.accent = (bt_color){0xff, 0xca, 0x28, 255};
    pl->theme.clock = true;
    pl->theme.header = NULL;
    pl->duration_ms = 10000;
    pl->transition = BT_TRANSITION_FADE;
    pl->transition_ms = 600;
    pl->tip_interval_ms = 8000;
    pl->touch_enabled = true;
    pl->idle_timeout_ms = 45000;
    pl->off_hours = (bt_hours){false, 0, 0};
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        if (!(pl->labels[i] = strdup(bt_label_default((bt_label)i))))
            return false;
    return true;
}

/* A slide before its keys are read: the playlist's defaults. */
static void slide_defaults(const bt_playlist *pl, bt_slide *s)
{
    memset(s, 0, sizeof *s);
    s->topic_index = -1;
    s->layout = BT_LAYOUT_AUTO;
    s->duration_ms = pl->duration_ms;
    s->transition = pl->transition;
    s->transition_ms = pl->transition_ms;
    s->priority = BT_PRIORITY_NORMAL;
    s->schedule.days = BT_DAYS_ALL;
    s->sound = -1;
}

/* ---- key tables --------------------------------------------------------- */

static const char *const transitions[] = {"none", "fade", "slide", NULL};
static const char *const layouts[] = {"auto", "image", "text", "split", "caption", "full", NULL};
static const char *const priorities[] = {"normal", "alert", NULL};
static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};

#define F(type, field) offsetof(type, field)

static const bt_key theme_keys[] = {
    {"background", BT_V_COLOR, F(bt_theme, background), BT_NO_FIELD, 0, NULL, NULL},
    {"text", BT_V_COLOR, F(bt_theme, text), BT_NO_FIELD, 0, NULL, NULL},
    {"accent", BT_V_COLOR, F(bt_theme, accent), BT_NO_FIELD, 0, NULL, NULL},
    {"font", BT_V_FONT, F(bt_theme, font), F(bt_theme, font_path), 0, NULL, NULL},
    {"font_bold", BT_V_FONT, F(bt_theme, font_bold), F(bt_theme, font_bold_path), 0, NULL, NULL},
    {"logo", BT_V_IMAGE, F(bt_theme, logo), F(bt_theme, logo_path), 0, NULL, NULL},
    {"header", BT_V_TEXT, F(bt_theme, header), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    {"clock", BT_V_BOOL, F(bt_theme, clock), 0, 0, NULL, NULL},
};

static const bt_key defaults_keys[] = {
    {"duration", BT_V_SECONDS, F(bt_playlist, duration_ms), 0, 0, NULL, NULL},
    {"transition", BT_V_ENUM, F(bt_playlist, transition), 0, 0, transitions, NULL},
    {"transition_ms", BT_V_MS, F(bt_playlist, transition_ms), 0, BT_MAX_TRANSITION_MS, NULL,
     NULL},
};

static const bt_key topic_keys[] = {
    {"id", BT_V_TEXT, F(bt_topic, id), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    {"title", BT_V_TEXT, F(bt_topic, title), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    {"icon", BT_V_IMAGE, F(bt_topic, icon), F(bt_topic, icon_path), 0, NULL, NULL},
    {"color", BT_V_COLOR, F(bt_topic, color), F(bt_topic, has_color), 0, NULL, NULL},
};

static bool read_days(bt_reader *r, const bt_ynode *v, void *target);

static const bt_key schedule_keys[] = {
    {"from", BT_V_DATE, F(bt_schedule, from), 0, 0, NULL, NULL},
    {"until", BT_V_DATE, F(bt_schedule, until), 0, 0, NULL, NULL},
    {"days", BT_V_CUSTOM, 0, 0, 0, NULL, read_days},
    {"hours", BT_V_HOURS, F(bt_schedule, hours), 0, 0, NULL, NULL},
};

static bool read_slide_image(bt_reader *r, const bt_ynode *v, void *target);
static bool read_qr(bt_reader *r, const bt_ynode *v, void *target);
static bool read_schedule(bt_reader *r, const bt_ynode *v, void *target);
static bool read_pdf(bt_reader *r, const bt_ynode *v, void *target);
static bool read_pages(bt_reader *r, const bt_ynode *v, void *target);
static bool read_folder(bt_reader *r, const bt_ynode *v, void *target);
static bool read_video(bt_reader *r, const bt_ynode *v, void *target);
static bool read_sound(bt_reader *r, const bt_ynode *v, void *target);
static bool read_poster(bt_reader *r, const bt_ynode *v, void *target);

enum { SK_ID, SK_TOPIC, SK_TITLE, SK_BODY, SK_IMAGE, SK_QR, SK_LAYOUT, SK_DURATION, SK_TRANSITION,
       SK_PRIORITY, SK_SCHEDULE, SK_PDF, SK_PAGES, SK_FOLDER, SK_VIDEO, SK_SOUND, SK_POSTER };
static const bt_key slide_keys[] = {
    [SK_ID] = {"id", BT_V_TEXT, F(bt_slide, id), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    [SK_TOPIC] = {"topic", BT_V_TEXT, F(bt_slide, topic), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    [SK_TITLE] = {"title", BT_V_TEXT, F(bt_slide, title), 0, BT_MAX_TITLE_CHARS, NULL, NULL},
    [SK_BODY] = {"body", BT_V_TEXT, F(bt_slide, body), 0, BT_MAX_BODY_CHARS, NULL, NULL},
    [SK_IMAGE] = {"image", BT_V_CUSTOM, 0, 0, 0, NULL, read_slide_image},
    [SK_QR] = {"qr", BT_V_CUSTOM, 0, 0, 0, NULL, read_qr},
    [SK_LAYOUT] = {"layout", BT_V_ENUM, F(bt_slide, layout), 0, 0, layouts, NULL},
    [SK_DURATION] = {"duration", BT_V_SECONDS, F(bt_slide, duration_ms), 0, 0, NULL, NULL},
    [SK_TRANSITION] = {"transition", BT_V_ENUM, F(bt_slide, transition), 0, 0, transitions, NULL},
    [SK_PRIORITY] = {"priority", BT_V_ENUM, F(bt_slide, priority), 0, 0, priorities, NULL},
    [SK_SCHEDULE] = {"schedule", BT_V_CUSTOM, 0, 0, 0, NULL, read_schedule},
    /* Entries that stand for many slides (slide_sources.h). */
    [SK_PDF] = {"pdf", BT_V_CUSTOM, 0, 0, 0, NULL, read_pdf},
    [SK_PAGES] = {"pages", BT_V_CUSTOM, 0, 0, 0, NULL, read_pages},
    [SK_FOLDER] = {"folder", BT_V_CUSTOM, 0, 0, 0, NULL, read_folder},
    /* A video clip, and what its slide does with it (for a folder: its
     * videos). */
    [SK_VIDEO] = {"video", BT_V_CUSTOM, 0, 0, 0, NULL, read_video},
    [SK_SOUND] = {"sound", BT_V_CUSTOM, 0, 0, 0, NULL, read_sound},
    [SK_POSTER] = {"poster", BT_V_CUSTOM, 0, 0, 0, NULL, read_poster},
};

static bool read_tip_items(bt_reader *r, const bt_ynode *v, void *target);

static const bt_key tips_keys[] = {
    {"interval", BT_V_SECONDS, F(bt_playlist, tip_interval_ms), 0, 0, NULL, NULL},
    {"items", BT_V_CUSTOM, 0, 0, 0, NULL, read_tip_items},
};

enum { TK_TEXT, TK_TOPIC };
static const bt_key tip_keys[] = {
    [TK_TEXT] = {"text", BT_V_TEXT, F(bt_tip, text), 0, BT_MAX_TIP_CHARS, NULL, NULL},
    [TK_TOPIC] = {"topic", BT_V_TEXT, F(bt_tip, topic), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
};

static const bt_key touch_keys[] = {
    {"enabled", BT_V_BOOL, F(bt_playlist, touch_enabled), 0, 0, NULL, NULL},
    {"idle_timeout", BT_V_SECONDS, F(bt_playlist, idle_timeout_ms), 0, 0, NULL, NULL},
};

static const bt_key display_keys[] = {
    {"off_hours", BT_V_HOURS, F(bt_playlist, off_hours), 0, 0, NULL, NULL},
};

static bool read_version(bt_reader *r, const bt_ynode *v, void *target);
static bool read_theme(bt_reader *r, const bt_ynode *v, void *target);
static bool read_defaults(bt_reader *r, const bt_ynode *v, void *target);
static bool read_topics(bt_reader *r, const bt_ynode *v, void *target);
static bool read_slides(bt_reader *r, const bt_ynode *v, void *target);
static bool read_tips(bt_reader *r, const bt_ynode *v, void *target);
static bool read_touch(bt_reader *r, const bt_ynode *v, void *target);
static bool read_display(bt_reader *r, const bt_ynode *v, void *target);
static bool read_labels(bt_reader *r, const bt_ynode *v, void *target);

/* The top level, read in this order whatever the file's order: defaults
 * and topics must be known before the slides that use them. */
enum { TOP_VERSION, TOP_NAME, TOP_THEME, TOP_DEFAULTS, TOP_TOPICS, TOP_SLIDES };
static const bt_key top_keys[] = {
    [TOP_VERSION] = {"version", BT_V_CUSTOM, 0, 0, 0, NULL, read_version},
    [TOP_NAME] = {"name", BT_V_TEXT, F(bt_playlist, name), 0, BT_MAX_SHORT_CHARS, NULL, NULL},
    [TOP_THEME] = {"theme", BT_V_CUSTOM, 0, 0, 0, NULL, read_theme},
    [TOP_DEFAULTS] = {"defaults", BT_V_CUSTOM, 0, 0, 0, NULL, read_defaults},
    [TOP_TOPICS] = {"topics", BT_V_CUSTOM, 0, 0, 0, NULL, read_topics},
    [TOP_SLIDES] = {"slides", BT_V_CUSTOM, 0, 0, 0, NULL, read_slides},
    {"tips", BT_V_CUSTOM, 0, 0, 0, NULL, read_tips},
    {"touch", BT_V_CUSTOM, 0, 0, 0, NULL, read_touch},
    {"display", BT_V_CUSTOM, 0, 0, 0, NULL, read_display},
    {"labels", BT_V_CUSTOM, 0, 0, 0, NULL, read_labels},
};

/* ---- helpers ------------------------------------------------------------ */

static loader *loader_of(bt_reader *r)
{
    return (loader *)r;
}

/* Reads a mapping section through its table, naming it in messages. */
static bool read_section(bt_reader *r, const bt_ynode *v, const char *name, const bt_key *keys,
                         int n, void *target)
{
    const bt_ynode *vals[16];
    if (bt_ynode_is_null(v))
        return true;
    if (v->kind != BT_YNODE_MAPPING)
        return bt_schema_collect(r, v, keys, n, vals, name);
    size_t who = bt_reader_push(r, "%s", name);
    bt_schema_collect(r, v, keys, n, vals, name);
    bool ok = bt_schema_apply(r, v, keys, n, vals, target);
    bt_reader_pop(r, who);
    return ok;
}

/* The id written in a mapping, when it is a short plain text; used to name
 * the slide or topic in messages before its keys are read. */
static char *peek_id(const bt_ynode *map)
{
    for (int p = 0; map->kind == BT_YNODE_MAPPING && p + 1 < map->n; p += 2) {
        const bt_ynode *k = map->items[p], *v = map->items[p + 1];
        if (k->kind == BT_YNODE_SCALAR && strcmp(k->str, "id") == 0 &&
            v->kind == BT_YNODE_SCALAR && !bt_ynode_is_null(v) && v->len <= 100 &&
            !memchr(v->str, '\0', v->len) && !strchr(v->str, '"'))
            return v->str;
    }
    return NULL;
}

/* The title written in a slide's mapping, cleaned to UTF-8 and cut to
 * fit, as the subject of the messages about the slide (diag.h); "" when it
 * has none. Read before its keys, like its id. */
static void peek_title(const bt_ynode *map, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int p = 0; map->kind == BT_YNODE_MAPPING && p + 1 < map->n; p += 2) {
        const bt_ynode *k = map->items[p], *v = map->items[p + 1];
        if (k->kind != BT_YNODE_SCALAR || strcmp(k->str, "title") != 0 ||
            v->kind != BT_YNODE_SCALAR || bt_ynode_is_null(v))
            continue;
        char *clean = bt_utf8_clean(v->str, strnlen(v->str, v->len), NULL);
        if (!clean)
            return;
        /* Whole characters only, and one line. */
        size_t n = 0, skip, len = strlen(clean);
        while (n < len && n + 4 < size) {
            size_t step = bt_utf8_next(clean + n, len - n, &skip);
            if (!step || n + step + 4 >= size)
                break;
            n += step;
        }
        if (n < len && n + 4 < size) {
            memcpy(buf, clean, n);
            memcpy(buf + n, "…", 4);
        } else {
            memcpy(buf, clean, n);
            buf[n] = '\0';
        }
        for (char *c = buf; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        free(clean);
        return;
    }
}

/* A sequence of at most max items, or reported; null is an empty list. */
static int list_length(bt_reader *r, const bt_ynode *v, const char *name, const char *things,
                       int max)
{
    if (bt_ynode_is_null(v))
        return 0;
    if (v->kind != BT_YNODE_SEQUENCE) {
        char found[200];
        bt_schema_found(v, found, sizeof found);
        bt_reader_report(r, BT_ERROR, v, "%s must be a list of %s (lines starting with '- '), not %s",
                         name, things, found);
        return -1;
    }
    if (v->n > max) {
        bt_reader_report(r, BT_ERROR, v->items[max],
                         "too many %s (%d, at most %d); the ones from here on are left out",
                         things, v->n, max);
        return max;
    }
    return v->n;
}

static void oom(bt_reader *r)
{
    r->oom = true;
    bt_reader_report(r, BT_ERROR, NULL, "out of memory");
}

/* ---- top level ---------------------------------------------------------- */

static bool read_version(bt_reader *r, const bt_ynode *v, void *target)
{
    if (v->kind == BT_YNODE_SCALAR && strcmp(v->str, "1") == 0)
        return true;
    char found[200];
    bt_schema_found(v, found, sizeof found);
    bt_reader_report(r, BT_ERROR, v, "version must be 1, not %s (this player reads version 1 playlists)",
                     found);
    loader_of(r)->fatal = true;
    return false;
}

static bool read_theme(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_section(r, v, "theme", theme_keys, COUNT(theme_keys), &loader_of(r)->pl->theme);
}

static bool read_defaults(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_section(r, v, "defaults", defaults_keys, COUNT(defaults_keys), target);
}

static bool read_touch(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_section(r, v, "touch", touch_keys, COUNT(touch_keys), target);
}

static bool read_display(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_playlist *pl = target;
    bool ok = read_section(r, v, "display", display_keys, COUNT(display_keys), target);
    /* Dark all day is a kiosk that looks broken: said, and not done. */
    if (pl->off_hours.set && pl->off_hours.from_min == 0 && pl->off_hours.until_min == 24 * 60) {
        const bt_ynode *at = NULL;
        for (int i = 0; v->kind == BT_YNODE_MAPPING && i + 1 < v->n; i += 2)
            if (v->items[i]->kind == BT_YNODE_SCALAR && strcmp(v->items[i]->str, "off_hours") == 0)
                at = v->items[i + 1];
        bt_reader_report(r, BT_WARNING, at ? at : v,
                         "display: off_hours cover the whole day, so the screen would never "
                         "light up; they are ignored");
        pl->off_hours.set = false;
    }
    return ok;
}

static bool read_labels(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_playlist *pl = target;
    const char *keys[BT_LABEL_COUNT];
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        keys[i] = bt_label_key((bt_label)i);
    if (bt_ynode_is_null(v))
        return true;
    if (v->kind != BT_YNODE_MAPPING) {
        const bt_ynode *none[1];
        return bt_schema_collect(r, v, NULL, 0, none, "labels");
    }
    bool ok = true;
    size_t who = bt_reader_push(r, "labels");
    for (int p = 0; p + 1 < v->n; p += 2) {
        const bt_ynode *k = v->items[p];
        int i = k->kind == BT_YNODE_SCALAR ? bt_label_find(k->str) : -1;
        if (i < 0) {
            char shown[200];
            bt_schema_quote(k, '\'', shown, sizeof shown);
            const char *s = k->kind == BT_YNODE_SCALAR ? bt_suggest(k->str, keys, BT_LABEL_COUNT)
                                                       : NULL;
            if (s)
                bt_reader_report(r, BT_WARNING, k,
                                 "unknown label %s (did you mean '%s'?); it is ignored", shown, s);
            else
                bt_reader_report(r, BT_WARNING, k, "unknown label %s; it is ignored", shown);
            continue;
        }
        if (bt_ynode_is_null(v->items[p + 1]))
            continue;
        char *text = bt_schema_text(r, v->items[p + 1], keys[i], BT_MAX_SHORT_CHARS);
        if (text) {
            free(pl->labels[i]);
            pl->labels[i] = text;
        }
        ok = ok && text;
    }
    bt_reader_pop(r, who);
    return ok;
}

/* ---- topics ------------------------------------------------------------- */

static void topic_clear(bt_topic *t)
{
    free(t->id);
    free(t->title);
    free(t->icon);
    free(t->icon_path);
}

/* Reads topic number index (1-based) into the next free place of pl. */
static void read_topic(bt_reader *r, bt_playlist *pl, const bt_ynode *node, int index)
{
    const bt_ynode *vals[COUNT(topic_keys)];
    const char *id = peek_id(node);
    size_t who = id ? bt_reader_push(r, "topic \"%s\"", id) : bt_reader_push(r, "topic %d", index);
    bt_topic t = {.mark = {node->line, node->col}};
    if (!bt_schema_collect(r, node, topic_keys, COUNT(topic_keys), vals, "a topic"))
        goto drop;
    bt_schema_apply(r, node, topic_keys, COUNT(topic_keys), vals, &t);
    if (!t.id) {
        if (!vals[0])
            bt_reader_report(r, BT_ERROR, node, "a topic needs an id (id: ...); it is left out");
        goto drop;
    }
    int dup = bt_playlist_find_topic(pl, t.id);
    if (dup >= 0) {
        bt_reader_report(r, BT_ERROR, vals[0],
                         "the id \"%s\" is already used by the topic at line %d; it is left out",
                         t.id, pl->topics[dup].mark.line);
        goto drop;
    }
    if (!t.title) {
        bt_reader_report(r, BT_ERROR, node, "a topic needs a title (title: ...); its id is shown");
        if (!(t.title = strdup(t.id))) {
            oom(r);
            goto drop;
        }
    }
    pl->topics[pl->n_topics++] = t;
    bt_reader_pop(r, who);
    return;
drop:
    topic_clear(&t);
    bt_reader_pop(r, who);
}

static bool read_topics(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_playlist *pl = target;
    int n = list_length(r, v, "topics", "topics", BT_MAX_TOPICS);
    if (n <= 0)
        return n == 0;
    if (!(pl->topics = calloc((size_t)n, sizeof *pl->topics))) {
        oom(r);
        return false;
    }
    for (int i = 0; i < n; i++)
        read_topic(r, pl, v->items[i], i + 1);
    return true;
}

/* ---- slides ------------------------------------------------------------- */

static bool read_slide_image(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    bt_img_info info;
    char *text, *path;
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_image(r, v, "image", &text, &path, &info))
        return false;
    free(s->image);
    free(s->image_path);
    s->image = text;
    s->image_path = path;
    s->image_w = info.width;
    s->image_h = info.height;
    return true;
}

/* pdf: a file below the playlist's folder; its pages are counted when the
 * entry is expanded (bt_sources_pdf). */
static bool read_pdf(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    char *text, *abs;
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_asset(r, v, "pdf", &text, &abs))
        return false;
    free(s->pdf);
    free(s->pdf_path);
    s->pdf = text;
    s->pdf_path = abs;
    return true;
}

/* pages: kept as written; read against the PDF's page count later. */
static bool read_pages(bt_reader *r, const bt_ynode *v, void *target)
{
    loader_of(r)->pages = v;
    return true;
}

/* folder: a folder below the playlist's ("." is its own). */
static bool read_folder(bt_reader *r, const bt_ynode *v, void *target)
{
    loader *L = loader_of(r);
    char *text, *abs;
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_folder(r, v, "folder", &text, &abs))
        return false;
    free(L->folder);
    free(L->folder_path);
    L->folder = text;
    L->folder_path = abs;
    return true;
}

/* video: a clip below the playlist's folder, its header looked at (and
 * with the deep check, the whole probe: --check, imports). */
static bool read_video(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    char *text, *abs;
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_asset(r, v, "video", &text, &abs))
        return false;
    if (!bt_schema_probe_video(r, v, text, abs)) {
        free(text);
        free(abs);
        return false;
    }
    free(s->video);
    free(s->video_path);
    s->video = text;
    s->video_path = abs;
    return true;
}

/* sound: true or false, remembered as written (the default differs
 * between the loop and touch mode: bt_slide_sound). */
static bool read_sound(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    bool on;
    bt_key k = {"sound", BT_V_BOOL, 0, 0, 0, NULL, NULL};
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_value(r, &k, v, &on))
        return false;
    s->sound = on;
    return true;
}

/* poster: the second of the clip that stands for it, from 0. */
static bool read_poster(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    double sec;
    if (bt_ynode_is_null(v))
        return true;
    if (v->kind != BT_YNODE_SCALAR || !bt_parse_seconds(v->str, &sec) || sec < 0 ||
        sec * 1000 > (double)BT_MAX_VIDEO_MS) {
        char found[200];
        bt_schema_found(v, found, sizeof found);
        bt_reader_report(r, BT_ERROR, v,
                         "poster must be the second of the video to show for it, from 0 (its "
                         "first picture) to %lld, not %s",
                         BT_MAX_VIDEO_MS / 1000, found);
        return false;
    }
    s->poster_ms = (int)(sec * 1000.0 + 0.5);
    return true;
}

static bool read_qr(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    if (bt_ynode_is_null(v))
        return true;
    char *text = bt_schema_text(r, v, "qr", BT_MAX_QR_BYTES);
    if (text && strlen(text) > BT_MAX_QR_BYTES) {
        bt_reader_report(r, BT_ERROR, v, "qr is too long (%zu bytes, at most %d)", strlen(text),
                         BT_MAX_QR_BYTES);
        free(text);
        text = NULL;
    }
    if (!text)
        return false;
    free(s->qr);
    s->qr = text;
    return true;
}

/* days: [mon, tue] (or one day alone) as bits, Monday first. */
static bool read_days(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_schedule *sc = target;
    bt_key k = {"days", BT_V_ENUM, 0, 0, 0, day_names, NULL};
    if (bt_ynode_is_null(v))
        return true;
    const bt_ynode *const *items = &v;
    int n = 1;
    if (v->kind == BT_YNODE_SEQUENCE) {
        items = (const bt_ynode *const *)v->items;
        n = v->n;
    }
    if (n == 0) {
        bt_reader_report(r, BT_ERROR, v, "days is an empty list: the slide would never show");
        return false;
    }
    uint8_t days = 0;
    bool ok = true;
    for (int i = 0; i < n; i++) {
        int d = items[i]->kind == BT_YNODE_SCALAR ? bt_parse_day(items[i]->str) : -1;
        if (d < 0) {
            int ignored; /* reports the day with a suggestion */
            bt_schema_value(r, &k, items[i], &ignored);
            ok = false;
            continue;
        }
        days |= (uint8_t)(1u << d);
    }
    if (ok)
        sc->days = days;
    return ok;
}

static bool read_schedule(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_slide *s = target;
    const bt_ynode *vals[COUNT(schedule_keys)];
    bt_schedule sc = {.days = BT_DAYS_ALL};
    if (bt_ynode_is_null(v))
        return true;
    if (!bt_schema_collect(r, v, schedule_keys, COUNT(schedule_keys), vals, "schedule"))
        return false;
    size_t who = bt_reader_push(r, "schedule");
    bool ok = bt_schema_apply(r, v, schedule_keys, COUNT(schedule_keys), vals, &sc);
    if (ok && sc.from.y && sc.until.y && bt_date_cmp(&sc.until, &sc.from) < 0) {
        bt_reader_report(r, BT_ERROR, vals[1], "until (%04d-%02d-%02d) is before from (%04d-%02d-%02d)",
                         sc.until.y, sc.until.m, sc.until.d, sc.from.y, sc.from.m, sc.from.d);
        ok = false;
    }
    bt_reader_pop(r, who);
    if (ok) {
        s->has_schedule = true;
        s->schedule = sc;
    }
    return ok;
}

/* Checks what a slide needs beyond its single keys; reports and returns
 * false when it cannot be shown. *kept counts the errors reported that do
 * not drop the slide. */
/* Resolves the slide's topic; one not in the playlist is an error for the
 * clerk to fix, counted in *kept: the slide itself still plays. */
static void check_topic(bt_reader *r, const bt_playlist *pl, bt_slide *s, const bt_ynode **vals,
                        int *kept)
{
    if (s->topic && (s->topic_index = bt_playlist_find_topic(pl, s->topic)) < 0) {
        const char *ids[BT_MAX_TOPICS];
        for (int i = 0; i < pl->n_topics; i++)
            ids[i] = pl->topics[i].id;
        const char *sug = bt_suggest(s->topic, ids, pl->n_topics);
        char hint[300] = "";
        if (sug)
            snprintf(hint, sizeof hint, _(" (did you mean \"%s\"?)"), sug);
        /* An error for the clerk to fix, but the slide itself is fine: it
         * plays in the loop, and only touch mode cannot list it. */
        bt_reader_report(r, BT_ERROR, vals[SK_TOPIC],
                         "topic \"%s\" is not one of the playlist's topics%s; the slide plays "
                         "in the loop but visitors cannot find it by touch",
                         s->topic, hint);
        (*kept)++;
    }
}

/* Checks what a slide of its own (not a folder's or a PDF's) needs beyond
 * its single keys; reports and returns false when it cannot be shown. */
static bool check_slide(bt_reader *r, const bt_slide_sink *sink, bt_slide *s,
                        const bt_ynode *node, const bt_ynode **vals)
{
    bool ok = true;
    bool picture = s->image || vals[SK_IMAGE] || s->pdf || vals[SK_PDF] || s->video ||
                   vals[SK_VIDEO];
    if (!s->title && !s->body && !picture && !vals[SK_TITLE] && !vals[SK_BODY]) {
        bt_reader_report(r, BT_ERROR, node, "a slide needs a title, a body or an image");
        ok = false;
    }
    if (!picture && (s->layout == BT_LAYOUT_IMAGE || s->layout == BT_LAYOUT_SPLIT ||
                     s->layout == BT_LAYOUT_CAPTION || s->layout == BT_LAYOUT_FULL)) {
        bt_reader_report(r, BT_ERROR, vals[SK_LAYOUT], "layout \"%s\" needs an image",
                         layouts[s->layout]);
        ok = false;
    }
    if ((s->video || vals[SK_VIDEO]) && s->layout == BT_LAYOUT_TEXT) {
        bt_reader_report(r, BT_ERROR, vals[SK_LAYOUT],
                         "layout \"text\" shows no picture, so the video would not be seen: "
                         "leave layout out (the video fills the screen), or write image, split "
                         "or caption");
        ok = false;
    }
    for (int k = SK_SOUND; k <= SK_POSTER; k++)
        if (vals[k] && !s->video && !vals[SK_VIDEO])
            bt_reader_report(r, BT_WARNING, vals[k],
                             "%s is for video slides (video: ...): without a video it is ignored",
                             slide_keys[k].key);
    /* The ids of the slides kept so far, hashed: a 5,000-slide playlist
     * would take 12 million comparisons pair by pair. */
    int seen = bt_sink_find(sink, s->id);
    if (seen >= 0) {
        bt_reader_report(r, BT_ERROR, vals[SK_ID] ? vals[SK_ID] : node,
                         "the id \"%s\" is already used by the slide at line %d", s->id,
                         sink->pl->slides[seen].mark.line);
        ok = false;
    }
    return ok;
}

/* An entry with more than one of image, pdf, video and folder: which to show? */
static bool one_source(bt_reader *r, const bt_ynode *node, const bt_ynode **vals)
{
    int n = (vals[SK_IMAGE] != NULL) + (vals[SK_PDF] != NULL) + (vals[SK_FOLDER] != NULL);
    if (vals[SK_VIDEO] && n > 0) {
        bt_reader_report(r, BT_ERROR, node,
                         "a slide shows one image, one pdf, one video or one folder, not a "
                         "video and %s: make one slide of each",
                         vals[SK_FOLDER] ? "a folder" : vals[SK_PDF] ? "a pdf" : "an image");
        return false;
    }
    if (n > 1)
        bt_reader_report(r, BT_ERROR, node,
                         "a slide shows one image, one pdf or one folder, not %s: make one slide "
                         "of each",
                         vals[SK_FOLDER] && vals[SK_PDF] && vals[SK_IMAGE]
                             ? _("all three")
                             : vals[SK_FOLDER] ? (vals[SK_PDF] ? _("a folder and a pdf")
                                                               : _("a folder and an image"))
                                               : _("a pdf and an image"));
    if (vals[SK_PAGES] && !vals[SK_PDF])
        bt_reader_report(r, BT_WARNING, vals[SK_PAGES],
                         "pages chooses the pages of a pdf: without one it is ignored");
    return n <= 1;
}

/* Forgets what the last entry's folder: and pages: said. */
static void entry_reset(loader *L)
{
    free(L->folder);
    free(L->folder_path);
    L->folder = L->folder_path = NULL;
    L->pages = NULL;
}

/* Reads slide entry number index (1-based): a slide, appended to pl when
 * it has no error (else left out: its errors say why), or a folder or a
 * PDF, whose slides each carry the entry's keys (an error in those drops
 * the whole entry; a file or page that cannot be shown drops itself). */
static void read_slide(loader *L, const bt_ynode *node, int index)
{
    bt_reader *r = &L->r;
    bt_playlist *pl = L->pl;
    const bt_ynode *vals[COUNT(slide_keys)];
    char def_id[32];
    snprintf(def_id, sizeof def_id, "slide-%d", index);
    const char *id = peek_id(node);
    size_t who = bt_reader_push(r, "slide \"%s\"", id ? id : def_id);
    char title[120];
    peek_title(node, title, sizeof title);
    bt_diags_subject(r->diags, title, r->who);
    int errors = r->diags->errors, kept = 0;
    bt_slide s;
    slide_defaults(pl, &s);
    s.mark = (bt_mark){node->line, node->col};
    entry_reset(L);
    if (!bt_schema_collect(r, node, slide_keys, COUNT(slide_keys), vals, "a slide"))
        goto out;
    bt_schema_apply(r, node, slide_keys, COUNT(slide_keys), vals, &s);
    if (!one_source(r, node, vals))
        goto out;
    /* A clip plays to its end unless its entry says how long; a folder's
     * `duration:` is its pictures' and pages' time, and its videos play
     * whole (an office would not want every clip cut to a picture's time). */
    if (vals[SK_VIDEO] && vals[SK_DURATION])
        s.cut_ms = s.duration_ms;
    check_topic(r, pl, &s, vals, &kept);
    if (vals[SK_FOLDER] || vals[SK_PDF]) {
        /* Made from this entry: ids of their own, unless it gives one. */
        if (!L->folder_path && !s.pdf_path && r->diags->errors - errors == kept)
            bt_reader_report(r, BT_ERROR, vals[SK_FOLDER] ? vals[SK_FOLDER] : vals[SK_PDF],
                             "%s is empty: write the path of a %s, like %s", 
                             vals[SK_FOLDER] ? "folder" : "pdf",
                             vals[SK_FOLDER] ? "folder" : "PDF file",
                             vals[SK_FOLDER] ? "\"folder: campaign/\"" : "\"pdf: docs/handbook.pdf\"");
        else if (r->diags->errors - errors == kept && !r->oom) {
            const char *prefix = vals[SK_ID] ? s.id : NULL;
            if (L->folder_path)
                bt_sources_folder(&L->sink, &s, L->folder, L->folder_path, vals[SK_FOLDER],
                                  prefix, L->skip, NULL);
            else if (s.pdf_path)
                bt_sources_pdf(&L->sink, &s, s.pdf, s.pdf_path, vals[SK_PDF], L->pages, prefix);
        }
        bt_slide_clear(&s);
        entry_reset(L);
        bt_reader_pop(r, who);
        bt_diags_subject(r->diags, NULL, NULL);
        return;
    }
    if (!s.id && !(s.id = strdup(def_id))) {
        oom(r);
        goto out;
    }
    check_slide(r, &L->sink, &s, node, vals);
out:;
    bool keep = !r->oom && s.id && r->diags->errors - errors == kept;
    if (keep)
        bt_sink_add(&L->sink, &s, false, node);
    else
        bt_slide_clear(&s);
    entry_reset(L);
    bt_reader_pop(r, who);
    bt_diags_subject(r->diags, NULL, NULL);
}

static bool read_slides(bt_reader *r, const bt_ynode *v, void *target)
{
    loader *L = loader_of(r);
    bt_playlist *pl = target;
    int n = list_length(r, v, "slides", "slides", BT_MAX_SLIDES);
    if (n == 0)
        bt_reader_report(r, BT_ERROR, v, "slides is empty: add at least one slide");
    if (n <= 0)
        return false;
    struct hsearch_data ids;
    if (!bt_sink_init(&L->sink, r, pl, &ids, n))
        return false;
    for (int i = 0; i < n && !r->oom; i++)
        read_slide(L, v->items[i], i + 1);
    hdestroy_r(&ids);
    L->sink.ids = NULL;
    if (pl->n_slides == 0)
        bt_diags_add(r->diags, BT_ERROR, r->file, 0, 0,
                     "none of the %d slides can be shown, so the playlist cannot be used", n);
    return pl->n_slides > 0;
}

/* ---- tips --------------------------------------------------------------- */

static void read_tip(bt_reader *r, bt_playlist *pl, const bt_ynode *node, int index)
{
    const bt_ynode *vals[COUNT(tip_keys)];
    size_t who = bt_reader_push(r, "tip %d", index);
    int errors = r->diags->errors;
    bt_tip t = {.topic_index = -1, .mark = {node->line, node->col}};
    if (node->kind == BT_YNODE_SCALAR && !bt_ynode_is_null(node)) {
        /* "- Không bấm vào link lạ": a tip written as plain text */
        t.text = bt_schema_text(r, node, "text", BT_MAX_TIP_CHARS);
    } else if (bt_schema_collect(r, node, tip_keys, COUNT(tip_keys), vals, "a tip")) {
        bt_schema_apply(r, node, tip_keys, COUNT(tip_keys), vals, &t);
        if (!t.text && !vals[TK_TEXT])
            bt_reader_report(r, BT_ERROR, node, "a tip needs a text (text: ...)");
        if (t.topic && (t.topic_index = bt_playlist_find_topic(pl, t.topic)) < 0)
            bt_reader_report(r, BT_ERROR, vals[TK_TOPIC],
                             "topic \"%s\" is not one of the playlist's topics", t.topic);
    }
    if (r->diags->errors == errors && t.text) {
        pl->tips[pl->n_tips++] = t;
    } else {
        free(t.text);
        free(t.topic);
    }
    bt_reader_pop(r, who);
}

static bool read_tip_items(bt_reader *r, const bt_ynode *v, void *target)
{
    bt_playlist *pl = target;
    int n = list_length(r, v, "items", "tips", BT_MAX_TIPS);
    if (n <= 0)
        return n == 0;
    if (!(pl->tips = calloc((size_t)n, sizeof *pl->tips))) {
        oom(r);
        return false;
    }
    for (int i = 0; i < n; i++)
        read_tip(r, pl, v->items[i], i + 1);
    return true;
}

static bool read_tips(bt_reader *r, const bt_ynode *v, void *target)
{
    return read_section(r, v, "tips", tips_keys, COUNT(tips_keys), target);
}

/* ---- the loader --------------------------------------------------------- */

/* path's folder ("." when it has none) and base name, malloc'd. */
static bool split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        *dir = strdup(".");
    else if (slash == path)
        *dir = strdup("/");
    else
        *dir = strndup(path, (size_t)(slash - path));
    *base = strdup(slash ? slash + 1 : path);
    return *dir && *base;
}

/* Reads the top-level mapping in the order of top_keys. */
static void read_top(loader *L, const bt_ynode *root)
{
    const bt_ynode *vals[COUNT(top_keys)];
    bt_reader *r = &L->r;
    if (!root) {
        bt_reader_report(r, BT_ERROR, NULL,
                         "the file holds nothing but comments or blank lines: it is not a playlist");
        L->fatal = true;
        return;
    }
    if (root->kind != BT_YNODE_MAPPING) {
        char found[200];
        bt_schema_found(root, found, sizeof found);
        bt_reader_report(r, BT_ERROR, root,
                         "this is not a playlist: it must start with 'version: 1' followed by "
                         "lines like 'slides:', not %s",
                         found);
        L->fatal = true;
        return;
    }
    bt_schema_collect(r, root, top_keys, COUNT(top_keys), vals, "the playlist");
    if (!vals[TOP_VERSION]) {
        bt_reader_report(r, BT_ERROR, root,
                         "the playlist has no version; add the line 'version: 1' at the top");
        L->fatal = true;
    }
    for (int i = 0; i < COUNT(top_keys) && !r->oom; i++) {
        if (i == TOP_SLIDES && !vals[i]) {
            bt_reader_report(r, BT_ERROR, root, "the playlist has no slides (slides: ...)");
            L->fatal = true;
        }
        if (!vals[i])
            continue;
        if (!bt_schema_value(r, &top_keys[i], vals[i], L->pl) && i == TOP_SLIDES)
            L->fatal = true;
        /* A playlist of another version follows other rules: stop here. */
        if (i == TOP_VERSION && L->fatal)
            return;
    }
}

bt_playlist *bt_playlist_load(const char *path, const bt_load_options *opts, bt_diags *diags)
{
    loader L = {.r = {.diags = diags, .file = path, .opts = opts}};
    bt_playlist *pl = calloc(1, sizeof *pl);
    char *base = NULL;
    if (!pl || !(pl->path = strdup(path)) || !split_path(path, &pl->dir, &base) ||
        !set_defaults(pl)) {
        bt_diags_add(diags, BT_ERROR, path, 0, 0, "out of memory");
        free(base);
        bt_playlist_free(pl);
        return NULL;
    }
    L.pl = pl;
    L.r.dir = pl->dir;
    L.skip = base;
    bt_ytree *tree = bt_ytree_load(path, path, diags);
    if (tree)
        read_top(&L, bt_ytree_root(tree));
    bt_ytree_free(tree);
    free(L.r.root);
    entry_reset(&L);
    bt_reader_forget(&L.r);
    if (!pl->name && !(pl->name = bt_utf8_clean(base, strlen(base), NULL)))
        L.r.oom = true;
    free(base);
    if (!tree || L.fatal || L.r.oom || pl->n_slides == 0) {
        bt_playlist_free(pl);
        return NULL;
    }
    return pl;
}

/* ---- a folder as a playlist ----------------------------------------------- */

/* The playlist file a folder holds, if any: playlist.yaml or .yml, in any
 * case; malloc'd path, or NULL. */
static char *folder_playlist(const char *dir)
{
    static const char *const names[] = {"playlist.yaml", "playlist.yml"};
    DIR *d = opendir(dir);
    char *found = NULL;
    struct dirent *e;
    for (int seen = 0; d && !found && seen < BT_MAX_FOLDER_ENTRIES && (e = readdir(d)); seen++)
        for (int i = 0; i < 2 && !found; i++)
            if (strcasecmp(e->d_name, names[i]) == 0) {
                size_t n = strlen(dir) + strlen(e->d_name) + 2;
                struct stat st;
                if ((found = malloc(n)))
                    snprintf(found, n, "%s/%s", dir, e->d_name);
                if (found && (stat(found, &st) != 0 || !S_ISREG(st.st_mode))) {
                    free(found);
                    found = NULL;
                }
            }
    if (d)
        closedir(d);
    return found;
}

bt_playlist *bt_playlist_load_folder(const char *dir, const bt_load_options *opts,
                                     bt_diags *diags)
{
    char *file = folder_playlist(dir);
    if (file) {
        bt_playlist *pl = bt_playlist_load(file, opts, diags);
        free(file);
        return pl;
    }
    loader L = {.r = {.diags = diags, .file = dir, .opts = opts, .no_place = true}};
    bt_playlist *pl = calloc(1, sizeof *pl);
    /* "campaign/" names its folder "campaign" too. */
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    char *trim = strndup(dir, len);
    const char *slash = trim ? strrchr(trim, '/') : NULL;
    const char *base = trim ? (slash && slash[1] ? slash + 1 : trim) : NULL;
    if (!pl || !trim || !(pl->path = strdup(dir)) || !(pl->dir = strdup(trim)) ||
        !set_defaults(pl) || !(pl->name = bt_utf8_clean(base, strlen(base), NULL))) {
        bt_diags_add(diags, BT_ERROR, dir, 0, 0, "out of memory");
        free(trim);
        bt_playlist_free(pl);
        return NULL;
    }
    free(trim);
    L.pl = pl;
    L.r.dir = pl->dir;
    struct hsearch_data ids;
    bt_slide tmpl;
    slide_defaults(pl, &tmpl);
    tmpl.layout = BT_LAYOUT_FULL;
    int media = 0;
    L.r.root = realpath(pl->dir, NULL);
    if (!L.r.root)
        bt_diags_add(diags, BT_ERROR, dir, 0, 0, "the folder cannot be read (%s)", strerror(errno));
    else if (bt_sink_init(&L.sink, &L.r, pl, &ids, 64)) {
        bt_sources_folder(&L.sink, &tmpl, ".", L.r.root, NULL, NULL, NULL, &media);
        hdestroy_r(&ids);
    }
    free(L.r.root);
    bt_reader_forget(&L.r); /* what the deep check remembers of each file */
    if (L.r.oom || pl->n_slides == 0) {
        /* Pictures there, none usable: say it as for a playlist. */
        if (media > 0 && !L.r.oom)
            bt_diags_add(diags, BT_ERROR, dir, 0, 0,
                         "none of the %d pictures, PDFs and videos can be shown, so the folder "
                         "cannot be played",
                         media);
        bt_playlist_free(pl);
        return NULL;
    }
    return pl;
}

bt_playlist *bt_playlist_load_path(const char *path, const bt_load_options *opts,
                                   bt_diags *diags)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return bt_playlist_load_folder(path, opts, diags);
    return bt_playlist_load(path, opts, diags);
}
