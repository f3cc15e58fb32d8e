/* slide_sources.c: PDFs and folders as many slides (slide_sources.h).
 *
 * Contents: the sink (the growing array of slides, their ids); copies of
 * the template; a PDF's pages; a folder's files. */
#include "slide_sources.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "base/utf8.h"
#include "base/values.h"
#include "mediadir.h"

/* ---- the sink -------------------------------------------------------------- */

bool bt_sink_init(bt_slide_sink *k, bt_reader *r, bt_playlist *pl, struct hsearch_data *ids,
                  int n)
{
    *k = (bt_slide_sink){.r = r, .pl = pl, .ids = ids};
    k->cap = n > 0 ? n : 1;
    memset(ids, 0, sizeof *ids);
    /* Room for every slide a playlist may hold: a folder or a PDF may
     * bring far more than the entries written. */
    if (!(pl->slides = calloc((size_t)k->cap, sizeof *pl->slides)) ||
        !hcreate_r((size_t)BT_MAX_SLIDES * 2, ids)) {
        r->oom = true;
        bt_reader_report(r, BT_ERROR, NULL, "out of memory");
        return false;
    }
    return true;
}

int bt_sink_find(const bt_slide_sink *k, const char *id)
{
    ENTRY *e = NULL;
    if (id && hsearch_r((ENTRY){.key = (char *)id}, FIND, &e, k->ids) && e)
        return (int)(intptr_t)e->data;
    return -1;
}

/* id with "~N" after it, N from 2, the first that is not taken. */
static char *new_id(const bt_slide_sink *k, const char *id)
{
    size_t n = strlen(id) + 16;
    char *c = malloc(n);
    for (int i = 2; c && i <= BT_MAX_SLIDES + 1; i++) {
        snprintf(c, n, "%s~%d", id, i);
        if (bt_sink_find(k, c) < 0)
            return c;
    }
    free(c);
    return NULL;
}

bool bt_sink_add(bt_slide_sink *k, bt_slide *s, bool unique, const bt_ynode *at)
{
    bt_playlist *pl = k->pl;
    if (pl->n_slides >= BT_MAX_SLIDES) {
        if (!k->full)
            bt_reader_report(k->r, BT_ERROR, at,
                             "too many slides: the playlist would hold more than %d; the ones "
                             "from here on are left out",
                             BT_MAX_SLIDES);
        k->full = true;
        bt_slide_clear(s);
        return false;
    }
    if (unique && bt_sink_find(k, s->id) >= 0) {
        char *other = new_id(k, s->id);
        if (!other)
            goto oom;
        free(s->id);
        s->id = other;
    }
    if (pl->n_slides == k->cap) {
        int cap = k->cap * 2 < BT_MAX_SLIDES ? k->cap * 2 : BT_MAX_SLIDES;
        bt_slide *grown = realloc(pl->slides, sizeof *grown * (size_t)cap);
        if (!grown)
            goto oom;
        pl->slides = grown;
        k->cap = cap;
    }
    ENTRY *added = NULL;
    if (!hsearch_r((ENTRY){.key = s->id, .data = (void *)(intptr_t)pl->n_slides}, ENTER, &added,
                   k->ids))
        goto oom; /* the table has room for every slide: only ENOMEM */
    pl->slides[pl->n_slides++] = *s;
    memset(s, 0, sizeof *s);
    return true;
oom:
    k->r->oom = true;
    bt_reader_report(k->r, BT_ERROR, NULL, "out of memory");
    bt_slide_clear(s);
    return false;
}

/* ---- copies of the template -------------------------------------------------- */

static char *dup(const char *s, bool *ok)
{
    char *c = s ? strdup(s) : NULL;
    if (s && !c)
        *ok = false;
    return c;
}

/* "prefix" + sep + "rest", or rest alone without a prefix. */
static char *make_id(const char *prefix, const char *sep, const char *rest)
{
    size_t n = (prefix ? strlen(prefix) + strlen(sep) : 0) + strlen(rest) + 1;
    char *id = malloc(n);
    if (id)
        snprintf(id, n, "%s%s%s", prefix ? prefix : "", prefix ? sep : "", rest);
    return id;
}

/* A slide with tmpl's keys (its own strings), `full` unless tmpl gives a
 * layout, and the id given (taken). False when out of memory (reported). */
