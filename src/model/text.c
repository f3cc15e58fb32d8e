/* text.c: breaking text into lines that fit a box.
 *
 * The text is split once into words and paragraphs. Each font size is then
 * tried with a greedy line filler: lines are filled using the sum of the
 * words' widths (each word measured once per size, so long texts stay
 * linear), then every finished line is measured whole, and shortened in the
 * rare case that shaping makes it wider than the sum. A size is abandoned as
 * soon as it produces more lines than the box holds, so trying sizes that are
 * too big costs little even on very long texts. */
#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026 */
#define ELLIPSIS_LEN 3

/* ---- Words and paragraphs (independent of the size) ----------------------- */

typedef struct {
    const char *s;
    int len;
} word;

typedef struct {
    int first, count; /* a range of words; count 0 is a blank line */
} para;

typedef struct {
    word *words;
    int n_words, cap_words;
    para *paras;
    int n_paras, cap_paras;
} doc;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return true;
    int n = *cap ? *cap : 16;
    while (n < need) {
        if (n > INT_MAX / 2)
            return false;
        n *= 2;
    }
    void *q = realloc(*p, (size_t)n * elem);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

static bool doc_add_para(doc *d, int first, int count)
{
    if (!grow((void **)&d->paras, &d->cap_paras, d->n_paras + 1, sizeof *d->paras))
        return false;
    d->paras[d->n_paras++] = (para){first, count};
    return true;
}

/* Splits at newlines and runs of spaces. Blank lines before the first and
 * after the last paragraph are dropped, and a run of blank lines between
 * paragraphs becomes one blank line. */
static bool doc_split(doc *d, const char *text, size_t len)
{
    size_t i = 0;
    bool blank_pending = false;
    while (i <= len) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        int first = d->n_words;
        for (size_t j = i; j < end;) {
            while (j < end && is_space(text[j]))
                j++;
            size_t k = j;
            while (k < end && !is_space(text[k]))
                k++;
            if (k > j) {
                if (!grow((void **)&d->words, &d->cap_words, d->n_words + 1, sizeof *d->words))
                    return false;
                d->words[d->n_words++] = (word){text + j, (int)(k - j)};
            }
            j = k;
        }
        int count = d->n_words - first;
        if (count == 0) {
            blank_pending = d->n_paras > 0;
        } else {
            if (blank_pending && !doc_add_para(d, first, 0))
                return false;
            blank_pending = false;
            if (!doc_add_para(d, first, count))
                return false;
        }
        i = end + 1;
    }
    return true;
}

static void doc_free(doc *d)
{
    free(d->words);
    free(d->paras);
}

/* ---- Graphemes ------------------------------------------------------------ */

/* The end of the grapheme cluster that starts at off: a base character and
 * the combining marks on it stay together (NFD Vietnamese stacks two). */
static int grapheme_next(const char *s, int len, int off)
{
    utf8proc_int32_t prev, c, state = 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + off, len - off, &prev);
    if (n <= 0)
        return off + 1; /* invalid UTF-8 (the contract excludes it): one byte */
    int pos = off + (int)n;
    while (pos < len) {
        n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos, len - pos, &c);
        if (n <= 0 || utf8proc_grapheme_break_stateful(prev, c, &state))
            break;
        prev = c;
        pos += (int)n;
    }
    return pos;
}

/* The start of the last grapheme cluster that ends at or before end, found by
 * walking forward from from (a known boundary). */
static int grapheme_prev(const char *s, int from, int end)
{
    int last = from;
    for (int p = from; p < end;) {
        int q = grapheme_next(s, end, p);
        last = p;
        p = q;
    }
    return last;
}

/* ---- Laying out at one size ----------------------------------------------- */

typedef struct {
    size_t off; /* into the layout's text buffer */
    int len, width;
} line_ref;

typedef struct {
    char *buf;
    size_t len, cap;
    line_ref *lines;
    int n_lines, cap_lines;
    bool more;     /* stopped at the line cap with text left over */
    bool overwide; /* stopped at a character wider than the box */
    bool oom;
} layout;

