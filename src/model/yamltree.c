/* yamltree.c: a YAML file read into a tree of marked nodes (libyaml events).
 *
 * Contents: reading the file within its limits; replacing invalid UTF-8;
 * anchors; building the tree from events; plain-words syntax errors. */
#include "yamltree.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "base/bounds.h"
#include "base/i18n.h"
#include "base/utf8.h"

struct bt_ytree {
    bt_ynode **all; /* every node, each once, so aliases need no refcount */
    size_t n_all, cap_all;
    bt_ynode *root;
};

/* Anchor names to nodes: open addressing, so that a file with thousands of
 * anchors and aliases stays linear rather than quadratic. */
typedef struct {
    char *name;
    bt_ynode *node;
} anchor;

typedef struct {
    anchor *slots;
    size_t cap, used;
} anchor_map;

typedef struct {
    bt_ytree *t;
    const char *display;
    bt_diags *diags;
    const char *buf;
    size_t len;
    bt_ynode *stack[BT_MAX_YAML_DEPTH];
    char *stack_anchor[BT_MAX_YAML_DEPTH];
    int depth;
    size_t expanded;       /* nodes so far, every alias counted as its full copy */
    size_t expanded_bytes; /* text bytes so far, the same way */
    anchor_map anchors;
    int documents;
} builder;

/* ---- reading the file ------------------------------------------------- */

/* Reads the whole file at path into a malloc'd buffer, refusing empty and
 * oversized files from their size alone, before reading a byte. */
static char *read_file(const char *path, const char *display, bt_diags *d, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "the file cannot be opened: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "this is not a file that can be read");
        goto out;
    }
    if (st.st_size == 0) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "the file is empty");
        goto out;
    }
    if (st.st_size > BT_MAX_PLAYLIST_BYTES) {
        bt_diags_add(d, BT_ERROR, display, 0, 0,
                     "the file is too large (%.1f MB, a playlist may be at most %d MB)",
                     (double)st.st_size / (1024.0 * 1024.0), BT_MAX_PLAYLIST_BYTES / (1024 * 1024));
        goto out;
    }
    size_t want = (size_t)st.st_size, got = 0;
    buf = malloc(want + 1);
    if (!buf) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "out of memory reading the file");
        goto out;
    }
    /* The file may shrink or grow while read (a stick being written): take
     * what is there, up to the size checked above. */
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            bt_diags_add(d, BT_ERROR, display, 0, 0, "the file cannot be read: %s",
                         strerror(errno));
            free(buf);
            buf = NULL;
            goto out;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    buf[got] = '\0';
    *len = got;
    if (got == 0) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "the file is empty");
        free(buf);
        buf = NULL;
    }
out:
    close(fd);
    return buf;
}

/* The 1-based line and column of byte offset off, counting columns in
 * characters as libyaml does. */
static void place_of(const char *buf, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Refuses text that is not UTF-8 at all: a NUL byte means a binary file or
 * a UTF-16 one (what some Windows editors call "Unicode"). */
static bool check_encoding(const char *buf, size_t len, const char *display, bt_diags *d)
{
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        bt_diags_add(d, BT_ERROR, display, 1, 1,
                     "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8");
        return false;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        int line, col;
        place_of(buf, (size_t)(nul - buf), &line, &col);
        bt_diags_add(d, BT_ERROR, display, line, col,
                     "the file contains a zero byte (NUL): it is damaged or is not a text file");
        return false;
    }
    return true;
}

/* Returns a copy of buf in which every invalid UTF-8 sequence is U+FFFD, with
 * a warning at the place of each (the first few; then a count). */