static bool from_template(bt_reader *r, const bt_slide *tmpl, char *id, bt_slide *s)
{
    bool ok = id != NULL;
    *s = *tmpl;
    s->id = id;
    s->topic = dup(tmpl->topic, &ok);
    s->title = dup(tmpl->title, &ok);
    s->body = dup(tmpl->body, &ok);
    s->qr = dup(tmpl->qr, &ok);
    s->image = s->image_path = s->pdf = s->pdf_path = s->video = s->video_path = NULL;
    s->image_w = s->image_h = s->pdf_page = 0;
    if (s->layout == BT_LAYOUT_AUTO)
        s->layout = BT_LAYOUT_FULL;
    if (!ok) {
        bt_slide_clear(s);
        r->oom = true;
        bt_reader_report(r, BT_ERROR, NULL, "out of memory");
    }
    return ok;
}

/* ---- a PDF's pages ----------------------------------------------------------- */

void bt_sources_pdf(bt_slide_sink *k, const bt_slide *tmpl, const char *text, const char *abs,
                    const bt_ynode *at, const bt_ynode *pages, const char *prefix)
{
    bt_reader *r = k->r;
    const bt_load_options *o = r->opts;
    char err[600] = "";
    if (!o || !o->pdf_pages) {
        bt_reader_report(r, BT_ERROR, at, "pdf \"%s\" cannot be shown: this program reads no PDFs",
                         text);
        return;
    }
    /* All of it, unless pages says which: read first, so that a mistake
     * there is told even when the PDF cannot be read. */
    bt_page_range ranges[BT_MAX_PAGE_RANGES] = {{1, 0}};
    int nr = 1;
    bool chosen = pages && !bt_ynode_is_null(pages);
    if (chosen && (pages->kind != BT_YNODE_SCALAR ||
                   !bt_parse_pages(pages->str, ranges, BT_MAX_PAGE_RANGES, &nr))) {
        char found[200];
        bt_schema_found(pages, found, sizeof found);
        bt_reader_report(r, BT_ERROR, pages,
                         "pages must be page numbers like \"1-4,7\" or \"3-\" (page 3 to the "
                         "end), not %s",
                         found);
        return;
    }
    int n = o->pdf_pages(o->pdf_ctx, abs, err, sizeof err);
    if (n <= 0) {
        bt_reader_report(r, BT_ERROR, at, "pdf \"%s\" cannot be shown: %s", text,
                         err[0] ? err : "it has no pages");
        return;
    }
    const char *base = prefix ? prefix : text;
    int made = 0;
    bool cut = false;
    for (int i = 0; i < nr && !cut && !r->oom && !k->full; i++) {
        int from = ranges[i].from, to = ranges[i].to ? ranges[i].to : n;
        if (from > n) {
            bt_reader_report(r, BT_ERROR, pages, "pages asks for page %d, but \"%s\" has %d", from,
                             text, n);
            continue;
        }
        if (to > n) {
            bt_reader_report(r, BT_ERROR, pages,
                             "pages asks for pages up to %d, but \"%s\" has %d: the ones after "
                             "page %d are left out",
                             to, text, n, n);
            to = n;
        }
        for (int p = from; p <= to; p++) {
            if (made == BT_MAX_PDF_PAGES) {
                if (chosen)
                    bt_reader_report(r, BT_ERROR, pages,
                                     "pages asks for more than %d pages, the most one PDF may "
                                     "show: the first %d are shown",
                                     BT_MAX_PDF_PAGES, BT_MAX_PDF_PAGES);
                else
                    bt_reader_report(r, BT_ERROR, at,
                                     "pdf \"%s\" has %d pages, more than the %d one PDF may "
                                     "show: the first %d are shown; choose the pages to show "
                                     "(pages: \"1-20\") or split the PDF",
                                     text, n, BT_MAX_PDF_PAGES, BT_MAX_PDF_PAGES);
                cut = true;
                break;
            }
            err[0] = '\0';
            if (o->verify_pdf_page && !o->verify_pdf_page(o->pdf_ctx, abs, p, err, sizeof err)) {
                bt_reader_report(r, BT_ERROR, at, "page %d of pdf \"%s\" cannot be shown: %s", p,
                                 text, err[0] ? err : "it could not be drawn");
                continue;
            }
            char num[16];
            snprintf(num, sizeof num, "%d", p);
            bt_slide s;
            if (!from_template(r, tmpl, make_id(base, "#", num), &s))
                return;
            bool ok = true;
            s.pdf = dup(text, &ok);
            s.pdf_path = dup(abs, &ok);
            s.pdf_page = p;
            if (!ok) {
                bt_slide_clear(&s);
                r->oom = true;
                return;
            }
            if (!bt_sink_add(k, &s, true, at))
                return;
            made++;
        }
    }
}

