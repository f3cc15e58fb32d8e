/* diag.c: the problem list. */
#include "diag.h"

#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bt_diags_init(bt_diags *d)
{
    memset(d, 0, sizeof *d);
}

void bt_diags_clear(bt_diags *d)
{
    for (int i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].subject);
    }
    free(d->items);
    bt_diags_init(d);
}

void bt_diags_put(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                  const char *message)
{
    if (sev == BT_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->count >= BT_DIAGS_MAX)
        return;
    if (d->count == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        bt_diag *items = realloc(d->items, (size_t)cap * sizeof *items);
        if (!items)
            return;
        d->items = items;
        d->cap = cap;
    }
    bt_diag *p = &d->items[d->count];
    p->severity = sev;
    p->file = strdup(file ? file : "");
    p->line = line;
    p->col = col;
    p->message = strdup(message);
    p->subject = d->subject[0] ? strdup(d->subject) : NULL;
    size_t k = strlen(d->prefix);
    p->skip = k && strncmp(message, d->prefix, k) == 0 && strncmp(message + k, ": ", 2) == 0
                  ? (int)k + 2
                  : 0;
    if (!p->file || !p->message || (d->subject[0] && !p->subject)) {
        free(p->file);
        free(p->message);
        free(p->subject);
        return;
    }
    d->count++;
}

void bt_diags_add(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                  const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, _(fmt), ap);
    va_end(ap);
    bt_diags_put(d, sev, file, line, col, buf);
}

void bt_diags_subject(bt_diags *d, const char *title, const char *prefix)
{
    snprintf(d->subject, sizeof d->subject, "%s", title ? title : "");
    snprintf(d->prefix, sizeof d->prefix, "%s", prefix && title && *title ? prefix : "");
}

void bt_diag_format(const bt_diag *p, char *buf, size_t size)
{
    const char *sev = p->severity == BT_ERROR ? "error" : "warning";
    if (p->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", p->file, p->line, p->col, sev, p->message);
    else
        snprintf(buf, size, "%s: %s: %s", p->file, sev, p->message);
}

void bt_diag_format_people(const bt_diag *p, char *buf, size_t size)
{
    char place[600], about[300] = "";
    if (p->line > 0)
        /* TRANSLATORS: a place in a file for a clerk: the file, its line and column. */
        snprintf(place, sizeof place, P_("%s, line %d, column %d"), p->file, p->line, p->col);
    else
        snprintf(place, sizeof place, "%s", p->file);
    if (p->subject)
        /* TRANSLATORS: which slide a problem is about, by its title, after its place. */
        snprintf(about, sizeof about, P_(", the slide “%s”"), p->subject);
    snprintf(buf, size, "%s%s: %s", place, about, p->message + p->skip);
}

void bt_diags_print(const bt_diags *d, FILE *out)
{
    char buf[1400];
    for (int i = 0; i < d->count; i++) {
        bt_diag_format(&d->items[i], buf, sizeof buf);
        fprintf(out, "%s\n", buf);
    }
    int hidden = d->errors + d->warnings - d->count;
    if (hidden > 0)
        fprintf(out, _("(%d more problems not shown)\n"), hidden);
}

void bt_diags_drop_repeats(bt_diags *d, int from)
{
    int w = from;
    for (int i = from; i < d->count; i++) {
        bt_diag *p = &d->items[i];
        bool seen = false;
        for (int j = 0; j < from && !seen; j++) {
            const bt_diag *q = &d->items[j];
            seen = q->severity == p->severity && q->line == p->line && q->col == p->col &&
                   strcmp(q->message, p->message) == 0;
        }
        if (seen) {
            if (p->severity == BT_ERROR)
                d->errors--;
            else
                d->warnings--;
            free(p->file);
            free(p->message);
            free(p->subject);
        } else {
            d->items[w++] = *p;
        }
    }
    d->count = w;
}
