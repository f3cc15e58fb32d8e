/* diag.c: the problem list. */
#include "diag.h"

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
    }
    free(d->items);
    bt_diags_init(d);
}

void bt_diags_addv(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                   const char *fmt, va_list ap)
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
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    bt_diag *p = &d->items[d->count];
    p->severity = sev;
    p->file = strdup(file ? file : "");
    p->line = line;
    p->col = col;
    p->message = strdup(buf);
    if (!p->file || !p->message) {
        free(p->file);
        free(p->message);
        return;
    }
    d->count++;
}

void bt_diags_add(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bt_diags_addv(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}

void bt_diag_format(const bt_diag *p, char *buf, size_t size)
{
    const char *sev = p->severity == BT_ERROR ? "error" : "warning";
    if (p->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", p->file, p->line, p->col, sev, p->message);
    else
        snprintf(buf, size, "%s: %s: %s", p->file, sev, p->message);
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
        fprintf(out, "(%d more problems not shown)\n", hidden);
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
        } else {
            d->items[w++] = *p;
        }
    }
    d->count = w;
}