/* ---- a folder's files -------------------------------------------------------- */

/* text without the '/' at its end ("campaign/" -> "campaign"), malloc'd. */
static char *trimmed(const char *text)
{
    size_t n = strlen(text);
    while (n > 1 && text[n - 1] == '/')
        n--;
    return strndup(text, n);
}

int bt_sources_folder(bt_slide_sink *k, const bt_slide *tmpl, const char *text, const char *abs,
                      const bt_ynode *at, const char *prefix, const char *skip, int *n_media)
{
    bt_reader *r = k->r;
    char err[600] = "";
    bt_media_list l;
    if (!r->root)
        r->root = realpath(r->dir, NULL);
    if (!r->root || !bt_media_list_folder(r->root, abs, skip, &l, err, sizeof err)) {
        bt_reader_report(r, BT_ERROR, at, "folder \"%s\" cannot be read: %s", text,
                         err[0] ? err : "its place cannot be found");
        return 0;
    }
    char *dir = trimmed(text);
    bool here = dir && strcmp(dir, ".") == 0;
    /* Ids: the entry's id, else the folder as written ("campaign/x.png"),
     * else, for the playlist's own folder, the file alone. */
    const char *id_base = prefix ? prefix : here ? NULL : dir;
    int before = k->pl->n_slides, media = 0;
    for (int i = 0; i < l.n_notes; i++)
        bt_reader_report(r, BT_WARNING, at, "folder \"%s\": %s", text, l.notes[i]);
    for (int i = 0; dir && i < l.n && !r->oom && !k->full; i++) {
        const bt_media_entry *e = &l.items[i];
        char *rel = bt_utf8_clean(e->rel, strlen(e->rel), NULL);
        char *shown = rel ? (here ? strdup(rel) : make_id(dir, "/", rel)) : NULL;
        char *id = rel ? make_id(id_base, "/", rel) : NULL;
        if (!shown || !id) {
            free(rel);
            free(shown);
            free(id);
            r->oom = true;
            break;
        }
        bt_slide s;
        bt_img_info info;
        bool ok;
        switch (e->kind) {
        case BT_MEDIA_PICTURE:
            media++;
            if (!bt_schema_probe_image(r, at, "image", shown, e->path, &info))
                break;
            ok = from_template(r, tmpl, id, &s);
            id = NULL; /* taken */
            if (!ok)
                break;
            s.image = shown;
            shown = NULL;
            if (!(s.image_path = strdup(e->path))) {
                bt_slide_clear(&s);
                r->oom = true;
                break;
            }
            s.image_w = info.width;
            s.image_h = info.height;
            bt_sink_add(k, &s, true, at);
            break;
        case BT_MEDIA_PDF:
            media++;
            bt_sources_pdf(k, tmpl, shown, e->path, at, NULL, id);
            break;
        case BT_MEDIA_VIDEO:
            media++;
            if (!bt_schema_probe_video(r, at, shown, e->path))
                break;
            ok = from_template(r, tmpl, id, &s);
            id = NULL;
            if (!ok)
                break;
            s.video = shown;
            s.cut_ms = 0; /* whole: the folder's duration is its pictures' */
            shown = NULL;
            if (!(s.video_path = strdup(e->path))) {
                bt_slide_clear(&s);
                r->oom = true;
                break;
            }
            bt_sink_add(k, &s, true, at);
            break;
        case BT_MEDIA_OTHER:
            bt_reader_report(r, BT_WARNING, at, "\"%s\" %s; it is left out", shown, _(e->why));
            break;
        }
        free(rel);
        free(shown);
        free(id);
    }
    if (!dir)
        r->oom = true;
    else if (media == 0 && !r->oom && here && !at)
        bt_reader_report(r, BT_ERROR, at, "this folder holds no picture, PDF or video to show: "
                                          "put them in it (or a playlist.yaml)");
    else if (media == 0 && !r->oom)
        bt_reader_report(r, BT_ERROR, at,
                         "folder \"%s\" holds no picture, PDF or video to show", text);
    if (n_media)
        *n_media = media;
    free(dir);
    bt_media_list_free(&l);
    return k->pl->n_slides - before;
}