typedef struct {
    const doc *d;
    const bt_measure *m;
    int size, box_w, cap;
    int space_w;
    int *word_w; /* per word at this size, -1 until measured */
    layout *out;
} ctx;

static int measure(const ctx *c, const char *s, int n)
{
    if (n <= 0)
        return 0;
    int w = c->m->width(c->m->ctx, c->size, s, n);
    return w < 0 ? 0 : w;
}

static int word_width(ctx *c, int wi)
{
    if (c->word_w[wi] < 0)
        c->word_w[wi] = measure(c, c->d->words[wi].s, c->d->words[wi].len);
    return c->word_w[wi];
}

static bool buf_reserve(layout *l, size_t more)
{
    if (l->cap - l->len >= more)
        return true;
    size_t cap = l->cap ? l->cap : 256;
    while (cap - l->len < more) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    char *b = realloc(l->buf, cap);
    if (!b)
        return false;
    l->buf = b;
    l->cap = cap;
    return true;
}

/* A line's span: words first..last, the first from byte first_off, the last
 * up to byte last_end (less than its length when a long word is broken). */
typedef struct {
    int first, first_off, last, last_end;
} span;

/* Writes the span's text (words joined by one space) at the end of the
 * buffer, without committing it; returns its length or -1 when out of memory. */
static int span_build(ctx *c, const span *sp)
{
    layout *l = c->out;
    size_t start = l->len;
    if (!buf_reserve(l, 1)) /* the NUL, even for an empty span */
        return -1;
    for (int wi = sp->first; wi <= sp->last; wi++) {
        const word *w = &c->d->words[wi];
        int from = wi == sp->first ? sp->first_off : 0;
        int to = wi == sp->last ? sp->last_end : w->len;
        if (!buf_reserve(l, (size_t)(to - from) + 2))
            return -1;
        if (wi != sp->first)
            l->buf[l->len++] = ' ';
        memcpy(l->buf + l->len, w->s + from, (size_t)(to - from));
        l->len += (size_t)(to - from);
    }
    l->buf[l->len] = '\0';
    size_t n = l->len - start;
    l->len = start;
    return n > INT_MAX ? -1 : (int)n;
}

static bool emit(layout *l, size_t off, int len, int width)
{
    if (!grow((void **)&l->lines, &l->cap_lines, l->n_lines + 1, sizeof *l->lines))
        return false;
    l->lines[l->n_lines++] = (line_ref){off, len, width};
    return true;
}

/* Measures the span whole and shortens it (a word, or a grapheme of a lone
 * word) until it fits; false when not even one grapheme fits. */
static bool span_fit(ctx *c, span *sp, int *len, int *width)
{
    for (;;) {
        *len = span_build(c, sp);
        if (*len < 0) {
            c->out->oom = true;
            return false;
        }
        *width = measure(c, c->out->buf + c->out->len, *len);
        if (*width <= c->box_w)
            return true;
        if (sp->last > sp->first) {
            sp->last--;
            sp->last_end = c->d->words[sp->last].len;
            continue;
        }
        const word *w = &c->d->words[sp->first];
        int p = grapheme_prev(w->s, sp->first_off, sp->last_end);
        if (p <= sp->first_off)
            return false;
        sp->last_end = p;
    }
}

/* Fills the lines of one paragraph; false when the layout stopped (cap,
 * overwide character, out of memory). */
