/* values.c: small parsers for values written as text (see values.h). */
#include "values.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- colours ------------------------------------------------------------ */

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool bt_parse_color(const char *s, bt_color *out)
{
    if (s[0] != '#')
        return false;
    size_t n = strlen(++s);
    if (n != 3 && n != 6 && n != 8)
        return false;
    int v[8] = {0};
    for (size_t i = 0; i < n; i++)
        if ((v[i] = hex((unsigned char)s[i])) < 0)
            return false;
    if (n == 3) {
        *out = (bt_color){(uint8_t)(v[0] * 17), (uint8_t)(v[1] * 17), (uint8_t)(v[2] * 17), 255};
        return true;
    }
    *out = (bt_color){(uint8_t)(v[0] * 16 + v[1]), (uint8_t)(v[2] * 16 + v[3]),
                      (uint8_t)(v[4] * 16 + v[5]), 255};
    if (n == 8)
        out->a = (uint8_t)(v[6] * 16 + v[7]);
    return true;
}

/* ---- dates and times ---------------------------------------------------- */

/* Reads exactly n digits at *s, advancing it. */
static bool digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (!isdigit((unsigned char)**s))
            return false;
        v = v * 10 + (**s - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads a date at *s and advances past it. */
static bool read_date(const char **s, bt_date *out)
{
    int y, m, d;
    if (!digits(s, 4, &y) || *(*s)++ != '-' || !digits(s, 2, &m) || *(*s)++ != '-' ||
        !digits(s, 2, &d))
        return false;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *out = (bt_date){y, m, d};
    return true;
}

bool bt_parse_date(const char *s, bt_date *out)
{
    bt_date d;
    if (!read_date(&s, &d) || *s)
        return false;
    *out = d;
    return true;
}

/* Reads "H:MM" or "HH:MM" at *s and advances past it. */
static bool read_hhmm(const char **s, bool allow_24, int *out)
{
    int h, m;
    int nh = isdigit((unsigned char)(*s)[0]) && isdigit((unsigned char)(*s)[1]) ? 2 : 1;
    if (!digits(s, nh, &h) || *(*s)++ != ':' || !digits(s, 2, &m))
        return false;
    if (m > 59 || h > 24 || (h == 24 && (!allow_24 || m != 0)))
        return false;
    *out = h * 60 + m;
    return true;
}

bool bt_parse_hhmm(const char *s, bool allow_24, int *out)
{
    int v;
    if (!read_hhmm(&s, allow_24, &v) || *s)
        return false;
    *out = v;
    return true;
}

static void skip_spaces(const char **s)
{
    while (**s == ' ')
        (*s)++;
}

bool bt_parse_hours(const char *s, bt_hours *out)
{
    int from, until;
    skip_spaces(&s);
    if (!read_hhmm(&s, false, &from))
        return false;
    skip_spaces(&s);
    if (*s++ != '-')
        return false;
    skip_spaces(&s);
    if (!read_hhmm(&s, true, &until))
        return false;
    skip_spaces(&s);
    if (*s || from == until)
        return false;
    *out = (bt_hours){true, from, until};
    return true;
}

bool bt_parse_datetime(const char *s, bt_date *date, int *minute)
{
    bt_date d;
    int m;
    if (!read_date(&s, &d) || (*s != 'T' && *s != ' '))
        return false;
    s++;
    if (!read_hhmm(&s, false, &m) || *s)
        return false;
    *date = d;
    *minute = m;
    return true;
}

int bt_date_cmp(const bt_date *a, const bt_date *b)
{
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    if (a->m != b->m)
        return a->m < b->m ? -1 : 1;
    return a->d < b->d ? -1 : a->d > b->d;
}

static const char *const day_names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

int bt_parse_day(const char *s)
{
    size_t n = strlen(s);
    if (n < 3)
        return -1;
    for (int d = 0; d < 7; d++)
        if ((n == 3 || n == strlen(day_names[d])) && strncasecmp(s, day_names[d], n) == 0)
            return d;
    return -1;
}

/* ---- numbers ------------------------------------------------------------ */

bool bt_parse_seconds(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    size_t int_digits = strspn(p, "0123456789");
    p += int_digits;
    size_t frac_digits = 0;
    if (*p == '.') {
        p++;
        frac_digits = strspn(p, "0123456789");
        p += frac_digits;
    }
    if (*p || int_digits + frac_digits == 0 || int_digits > 12)
        return false;
    *out = strtod(s, NULL);
    return true;
}

bool bt_parse_long(const char *s, long *out)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p || strspn(p, "0123456789") != strlen(p))
        return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE)
        return false;
    *out = v;
    return true;
}