static char *replace_invalid(const char *buf, size_t len, size_t *out_len, const char *display,
                             bt_diags *d)
{
    enum { SHOWN = 10 };
    char *out = malloc(len * 3 + 1);
    if (!out) {
        bt_diags_add(d, BT_ERROR, display, 0, 0, "out of memory reading the file");
        return NULL;
    }
    size_t o = 0;
    int line = 1, col = 1, found = 0;
    for (size_t i = 0; i < len;) {
        size_t skip = 1, n = bt_utf8_next(buf + i, len - i, &skip);
        if (n) {
            memcpy(out + o, buf + i, n);
            o += n;
            i += n;
            if (buf[i - n] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            continue;
        }
        if (found++ < SHOWN)
            bt_diags_add(d, BT_WARNING, display, line, col,
                         "text here is not valid UTF-8; it was replaced by \"\xef\xbf\xbd\" "
                         "(save the file as UTF-8)");
        memcpy(out + o, "\xef\xbf\xbd", 3);
        o += 3;
        i += skip;
        col++;
    }
    if (found > SHOWN)
        bt_diags_add(d, BT_WARNING, display, 0, 0,
                     "%d more places hold text that is not valid UTF-8", found - SHOWN);
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* ---- anchors ---------------------------------------------------------- */

static size_t hash_name(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static anchor *anchor_slot(anchor_map *m, const char *name)
{
    size_t i = hash_name(name) & (m->cap - 1);
    while (m->slots[i].name && strcmp(m->slots[i].name, name) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

/* Binds name (ownership passes) to node; a later anchor of the same name
 * replaces the earlier, as YAML says. */
static bool anchor_put(anchor_map *m, char *name, bt_ynode *node)
{
    if ((m->used + 1) * 2 > m->cap) {
        anchor_map bigger = {calloc(m->cap ? m->cap * 2 : 16, sizeof(anchor)),
                             m->cap ? m->cap * 2 : 16, m->used};
        if (!bigger.slots) {
            free(name);
            return false;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].name)
                *anchor_slot(&bigger, m->slots[i].name) = m->slots[i];
        free(m->slots);
        *m = bigger;
    }
    anchor *a = anchor_slot(m, name);
    if (a->name) {
        free(name);
    } else {
        a->name = name;
        m->used++;
    }
    a->node = node;
    return true;
}

static bt_ynode *anchor_get(const anchor_map *m, const char *name)
{
    if (!m->cap)
        return NULL;
    return anchor_slot((anchor_map *)m, name)->node;
}

static void anchor_free(anchor_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].name);
    free(m->slots);
}

/* ---- building the tree ------------------------------------------------ */

static bool fail(builder *b, const yaml_mark_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an error at a libyaml mark (0-based) and returns false. */
static bool fail(builder *b, const yaml_mark_t *at, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    bt_diags_put(b->diags, BT_ERROR, b->display, (int)at->line + 1, (int)at->column + 1, msg);
    return false;
}

static bool push_item(bt_ynode *parent, bt_ynode *child)
{
    if (parent->n == parent->cap) {
        int cap = parent->cap ? parent->cap * 2 : 4;
        /* An array of pointers: sizeof *items is meant to be a pointer's. */
        // NOLINTNEXTLINE(bugprone-sizeof-expression)
        bt_ynode **items = realloc(parent->items, (size_t)cap * sizeof *items);
        if (!items)
            return false;
        parent->items = items;
        parent->cap = cap;
    }
    parent->items[parent->n++] = child;
    return true;
}

/* Adds node under the open collection, or makes it the root. */
static bool attach(builder *b, bt_ynode *node, const yaml_mark_t *at)
{
    if (b->depth == 0) {
        b->t->root = node;
        return true;
    }
    if (!push_item(b->stack[b->depth - 1], node))
        return fail(b, at, "out of memory reading the file");
    return true;
}

/* Counts weight more nodes and bytes more text against the expansion
 * budget: what reading the tree will cost, aliases copied out, bounds the
 * work of everything after (a short file may repeat a long text). */
static bool spend(builder *b, size_t weight, size_t bytes, const yaml_mark_t *at,
                  const char *alias)
{
    b->expanded += weight;
    b->expanded_bytes += bytes;
    if (b->expanded <= BT_MAX_YAML_NODES && b->expanded_bytes <= BT_MAX_YAML_EXPANDED_BYTES)
        return true;
    bool nodes = b->expanded > BT_MAX_YAML_NODES;
    if (alias && nodes)
        return fail(b, at,
                    "the file repeats '*%s' so often that it would grow past %d entries; "
                    "it is refused",
                    alias, BT_MAX_YAML_NODES);
    if (alias)
        return fail(b, at,
                    "the file repeats '*%s' so often that its text would grow past %d MB; "
                    "it is refused",
                    alias, BT_MAX_YAML_EXPANDED_BYTES / (1024 * 1024));
    if (nodes)
        return fail(b, at, "the file has too many entries (more than %d)", BT_MAX_YAML_NODES);
    return fail(b, at, "the file holds too much text (more than %d MB)",
                BT_MAX_YAML_EXPANDED_BYTES / (1024 * 1024));
}

static bt_ynode *new_node(builder *b, bt_ynode_kind kind, const yaml_mark_t *at)
{
    if (!spend(b, 1, 0, at, NULL))
        return NULL;
    bt_ytree *t = b->t;
    if (t->n_all == t->cap_all) {
        size_t cap = t->cap_all ? t->cap_all * 2 : 64;
        // NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers
        bt_ynode **all = realloc(t->all, cap * sizeof *all);
        if (!all)
            goto oom;
        t->all = all;
        t->cap_all = cap;
    }
    bt_ynode *n = calloc(1, sizeof *n);
    if (!n)
        goto oom;
    n->kind = kind;
    n->line = (int)at->line + 1;
    n->col = (int)at->column + 1;
    n->weight = 1;
    t->all[t->n_all++] = n;
    return n;
oom:
    fail(b, at, "out of memory reading the file");
    return NULL;
}

static bool bind_anchor(builder *b, const yaml_char_t *name, bt_ynode *node, const yaml_mark_t *at)
{
    if (!name)
        return true;
    char *copy = strdup((const char *)name);
    if (!copy || !anchor_put(&b->anchors, copy, node))
        return fail(b, at, "out of memory reading the file");
    return true;
}

static bool on_scalar(builder *b, const yaml_event_t *ev)
{
    bt_ynode *n = new_node(b, BT_YNODE_SCALAR, &ev->start_mark);
    if (!n)
        return false;
    n->len = ev->data.scalar.length;
    n->bytes = n->len;
    if (!spend(b, 0, n->len, &ev->start_mark, NULL))
        return false;
    n->str = malloc(n->len + 1);
    if (!n->str)
        return fail(b, &ev->start_mark, "out of memory reading the file");
    memcpy(n->str, ev->data.scalar.value, n->len);
    n->str[n->len] = '\0';
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return bind_anchor(b, ev->data.scalar.anchor, n, &ev->start_mark) &&
           attach(b, n, &ev->start_mark);
}

static bool on_start(builder *b, const yaml_event_t *ev, bt_ynode_kind kind,
                     const yaml_char_t *anchor_name)
{
    /* Stop at once: a deep file must not cost time or memory below this. */
    if (b->depth >= BT_MAX_YAML_DEPTH)
        return fail(b, &ev->start_mark,
                    "the file is nested too deeply (more than %d levels of lists and keys)",
                    BT_MAX_YAML_DEPTH);
    bt_ynode *n = new_node(b, kind, &ev->start_mark);
    if (!n || !attach(b, n, &ev->start_mark))
        return false;
    char *name = NULL;
    if (anchor_name && !(name = strdup((const char *)anchor_name)))
        return fail(b, &ev->start_mark, "out of memory reading the file");
    b->stack_anchor[b->depth] = name;
    b->stack[b->depth++] = n;
    return true;
}

/* Closes a collection; its anchor is bound only now, so an alias inside
 * the node it names (a cycle) is refused as undefined. */
static bool on_end(builder *b, const yaml_event_t *ev)
{
    bt_ynode *n = b->stack[--b->depth];
    char *name = b->stack_anchor[b->depth];
    b->stack_anchor[b->depth] = NULL;
    for (int i = 0; i < n->n; i++) {
        n->weight += n->items[i]->weight;
        n->bytes += n->items[i]->bytes;
    }
    bool ok = bind_anchor(b, (const yaml_char_t *)name, n, &ev->start_mark);
    free(name);
    return ok;
}

static bool on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    bt_ynode *target = anchor_get(&b->anchors, name);
    if (!target)
        return fail(b, &ev->start_mark,
                    "'*%s' repeats an anchor '&%s' that is not defined before it", name,
                    name);
    return spend(b, target->weight, target->bytes, &ev->start_mark, name) &&
           attach(b, target, &ev->start_mark);
}

static bool on_event(builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return fail(b, &ev->start_mark,
                        "a second document starts here ('---'); a playlist file holds "
                        "only one");
        return true;
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(b, ev, BT_YNODE_SEQUENCE, ev->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return on_start(b, ev, BT_YNODE_MAPPING, ev->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(b, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(b, ev);
    default:
        return true;
    }
}

/* ---- syntax errors in plain words ------------------------------------- */

/* libyaml's problems, as a clerk would understand them. */
static const struct {
    const char *problem;
    const char *words;
} plain_problems[] = {
    {"mapping values are not allowed",
     N_("a ':' is in a place where it is not expected (is the indentation wrong, or does a "
        "text with ': ' need quotes?)")},
    {"did not find expected key",
     N_("the indentation is wrong here, or a line above lacks its ':' or closing quote")},
    {"did not find expected '-' indicator",
     N_("the indentation of this list is wrong")},
    {"did not find expected node content",
     N_("a value is missing or the indentation is wrong")},
    {"found unexpected end of stream",
     N_("the file ends inside a quoted text (a quote is missing)")},
    {"found undefined tag handle",
     N_("a '!' tag is not understood here (put the text in quotes)")},
    {"found character that cannot start any token",
     N_("a character here cannot start a value (put the text in quotes)")},
    {"control characters are not allowed",
     N_("the file contains a control character here")},
    {"found unknown escape character",
     N_("a '\\' in a double-quoted text is not understood (write '\\\\' or use single quotes)")},
    {"could not find expected ':'",
     N_("a line here lacks its ':' (key: value)")},
    {"did not find expected ',' or ']'",
     N_("a list in [ ] is not closed with ']'")},
    {"did not find expected ',' or '}'",
     N_("a group in { } is not closed with '}'")},
    {"found a tab character",
     N_("a tab is used here; indent with spaces only")},
    {"block sequence entries are not allowed",
     N_("a '-' list item is not expected here (is the indentation wrong?)")},
};

/* The byte at 0-based (line, column) of buf, columns counted in characters. */
static int char_at(const char *buf, size_t len, size_t line, size_t col)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < len; i++)
        if (buf[i] == '\n')
            l++;
    for (size_t c = 0; i < len && buf[i] != '\n'; i++)
        if (((unsigned char)buf[i] & 0xc0) != 0x80 && c++ == col)
            return (unsigned char)buf[i];
    return -1;
}

static void syntax_error(builder *b, const yaml_parser_t *p)
{
    yaml_mark_t at = p->problem_mark;
    const char *problem = p->problem ? p->problem : "unknown problem";
    if (p->error == YAML_MEMORY_ERROR) {
        bt_diags_add(b->diags, BT_ERROR, b->display, 0, 0, "out of memory reading the file");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        place_of(b->buf, p->problem_offset < b->len ? p->problem_offset : b->len, &line, &col);
        at.line = (size_t)line - 1;
        at.column = (size_t)col - 1;
    }
    /* Tabs: libyaml says only that the character cannot start a token. */
    if (char_at(b->buf, b->len, at.line, at.column) == '\t') {
        fail(b, &at, "a tab is used for indentation here; indent with spaces only");
        return;
    }
    for (size_t i = 0; i < sizeof plain_problems / sizeof *plain_problems; i++)
        if (strstr(problem, plain_problems[i].problem)) {
            fail(b, &at, "%s", _(plain_problems[i].words));
            return;
        }
    char words[300];
    snprintf(words, sizeof words, _("the file is not valid YAML here (%s%s%s)"), problem,
             p->context ? " " : "", p->context ? p->context : "");
    fail(b, &at, "%s", words);
}

/* ---- the tree --------------------------------------------------------- */

void bt_ytree_free(bt_ytree *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_all; i++) {
        free(t->all[i]->str);
        free(t->all[i]->items);
        free(t->all[i]);
    }
    free(t->all);
    free(t);
}

static bool parse(builder *b)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        bt_diags_add(b->diags, BT_ERROR, b->display, 0, 0, "out of memory reading the file");
        return false;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)b->buf, b->len);
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(b, &p);
            ok = false;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        ok = on_event(b, &ev);
        yaml_event_delete(&ev);
        if (!ok || end)
            break;
    }
    yaml_parser_delete(&p);
    return ok;
}