static bool lay_para(ctx *c, const para *p)
{
    layout *l = c->out;
    int end = p->first + p->count;
    int wi = p->first, off = 0;
    while (wi < end) {
        if (l->n_lines >= c->cap) {
            l->more = true;
            return false;
        }
        span sp = {wi, off, wi, 0};
        const word *w = &c->d->words[wi];
        long long est;
        if (off > 0 || word_width(c, wi) > c->box_w) {
            /* A word longer than the line: as many graphemes as fit. */
            int q = off;
            est = 0;
            while (q < w->len) {
                int r = grapheme_next(w->s, w->len, q);
                int g = measure(c, w->s + q, r - q);
                if (est + g > c->box_w)
                    break;
                est += g;
                q = r;
            }
            if (q == off) {
                l->overwide = true;
                return false;
            }
            sp.last_end = q;
        } else {
            est = word_width(c, wi);
            sp.last_end = w->len;
        }
        /* Whole words after the first, while the estimate fits; none after
         * a piece of a broken word, which fills its line. */
        while (sp.last_end == w->len && sp.last + 1 < end) {
            int ww = word_width(c, sp.last + 1);
            if (est + c->space_w + ww > c->box_w)
                break;
            est += c->space_w + ww;
            sp.last++;
            w = &c->d->words[sp.last];
            sp.last_end = w->len;
        }
        int len, width;
        if (!span_fit(c, &sp, &len, &width)) {
            if (!l->oom)
                l->overwide = true;
            return false;
        }
        if (!emit(l, l->len, len, width)) {
            l->oom = true;
            return false;
        }
        l->len += (size_t)len;
        if (sp.last_end < c->d->words[sp.last].len) {
            wi = sp.last;
            off = sp.last_end;
        } else {
            wi = sp.last + 1;
            off = 0;
        }
    }
    return true;
}

static void layout_reset(layout *l)
{
    l->len = 0;
    l->n_lines = 0;
    l->more = l->overwide = l->oom = false;
}

static void layout_free(layout *l)
{
    free(l->buf);
    free(l->lines);
    memset(l, 0, sizeof *l);
}

static int line_height(const bt_measure *m, int size)
{
    int lh = m->line_height(m->ctx, size);
    return lh < 1 ? 1 : lh;
}

/* How many lines the box holds at this size. */
static int line_cap(const bt_measure *m, int size, int box_h, int max_lines)
{
    int cap = box_h / line_height(m, size);
    if (max_lines > 0 && max_lines < cap)
        cap = max_lines;
    return cap;
}

/* Lays the whole document out at size, stopping after cap lines. False only
 * when out of memory; l->more and l->overwide tell whether it all fitted. */
static bool lay_out(const doc *d, const bt_measure *m, int size, int box_w, int cap, int *word_w,
                    layout *l)
{
    layout_reset(l);
    for (int i = 0; i < d->n_words; i++)
        word_w[i] = -1;
    ctx c = {d, m, size, box_w, cap, 0, word_w, l};
    c.space_w = measure(&c, " ", 1);
    for (int i = 0; i < d->n_paras; i++) {
        if (d->paras[i].count == 0) {
            if (l->n_lines >= cap) {
                l->more = true;
                break;
            }
            if (!emit(l, l->len, 0, 0)) {
                l->oom = true;
                break;
            }
            continue;
        }
        if (!lay_para(&c, &d->paras[i]))
            break;
    }
    return !l->oom;
}

static bool layout_fits(const layout *l)
{
    return !l->more && !l->overwide;
}

/* ---- The ellipsis --------------------------------------------------------- */

/* Ends the last line with "…", dropping words (or, for a lone word,
 * graphemes) until it fits. Trailing blank lines go first: an ellipsis alone
 * under a blank line says less than one after the last words. */
static bool ellipsize(layout *l, const bt_measure *m, int size, int box_w)
{
    while (l->n_lines > 0 && l->lines[l->n_lines - 1].len == 0)
        l->n_lines--;
    if (l->n_lines == 0)
        return true;
    line_ref *lr = &l->lines[l->n_lines - 1];
    int n = lr->len;
    /* The candidate is built at the end of the buffer, after the line. */
    size_t at = lr->off + (size_t)lr->len;
    l->len = at;
    if (!buf_reserve(l, (size_t)n + ELLIPSIS_LEN + 1))
        return false;
    char *line = l->buf + lr->off;
    char *cand = l->buf + at;
    for (;;) {
        memcpy(cand, line, (size_t)n);
        memcpy(cand + n, ELLIPSIS, ELLIPSIS_LEN + 1);
        int w = m->width(m->ctx, size, cand, n + ELLIPSIS_LEN);
        if (w <= box_w) {
            lr->off = at;
            lr->len = n + ELLIPSIS_LEN;
            lr->width = w < 0 ? 0 : w;
            l->len = at + (size_t)lr->len;
            return true;
        }
        if (n == 0)
            return true; /* not even "…" fits: keep the line as it was */
        int sp = n - 1;
        while (sp > 0 && line[sp] != ' ')
            sp--;
        if (sp > 0)
            n = sp;
        else
            n = grapheme_prev(line, 0, n);
    }
}