bool bt_parse_bool(const char *s, bool *out)
{
    static const struct {
        const char *word;
        bool value;
    } words[] = {{"true", true}, {"yes", true}, {"on", true},
                 {"false", false}, {"no", false}, {"off", false}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const char *w = words[i].word;
        char title[8];
        snprintf(title, sizeof title, "%c%s", toupper((unsigned char)w[0]), w + 1);
        /* YAML 1.1 accepts lower, Title and UPPER case, not mIxEd. */
        if (strcmp(s, w) == 0 || strcmp(s, title) == 0 ||
            (strcasecmp(s, w) == 0 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(s))) {
            *out = words[i].value;
            return true;
        }
    }
    return false;
}

bool bt_parse_size(const char *s, int *w, int *h)
{
    long a, b;
    char *end;
    if (!isdigit((unsigned char)*s))
        return false;
    a = strtol(s, &end, 10);
    if ((*end != 'x' && *end != 'X') || !isdigit((unsigned char)end[1]))
        return false;
    b = strtol(end + 1, &end, 10);
    if (*end || a < 1 || b < 1 || a > 100000 || b > 100000)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

/* ---- page lists ---------------------------------------------------------- */

/* A page number: 1 to 999999, digits only. */
static bool read_page(const char **s, int *out)
{
    long v = 0;
    if (!isdigit((unsigned char)**s))
        return false;
    for (; isdigit((unsigned char)**s); (*s)++) {
        v = v * 10 + (**s - '0');
        if (v > 999999)
            return false;
    }
    if (v < 1)
        return false;
    *out = (int)v;
    return true;
}

bool bt_parse_pages(const char *s, bt_page_range *out, int max, int *n)
{
    int count = 0;
    bt_page_range tmp[BT_MAX_PAGE_RANGES];
    for (;;) {
        bt_page_range r;
        skip_spaces(&s);
        if (!read_page(&s, &r.from))
            return false;
        r.to = r.from;
        skip_spaces(&s);
        if (*s == '-') {
            s++;
            skip_spaces(&s);
            if (*s == ',' || *s == '\0')
                r.to = 0; /* "5-": to the last page */
            else if (!read_page(&s, &r.to) || r.to < r.from)
                return false;
            skip_spaces(&s);
        }
        if (count == max || count == BT_MAX_PAGE_RANGES)
            return false;
        tmp[count++] = r;
        if (*s == '\0')
            break;
        if (*s++ != ',')
            return false;
    }
    memcpy(out, tmp, sizeof *tmp * (size_t)count);
    *n = count;
    return true;
}

/* ---- suggestions -------------------------------------------------------- */

/* Optimal string alignment distance, capped: keys are short, so a fixed
 * row size is enough; longer words are never suggested for. */
static int edit_distance(const char *a, const char *b)
{
    enum { MAXLEN = 40 };
    size_t n = strnlen(a, MAXLEN), m = strnlen(b, MAXLEN);
    if (n >= MAXLEN || m >= MAXLEN)
        return INT_MAX;
    int d[MAXLEN + 1][MAXLEN + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

const char *bt_suggest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int best_d = INT_MAX;
    /* A typo is a small share of the word: 1 edit in short keys, up to 3. */
    size_t len = strnlen(word, 64);
    int allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= allowed ? best : NULL;
}