bt_ytree *bt_ytree_load(const char *path, const char *display, bt_diags *diags)
{
    size_t raw_len = 0;
    char *raw = read_file(path, display, diags, &raw_len);
    if (!raw)
        return NULL;
    builder b = {.display = display, .diags = diags};
    char *text = NULL;
    if (check_encoding(raw, raw_len, display, diags))
        text = replace_invalid(raw, raw_len, &b.len, display, diags);
    free(raw);
    if (!text)
        return NULL;
    b.buf = text;
    b.t = calloc(1, sizeof *b.t);
    bool ok = b.t && parse(&b);
    if (!b.t)
        bt_diags_add(diags, BT_ERROR, display, 0, 0, "out of memory reading the file");
    for (int i = 0; i < b.depth; i++)
        free(b.stack_anchor[i]);
    anchor_free(&b.anchors);
    free(text);
    if (!ok) {
        bt_ytree_free(b.t);
        return NULL;
    }
    return b.t;
}

const bt_ynode *bt_ytree_root(const bt_ytree *t)
{
    return t->root;
}

bool bt_ynode_is_null(const bt_ynode *n)
{
    if (!n)
        return true;
    if (n->kind != BT_YNODE_SCALAR || !n->plain)
        return false;
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        if (strcmp(n->str, nulls[i]) == 0)
            return true;
    return false;
}

const char *bt_ynode_kind_words(const bt_ynode *n)
{
    if (!n)
        return _("nothing");
    switch (n->kind) {
    case BT_YNODE_SEQUENCE:
        return _("a list");
    case BT_YNODE_MAPPING:
        return _("a group of 'key: value' lines");
    default:
        return _("a single value");
    }
}