/* ---- The public call ------------------------------------------------------ */

static bool block_from(const layout *l, int size, int lh, bool truncated, bt_text_block *out)
{
    out->size = size;
    out->line_height = lh;
    out->truncated = truncated;
    if (l->n_lines == 0)
        return true;
    out->lines = calloc((size_t)l->n_lines, sizeof *out->lines);
    if (!out->lines)
        return false;
    for (int i = 0; i < l->n_lines; i++) {
        const line_ref *r = &l->lines[i];
        char *t = malloc((size_t)r->len + 1);
        if (!t) {
            out->n_lines = i;
            return false;
        }
        if (r->len > 0) /* blank lines may come before any text is in buf */
            memcpy(t, l->buf + r->off, (size_t)r->len);
        t[r->len] = '\0';
        out->lines[i] = (bt_line){t, r->width};
        out->n_lines = i + 1;
        if (r->width > out->width)
            out->width = r->width;
    }
    out->height = out->n_lines * lh;
    return true;
}

bool bt_text_layout(const char *text, const bt_measure *m, int box_w, int box_h, int max_size,
                    int min_size, int max_lines, bt_text_block *out)
{
    memset(out, 0, sizeof *out);
    if (min_size < 1)
        min_size = 1;
    if (max_size < min_size)
        max_size = min_size;
    size_t len = text ? strlen(text) : 0;
    if (len > INT_MAX / 2)
        len = INT_MAX / 2; /* word lengths are ints; far beyond any playlist */

    doc d = {0};
    layout best = {0}, scratch = {0};
    int *word_w = NULL;
    bool ok = false;
    if (!doc_split(&d, text ? text : "", len))
        goto error;
    if (d.n_paras == 0) {
        out->size = max_size;
        out->line_height = line_height(m, max_size);
        ok = true;
        goto error;
    }
    word_w = malloc((size_t)(d.n_words ? d.n_words : 1) * sizeof *word_w);
    if (!word_w)
        goto error;

    /* The largest size that fits: max_size first (the usual case), then a
     * binary search between the largest known to fit and the smallest known
     * not to. The greedy breaker is close enough to monotonic in the size
     * for this to find it, and it is deterministic either way. */
    int lo = 0, hi = max_size + 1; /* lo fits (0: none yet), hi does not */
    int size = max_size;
    for (;;) {
        int cap = box_w > 0 ? line_cap(m, size, box_h, max_lines) : 0;
        if (cap > 0 && !lay_out(&d, m, size, box_w, cap, word_w, &scratch))
            goto error;
        if (cap > 0 && layout_fits(&scratch)) {
            layout t = best;
            best = scratch;
            scratch = t;
            lo = size;
        } else {
            hi = size;
        }
        if (lo == 0) {
            if (size == min_size)
                break; /* not even min_size fits */
            size = min_size; /* max_size failed: does anything fit at all? */
            continue;
        }
        if (hi - lo <= 1)
            break;
        size = lo + (hi - lo) / 2;
    }
    if (lo > 0) {
        ok = block_from(&best, lo, line_height(m, lo), false, out);
        goto error;
    }

    /* Nothing fits: at min_size, keep the lines the box holds and end the
     * last with an ellipsis. */
    int cap = box_w > 0 ? line_cap(m, min_size, box_h, max_lines) : 0;
    layout_reset(&best);
    if (cap > 0) {
        if (!lay_out(&d, m, min_size, box_w, cap, word_w, &best))
            goto error;
        if (!ellipsize(&best, m, min_size, box_w))
            goto error;
    }
    ok = block_from(&best, min_size, line_height(m, min_size), true, out);

error:
    free(word_w);
    layout_free(&best);
    layout_free(&scratch);
    doc_free(&d);
    if (!ok)
        bt_text_block_free(out);
    return ok;
}

void bt_text_block_free(bt_text_block *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->n_lines; i++)
        free(b->lines[i].text);
    free(b->lines);
    memset(b, 0, sizeof *b);
}
